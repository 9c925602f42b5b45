"""DUO's events (Gebeurtenissen/Gebeurtenissen.md) as changes to the fake's store.

Emitting an event first makes the store say what the event announces (SS139: a new
plichtige whose 10-week clock started; SS102: the termijn started; ...), so that the
application, fetching what the notification points to, reads consistent data. Each
effect takes ``facts`` to override dates and values (``datum`` = the day it happened,
default today).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta

from .store import ASIEL, GEZIN, FakeStore, Person, as_date, doelgroep_indeling, iso

# Gebeurtenissen.md, by paragraph
EVENTS: dict[str, str] = {
    "SS101": "Persoon is inburgeringsplichtig.",
    "SS128": "Persoon is inburgeringsplichtig, maar bereikt AOW-leeftijd binnen 6 maanden.",
    "SS139": "Persoon is inburgeringsplichtig en de termijn van 10 weken voor vaststellen "
    "leerroute is gestart.",
    "SS129": "Tijdelijke vrijstelling ingetrokken, nog geen leerroute bekend.",
    "SS120": "Inburgeringsplichtige in gemeente gevestigd zonder PIP.",
    "SS121": "Inburgeringsplichtige in gemeente gevestigd met PIP vorige gemeente.",
    "SS124": "Doelgroep van asielstatushouder naar gezinsmigrant en overige migrant gewijzigd.",
    "SS125": "Doelgroep van gezinsmigrant en overige migrant naar asielstatushouder gewijzigd.",
    "SS109": "Tijdelijke vrijstelling toegekend.",
    "SS110": "Inburgeringsplicht ingetrokken.",
    "SS111": "Persoon is overleden.",
    "SS106": "Diploma behaald.",
    "SS107": "Gehele vrijstelling toegekend.",
    "SS108": "Gehele ontheffing toegekend.",
    "SS137": "Persoon is aangemeld voor de leerbaarheidstoets.",
    "SS131": "Leerbaarheidstoets is afgenomen en resultaat is bekend.",
    "SS102": "Inburgeringstermijn gestart.",
    "SS199": "Uitslag examen bekend.",
    "SS103": "Termijn ambtshalve verlengd.",
    "SS104": "Termijn op verzoek verlengd.",
    "SS130": "Tijdelijke vrijstelling ingetrokken, PIP al bekend.",
    "SS113": "Verzoek verlenging afgewezen.",
    "SS114": "Verzoek gehele vrijstelling afgewezen.",
    "SS115": "Verzoek tijdelijke vrijstelling afgewezen.",
    "SS116": "Verzoek gedeeltelijke vrijstelling afgewezen.",
    "SS117": "Verzoek gedeeltelijke vrijstelling toegekend.",
    "SS118": "Verzoek ontheffing afgewezen.",
    "SS119": "Verzoek gedeeltelijke ontheffing toegekend.",
}

# Events that make a person known to DUO (and to the gemeente) when the BSN is new
CREATING = {"SS101", "SS128", "SS139", "SS129", "SS120", "SS121"}

TERMIJN_JAREN = 3  # Wet inburgering 2021, art. 7 lid 1: drie jaar


def _plicht_snapshot(p: Person) -> dict[str, Any]:
    return {
        k: v
        for k, v in {
            "indicatorInburgeringsplicht": p.plichtig,
            "begindatum": iso(p.plicht_start),
            "einddatum": iso(p.plicht_einde),
            "wijzigingsdatum": iso(p.plicht_wijzigingsdatum),
        }.items()
        if v is not None
    }


def _set_plicht(p: Person, day: date, *, plichtig: bool, reden: str | None = None) -> None:
    if p.plicht_start or p.plicht_einde:
        p.plicht_historie.append(_plicht_snapshot(p))
    p.plichtig = plichtig
    p.plicht_wijzigingsdatum = day
    if plichtig:
        p.plicht_einde = None
        p.reden_geen_plicht = None
    else:
        p.plicht_einde = day
        p.reden_geen_plicht = reden


def _new_plichtige(p: Person, day: date, facts: dict[str, Any]) -> None:
    start = as_date(facts.get("plicht_start")) or day
    _set_plicht(p, day, plichtig=True)
    p.plicht_start = p.plicht_start or start
    p.datum_kennisgeving = as_date(facts.get("datum_kennisgeving")) or day
    if facts.get("doelgroep"):
        p.doelgroep = doelgroep_indeling(str(facts["doelgroep"]))
    p.doelgroep_begindatum = p.doelgroep_begindatum or start
    p.vestigingsdatum = p.vestigingsdatum or start


def _ss139(p: Person, day: date, facts: dict[str, Any]) -> None:
    # "ook als de persoon al eerder aan de gemeente gekoppeld is, maar ... bij het COA
    # uitgestroomd is en nu in de gemeente verblijft"
    _new_plichtige(p, day, facts)
    if p.coa:
        p.gemeentecode = p.coa_gemeentecode or p.gemeentecode
        p.coa = False
        p.vestigingsdatum = day


def _vestiging(with_pip: bool) -> Callable[[Person, date, dict[str, Any]], None]:
    def effect(p: Person, day: date, facts: dict[str, Any]) -> None:
        if with_pip and p.actuele_pip is None:
            raise ValueError("SS121 vraagt een PIP van de vorige gemeente: seed er een")
        if not with_pip and p.actuele_pip is not None:
            raise ValueError("SS120 is voor een persoon zonder PIP")
        p.gemeentecode = str(facts["gemeentecode"])
        p.coa = False
        p.vestigingsdatum = as_date(facts.get("vestigingsdatum")) or day
        if not p.plicht_start:
            _new_plichtige(p, day, facts)

    return effect


def _doelgroep(indeling: str) -> Callable[[Person, date, dict[str, Any]], None]:
    def effect(p: Person, day: date, facts: dict[str, Any]) -> None:
        p.doelgroep_historie.append(
            {
                "indeling": p.doelgroep,
                "begindatum": iso(p.doelgroep_begindatum),
                "einddatum": iso(day),
            }
        )
        p.doelgroep = indeling
        p.doelgroep_begindatum = day
        p.gedetailleerde_doelgroep = facts.get("gedetailleerde_doelgroep")

    return effect


def _einde(reden: str, extra: Callable[[Person, date, dict[str, Any]], None] | None = None):
    def effect(p: Person, day: date, facts: dict[str, Any]) -> None:
        _set_plicht(p, day, plichtig=False, reden=facts.get("reden", reden))
        if extra:
            extra(p, day, facts)

    return effect


def _vrijstelling(kind: str, oordeel: str):
    def effect(p: Person, day: date, facts: dict[str, Any]) -> None:
        item: dict[str, Any] = {
            "oordeel": facts.get("oordeel", oordeel),
            "reden": facts.get("reden_vrijstelling", "DIP"),
            "datumOordeel": iso(day),
        }
        if kind == "TijdelijkeVrijstelling":
            item["startdatum"] = iso(day)
            item["einddatum"] = iso(as_date(facts.get("einddatum")) or day + relativedelta(years=1))
        if kind == "GedeeltelijkeVrijstelling":
            item["examenonderdeel"] = facts.get("examenonderdeel", "SP")
            item["examenniveau"] = facts.get("examenniveau", "B1")
        p.vrijstellingen.append({kind: item})

    return effect


def _ontheffing(kind: str, oordeel: str):
    def effect(p: Person, day: date, facts: dict[str, Any]) -> None:
        item: dict[str, Any] = {
            "oordeel": facts.get("oordeel", oordeel),
            "datumOordeel": iso(day),
            "grond": facts.get("grond", "MED"),
        }
        if kind == "GedeeltelijkeOntheffing":
            item["examenonderdeel"] = facts.get("examenonderdeel", "SP")
        p.ontheffingen.append({kind: item})

    return effect


def _termijn_start(p: Person, day: date, facts: dict[str, Any]) -> None:
    start = as_date(facts.get("termijn_start")) or day
    p.termijn_start = start
    p.termijn_eind = as_date(facts.get("termijn_eind")) or start + relativedelta(
        years=TERMIJN_JAREN
    )
    p.termijn_wijzigingsdatum = day
    p.termijn_historie.append({"einddatum": iso(p.termijn_eind), "wijzigingsdatum": iso(day)})


def _verlenging(code: str):
    def effect(p: Person, day: date, facts: dict[str, Any]) -> None:
        if not p.termijn_vastgesteld:
            raise ValueError("Een verlenging vraagt een vastgestelde termijn: seed of emit SS102")
        assert p.termijn_eind is not None
        p.termijn_eind = as_date(facts.get("termijn_eind")) or p.termijn_eind + relativedelta(
            months=int(facts.get("maanden", 6))
        )
        p.termijn_wijzigingsdatum = day
        p.verlengingsgrondcode = str(facts.get("verlengingsgrondcode", code))
        p.verlengingsgrondomschrijving = facts.get(
            "verlengingsgrondomschrijving",
            "Ambtshalve verlenging" if code == "1" else "Verlenging op verzoek",
        )
        p.termijn_historie.append(
            {
                "einddatum": iso(p.termijn_eind),
                "wijzigingsdatum": iso(day),
                "verlengingsgrondcode": p.verlengingsgrondcode,
                "verlengingsgrondomschrijving": p.verlengingsgrondomschrijving,
            }
        )

    return effect


def _lbt_aangemeld(p: Person, day: date, facts: dict[str, Any]) -> None:
    p.lbt_examennummer = str(facts.get("examennummer", "LBT" + day.strftime("%y%m%d") + "001"))


def _lbt_resultaat(p: Person, day: date, facts: dict[str, Any]) -> None:
    p.lbt_resultaten.append(
        {
            "resultaat": facts.get("resultaat", "B1-route haalbaar"),
            "behaaldeScore": facts.get("behaaldeScore", "78,00"),
            "benodigdeScore": facts.get("benodigdeScore", "65,00"),
            "datumAfname": iso(day),
        }
    )


def _examen(p: Person, day: date, facts: dict[str, Any]) -> None:
    result = {
        "examendatum": iso(day),
        "onderdeel": facts.get("onderdeel", "KNM"),
        "resultaat": facts.get("resultaat", "Geslaagd"),
    }
    if facts.get("niveau"):
        result["niveau"] = facts["niveau"]
    if facts.get("redenGeenResultaat"):
        result["redenGeenResultaat"] = facts["redenGeenResultaat"]
    p.examens.append(result)


def _hervat(p: Person, day: date, facts: dict[str, Any]) -> None:
    _set_plicht(p, day, plichtig=True)


def _ss129(p: Person, day: date, facts: dict[str, Any]) -> None:
    _hervat(p, day, facts)
    _new_plichtige(p, day, facts)


def _noop(p: Person, day: date, facts: dict[str, Any]) -> None:
    return None


EFFECTS: dict[str, Callable[[Person, date, dict[str, Any]], None]] = {
    "SS101": _new_plichtige,
    "SS128": _new_plichtige,
    "SS139": _ss139,
    "SS129": _ss129,
    "SS120": _vestiging(with_pip=False),
    "SS121": _vestiging(with_pip=True),
    "SS124": _doelgroep(GEZIN),
    "SS125": _doelgroep(ASIEL),
    "SS109": _einde(
        "Tijdelijke vrijstelling", _vrijstelling("TijdelijkeVrijstelling", "Toekenning")
    ),
    "SS110": _einde("Overig"),
    "SS111": _einde("Overlijden"),
    "SS106": _einde("Inburgeringsplicht voldaan"),
    "SS107": _einde("Volledige vrijstelling", _vrijstelling("GeheleVrijstelling", "Toekenning")),
    "SS108": _einde("Volledige ontheffing", _ontheffing("GeheleOntheffing", "Toekenning")),
    "SS137": _lbt_aangemeld,
    "SS131": _lbt_resultaat,
    "SS102": _termijn_start,
    "SS199": _examen,
    "SS103": _verlenging("1"),
    "SS104": _verlenging("2"),
    "SS130": _hervat,
    "SS113": _noop,
    "SS114": _vrijstelling("GeheleVrijstelling", "Afwijzing"),
    "SS115": _vrijstelling("TijdelijkeVrijstelling", "Afwijzing"),
    "SS116": _vrijstelling("GedeeltelijkeVrijstelling", "Afwijzing"),
    "SS117": _vrijstelling("GedeeltelijkeVrijstelling", "Toekenning"),
    "SS118": _ontheffing("GeheleOntheffing", "Afwijzing"),
    "SS119": _ontheffing("GedeeltelijkeOntheffing", "Toekenning"),
}


def apply(
    store: FakeStore,
    event: str,
    bsn: str,
    *,
    gemeentecode: str | None,
    today: date,
    facts: dict[str, Any],
) -> Person:
    """Change the store as ``event`` says; returns the person. Raises ValueError for an
    unknown event, an unknown BSN on an event that cannot create one, or an event that
    does not fit the person's state."""
    if event not in EFFECTS:
        raise ValueError(f"Onbekende gebeurtenis {event!r} (bekend: {', '.join(sorted(EVENTS))})")
    day = as_date(facts.get("datum")) or today
    with store.lock:
        person = store.persons.get(bsn)
        if person is None:
            if event not in CREATING or not gemeentecode:
                raise ValueError(f"{event}: persoon onbekend bij de fake DUO; seed hem eerst")
            person = Person(bsn=bsn, gemeentecode=gemeentecode, plicht_start=None)
            store.persons[bsn] = person
        if event in ("SS120", "SS121"):
            facts = {"gemeentecode": gemeentecode or person.gemeentecode, **facts}
        EFFECTS[event](person, day, facts)
        return person
