"""One handler per path + method of DUO's OpenAPI files (paths relative to ``/v1``).

A handler gets a :class:`~duo.fake.app.Call` whose person (for ``{bsn}`` paths) already
passed DUO's scope rules, and returns ``(status, body)``; it raises
:class:`~duo.fake.app.Refusal` for DUO's refusals. The store's lock is held.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from . import rules
from .app import Call, Refusal, _clean, route
from .store import Contactpersoon, PipRecord, Resultaat, as_date, iso

NIET_GEVONDEN = "Niet gevonden."


def _refuse_on(operation: str, call: Call, **extra: Any) -> None:
    errors = rules.check(operation, call.ctx(**extra))
    if errors:
        raise Refusal(403, *errors)


def _person(call: Call):
    assert call.person is not None
    return call.person


# --- Inburgeringsplicht ------------------------------------------------


@route("Inburgeringsplicht", "GET", "/personen/{bsn}/inburgeringsplicht")
def get_inburgeringsplicht(call: Call) -> tuple[int, Any]:
    p = _person(call)
    return 200, _clean(
        {
            "indicatorInburgeringsplicht": p.plichtig,
            "begindatum": iso(p.plicht_start),
            "einddatum": iso(p.plicht_einde),
            "wijzigingsdatum": iso(p.plicht_wijzigingsdatum),
            "datumKennisgevingInburgeringsplicht": iso(p.datum_kennisgeving),
            "redenGeenInburgeringsplicht": p.reden_geen_plicht,
        }
    )


@route("Inburgeringsplicht", "GET", "/personen/{bsn}/inburgeringsplicht/historie")
def get_inburgeringsplicht_historie(call: Call) -> tuple[int, Any]:
    p = _person(call)
    current = _clean(
        {
            "indicatorInburgeringsplicht": p.plichtig,
            "begindatum": iso(p.plicht_start),
            "einddatum": iso(p.plicht_einde),
            "wijzigingsdatum": iso(p.plicht_wijzigingsdatum),
        }
    )
    return 200, [*p.plicht_historie, current]


@route("Inburgeringsplicht", "GET", "/personen/{bsn}/doelgroep")
def get_doelgroep(call: Call) -> tuple[int, Any]:
    p = _person(call)
    return 200, _clean(
        {
            "indeling": p.doelgroep,
            "begindatum": iso(p.doelgroep_begindatum),
            "gedetailleerdeDoelgroep": p.gedetailleerde_doelgroep,
        }
    )


@route("Inburgeringsplicht", "GET", "/personen/{bsn}/doelgroep/historie")
def get_doelgroep_historie(call: Call) -> tuple[int, Any]:
    p = _person(call)
    current = _clean({"indeling": p.doelgroep, "begindatum": iso(p.doelgroep_begindatum)})
    return 200, [*(_clean(h) for h in p.doelgroep_historie), current]


# --- Inburgeringstermijn ------------------------------------------------


@route("Inburgeringstermijn", "GET", "/personen/{bsn}/inburgeringstermijn")
def get_termijn(call: Call) -> tuple[int, Any]:
    p = _person(call)
    if not p.termijn_vastgesteld:
        raise Refusal(404, "De inburgeringstermijn is nog niet vastgesteld.")
    return 200, _clean(
        {
            "startdatum": iso(p.termijn_start),
            "einddatum": iso(p.termijn_eind),
            "wijzigingsdatum": iso(p.termijn_wijzigingsdatum),
            "verlengingsgrondcode": p.verlengingsgrondcode,
            "verlengingsgrondomschrijving": p.verlengingsgrondomschrijving,
        }
    )


@route("Inburgeringstermijn", "GET", "/personen/{bsn}/inburgeringstermijn/historie")
def get_termijn_historie(call: Call) -> tuple[int, Any]:
    p = _person(call)
    history = [_clean(h) for h in p.termijn_historie]
    if not history and p.termijn_vastgesteld:
        history = [
            _clean(
                {
                    "einddatum": iso(p.termijn_eind),
                    "wijzigingsdatum": iso(p.termijn_wijzigingsdatum or p.termijn_start),
                }
            )
        ]
    return 200, history


@route("Inburgeringstermijn", "GET", "/verlengingsgronden")
def get_verlengingsgronden(call: Call) -> tuple[int, Any]:
    return 200, call.fake.store.verlengingsgronden


# --- Leerbaarheidstoets ------------------------------------------------


@route("Leerbaarheidstoets", "GET", "/personen/{bsn}/lbt/examennummer")
def get_lbt_examennummer(call: Call) -> tuple[int, Any]:
    p = _person(call)
    if not p.lbt_examennummer:
        # DUO hands out an examennummer to plan the LBT with
        p.lbt_examennummer = "LBT" + call.today.strftime("%y%m%d") + p.bsn[-3:]
    return 200, {"examennummer": p.lbt_examennummer}


@route("Leerbaarheidstoets", "DELETE", "/personen/{bsn}/lbt/examennummer")
def delete_lbt_examennummer(call: Call) -> tuple[int, Any]:
    p = _person(call)
    if not p.lbt_examennummer:
        raise Refusal(404, "Er is geen examennummer voor de leerbaarheidstoets.")
    p.lbt_examennummer = None
    return 200, None


@route("Leerbaarheidstoets", "GET", "/personen/{bsn}/lbt/resultaten")
def get_lbt_resultaten(call: Call) -> tuple[int, Any]:
    return 200, list(_person(call).lbt_resultaten)


# --- Vrijstelling, Ontheffing, Examen ------------------------------------------------


@route("Vrijstelling", "GET", "/personen/{bsn}/vrijstellingen")
def get_vrijstellingen(call: Call) -> tuple[int, Any]:
    return 200, list(_person(call).vrijstellingen)


@route("Ontheffing", "GET", "/personen/{bsn}/ontheffingen")
def get_ontheffingen(call: Call) -> tuple[int, Any]:
    return 200, list(_person(call).ontheffingen)


@route("Examen", "GET", "/personen/{bsn}/examens/resultaten")
def get_examenresultaten(call: Call) -> tuple[int, Any]:
    return 200, list(_person(call).examens)


@route("Examen", "GET", "/personen/{bsn}/examens/gratispogingen")
def get_gratispogingen(call: Call) -> tuple[int, Any]:
    p = _person(call)
    if p.gratispogingen:
        return 200, list(p.gratispogingen)
    # default: every onderdeel has its free attempt unless an exam was taken
    taken = {e["onderdeel"] for e in p.examens}
    return 200, [
        {"onderdeel": o, "gratisPogingenTegoed": 0 if o in taken else 1}
        for o in ("KNM", "LE", "LU", "SC", "SP")
    ]


# --- PIP ------------------------------------------------


@route("PIP", "GET", "/personen/{bsn}/PIP")
def get_pip(call: Call) -> tuple[int, Any]:
    # README.md:58-59: a gemeente can always read the actuele PIP, its own or another's
    pip = _person(call).actuele_pip
    if pip is None:
        raise Refusal(404, "Er is geen PIP bekend bij DUO.")
    return 200, {"gemeentecode": pip.gemeentecode, "pip": pip.pip}


@route("PIP", "POST", "/personen/{bsn}/PIP")
def post_pip(call: Call) -> tuple[int, Any]:
    p = _person(call)
    _refuse_on(rules.PIP_POST, call, eerste_pip=not p.pips)
    p.pips.append(PipRecord(call.gemeentecode, rules.default_niveau(call.body), call.today))
    return 201, None


@route("PIP", "DELETE", "/personen/{bsn}/PIP")
def delete_pip(call: Call) -> tuple[int, Any]:
    p = _person(call)
    pip = p.actuele_pip
    if pip is None:
        raise Refusal(404, "Er is geen actueel PIP om te verwijderen.")
    _refuse_on(rules.PIP_DELETE, call)
    pip.verwijderd = True
    return 200, None


# --- Contactpersoon ------------------------------------------------


def _own_contactpersoon(call: Call) -> Contactpersoon:
    try:
        cid = int(call.params["id"])
    except ValueError:
        raise Refusal(404, NIET_GEVONDEN) from None
    cp = call.fake.store.contactpersonen.get(cid)
    if cp is None:
        raise Refusal(404, "De contactpersoon is niet bekend bij DUO.")
    if cp.gemeentecode != call.gemeentecode:
        raise Refusal(403, "De contactpersoon is niet van uw gemeente.")
    return cp


@route("Contactpersoon", "POST", "/contactpersonen")
def post_contactpersoon(call: Call) -> tuple[int, Any]:
    store = call.fake.store
    cid = store.next_contactpersoon_id
    store.next_contactpersoon_id += 1
    store.contactpersonen[cid] = Contactpersoon(cid, call.gemeentecode, dict(call.body))
    return 201, {"id": cid, "contactpersoongegevens": dict(call.body)}


@route("Contactpersoon", "PUT", "/contactpersonen/{id}")
def put_contactpersoon(call: Call) -> tuple[int, Any]:
    cp = _own_contactpersoon(call)
    cp.gegevens = dict(call.body)
    return 200, None


@route("Contactpersoon", "DELETE", "/contactpersonen/{id}")
def delete_contactpersoon(call: Call) -> tuple[int, Any]:
    cp = _own_contactpersoon(call)
    # README.md:90: deleting a contactpersoon removes its koppelingen
    for person in call.fake.store.persons.values():
        if person.contactpersoon_id == cp.id:
            person.contactpersoon_id = None
    del call.fake.store.contactpersonen[cp.id]
    return 200, None


@route("Contactpersoon", "POST", "/contactpersonen/{id}/personen/{bsn}")
def koppel_contactpersoon(call: Call) -> tuple[int, Any]:
    cp = _own_contactpersoon(call)
    # README.md:87: an existing koppeling with another contactpersoon is overwritten
    _person(call).contactpersoon_id = cp.id
    return 201, None


@route("Contactpersoon", "DELETE", "/contactpersonen/{id}/personen/{bsn}")
def ontkoppel_contactpersoon(call: Call) -> tuple[int, Any]:
    cp = _own_contactpersoon(call)
    p = _person(call)
    if p.contactpersoon_id != cp.id:
        raise Refusal(404, "Deze contactpersoon is niet aan de persoon gekoppeld.")
    p.contactpersoon_id = None
    return 200, None


# --- Inburgeringsaanbod ------------------------------------------------


@route("Inburgeringsaanbod", "GET", "/instellingen")
def get_instellingen(call: Call) -> tuple[int, Any]:
    return 200, list(call.fake.store.instellingen.values())


@route("Inburgeringsaanbod", "POST", "/personen/{bsn}/Inburgeringsaanbod/{instellingsnummer}")
def post_aanbod(call: Call) -> tuple[int, Any]:
    nummer = call.params["instellingsnummer"]
    _refuse_on(rules.AANBOD_POST, call, instellingsnummer=nummer)
    # README.md:102: one aanbod per instelling, a new one overwrites
    _person(call).aanbod[nummer] = {**call.body, "gemeentecode": call.gemeentecode}
    return 201, None


@route("Inburgeringsaanbod", "DELETE", "/personen/{bsn}/Inburgeringsaanbod/{instellingsnummer}")
def delete_aanbod(call: Call) -> tuple[int, Any]:
    p = _person(call)
    if call.params["instellingsnummer"] not in p.aanbod:
        raise Refusal(404, "Er is geen inburgeringsaanbod bij deze instelling.")
    del p.aanbod[call.params["instellingsnummer"]]
    return 204, None


# --- MAP, PVT, Z-route ------------------------------------------------


def _get_resultaat(call: Call, kind: str, field: str) -> tuple[int, Any]:
    res = getattr(_person(call), kind)
    if res is None or res.datum is None:
        raise Refusal(404, NIET_GEVONDEN)
    return 200, {field: iso(res.datum)}


def _put_resultaat(call: Call, kind: str, field: str) -> tuple[int, Any]:
    _refuse_on(f"PUT /personen/{{bsn}}/{kind}", call)
    body = call.body or {}
    # PUT replaces the whole resource: what is left out is withdrawn (README.md:118)
    setattr(
        _person(call),
        kind,
        Resultaat(call.gemeentecode, as_date(body.get(field)), body.get("verwijtbaar")),
    )
    return 200, None


@route("MAP,PVT,Zroute", "GET", "/personen/{bsn}/map")
def get_map(call: Call) -> tuple[int, Any]:
    return _get_resultaat(call, "map", "datumEindgesprekMap")


@route("MAP,PVT,Zroute", "PUT", "/personen/{bsn}/map")
def put_map(call: Call) -> tuple[int, Any]:
    return _put_resultaat(call, "map", "datumEindgesprekMap")


@route("MAP,PVT,Zroute", "GET", "/personen/{bsn}/pvt")
def get_pvt(call: Call) -> tuple[int, Any]:
    return _get_resultaat(call, "pvt", "datumOndertekeningPvt")


@route("MAP,PVT,Zroute", "PUT", "/personen/{bsn}/pvt")
def put_pvt(call: Call) -> tuple[int, Any]:
    return _put_resultaat(call, "pvt", "datumOndertekeningPvt")


@route("MAP,PVT,Zroute", "PUT", "/personen/{bsn}/zroute")
def put_zroute(call: Call) -> tuple[int, Any]:
    p = _person(call)
    p.zroute_afgerond = as_date((call.body or {}).get("datumAfrondingZroute"))
    p.zroute_gemeentecode = call.gemeentecode if p.zroute_afgerond else None
    return 200, None


# --- Gevolgde uren ------------------------------------------------

UREN_KINDS = {
    "/personen/{bsn}/uren/participatietaalles": "ParticipatieAlsTaalles",
    "/personen/{bsn}/uren/participatieactiviteiten": "ParticipatieactiviteitenBredeIntake",
    "/personen/{bsn}/uren/bredeintake/taallesknm": "TaallesEnKnmBredeIntake",
}


@route("GevolgdeUren", "GET", "/personen/{bsn}/uren")
def get_uren(call: Call) -> tuple[int, Any]:
    result = []
    for code, totals in sorted(_person(call).uren.items()):
        item: dict[str, Any] = {"gemeentecode": code, "bekendTot": iso(totals.get("bekendTot"))}
        for kind in UREN_KINDS.values():
            if kind in totals:
                item[kind] = {"uren": totals[kind]}
        result.append(_clean(item))
    return 200, result


def _put_uren(call: Call) -> tuple[int, Any]:
    _refuse_on(f"PUT {call.template}", call)
    totals = _person(call).uren.setdefault(call.gemeentecode, {})
    totals[UREN_KINDS[call.template]] = int(call.body["uren"])
    # bekendTot is exclusive: the totals are known up to and including today
    totals["bekendTot"] = call.today + timedelta(days=1)
    return 200, None


for _template in UREN_KINDS:
    route("GevolgdeUren", "PUT", _template)(_put_uren)


# --- Notificatie: implemented by the gemeente; here a sink so that the fake can stand in ----


@route("Notificatie", "POST", "/notificaties")
def post_notificatie(call: Call) -> tuple[int, Any]:
    call.fake.received_notifications.append(dict(call.body))
    return 201, None
