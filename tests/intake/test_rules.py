"""The intake's rules as tables; every row names the source of its expected value."""

from datetime import date

import pytest

from casefiles.choices import Leerroute, Niveau, Regime
from intake import rules
from intake.choices import Alfabetisering as Alfa
from intake.choices import LbtUitslag as Lbt
from intake.choices import Opleidingsniveau as Opl

B1, OND, Z = Leerroute.B1, Leerroute.ONDERWIJS, Leerroute.Z

# (lbt, alfabetisering, opleiding, leeftijd, studiewens, max, expected route, voorlopig, source)
ADVIES = [
    (
        Lbt.NIET_HAALBAAR,
        Alfa.GEALFABETISEERD,
        Opl.WO,
        24,
        "hbo",
        28,
        Z,
        False,
        "DUO leerbaarheidstoets 'B1-route niet haalbaar' → Z-route (Wi art. 9)",
    ),
    (
        Lbt.HAALBAAR,
        Alfa.GEALFABETISEERD,
        Opl.VO,
        22,
        "mbo-4 ICT",
        28,
        OND,
        False,
        "toets haalbaar + jonger dan 28 + vo + studiewens → onderwijsroute (Wi art. 8; MvT)",
    ),
    (
        Lbt.HAALBAAR,
        Alfa.ANDERS,
        Opl.HBO,
        27,
        "hbo verpleegkunde",
        28,
        OND,
        False,
        "27 is jonger dan de richtleeftijd 28 (ONDERWIJSROUTE_MAX_LEEFTIJD)",
    ),
    (
        Lbt.HAALBAAR,
        Alfa.GEALFABETISEERD,
        Opl.VO,
        28,
        "mbo-4 ICT",
        28,
        B1,
        False,
        "28 is niet jonger dan 28: richtleeftijd onderwijsroute → B1-route (Wi art. 7)",
    ),
    (
        Lbt.HAALBAAR,
        Alfa.GEALFABETISEERD,
        Opl.VO,
        30,
        "mbo-4 ICT",
        32,
        OND,
        False,
        "gemeente-instelling onderwijsroute_max_leeftijd 32 gaat voor de standaard 28",
    ),
    (
        Lbt.HAALBAAR,
        Alfa.GEALFABETISEERD,
        Opl.VO,
        22,
        "",
        28,
        B1,
        False,
        "zonder studiewens geen onderwijsroute (Divosa-handreiking leerroutes)",
    ),
    (
        Lbt.HAALBAAR,
        Alfa.GEALFABETISEERD,
        Opl.BASIS,
        22,
        "mbo-2",
        28,
        B1,
        False,
        "vooropleiding onder afgerond vo: geen onderwijsroute (ONDERWIJS_MIN_OPLEIDING)",
    ),
    (
        Lbt.HAALBAAR,
        Alfa.GEALFABETISEERD,
        Opl.VO,
        None,
        "mbo-2",
        28,
        B1,
        False,
        "leeftijd onbekend: richtleeftijd niet te toetsen → B1-route",
    ),
    (
        Lbt.ONBEKEND,
        Alfa.ANALFABEET,
        Opl.GEEN,
        35,
        "",
        28,
        Z,
        True,
        "geen toetsuitslag + analfabeet → voorlopig Z-route (B1_ZONDER_TOETS_MIN_OPLEIDING)",
    ),
    (
        Lbt.NIET_AFGENOMEN,
        Alfa.GEALFABETISEERD,
        Opl.BASIS,
        40,
        "",
        28,
        Z,
        True,
        "geen toets + hoogstens basisonderwijs → voorlopig Z-route",
    ),
    (
        Lbt.NIET_AFGENOMEN,
        Alfa.GEALFABETISEERD,
        Opl.VO_ONDERBOUW,
        40,
        "",
        28,
        B1,
        True,
        "geen toets + enig voortgezet onderwijs → voorlopig B1-route",
    ),
    (
        "",
        Alfa.GEALFABETISEERD,
        Opl.VO,
        20,
        "mbo-3 logistiek",
        28,
        OND,
        True,
        "geen toets, wel alle criteria onderwijsroute → voorlopig onderwijsroute",
    ),
    (
        "",
        "",
        "",
        None,
        "",
        28,
        B1,
        True,
        "niets bekend → voorlopig B1-route met de vraag de toets af te nemen",
    ),
]


@pytest.mark.parametrize(
    "lbt,alfa,opl,leeftijd,wens,maximum,route,voorlopig,bron", ADVIES, ids=[r[-1] for r in ADVIES]
)
def test_route_advies(lbt, alfa, opl, leeftijd, wens, maximum, route, voorlopig, bron):
    advies = rules.route_advies(
        rules.RouteFeiten(
            lbt_uitslag=lbt,
            alfabetisering=alfa,
            opleiding_niveau=opl,
            leeftijd=leeftijd,
            beoogde_opleiding=wens,
            onderwijsroute_max_leeftijd=maximum,
        )
    )
    assert advies.route == route, bron
    assert advies.voorlopig is voorlopig, bron
    assert advies.redenen, "an advice always carries its reasons"
    assert all(r.endswith(".") or r.endswith(")") for r in advies.redenen)


