"""DUO Inburgeringstermijn API 1.0.0 (SDI007): ``GET /personen/{bsn}/inburgeringstermijn``.
Written from ../shared/duo-m2m/API/Inburgeringstermijn/openapi.yml."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ._base import obj, opt_date, opt_str


@dataclass(frozen=True)
class Inburgeringstermijn:
    """Schema ``Inburgeringstermijn``: ``startdatum`` and ``einddatum`` required.
    DUO's einddatum is exclusive (the termijn runs up to and including the day
    before), also after an extension (verlengingsgrond)."""

    startdatum: date
    einddatum: date
    wijzigingsdatum: date | None = None
    verlengingsgrondcode: str | None = None
    verlengingsgrondomschrijving: str | None = None

    @classmethod
    def from_json(cls, data: Any) -> Inburgeringstermijn:
        w = "Inburgeringstermijn"
        d = obj(data, w)
        start = opt_date(d, "startdatum", w, required=True)
        eind = opt_date(d, "einddatum", w, required=True)
        assert start is not None and eind is not None
        return cls(
            startdatum=start,
            einddatum=eind,
            wijzigingsdatum=opt_date(d, "wijzigingsdatum", w),
            verlengingsgrondcode=opt_str(d, "verlengingsgrondcode", w, max_length=10),
            verlengingsgrondomschrijving=opt_str(
                d, "verlengingsgrondomschrijving", w, max_length=200
            ),
        )
