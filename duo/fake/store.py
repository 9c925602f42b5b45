"""The fake DUO's in-memory administration: what DUO knows per BSN.

Plain dataclasses, no Django. Dates are ``datetime.date``; seeding accepts ISO strings
too. Everything is guarded by :attr:`FakeStore.lock` (the server is threaded).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

WI2021_START = date(2022, 1, 1)  # Wet inburgering 2021: plichten from 1 January 2022
ASIEL = "Asielstatushouder"
GEZIN = "Gezinsmigrant en overige migrant"
DOELGROEP_ALIASES = {
    "asiel": ASIEL,
    "asielstatushouder": ASIEL,
    "gezin": GEZIN,
    "overig": GEZIN,
    "gezinsmigrant": GEZIN,
    "gezinsmigrant en overige migrant": GEZIN,
}


def as_date(value: Any) -> date | None:
    """``date``/``datetime``/ISO string/None -> ``date`` or None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def iso(value: date | str | None) -> str | None:
    """ISO date string (a seeded string is checked and passed on)."""
    parsed = as_date(value)
    return parsed.isoformat() if parsed else None


def doelgroep_indeling(value: str) -> str:
    return DOELGROEP_ALIASES.get(value.strip().lower(), value)


@dataclass
class PipRecord:
    """One PIP as DUO registered it: the body (with DUO's default niveau applied), the
    gemeente that sent it and the day DUO received it."""

    gemeentecode: str
    pip: dict[str, Any]
    ontvangen: date
    verwijderd: bool = False

    @property
    def dagtekening(self) -> date:
        return date.fromisoformat(self.pip["dagtekeningPip"])

    @property
    def leerroute(self) -> str:
        return str(self.pip["leerroute"])


@dataclass
class Resultaat:
    """MAP or PVT result as last PUT by a gemeente."""

    gemeentecode: str
    datum: date | None
    verwijtbaar: str | None = None


@dataclass
class Person:
    """What the fake DUO knows about one person (BSN)."""

    bsn: str
    # the gemeente the person lives in (BRP)
    gemeentecode: str
    # living in a COA location, and the gemeente COA coupled the person to
    coa: bool = False
    coa_gemeentecode: str | None = None
    # date of vestiging in (or COA koppeling to) the responsible gemeente
    vestigingsdatum: date | None = None
    # Inburgeringsplicht
    plichtig: bool = True
    plicht_start: date | None = None
    plicht_einde: date | None = None
    reden_geen_plicht: str | None = None
    datum_kennisgeving: date | None = None
    plicht_wijzigingsdatum: date | None = None
    plicht_historie: list[dict[str, Any]] = field(default_factory=list)
    # Doelgroep
    doelgroep: str = ASIEL
    doelgroep_begindatum: date | None = None
    gedetailleerde_doelgroep: str | None = None
    doelgroep_historie: list[dict[str, Any]] = field(default_factory=list)
    # Inburgeringstermijn (None: not yet vastgesteld)
    termijn_start: date | None = None
    termijn_eind: date | None = None  # exclusive, as DUO's spec says
    termijn_wijzigingsdatum: date | None = None
    verlengingsgrondcode: str | None = None
    verlengingsgrondomschrijving: str | None = None
    termijn_historie: list[dict[str, Any]] = field(default_factory=list)
    # Leerbaarheidstoets
    lbt_examennummer: str | None = None
    lbt_resultaten: list[dict[str, Any]] = field(default_factory=list)
    # Vrijstellingen, ontheffingen, examens (as DUO's response objects)
    vrijstellingen: list[dict[str, Any]] = field(default_factory=list)
    ontheffingen: list[dict[str, Any]] = field(default_factory=list)
    examens: list[dict[str, Any]] = field(default_factory=list)
    gratispogingen: list[dict[str, Any]] = field(default_factory=list)
    # PIPs in the order DUO received them (deleted ones stay, marked)
    pips: list[PipRecord] = field(default_factory=list)
    # Inburgeringsaanbod per instellingsnummer
    aanbod: dict[str, dict[str, Any]] = field(default_factory=dict)
    # course hours the instellingen registered on the current aanbod (not via our APIs)
    cursusdeelnameuren: int = 0
    # MAP, PVT, Z-route
    map: Resultaat | None = None
    pvt: Resultaat | None = None
    zroute_afgerond: date | None = None
    zroute_gemeentecode: str | None = None
    # Gevolgde uren per gemeentecode: {"ParticipatieAlsTaalles": n, ..., "bekendTot": date}
    uren: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Contactpersoon id gekoppeld to this person
    contactpersoon_id: int | None = None

    # --- derived --------------------------------------------------------------------
    @property
    def verantwoordelijke_gemeente(self) -> str:
        """The gemeente the plicht falls under: the COA-coupled one, else the BRP one."""
        return (self.coa_gemeentecode or self.gemeentecode) if self.coa else self.gemeentecode

    @property
    def current_pips(self) -> list[PipRecord]:
        return [p for p in self.pips if not p.verwijderd]

    @property
    def actuele_pip(self) -> PipRecord | None:
        pips = self.current_pips
        return pips[-1] if pips else None

    @property
    def vorige_pip(self) -> PipRecord | None:
        pips = self.current_pips
        return pips[-2] if len(pips) > 1 else None

    @property
    def initiele_pip(self) -> PipRecord | None:
        pips = self.current_pips
        return pips[0] if pips else None

    @property
    def onder_wi2021(self) -> bool:
        """DUO's scope (README.md:20): only persons under the Wet inburgering 2021."""
        return self.plicht_start is None or self.plicht_start >= WI2021_START

    @property
    def is_asiel(self) -> bool:
        return self.doelgroep == ASIEL

    @property
    def termijn_vastgesteld(self) -> bool:
        return self.termijn_eind is not None

    def termijn_overschreden(self, today: date) -> bool:
        """The termijn's end (exclusive) has been reached."""
        return self.termijn_eind is not None and today >= self.termijn_eind


