"""Contactpersoon API (DUO duo-m2m API/Contactpersoon, version 1.0.0):
``POST /contactpersonen``, ``PUT|DELETE /contactpersonen/{id}``,
``POST|DELETE /contactpersonen/{id}/personen/{bsn}``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

API = "Contactpersoon"

TELEFOON_RE = re.compile(r"^(\+|[0-9])((\s|\s?(-|\(0\))\s?)?[0-9]){2,15}([,][1-9][0-9]{1,8})?$")
"""``telefoonnummer`` pattern of the schema ``Contactpersoongegevens``."""


def pad_registreren() -> str:
    return "/contactpersonen"


def pad_contactpersoon(duo_id: int) -> str:
    return f"/contactpersonen/{duo_id}"


def pad_koppeling(duo_id: int, bsn: str) -> str:
    return f"/contactpersonen/{duo_id}/personen/{bsn}"


@dataclass(frozen=True)
class Contactpersoongegevens:
    """Schema ``Contactpersoongegevens``: naam (max 100), email (4–241),
    telefoonnummer (3–22, pattern); all three required."""

    naam: str
    email: str
    telefoonnummer: str

    def fouten(self) -> list[str]:
        f = []
        if not self.naam or len(self.naam) > 100:  # noqa: PLR2004
            f.append("De naam van de contactpersoon ontbreekt of is te lang.")
        if not 4 <= len(self.email) <= 241:  # noqa: PLR2004
            f.append("Het e-mailadres van de contactpersoon ontbreekt.")
        if not (3 <= len(self.telefoonnummer) <= 22 and TELEFOON_RE.match(self.telefoonnummer)):  # noqa: PLR2004
            f.append(
                "Het telefoonnummer van de contactpersoon ontbreekt of is ongeldig "
                "(vul het in bij het medewerkerprofiel of de gemeente)."
            )
        return f

    def to_json(self) -> dict[str, Any]:
        return {"naam": self.naam, "email": self.email, "telefoonnummer": self.telefoonnummer}


def contactpersoon_id(body: Any) -> int | None:
    """The ``id`` of DUO's ``Contactpersoon`` answer (201 on registration)."""
    if isinstance(body, dict) and isinstance(body.get("id"), int):
        return int(body["id"])
    return None
