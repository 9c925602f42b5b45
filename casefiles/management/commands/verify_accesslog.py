"""python manage.py verify_accesslog [--anchor FILE] — check the access log's hash
chain and report every row deleted, altered or inserted behind the application's
back (casefiles.accesslog). Exit status 1 when anything is wrong.

``--anchor FILE`` keeps the head of the chain (sequence number and hash) in a file
outside the database (e.g. on the backup server): the next run also reports when
rows at the end were removed since, which the chain itself cannot show."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from casefiles import accesslog


class Command(BaseCommand):
    help = "Controleert de hashketen van het toegangslog."

    def add_arguments(self, parser):
        parser.add_argument(
            "--anchor",
            help="Bestand (buiten de database) met de kop van de vorige controle; "
            "wordt bijgewerkt als alles klopt.",
        )

    def handle(self, *args, **options):
        report = accesslog.verify()
        findings = [f.text for f in report.findings]
        anchor = Path(options["anchor"]) if options.get("anchor") else None
        if anchor is not None and anchor.exists():
            vorige = json.loads(anchor.read_text())
            if not _anchor_holds(vorige):
                findings.append(
                    f"de kop van de vorige controle (volgnummer {vorige['seq']}) ontbreekt of "
                    "is anders: regels aan het eind zijn verwijderd of gewijzigd"
                )
        if findings:
            lines = "\n".join(f"- {text}" for text in findings)
            raise CommandError(
                f"Het toegangslog is niet intact: {len(findings)} bevinding(en) "
                f"in {report.rows} regels:\n{lines}"
            )
        if anchor is not None:
            anchor.write_text(json.dumps({"seq": report.head_seq, "hash": report.head_hash}))
        self.stdout.write(
            f"Toegangslog intact: {report.rows} regels, keten tot volgnummer "
            f"{report.head_seq} (hash {report.head_hash[:16]}…)."
        )


def _anchor_holds(vorige: dict) -> bool:
    from casefiles.models import AccessLog

    if not vorige.get("seq"):
        return True
    return AccessLog.objects.filter(seq=vorige["seq"], hash=vorige["hash"]).exists()
