"""DUO Inburgeringsplicht API 1.2.2 (SDI005): ``GET /personen/{bsn}/inburgeringsplicht``
and ``GET /personen/{bsn}/doelgroep``. Written from
../shared/duo-m2m/API/Inburgeringsplicht/openapi.yml."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ._base import obj, opt_bool, opt_date, opt_enum

REDEN_GEEN_INBURGERINGSPLICHT = (
    "Volledige ontheffing",
    "Volledige vrijstelling",
    "Inburgeringsplicht voldaan",
    "Verblijfsdoel gewijzigd",
    "Vertrek uit Nederland langer dan een jaar",
    "Overlijden",
    "Overig",
    "Tijdelijke vrijstelling",
)
"""Schema ``RedenGeenInburgeringsplicht``."""

DOELGROEPINDELING = ("Asielstatushouder", "Gezinsmigrant en overige migrant")
GEDETAILLEERDE_DOELGROEP = (
    "Asielstatushouder",
    "Geestelijk bedienaar",
    "Gezinshereniger",
    "Gezinshereniger met Asielstatushouder",
    "Gezinsvormer",
    "Gezinsvormer met Asielstatushouder",
    "Overig",
)
ASIELRECHTEN_WIJZIGING = (
    "Asielrechten toegekend",
    "Behoud asielrechten",
    "Op verzoek behoud rechten van gezins- en overige migrant",
    "Op verzoek rechten van gezins- en overige migrant toegekend",
)


@dataclass(frozen=True)
class Inburgeringsplicht:
    """Schema ``Inburgeringsplicht``. ``einddatum`` is the last day of the plicht
    (when it ended); ``redenGeenInburgeringsplicht`` says why there is none."""

    indicator: bool
    begindatum: date | None = None
    einddatum: date | None = None
    wijzigingsdatum: date | None = None
    datum_kennisgeving: date | None = None
    reden_geen: str | None = None

    @classmethod
    def from_json(cls, data: Any) -> Inburgeringsplicht:
        w = "Inburgeringsplicht"
        d = obj(data, w)
        return cls(
            indicator=bool(opt_bool(d, "indicatorInburgeringsplicht", w, required=True)),
            begindatum=opt_date(d, "begindatum", w),
            einddatum=opt_date(d, "einddatum", w),
            wijzigingsdatum=opt_date(d, "wijzigingsdatum", w),
            datum_kennisgeving=opt_date(d, "datumKennisgevingInburgeringsplicht", w),
            reden_geen=opt_enum(d, "redenGeenInburgeringsplicht", w, REDEN_GEEN_INBURGERINGSPLICHT),
        )


@dataclass(frozen=True)
class Doelgroep:
    """Schema ``Doelgroep`` (no property is required)."""

    indeling: str | None = None
    begindatum: date | None = None
    gedetailleerd: str | None = None
    asielrechten_wijziging: str | None = None

    @classmethod
    def from_json(cls, data: Any) -> Doelgroep:
        w = "Doelgroep"
        d = obj(data, w)
        return cls(
            indeling=opt_enum(d, "indeling", w, DOELGROEPINDELING),
            begindatum=opt_date(d, "begindatum", w),
            gedetailleerd=opt_enum(d, "gedetailleerdeDoelgroep", w, GEDETAILLEERDE_DOELGROEP),
            asielrechten_wijziging=opt_enum(
                d, "asielrechtenWijzigingVerblijfsdoel", w, ASIELRECHTEN_WIJZIGING
            ),
        )