def test_reasons_spell_out_why_not_onderwijs():
    advies = rules.route_advies(
        rules.RouteFeiten(
            lbt_uitslag=Lbt.HAALBAAR,
            alfabetisering=Alfa.GEALFABETISEERD,
            opleiding_niveau=Opl.VO,
            leeftijd=31,
            beoogde_opleiding="mbo-4",
        )
    )
    tekst = " ".join(advies.redenen)
    assert "B1-route haalbaar" in tekst
    assert "31 jaar" in tekst and "jonger dan 28" in tekst


def test_alfabetisering_reason_names_duo_code():
    advies = rules.route_advies(
        rules.RouteFeiten(lbt_uitslag=Lbt.NIET_HAALBAAR, alfabetisering=Alfa.ANALFABEET)
    )
    assert any("DUO-code A)" in r for r in advies.redenen)


# (alfabetisering, DUO code, source)
ALFA_CODES = [
    (Alfa.ANALFABEET, "A", "DUO PIP API: A = onderwijs voor analfabeet"),
    (Alfa.ANDERS, "AA", "DUO PIP API: AA = onderwijs voor anders-gealfabetiseerde"),
    (Alfa.GEALFABETISEERD, "NVT", "DUO PIP API: NVT = niet van toepassing"),
    ("", "NVT", "unknown literacy: nothing to report to DUO yet"),
]


@pytest.mark.parametrize("alfa,code,bron", ALFA_CODES, ids=[r[-1] for r in ALFA_CODES])
def test_duo_alfabetisering(alfa, code, bron):
    assert rules.duo_alfabetisering(alfa) == code, bron


# (route, niveau, allowed, source)
NIVEAUS = [
    (B1, Niveau.B1, True, "B1-route: examens op B1 (Wi art. 7)"),
    (B1, Niveau.A2, False, "DUO: A2 nooit in de eerste PIP van een B1-route"),
    (OND, Niveau.B1, True, "onderwijsroute B1 (Wi art. 8)"),
    (OND, Niveau.B2, False, "DUO NiveauPip: only A2 or B1 on a PIP"),
    (OND, Niveau.A2, False, "DUO: A2 nooit met de onderwijsroute"),
    (Z, Niveau.A2, True, "Z-route recorded as A2 (DUO NiveauPip; Bi art. 3.14)"),
    (Z, Niveau.A1, False, "DUO NiveauPip: only A2 or B1 on a PIP"),
    (Z, Niveau.B1, False, "DUO: B1 nooit met de Z-route"),
]


@pytest.mark.parametrize("route,niveau,ok,bron", NIVEAUS, ids=[r[-1] + r[1] for r in NIVEAUS])
def test_niveau_toegestaan(route, niveau, ok, bron):
    assert rules.niveau_toegestaan(route, niveau) is ok, bron


def test_route_niveau_opties_never_offer_refused_combinations():
    opties = rules.route_niveau_opties()
    assert (OND, Niveau.A2) not in opties and (Z, Niveau.B1) not in opties
    assert all(rules.niveau_toegestaan(r, n) for r, n in opties)


