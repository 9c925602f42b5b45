"""python manage.py avg_inzage --bsn BSN --gemeente CBSCODE --out DIR [--ontvangen JJJJ-MM-DD]

The same inzage export as the privacy page (AVG art. 15/20), for the command line:
the request is registered and access-logged with the system actor, the export is
made at once and written to DIR as ``inzage-<verzoek>.zip`` (PDF, JSON and files).
The BSN is read from the argument and is never printed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from casefiles.models import Gemeente
from privacy.inzage.services import inzage_direct, systeem_actor


class Command(BaseCommand):
    help = "Maakt de AVG-inzage (PDF en JSON) van één inburgeraar van één gemeente."

    def add_arguments(self, parser):
        parser.add_argument("--bsn", required=True, help="BSN van de inburgeraar")
        parser.add_argument("--gemeente", required=True, help="CBS-code van de gemeente")
        parser.add_argument("--out", required=True, help="map waarin het ZIP-bestand komt")
        parser.add_argument(
            "--ontvangen", default="", help="datum waarop het verzoek binnenkwam (JJJJ-MM-DD)"
        )

    def handle(self, *args, bsn, gemeente, out, ontvangen, **options):
        try:
            gemeente_obj = Gemeente.objects.get(cbs_code=gemeente)
        except Gemeente.DoesNotExist as exc:
            raise CommandError(f"Onbekende gemeente met CBS-code {gemeente}.") from exc
        try:
            ontvangen_op = dt.date.fromisoformat(ontvangen) if ontvangen else timezone.localdate()
        except ValueError as exc:
            raise CommandError("Geef --ontvangen als JJJJ-MM-DD.") from exc
        map_ = Path(out)
        if not map_.is_dir():
            raise CommandError(f"Map bestaat niet: {out}")
        try:
            verzoek, data = inzage_direct(
                actor=systeem_actor(), gemeente=gemeente_obj, bsn=bsn, ontvangen_op=ontvangen_op
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        pad = map_ / f"inzage-{verzoek.pk}.zip"
        pad.write_bytes(data)
        pad.chmod(0o600)
        totaal = sum(verzoek.samenvatting.values())
        self.stdout.write(
            f"Inzageverzoek {verzoek.pk}: {totaal} gegevens in "
            f"{len(verzoek.samenvatting)} onderdelen geschreven naar {pad}"
        )
