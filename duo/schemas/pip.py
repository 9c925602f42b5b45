"""PIP API (DUO duo-m2m API/PIP, version 1.2.0): ``/personen/{bsn}/PIP``
(GET, POST, DELETE). Written from the OpenAPI file's ``PIP`` and ``Gemeente`` schemas."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

API = "PIP"


def pad(bsn: str) -> str:
    return f"/personen/{bsn}/PIP"


@dataclass(frozen=True)
class Pip:
    """Schema ``PIP``: dagtekeningPip and leerroute are required."""

    dagtekening_pip: date
    leerroute: str  # B, O, Z
    niveau: str = ""  # A2, B1 or empty
    geschatte_intensiteit_b1_route: int | None = None
    indicator_mag_opleiding_afmaken: bool | None = None
    indicator_alfabetiseringsonderwijs: str = ""  # A, AA, NVT or empty

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "dagtekeningPip": self.dagtekening_pip.isoformat(),
            "leerroute": self.leerroute,
        }
        if self.niveau:
            body["niveau"] = self.niveau
        if self.geschatte_intensiteit_b1_route is not None:
            body["geschatteIntensiteitB1Route"] = self.geschatte_intensiteit_b1_route
        if self.indicator_mag_opleiding_afmaken is not None:
            body["indicatorMagOpleidingAfmaken"] = self.indicator_mag_opleiding_afmaken
        if self.indicator_alfabetiseringsonderwijs:
            body["indicatorAlfabetiseringsonderwijs"] = self.indicator_alfabetiseringsonderwijs
        return body

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Pip:
        return cls(
            dagtekening_pip=date.fromisoformat(d["dagtekeningPip"]),
            leerroute=d["leerroute"],
            niveau=d.get("niveau", ""),
            geschatte_intensiteit_b1_route=d.get("geschatteIntensiteitB1Route"),
            indicator_mag_opleiding_afmaken=d.get("indicatorMagOpleidingAfmaken"),
            indicator_alfabetiseringsonderwijs=d.get("indicatorAlfabetiseringsonderwijs", ""),
        )


@dataclass(frozen=True)
class GemeentePip:
    """Schema ``Gemeente`` (GET answer): the gemeente whose PIP it is, and the PIP."""

    gemeentecode: str
    pip: Pip

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> GemeentePip:
        return cls(gemeentecode=d["gemeentecode"], pip=Pip.from_json(d["pip"]))
