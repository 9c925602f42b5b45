"""DUO Leerbaarheidstoets API 1.2.0 (SDI006): ``GET /personen/{bsn}/lbt/resultaten``.
Written from ../shared/duo-m2m/API/Leerbaarheidstoets/openapi.yml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ._base import SchemaError, array, obj, opt_date, opt_enum, req

LEERBAARHEIDSTOETS_RESULTAAT = ("B1-route haalbaar", "B1-route niet haalbaar", "Onbekend")
SCORE_RE = re.compile(r"^(\d{1,3}\,\d{2})$")


@dataclass(frozen=True)
class Resultaat:
    """Schema ``Resultaat``: all four properties required; scores like ``"57,50"``."""

    resultaat: str
    behaalde_score: str
    benodigde_score: str
    datum_afname: date

    @classmethod
    def from_json(cls, data: Any) -> Resultaat:
        w = "Resultaat"
        d = obj(data, w)
        scores = []
        for name in ("behaaldeScore", "benodigdeScore"):
            value = req(d, name, w)
            if not isinstance(value, str) or not SCORE_RE.match(value):
                raise SchemaError(f"{w}.{name}: pattern ^(\\d{{1,3}}\\,\\d{{2}})$")
            scores.append(value)
        datum = opt_date(d, "datumAfname", w, required=True)
        assert datum is not None
        return cls(
            resultaat=str(opt_enum(d, "resultaat", w, LEERBAARHEIDSTOETS_RESULTAAT, required=True)),
            behaalde_score=scores[0],
            benodigde_score=scores[1],
            datum_afname=datum,
        )


def resultaten(data: Any) -> list[Resultaat]:
    return [Resultaat.from_json(r) for r in array(data, "resultaten")]


def laatste(items: list[Resultaat]) -> Resultaat | None:
    """The most recent test (by date of taking it)."""
    return max(items, key=lambda r: r.datum_afname) if items else None
