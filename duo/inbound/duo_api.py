"""The reads duo.inbound does at DUO, through duo.client (one request per call, the
reference — ``notificatie:<id>`` or ``opvraag:<dossier id>`` — is what gets logged,
never the BSN in the path). Each returns the typed model of duo.schemas, or None
when DUO answers 404 (DUO does not know it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from duo.schemas import examen, leerbaarheidstoets, ontheffing, vrijstelling
from duo.schemas._base import SchemaError, obj, opt_date, opt_enum, opt_str, req
from duo.schemas.inburgeringsplicht import Doelgroep, Inburgeringsplicht
from duo.schemas.inburgeringstermijn import Inburgeringstermijn


class NietZichtbaar(Exception):
    """DUO answered 403: the person is not one this gemeente may see (DUO README,
    "Voorwaarden gegevensuitwisseling")."""


class DuoFout(Exception):
    """DUO answered a status the specification does not expect here (ids only)."""


class KoppelingUit(DuoFout):
    """The koppeling is off for this gemeente (no DUO_BASE_URL or no OIN)."""


def _client(gemeente):
    from duo.client import DuoClient, DuoNotConfigured

    try:
        return DuoClient(gemeente)
    except DuoNotConfigured as exc:
        raise KoppelingUit(f"DUO-koppeling staat uit voor gemeente {gemeente.pk}") from exc


def unavailable_errors() -> tuple[type[BaseException], ...]:
    """The client's retriable error (network, timeout, 5xx)."""
    from duo.client import DuoUnavailable

    return (DuoUnavailable,)


class Duo:
    """DUO's APIs for one gemeente and one person, with one reference for the log."""

    def __init__(self, *, gemeente, bsn: str, ref: str) -> None:
        self.client = _client(gemeente)
        self.bsn = bsn
        self.ref = ref

    def _get(self, pad: str) -> Any | None:
        response = self.client.get(f"/personen/{self.bsn}/{pad}", ref=self.ref)
        if response.status == 200:
            return response.body
        if response.status == 404:
            return None
        if response.status == 403:
            raise NietZichtbaar(self.ref)
        raise DuoFout(f"DUO antwoordde {response.status} op {pad.split('/')[0]} ({self.ref})")

    def inburgeringsplicht(self) -> Inburgeringsplicht | None:
        data = self._get("inburgeringsplicht")
        return None if data is None else Inburgeringsplicht.from_json(data)

    def doelgroep(self) -> Doelgroep | None:
        data = self._get("doelgroep")
        return None if data is None else Doelgroep.from_json(data)

    def inburgeringstermijn(self) -> Inburgeringstermijn | None:
        data = self._get("inburgeringstermijn")
        return None if data is None else Inburgeringstermijn.from_json(data)

    def lbt_resultaten(self) -> list[leerbaarheidstoets.Resultaat]:
        data = self._get("lbt/resultaten")
        return [] if data is None else leerbaarheidstoets.resultaten(data)

    def examenresultaten(self) -> list[examen.Examenresultaat]:
        data = self._get("examens/resultaten")
        return [] if data is None else examen.resultaten(data)

    def vrijstellingen(self) -> list[vrijstelling.Vrijstelling]:
        data = self._get("vrijstellingen")
        return [] if data is None else vrijstelling.vrijstellingen(data)

    def ontheffingen(self) -> list[ontheffing.Ontheffing]:
        data = self._get("ontheffingen")
        return [] if data is None else ontheffing.ontheffingen(data)

    def pip(self) -> ActuelePip | None:
        data = self._get("PIP")
        return None if data is None else ActuelePip.from_json(data)


@dataclass(frozen=True)
class ActuelePip:
    """DUO PIP API ``GET /personen/{bsn}/PIP``: schema ``Gemeente`` (``gemeentecode``
    and ``pip`` required) with the current ``PIP`` — of this or a previous gemeente."""

    gemeentecode: str
    dagtekening: date
    leerroute: str
    niveau: str | None

    @classmethod
    def from_json(cls, data: Any) -> ActuelePip:
        d = obj(data, "Gemeente")
        code = opt_str(d, "gemeentecode", "Gemeente", max_length=4, required=True)
        if not code or not code.isdigit() or len(code) != 4:
            raise SchemaError("Gemeente.gemeentecode: 4 digits expected")
        p = obj(req(d, "pip", "Gemeente"), "PIP")
        dag = opt_date(p, "dagtekeningPip", "PIP", required=True)
        assert dag is not None
        return cls(
            gemeentecode=code,
            dagtekening=dag,
            leerroute=str(opt_enum(p, "leerroute", "PIP", ("B", "O", "Z"), required=True)),
            niveau=opt_enum(p, "niveau", "PIP", ("A2", "B1")),
        )
