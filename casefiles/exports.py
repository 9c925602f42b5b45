"""Export of the werkvoorraad (the caseload) to CSV and XLSX, with the same columns
as the list on screen. The BSN stays masked, as on screen."""

from __future__ import annotations

import csv
import io

from django.utils import timezone
from django.utils.formats import date_format

KOLOMMEN = [
    "Naam",
    "BSN",
    "Gemeente",
    "Status",
    "Doelgroep",
    "Volgende deadline",
    "Volgende taak",
    "Open taken",
    "Te laat",
]
"""The columns of the werkvoorraad list, in its order."""


def rij(d) -> list:
    """One dossier of ``selectors.werkvoorraad_dossiers`` as a row of the export."""
    return [
        d.inburgeraar.volledige_naam,
        d.inburgeraar.bsn_gemaskeerd,
        d.gemeente.naam,
        d.get_status_display(),
        d.get_doelgroep_display(),
        d.volgende_deadline,
        d.volgende_taak or "",
        d.open_taken_count,
        d.te_laat_count,
    ]


def werkvoorraad_csv(dossiers) -> bytes:
    """``;``-separated, UTF-8 with BOM (Dutch Excel), dates as 17-03-2027."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(KOLOMMEN)
    for d in dossiers:
        waarden = rij(d)
        if waarden[5]:
            waarden[5] = date_format(waarden[5], "d-m-Y")
        writer.writerow(["" if w is None else w for w in waarden])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def werkvoorraad_xlsx(dossiers) -> bytes:
    """One sheet *Werkvoorraad*; dates as real dates (shown dd-mm-jjjj)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Werkvoorraad"
    ws.append(KOLOMMEN)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for d in dossiers:
        ws.append(rij(d))
        if d.volgende_deadline:
            ws.cell(row=ws.max_row, column=6).number_format = "dd-mm-yyyy"
    for kolom, breedte in zip("ABCDEFGHI", (28, 12, 16, 20, 20, 16, 40, 11, 9), strict=True):
        ws.column_dimensions[kolom].width = breedte
    ws.append([])
    ws.append([f"Gemaakt op {date_format(timezone.localdate(), 'j F Y')}"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
