"""DUO Notificatie API 1.8.0 (``POST /notificaties``): what DUO posts to the gemeente.
Written from ../shared/duo-m2m/API/Notificatie/openapi.yml."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ._base import SchemaError, obj, opt_datetime, opt_int, req

API_VERSION = "1.8.0"
"""``info.version`` of the Notificatie API; every response carries it as ``API-Version``."""

OIN_RE = re.compile(r"^.{20}$")
"""Header ``bron``/``doel``: a string of exactly 20 characters (minLength = maxLength
= 20). An OIN is 20 digits; we compare it with the configured ones."""

GEBEURTENIS_RE = re.compile(r"^[0-9A-Z]{1,6}$")
BSN_RE = re.compile(r"\d{9}")
V_NUMMER_MAX = 9_999_999_999


@dataclass(frozen=True)
class Headers:
    bron: str
    doel: str
    bericht_id: uuid.UUID


@dataclass(frozen=True)
class Notificatie:
    """Schema ``Notificatie``: ``registratieDatumTijd`` and ``gebeurtenisId`` are
    required; ``bsn`` and ``vNummer`` identify the person."""

    registratie_moment: datetime
    gebeurtenis_id: str
    bsn: str | None = None
    v_nummer: int | None = None

    @property
    def v_nummer_tekst(self) -> str:
        """The V-nummer as we store it (10 digits)."""
        return f"{self.v_nummer:010d}" if self.v_nummer is not None else ""


def parse_headers(headers: Any) -> Headers:
    """The required headers ``bron``, ``doel`` (20 characters) and ``berichtId``
    (uuid). HTTP header names are case-insensitive."""
    bron = headers.get("bron")
    doel = headers.get("doel")
    bericht_id = headers.get("berichtId")
    for name, value in (("bron", bron), ("doel", doel)):
        if value is None or not OIN_RE.match(value):
            raise SchemaError(f"header {name}: 20 characters required")
    if not bericht_id:
        raise SchemaError("header berichtId: required")
    try:
        parsed = uuid.UUID(bericht_id)
    except ValueError as exc:
        raise SchemaError("header berichtId: uuid expected") from exc
    return Headers(bron=bron, doel=doel, bericht_id=parsed)


def parse(data: Any) -> Notificatie:
    """The request body. Properties beyond the schema are allowed (the schema does
    not close the object)."""
    data = obj(data, "Notificatie")
    moment = opt_datetime(data, "registratieDatumTijd", "Notificatie")
    gebeurtenis = req(data, "gebeurtenisId", "Notificatie")
    if not isinstance(gebeurtenis, str) or not GEBEURTENIS_RE.match(gebeurtenis):
        raise SchemaError("Notificatie.gebeurtenisId: pattern ^[0-9A-Z]{1,6}$")
    bsn = data.get("bsn")
    if bsn is not None and (not isinstance(bsn, str) or len(bsn) != 9 or not BSN_RE.search(bsn)):
        raise SchemaError("Notificatie.bsn: 9 digits expected")
    v_nummer = opt_int(data, "vNummer", "Notificatie")
    if v_nummer is not None and not 0 <= v_nummer <= V_NUMMER_MAX:
        raise SchemaError("Notificatie.vNummer: out of range")
    return Notificatie(
        registratie_moment=moment, gebeurtenis_id=gebeurtenis, bsn=bsn, v_nummer=v_nummer
    )
