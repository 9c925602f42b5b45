"""The indicator table as CSV and XLSX. Both go through :attr:`Rij.exporteerbare_waarde`
/ :func:`monitoring.rules.weergave`, so a figure below 5 is "<5" in every export.

CSV: semicolon-separated, UTF-8 with BOM (opens in Dutch Excel), decimal comma —
the text exactly as shown on screen. XLSX: numbers as numbers, "<5" as text, and a
second sheet with the filters and the definitions. Neither format can carry a formula:
text that starts with = + - @, a tab or a CR is neutralised (casefiles.csvsafe)."""

from __future__ import annotations

import csv
import io

from django.utils import timezone

from casefiles.csvsafe import neutraliseer, xlsx_append

from . import rules
from .choices import Richting
from .indicators import Filters, Rij

KOLOMMEN = [
    "sleutel",
    "groep",
    "indicator",
    "eenheid",
    "waarde",
    "doel",
    "richting",
    "oordeel",
    "gemeenten",
    "van",
    "tot",
]


def _meta(f: Filters) -> tuple[str, str, str]:
    namen = ", ".join(g.naam for g in f.gemeenten)
    return namen, f.van.isoformat(), f.tot.isoformat()


def _oordeel(rij: Rij) -> str:
    return rij.oordeel


def tabel_csv(rijen: list[Rij], f: Filters) -> str:
    namen, van, tot = _meta(f)
    buf = io.StringIO()
    buf.write("\ufeff")
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(KOLOMMEN)
    for r in rijen:
        w.writerow(
            [
                neutraliseer(v)
                for v in (
                    r.sleutel,
                    str(r.indicator.groep),
                    r.label,
                    r.eenheid,
                    r.weergave,
                    r.doel_weergave,
                    str(Richting(r.indicator.richting).label),
                    _oordeel(r),
                    namen,
                    van,
                    tot,
                )
            ]
        )
    return buf.getvalue()


def tabel_xlsx(rijen: list[Rij], f: Filters) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    namen, van, tot = _meta(f)
    wb = Workbook()
    ws = wb.active
    ws.title = "Indicatoren"
    ws.append(KOLOMMEN)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in rijen:
        waarde = r.exporteerbare_waarde
        if waarde is not None and not isinstance(waarde, str):
            waarde = float(waarde)
        doel = None if r.doel is None else float(r.doel)
        xlsx_append(
            ws,
            [
                r.sleutel,
                str(r.indicator.groep),
                r.label,
                r.eenheid,
                waarde,
                doel,
                str(Richting(r.indicator.richting).label),
                _oordeel(r),
                namen,
                van,
                tot,
            ],
        )
    ws.column_dimensions["C"].width = 60
    info = wb.create_sheet("Toelichting")
    xlsx_append(info, ["Gemeenten", namen])
    info.append(["Periode", f"{van} t/m {tot}"])
    info.append(["Cohort", f.cohort or "alle"])
    info.append(["Doelgroep", f.doelgroep or "alle"])
    info.append(["Leerroute", f.leerroute or "alle"])
    info.append(["Berekend op", timezone.localtime().strftime("%Y-%m-%d %H:%M")])
    info.append(["Kleine aantallen", f"Aantallen onder {rules.SUPPRESSIE_GRENS} staan als '<5'."])
    info.append([])
    info.append(["Indicator", "Definitie"])
    gezien = set()
    for r in rijen:
        if r.indicator.key not in gezien:
            gezien.add(r.indicator.key)
            xlsx_append(info, [str(r.indicator.label), r.indicator.definitie])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def bestandsnaam(f: Filters, ext: str) -> str:
    return f"indicatoren-{f.van.isoformat()}-{f.tot.isoformat()}.{ext}"
