"""DUO Ontheffing API 1.0.0 (SDI013): ``GET /personen/{bsn}/ontheffingen``.
Written from ../shared/duo-m2m/API/Ontheffing/openapi.yml."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ._base import array, obj, opt_date, opt_enum, opt_int

AANVRAAG_OORDEEL = ("Toekenning", "Afwijzing")
GROND = ("BIO", "MED")
EXAMENONDERDEEL = ("KNM", "LE", "LU", "SC", "SP")
SOORTEN = ("GeheleOntheffing", "GedeeltelijkeOntheffing")


@dataclass(frozen=True)
class Ontheffing:
    """``GeheleOntheffing`` or ``GedeeltelijkeOntheffing``: ``oordeel``,
    ``datumOordeel`` and ``grond`` required. The grond may be medical (MED): it is
    never written to a timeline line or a log."""

    soort: str
    oordeel: str
    datum_oordeel: date
    grond: str
    examenonderdeel: str | None = None
    uren_belastbaarheid: int | None = None

    @property
    def toegekend(self) -> bool:
        return self.oordeel == "Toekenning"


def ontheffingen(data: Any) -> list[Ontheffing]:
    result: list[Ontheffing] = []
    for item in array(data, "ontheffingen", max_items=200):
        item = obj(item, "Ontheffing")
        for soort in SOORTEN:
            if item.get(soort) is None:
                continue
            d = obj(item[soort], soort)
            datum = opt_date(d, "datumOordeel", soort, required=True)
            assert datum is not None
            result.append(
                Ontheffing(
                    soort=soort,
                    oordeel=str(opt_enum(d, "oordeel", soort, AANVRAAG_OORDEEL, required=True)),
                    datum_oordeel=datum,
                    grond=str(opt_enum(d, "grond", soort, GROND, required=True)),
                    examenonderdeel=opt_enum(d, "examenonderdeel", soort, EXAMENONDERDEEL),
                    uren_belastbaarheid=opt_int(
                        d, "urenBelastbaarheidParticipatieactiviteit", soort
                    ),
                )
            )
    return result
