"""Gevolgde Uren API (DUO duo-m2m API/GevolgdeUren, version 1.0.0): cumulative totals
per category, ``PUT /personen/{bsn}/uren/participatietaalles``,
``/uren/bredeintake/taallesknm`` and ``/uren/participatieactiviteiten``, each
``{"uren": 0..9999}``. DUO's GET answer adds ``bekendTot`` per gemeente."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

API = "GevolgdeUren"

UREN_MAX = 9999

PADEN = {
    "uren_taal": "participatietaalles",
    "uren_intake": "bredeintake/taallesknm",
    "uren_participatie": "participatieactiviteiten",
}
"""Our message kinds → DUO's category path."""


def pad(bsn: str, soort: str) -> str:
    return f"/personen/{bsn}/uren/{PADEN[soort]}"


@dataclass(frozen=True)
class Uren:
    """``ParticipatieAlsTaalles`` / ``TaallesEnKnmBredeIntake`` /
    ``ParticipatieactiviteitenBredeIntake``: whole hours, 0..9999."""

    uren: int

    def to_json(self) -> dict[str, Any]:
        return {"uren": max(0, min(UREN_MAX, int(self.uren)))}
