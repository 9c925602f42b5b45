"""Inburgeringsaanbod API (DUO duo-m2m API/Inburgeringsaanbod, version 1.2.0):
``GET /instellingen``, ``POST|DELETE /personen/{bsn}/Inburgeringsaanbod/{instellingsnummer}``
(one aanbod per instelling; a new one overwrites the previous)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

API = "Inburgeringsaanbod"


def pad(bsn: str, instellingsnummer: str) -> str:
    return f"/personen/{bsn}/Inburgeringsaanbod/{instellingsnummer}"


@dataclass(frozen=True)
class Inburgeringsaanbod:
    """Schema ``Inburgeringsaanbod``: indicatorAlfabetiseringsonderwijs required."""

    indicator_alfabetiseringsonderwijs: str  # A, AA, NVT
    datum_inburgeringsaanbod: date | None = None
    verwachte_startdatum_opleiding: date | None = None
    verwachte_einddatum_opleiding: date | None = None

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "indicatorAlfabetiseringsonderwijs": self.indicator_alfabetiseringsonderwijs or "NVT"
        }
        for key, x in (
            ("datumInburgeringsaanbod", self.datum_inburgeringsaanbod),
            ("verwachteStartdatumOpleiding", self.verwachte_startdatum_opleiding),
            ("verwachteEinddatumOpleiding", self.verwachte_einddatum_opleiding),
        ):
            if x is not None:
                body[key] = x.isoformat()
        return body
