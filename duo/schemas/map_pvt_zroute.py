"""MAP, PVT, Z-route API (DUO duo-m2m API/MAP,PVT,Zroute, version 1.0.0):
``PUT /personen/{bsn}/map``, ``/pvt``, ``/zroute`` (the whole resource is replaced:
leaving a field out withdraws it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

API = "MAP,PVT,Zroute"

VERWIJTBAAR = {"ja": "Ja", "nee": "Nee"}
"""Our verwijtbaar values → DUO's ``InburgeringJaNeeType``."""


def pad(bsn: str, wat: str) -> str:
    assert wat in ("map", "pvt", "zroute")
    return f"/personen/{bsn}/{wat}"


def _verwijtbaar(v: str) -> str:
    return VERWIJTBAAR.get((v or "").lower(), "")


@dataclass(frozen=True)
class ResultaatMap:
    datum_eindgesprek_map: date | None
    verwijtbaar: str = ""

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {}
        if self.datum_eindgesprek_map:
            body["datumEindgesprekMap"] = self.datum_eindgesprek_map.isoformat()
        if _verwijtbaar(self.verwijtbaar):
            body["verwijtbaar"] = _verwijtbaar(self.verwijtbaar)
        return body


@dataclass(frozen=True)
class ResultaatPvt:
    datum_ondertekening_pvt: date | None
    verwijtbaar: str = ""

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {}
        if self.datum_ondertekening_pvt:
            body["datumOndertekeningPvt"] = self.datum_ondertekening_pvt.isoformat()
        if _verwijtbaar(self.verwijtbaar):
            body["verwijtbaar"] = _verwijtbaar(self.verwijtbaar)
        return body


@dataclass(frozen=True)
class ResultaatZroute:
    datum_afronding_zroute: date | None

    def to_json(self) -> dict[str, Any]:
        if self.datum_afronding_zroute is None:
            return {}
        return {"datumAfrondingZroute": self.datum_afronding_zroute.isoformat()}
