"""DUO Examen API 1.0.0 (SDI017): ``GET /personen/{bsn}/examens/resultaten``.
Written from ../shared/duo-m2m/API/Examen/openapi.yml."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ._base import array, obj, opt_date, opt_enum

RESULTAAT = ("Geslaagd", "Gezakt", "Geen")
REDEN_GEEN_RESULTAAT = ("Verwijtbaar", "Nietverwijtbaar", "Afgemeld", "Absent")
ONDERDEEL = ("KNM", "LE", "LU", "SC", "SP")
NIVEAU = ("A2", "B1", "B2")


@dataclass(frozen=True)
class Examenresultaat:
    """Schema ``Examenresultaat``: ``examendatum``, ``resultaat`` and ``onderdeel``
    required."""

    examendatum: date
    resultaat: str
    onderdeel: str
    niveau: str | None = None
    reden_geen_resultaat: str | None = None

    @classmethod
    def from_json(cls, data: Any) -> Examenresultaat:
        w = "Examenresultaat"
        d = obj(data, w)
        datum = opt_date(d, "examendatum", w, required=True)
        assert datum is not None
        return cls(
            examendatum=datum,
            resultaat=str(opt_enum(d, "resultaat", w, RESULTAAT, required=True)),
            onderdeel=str(opt_enum(d, "onderdeel", w, ONDERDEEL, required=True)),
            niveau=opt_enum(d, "niveau", w, NIVEAU),
            reden_geen_resultaat=opt_enum(d, "redenGeenResultaat", w, REDEN_GEEN_RESULTAAT),
        )


def resultaten(data: Any) -> list[Examenresultaat]:
    return [Examenresultaat.from_json(r) for r in array(data, "resultaten", max_items=500)]
