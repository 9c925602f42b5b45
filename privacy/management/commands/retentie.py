"""python manage.py retentie [--dry-run] [--gemeente CBSCODE] [--datum JJJJ-MM-DD]

Anonymise the dossiers whose retention period has passed (privacy.retentie.services)
and delete unconfirmed import files; with ``--dry-run`` only report, per gemeente and
kind, how many dossiers would be anonymised and their ids (ids only, never a name or
a BSN). The nightly beat job runs the same service."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from privacy.retentie.choices import Bewaarsoort
from privacy.retentie.services import importbestanden_opruimen, retentie_uitvoeren


class Command(BaseCommand):
    help = (
        "Anonimiseert dossiers waarvan de bewaartermijn verstreken is (--dry-run: alleen verslag)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Niets wijzigen; alleen het verslag."
        )
        parser.add_argument("--gemeente", help="Alleen deze gemeente (CBS-code).")
        parser.add_argument("--datum", help="Rekenen alsof het vandaag deze datum is (JJJJ-MM-DD).")

    def handle(self, *args, **options):
        from casefiles.models import Gemeente

        gemeente_ids = None
        if options.get("gemeente"):
            g = Gemeente.objects.filter(cbs_code=options["gemeente"]).first()
            if g is None:
                raise CommandError(f"Onbekende gemeente (CBS-code {options['gemeente']}).")
            gemeente_ids = [g.pk]
        vandaag = None
        if options.get("datum"):
            try:
                vandaag = date.fromisoformat(options["datum"])
            except ValueError as exc:
                raise CommandError("Geef de datum als JJJJ-MM-DD.") from exc
        dry = options["dry_run"]
        verslag = retentie_uitvoeren(dry_run=dry, vandaag=vandaag, gemeente_ids=gemeente_ids)
        imports = importbestanden_opruimen(dry_run=dry)
        namen = dict(Gemeente.objects.values_list("pk", "cbs_code"))
        kop = "Proefdraai (er is niets gewijzigd)" if dry else "Uitgevoerd"
        werkwoord = "zou anonimiseren" if dry else "geanonimiseerd"
        self.stdout.write(f"{kop}.")
        for soort in Bewaarsoort:
            per = verslag.dossiers.get(soort.value, {})
            aantal = verslag.aantal(soort.value)
            self.stdout.write(f"{soort.label}: {aantal} dossier(s) {werkwoord}")
            for gemeente_id, ids in sorted(per.items()):
                lijst = ", ".join(str(i) for i in ids)
                self.stdout.write(
                    f"  gemeente {namen.get(gemeente_id, gemeente_id)}: {len(ids)} — ids {lijst}"
                )
        self.stdout.write(f"Personen: {verslag.aantal_personen} {werkwoord}")
        for gemeente_id, ids in sorted(verslag.personen.items()):
            lijst = ", ".join(str(i) for i in ids)
            self.stdout.write(
                f"  gemeente {namen.get(gemeente_id, gemeente_id)}: {len(ids)} — ids {lijst}"
            )
        if not dry:
            self.stdout.write(f"Bestanden verwijderd: {verslag.bestanden}")
        self.stdout.write(
            f"Onbevestigde importbestanden (ouder dan 24 uur): {len(imports)} "
            + ("zou verwijderen" if dry else "verwijderd")
        )
