"""Building the inzage export of one person: the JSON (art. 20), the readable PDF with
a cover letter (art. 15) and one ZIP with both and the files (documents, letters)."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from .sections import Bron, Record, sections

FORMAT_VERSIE = 1
PDF_TEMPLATE = "privacy/pdf/inzage.html"


COMPACT_MAX_KOLOMMEN = 7
"""A kind of record with at most this many filled fields is shown in the PDF as one
table with a row per record (payments, hours, the timeline); longer records get a
table of their own."""


PDF_WEGLATEN = frozenset(
    {"gemeente", "dossier", "sha256", "aangemaakt_op", "gewijzigd_op", "volgorde", "sleutel"}
)
"""Fields the PDF leaves out to stay readable (the JSON keeps them all): the gemeente is
the letterhead, a person has one dossier per gemeente (casefiles.services.dossier_create),
and checksums, record timestamps, sort orders and task keys are bookkeeping."""


@dataclass
class Groep:
    """Records of one kind, consecutive in a section, as the PDF shows them."""

    soort_label: str
    records: list[Record]
    kolommen: list[str]

    @property
    def compact(self) -> bool:
        return len(self.kolommen) <= COMPACT_MAX_KOLOMMEN

    @property
    def rijen(self) -> list[list[str]]:
        out = []
        for r in self.records:
            per_label = {v.label: v.tekst for v in r.velden}
            out.append([per_label.get(k, "") for k in self.kolommen])
        return out


@dataclass
class SectieInhoud:
    name: str
    title: str
    uitleg: str
    records: list[Record]

    @property
    def groepen(self) -> list[Groep]:
        groepen: list[Groep] = []
        for r in self.records:
            if not groepen or groepen[-1].soort_label != r.soort_label:
                groepen.append(Groep(r.soort_label, [], []))
            g = groepen[-1]
            g.records.append(r)
            for v in r.gevulde_velden:
                if v.naam not in PDF_WEGLATEN and v.label not in g.kolommen:
                    g.kolommen.append(v.label)
        return groepen


@dataclass
class Export:
    inburgeraar: Any
    gemeente: Any
    dossier_ids: tuple[int, ...]
    gemaakt_op: Any
    verzoek_id: int | None
    secties: list[SectieInhoud] = field(default_factory=list)

    @property
    def bestanden(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for s in self.secties:
            for r in s.records:
                out.update(r.bestanden)
        return out

    def samenvatting(self) -> dict[str, int]:
        """Records per section (counts only: stored on the request)."""
        return {s.name: len(s.records) for s in self.secties}


def build(*, inburgeraar, dossier_ids: tuple[int, ...], verzoek_id: int | None = None) -> Export:
    bron = Bron(inburgeraar=inburgeraar, dossier_ids=tuple(dossier_ids))
    export = Export(
        inburgeraar=inburgeraar,
        gemeente=inburgeraar.gemeente,
        dossier_ids=bron.dossier_ids,
        gemaakt_op=timezone.now(),
        verzoek_id=verzoek_id,
    )
    for s in sections():
        export.secties.append(SectieInhoud(s.name, s.title, s.uitleg, list(s.collector(bron))))
    return export


def as_json(export: Export) -> dict[str, Any]:
    return {
        "formaat": "inburgering-avg-inzage",
        "formaat_versie": FORMAT_VERSIE,
        "gemaakt_op": export.gemaakt_op.isoformat(),
        "verzoek": export.verzoek_id,
        "verwerkingsverantwoordelijke": {
            "gemeente": export.gemeente.naam,
            "cbs_code": export.gemeente.cbs_code,
        },
        "dossiers": list(export.dossier_ids),
        "secties": [
            {
                "naam": s.name,
                "titel": s.title,
                "aantal": len(s.records),
                "records": [r.as_json() for r in s.records],
            }
            for s in export.secties
        ],
        "bestanden": sorted(export.bestanden),
    }


def json_bytes(export: Export) -> bytes:
    return json.dumps(as_json(export), ensure_ascii=False, indent=2, default=str).encode()


def pdf_bytes(export: Export) -> bytes:
    from casefiles.pdf import render_html_to_pdf

    html = render_to_string(
        PDF_TEMPLATE,
        {
            "export": export,
            "persoon": export.inburgeraar,
            "gemeente": export.gemeente,
            "datum": timezone.localdate(),
            "bestanden": sorted(export.bestanden),
        },
    )
    return render_html_to_pdf(html)


def zip_bytes(export: Export) -> bytes:
    """inzage.pdf, inzage.json and every file of the dossier, in one ZIP."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("inzage.pdf", pdf_bytes(export))
        zf.writestr("inzage.json", json_bytes(export))
        for pad, file in sorted(export.bestanden.items()):
            try:
                with file.open("rb") as fh:
                    zf.writestr(pad, fh.read())
            except FileNotFoundError:
                zf.writestr(pad + ".ontbreekt.txt", "Dit bestand is niet meer aanwezig.\n")
    return buf.getvalue()
