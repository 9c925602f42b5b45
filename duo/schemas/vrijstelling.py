"""DUO Vrijstelling API 1.0.0 (SDI012): ``GET /personen/{bsn}/vrijstellingen``.
Written from ../shared/duo-m2m/API/Vrijstelling/openapi.yml."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ._base import array, obj, opt_date, opt_enum

AANVRAAG_OORDEEL = ("Toekenning", "Afwijzing")
REDEN = ("AVI", "DIP", "DOC", "GED", "INB", "INS", "OPL")
EXAMENONDERDEEL = ("LE", "LU", "SC", "SP")
EXAMENNIVEAU = ("A2", "B1")
SOORTEN = ("GeheleVrijstelling", "TijdelijkeVrijstelling", "GedeeltelijkeVrijstelling")


@dataclass(frozen=True)
class Vrijstelling:
    """One of ``GeheleVrijstelling``, ``TijdelijkeVrijstelling`` or
    ``GedeeltelijkeVrijstelling`` (``oordeel`` and ``reden`` required in each)."""

    soort: str
    oordeel: str
    reden: str
    datum_oordeel: date | None = None
    startdatum: date | None = None
    einddatum: date | None = None
    examenonderdeel: str | None = None
    examenniveau: str | None = None

    @property
    def toegekend(self) -> bool:
        return self.oordeel == "Toekenning"


def vrijstellingen(data: Any) -> list[Vrijstelling]:
    """The response: an array (max 200) of ``Vrijstelling`` objects, each holding
    one or more of the three kinds."""
    result: list[Vrijstelling] = []
    for item in array(data, "vrijstellingen", max_items=200):
        item = obj(item, "Vrijstelling")
        for soort in SOORTEN:
            if item.get(soort) is None:
                continue
            d = obj(item[soort], soort)
            result.append(
                Vrijstelling(
                    soort=soort,
                    oordeel=str(opt_enum(d, "oordeel", soort, AANVRAAG_OORDEEL, required=True)),
                    reden=str(opt_enum(d, "reden", soort, REDEN, required=True)),
                    datum_oordeel=opt_date(d, "datumOordeel", soort),
                    startdatum=opt_date(d, "startdatum", soort),
                    einddatum=opt_date(d, "einddatum", soort),
                    examenonderdeel=opt_enum(d, "examenonderdeel", soort, EXAMENONDERDEEL),
                    examenniveau=opt_enum(d, "examenniveau", soort, EXAMENNIVEAU),
                )
            )
    return result