D = date
# (regime, duo, vestiging, opgevraagd, ontvangen, expected, source)
DEADLINES = [
    (
        Regime.WI2021,
        D(2026, 3, 2),
        D(2026, 2, 20),
        None,
        None,
        D(2026, 5, 11),
        "Bi art. 5.3: 10 weken na de LATERE datum — hier de melding van DUO (SS139)",
    ),
    (
        Regime.WI2021,
        None,
        D(2026, 2, 20),
        None,
        None,
        D(2026, 5, 1),
        "Bi art. 5.3: 10 weken na inschrijving in de BRP als DUO's melding ontbreekt",
    ),
    (
        Regime.WI2021,
        D(2026, 2, 20),
        D(2026, 3, 2),
        None,
        None,
        D(2026, 5, 11),
        "Bi art. 5.3: 10 weken na de LATERE datum — hier de inschrijving in de BRP",
    ),
    (
        Regime.WI2021,
        D(2026, 3, 2),
        D(2026, 3, 2),
        None,
        None,
        D(2026, 5, 11),
        "Bi art. 5.3: melding en inschrijving op dezelfde dag",
    ),
    (
        Regime.WI2021,
        D(2026, 3, 2),
        None,
        None,
        None,
        D(2026, 5, 11),
        "Bi art. 5.3: alleen DUO's melding bekend",
    ),
    (
        Regime.WI2021,
        D(2027, 12, 21),
        D(2027, 12, 20),
        None,
        None,
        D(2028, 2, 29),
        "Bi art. 5.3: schrikkeldag als laatste dag (21-12-2027 + 70 dagen)",
    ),
    (
        Regime.WI2021,
        None,
        D(2026, 1, 31),
        None,
        None,
        D(2026, 4, 11),
        "Bi art. 5.3: maandeinde als start — 10 weken zijn 70 dagen, geen kalendermaanden",
    ),
    (
        Regime.WI2021,
        None,
        D(2026, 3, 2),
        D(2026, 4, 1),
        D(2026, 4, 27),
        D(2026, 5, 11),
        "Bi art. 5.3: 2 weken na ontvangst valt precies op de 10-wekendatum — gelijk",
    ),
    (
        Regime.WI2021,
        None,
        D(2026, 3, 2),
        D(2026, 4, 1),
        D(2026, 4, 28),
        D(2026, 5, 12),
        "Bi art. 5.3: één dag later ontvangen — de 2 weken gaan voor",
    ),
    (
        Regime.WI2021,
        None,
        D(2026, 3, 2),
        D(2026, 4, 10),
        D(2026, 4, 9),
        D(2026, 5, 11),
        "ontvangen voor het verzoek: geen wachten op derden, geen verlenging",
    ),
    (Regime.WI2021, None, None, None, None, None, "geen startdatum bekend: nog geen klok"),
    (
        Regime.WI2013,
        D(2026, 3, 2),
        D(2026, 2, 20),
        None,
        None,
        None,
        "Wi 2013 (ondertussengroep): geen PIP-beschikking, geen termijn",
    ),
    (
        Regime.WI2021,
        D(2026, 3, 2),
        None,
        D(2026, 4, 1),
        D(2026, 5, 4),
        D(2026, 5, 18),
        "Bi art. 5.3: 2 weken na ontvangst informatie derden (later dan 10 weken)",
    ),
    (
        Regime.WI2021,
        D(2026, 3, 2),
        None,
        D(2026, 3, 5),
        D(2026, 3, 20),
        D(2026, 5, 11),
        "informatie derden vroeg binnen: de 10 weken worden niet korter",
    ),
    (
        Regime.WI2021,
        D(2026, 3, 2),
        None,
        D(2026, 4, 1),
        None,
        D(2026, 5, 11),
        "informatie nog niet binnen: de 10-wekendatum blijft de deadline",
    ),
    (
        Regime.WI2021,
        D(2026, 3, 2),
        None,
        None,
        D(2026, 5, 4),
        D(2026, 5, 11),
        "ontvangen zonder dat erop gewacht werd: geen verlenging",
    ),
]


@pytest.mark.parametrize(
    "regime,duo,vestiging,opgevraagd,ontvangen,expected,bron",
    DEADLINES,
    ids=[r[-1] for r in DEADLINES],
)
def test_pip_deadline(regime, duo, vestiging, opgevraagd, ontvangen, expected, bron):
    result = rules.pip_deadline(
        regime=regime,
        duo_melding=duo,
        vestiging=vestiging,
        info_opgevraagd=opgevraagd,
        info_ontvangen=ontvangen,
    )
    assert (result.deadline if result else None) == expected, bron
    if result:
        assert result.grondslag


def test_pip_deadline_ground_names_its_start():
    result = rules.pip_deadline(regime=Regime.WI2021, duo_melding=None, vestiging=D(2026, 2, 20))
    assert "BRP" in result.grondslag and "20-02-2026" in result.grondslag
    assert (result.vanaf, result.bron) == (D(2026, 2, 20), rules.KLOK_BRP)


@pytest.mark.parametrize(
    "duo,vestiging,vanaf,bron,noemt",
    [
        (D(2026, 3, 2), D(2026, 2, 20), D(2026, 3, 2), "duo", "20-02-2026"),
        (D(2026, 2, 20), D(2026, 3, 2), D(2026, 3, 2), "brp", "20-02-2026"),
    ],
)
def test_pip_deadline_says_which_date_it_counts_from(duo, vestiging, vanaf, bron, noemt):
    """Bi art. 5.3: the later date counts; the ground also names the earlier one."""
    result = rules.pip_deadline(regime=Regime.WI2021, duo_melding=duo, vestiging=vestiging)
    assert (result.vanaf, result.bron) == (vanaf, bron)
    assert noemt in result.grondslag and "later" in result.grondslag


@pytest.mark.parametrize(
    "status,termijn_start,runs",
    [
        ("aangemeld", None, True),
        ("intake", None, True),
        ("pip", None, True),
        ("pip", D(2026, 5, 1), False),
        ("uitvoering", None, False),
        ("afgerond", None, False),
    ],
)
def test_pip_klok_loopt(status, termijn_start, runs):
    # Source: Wi art. 11 (termijn starts with the first PIP); DESIGN.md §4.
    assert rules.pip_klok_loopt(status=status, termijn_start=termijn_start) is runs


def test_leeftijd_op():
    assert rules.leeftijd_op(D(2000, 6, 15), D(2028, 6, 14)) == 27
    assert rules.leeftijd_op(D(2000, 6, 15), D(2028, 6, 15)) == 28
    assert rules.leeftijd_op(None, D(2028, 6, 15)) is None
