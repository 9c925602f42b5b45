"""python manage.py export_indicators --gemeente CBSCODE --van YYYY-MM-DD --tot YYYY-MM-DD
--format csv|xlsx [--output FILE]"""

from __future__ import annotations

import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from casefiles.models import Gemeente
from monitoring.exports import tabel_csv, tabel_xlsx
from monitoring.indicators import Filters, bereken


def _datum(tekst: str) -> date:
    try:
        return date.fromisoformat(tekst)
    except ValueError as exc:
        raise CommandError(f"Ongeldige datum '{tekst}': gebruik JJJJ-MM-DD.") from exc


class Command(BaseCommand):
    help = (
        "Exporteert de indicatorentabel van één gemeente over een periode als CSV of XLSX "
        "(kleine aantallen als '<5'). Zonder --output naar stdout; XLSX alleen met --output."
    )

    def add_arguments(self, parser):
        parser.add_argument("--gemeente", required=True, help="CBS-code, bijv. 1690")
        parser.add_argument("--van", required=True, help="begin van de periode, JJJJ-MM-DD")
        parser.add_argument("--tot", required=True, help="einde (tot en met), JJJJ-MM-DD")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", help="bestand; zonder: standaarduitvoer")
        parser.add_argument("--cohort", type=int, help="jaar waarin de plicht startte")
        parser.add_argument("--doelgroep", default="")
        parser.add_argument("--leerroute", default="")

    def handle(self, *args, **opts):
        gemeente = Gemeente.objects.filter(cbs_code=opts["gemeente"]).first()
        if gemeente is None:
            raise CommandError(f"Geen gemeente met CBS-code {opts['gemeente']}.")
        van, tot = _datum(opts["van"]), _datum(opts["tot"])
        if tot < van:
            raise CommandError("De datum --tot ligt voor --van.")
        if opts["format"] == "xlsx" and not opts.get("output"):
            raise CommandError(
                "Een XLSX-bestand is binair en wordt niet naar het scherm geschreven: "
                "geef een bestand op met --output."
            )
        f = Filters(
            gemeente_ids=(gemeente.pk,),
            van=van,
            tot=tot,
            cohort=opts.get("cohort"),
            doelgroep=opts.get("doelgroep") or "",
            leerroute=opts.get("leerroute") or "",
        )
        rijen = bereken(f)
        if opts["format"] == "xlsx":
            with open(opts["output"], "wb") as fh:
                fh.write(tabel_xlsx(rijen, f))
            self.stderr.write(f"{len(rijen)} regels geschreven naar {opts['output']}.")
            return
        tekst = tabel_csv(rijen, f)
        if opts.get("output"):
            with open(opts["output"], "w", encoding="utf-8", newline="") as fh:
                fh.write(tekst)
            self.stderr.write(f"{len(rijen)} regels geschreven naar {opts['output']}.")
        else:
            out = self.stdout._out if hasattr(self.stdout, "_out") else sys.stdout
            out.write(tekst)