@dataclass
class Contactpersoon:
    id: int
    gemeentecode: str
    gegevens: dict[str, Any]


@dataclass
class RecordedRequest:
    """One request the fake received, with its answer (for tests and /_fake/requests)."""

    method: str
    path: str
    headers: dict[str, str]
    body: Any
    status: int
    response: Any
    api: str | None = None
    operation: str | None = None  # path template
    # the client certificate's "CN=...,serialNumber=<OIN>" when served over mutual TLS
    client_cert: str | None = None
    at: datetime = field(default_factory=datetime.now)

    def as_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "path": self.path,
            "headers": self.headers,
            "body": self.body,
            "status": self.status,
            "response": self.response,
            "api": self.api,
            "operation": self.operation,
            "client_cert": self.client_cert,
            "at": self.at.isoformat(),
        }


DEFAULT_INSTELLINGEN: list[dict[str, Any]] = [
    {
        "instellingsnummer": "1000000001",
        "naam": "Taalcentrum Drenthe",
        "postcode": "7921AB",
        "huisnummer": 12,
        "plaatsnaam": "Zuidwolde",
        "bow": "12345",
        "indicatieBowKeurmerk": True,
        "indicatieTstKeurmerk": False,
    },
    {
        "instellingsnummer": "1000000002",
        "naam": "ROC Taalschakel Zwolle",
        "postcode": "8011AA",
        "huisnummer": 1,
        "plaatsnaam": "Zwolle",
        "brin": "25PJ",
        "indicatieBowKeurmerk": False,
        "indicatieTstKeurmerk": True,
    },
    {
        "instellingsnummer": "1000000003",
        "naam": "Inburgeringsschool Vechtdal",
        "postcode": "7721AC",
        "huisnummer": 5,
        "huisnummertoevoeging": "A",
        "plaatsnaam": "Dalfsen",
        "bow": "67890",
        "brin": "30XY",
        "indicatieBowKeurmerk": True,
        "indicatieTstKeurmerk": True,
    },
]

DEFAULT_VERLENGINGSGRONDEN: list[dict[str, str]] = [
    {"code": "1", "omschrijving": "Ambtshalve verlenging: niet-verwijtbare overschrijding"},
    {"code": "2", "omschrijving": "Verlenging op verzoek van de inburgeraar"},
    {"code": "3", "omschrijving": "Intrekken tijdelijke vrijstelling"},
]


class FakeStore:
    """All state of the fake DUO."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.persons: dict[str, Person] = {}
        self.contactpersonen: dict[int, Contactpersoon] = {}
        self.next_contactpersoon_id = 1
        self.instellingen: dict[str, dict[str, Any]] = {
            i["instellingsnummer"]: dict(i) for i in DEFAULT_INSTELLINGEN
        }
        self.verlengingsgronden: list[dict[str, str]] = [
            dict(v) for v in DEFAULT_VERLENGINGSGRONDEN
        ]

    def reset(self) -> None:
        """Forget every person and contactpersoon; back to the default instellingen."""
        with self.lock:
            self.persons.clear()
            self.contactpersonen.clear()
            self.next_contactpersoon_id = 1
            self.instellingen = {i["instellingsnummer"]: dict(i) for i in DEFAULT_INSTELLINGEN}
            self.verlengingsgronden = [dict(v) for v in DEFAULT_VERLENGINGSGRONDEN]
