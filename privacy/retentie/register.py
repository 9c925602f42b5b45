"""The verwerkingsregister as a table: the columns of AVG art. 30 lid 1, and the
exports (CSV for Dutch Excel, XLSX). No formula can enter a cell (casefiles.csvsafe).
Also the purpose values the application writes in the access log, for the register's
link to it."""

from __future__ import annotations

import csv
import io

from casefiles.csvsafe import neutraliseer, xlsx_append

KOLOMMEN = [
    ("naam", "Verwerking"),
    ("doel", "Doel (art. 30 lid 1 b)"),
    ("grondslag", "Grondslag (art. 6)"),
    ("wettelijke_basis", "Wettelijke basis"),
    ("bijzondere_gegevens", "Bijzondere persoonsgegevens (art. 9/10)"),
    ("categorieen_betrokkenen", "Categorieën betrokkenen (art. 30 lid 1 c)"),
    ("categorieen_gegevens", "Categorieën persoonsgegevens (art. 30 lid 1 c)"),
    ("ontvangers", "Ontvangers (art. 30 lid 1 d)"),
    ("doorgifte_buiten_eer", "Doorgifte buiten de EER (art. 30 lid 1 e)"),
    ("bewaartermijn", "Bewaartermijn (art. 30 lid 1 f)"),
    ("beveiliging", "Beveiliging (art. 30 lid 1 g, art. 32)"),
    ("toegangslog", "Doelen en onderdelen in het toegangslog"),
]


def toegangslog_doelen() -> list[tuple[str, str]]:
    """Every value the application writes in the access log's ``doel`` field, as
    (value, where it comes from). An empty purpose is the everyday case work."""
    from casefiles.admin_base import NOODTOEGANG
    from casefiles.partners.permissions import DOEL as PARTNER_DOEL
    from intake.choices import DoelInzage

    from .services import DOEL as RETENTIE_DOEL

    doelen = [("", "gewone dossierbehandeling (geen apart doel)")]
    doelen += [(str(d.label), "inzage gezondheid (intake)") for d in DoelInzage]
    doelen += [
        (NOODTOEGANG, "noodtoegang beheer"),
        (PARTNER_DOEL, "ketenpartner"),
        ("SEPA-betaalbestand naar de bank", "ontzorgen"),
        ("inhoudingsopdracht naar de uitkeringsadministratie", "ontzorgen"),
        ("inhoudingsopdracht voor het dossier", "ontzorgen"),
        (RETENTIE_DOEL, "bewaartermijn (privacy)"),
    ]
    return doelen


def _bewaartermijn(v) -> str:
    from .rules import STANDAARD_TERMIJNEN

    delen = []
    if v.bewaarsoort:
        standaard = STANDAARD_TERMIJNEN[v.bewaarsoort]
        delen.append(
            f"{v.get_bewaarsoort_display()}: standaard {standaard.jaren} jaar na einddatum "
            f"dossier ({standaard.bron}); per gemeente in te stellen"
        )
    if v.bewaartermijn_toelichting:
        delen.append(v.bewaartermijn_toelichting)
    return ". ".join(delen)


def rij(v) -> list[str]:
    doelen = ", ".join(f"'{d}'" if d else "(leeg)" for d in v.toegangslog_doelen)
    onderdelen = ", ".join(v.toegangslog_onderdelen)
    waarden = {
        "naam": v.naam,
        "doel": v.doel,
        "grondslag": v.get_grondslag_display(),
        "wettelijke_basis": v.wettelijke_basis,
        "bijzondere_gegevens": v.bijzondere_gegevens,
        "categorieen_betrokkenen": v.categorieen_betrokkenen,
        "categorieen_gegevens": v.categorieen_gegevens,
        "ontvangers": v.ontvangers,
        "doorgifte_buiten_eer": v.doorgifte_buiten_eer,
        "bewaartermijn": _bewaartermijn(v),
        "beveiliging": v.beveiliging,
        "toegangslog": f"doel: {doelen}; onderdeel: {onderdelen}",
    }
    return [str(waarden[k]) for k, _ in KOLOMMEN]


def register_csv(verwerkingen) -> str:
    buf = io.StringIO()
    buf.write("\ufeff")
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow([titel for _, titel in KOLOMMEN])
    for v in verwerkingen:
        w.writerow([neutraliseer(c) for c in rij(v)])
    return buf.getvalue()


def register_xlsx(verwerkingen) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Verwerkingsregister"
    xlsx_append(ws, [titel for _, titel in KOLOMMEN])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for v in verwerkingen:
        xlsx_append(ws, rij(v))
    for col in ws.columns:
        ws.column_dimensions[col[0].column_letter].width = 40
        for cell in col:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
