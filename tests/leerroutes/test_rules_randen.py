"""Issue 11: every condition of DUO on the MAP eindgesprek and PVT signing date (DUO
M2M README, MAP and PVT), the Z-route hours per doelgroep and the DUO boete for MAP
and PVT per doelgroep. Every row names its source; boundary days included."""

from datetime import date
from decimal import Decimal

import pytest

from casefiles.choices import Doelgroep
from leerroutes import rules

D = date
TS, TE = D(2025, 1, 10), D(2028, 1, 9)  # last day; DUO's einddatum (exclusive) 2028-01-10
VANDAAG = D(2028, 6, 1)


def codes(**kwargs):
    args = {
        "datum": D(2026, 6, 1),
        "wat": "datum eindgesprek",
        "termijn_start": TS,
        "termijn_eind": TE,
        "verwijtbaar": "",
        "today": VANDAAG,
        **kwargs,
    }
    return [f.code for f in rules.datum_termijn_weigeringen(**args)]


@pytest.mark.parametrize(
    ("kwargs", "verwacht", "bron"),
    [
        ({}, [], "DUO: binnen de termijn zonder verwijtbaar"),
        ({"heeft_pip": False}, ["geen_pip"], "DUO: gemeente moet een actuele PIP hebben"),
        ({"heeft_pip": False, "datum": None}, [], "aanmelden zonder datum kan zonder PIP"),
        ({"plicht_voldaan_via_z": True}, ["voldaan_via_z"], "DUO: plicht nog niet voldaan (Z)"),
        ({"datum": D(2025, 1, 9)}, ["voor_termijn"], "DUO: niet voor de start termijn"),
        ({"datum": D(2025, 1, 10)}, [], "DUO: eerste dag van de termijn"),
        (
            {"datum": D(2027, 3, 2), "z_afgerond_op": D(2027, 3, 1)},
            ["na_z_afgerond"],
            "DUO: niet na de datum afronding Z-route",
        ),
        ({"datum": D(2027, 3, 1), "z_afgerond_op": D(2027, 3, 1)}, [], "DUO: op de afronding"),
        ({"datum": D(2028, 6, 2)}, ["toekomst", "verwijtbaar_nodig"], "DUO: niet in de toekomst"),
        (
            {"datum": None, "z_afgerond_op": D(2027, 3, 1)},
            ["intrekken_na_z"],
            "DUO: intrekken niet als de Z-route afgerond is",
        ),
        ({"datum": None}, [], "DUO: intrekken mag zonder afgeronde Z-route"),
        ({"datum": D(2028, 1, 9)}, [], "DUO: laatste dag termijn (voor de einddatum)"),
        (
            {"datum": D(2028, 1, 9), "verwijtbaar": "ja"},
            ["verwijtbaar_binnen_termijn"],
            "DUO: voor de einddatum geen verwijtbaar",
        ),
        (
            {"datum": D(2027, 12, 1), "verwijtbaar": "nee"},
            ["verwijtbaar_binnen_termijn"],
            "issue 11: ook 'nee' nooit voor de einddatum",
        ),
        ({"datum": D(2028, 1, 10)}, ["verwijtbaar_nodig"], "DUO: op de einddatum = overschreden"),
        ({"datum": D(2028, 1, 10), "verwijtbaar": "ja"}, [], "DUO: ja bij overschrijding"),
        ({"datum": D(2028, 1, 10), "verwijtbaar": "nee"}, [], "DUO: nee binnen 2 maanden"),
        ({"datum": D(2028, 3, 9), "verwijtbaar": "nee"}, [], "DUO: laatste dag van 2 maanden"),
        (
            {"datum": D(2028, 3, 10), "verwijtbaar": "nee"},
            ["nee_te_laat"],
            "issue 11: 'nee' niet meer na 2 maanden overschrijding",
        ),
        ({"datum": D(2028, 3, 10), "verwijtbaar": "ja"}, [], "DUO: ja blijft mogelijk"),
        (
            {"termijn_start": None, "termijn_eind": None, "verwijtbaar": "ja"},
            ["verwijtbaar_zonder_termijn"],
            "DUO: ja alleen bij overschrijding — zonder termijn geen overschrijding",
        ),
    ],
)
def test_map_pvt_conditions(kwargs, verwacht, bron):
    assert codes(**kwargs) == verwacht, bron


def test_nee_window_over_a_leap_day():
    # termijn last day 31 December 2027: two months from 1 January end on 29 February 2028
    assert rules.verwijtbaar_nee_uiterlijk(D(2027, 12, 31)) == D(2028, 2, 29)
    # last day 30 June 2026: from 1 July two months → 31 August
    assert rules.verwijtbaar_nee_uiterlijk(D(2026, 6, 30)) == D(2026, 8, 31)


@pytest.mark.parametrize(
    ("doelgroep", "taal", "part", "voldaan", "bron"),
    [
        (Doelgroep.ASIELSTATUSHOUDER, Decimal(800), Decimal(800), True, "Bi 3.14: 800 + 800"),
        (Doelgroep.NAREIZIGER, Decimal(800), Decimal("799.9"), False, "Bi 3.14: participatie"),
        (Doelgroep.GEZINSMIGRANT, Decimal(800), Decimal(0), True, "Bi 3.14: 800 taal/KNM"),
        (Doelgroep.GEZINSMIGRANT, Decimal(400), Decimal(400), False, "participatie telt niet"),
        (Doelgroep.OVERIGE_MIGRANT, Decimal(800), Decimal(0), True, "Bi 3.14: overige migrant"),
    ],
)
def test_z_route_hours_per_doelgroep(doelgroep, taal, part, voldaan, bron):
    stand = rules.route_voldaan(
        route="z",
        niveau="A2",
        doelgroep=doelgroep,
        uren_taal=taal,
        uren_participatie=part,
        z_eindgesprek=D(2027, 1, 1),
    )
    assert stand.voldaan is voldaan, bron
    bars = rules.z_voortgang(doelgroep=doelgroep, taal=taal, participatie=part)
    assert len(bars) == (2 if doelgroep in ("asielstatushouder", "nareiziger") else 1), bron


@pytest.mark.parametrize(
    ("verwijtbaar", "doelgroep", "bedrag", "bron"),
    [
        ("ja", Doelgroep.GEZINSMIGRANT, Decimal("340.00"), "DUO: € 340 MAP/PVT"),
        ("ja", Doelgroep.ASIELSTATUSHOUDER, None, "RvS 9-7-2025: niet voor asielstatushouders"),
        ("ja", Doelgroep.NAREIZIGER, None, "RvS 9-7-2025; Wi art. 13: nareiziger is asiel"),
        ("nee", Doelgroep.GEZINSMIGRANT, None, "niet verwijtbaar: geen boete"),
    ],
)
def test_duo_boete_map_pvt(verwijtbaar, doelgroep, bedrag, bron):
    assert rules.duo_boete_map_pvt(verwijtbaar=verwijtbaar, doelgroep=doelgroep)[0] == bedrag, bron


@pytest.mark.parametrize(
    ("route", "niveau", "verwacht", "bron"),
    [
        ("z", "", "A2", "Bi 3.14 / DUO: Z-route zonder niveau → traject op A2"),
        ("b1", "", "B1", "DUO: zonder niveau wordt B1 vastgesteld"),
        ("onderwijs", "", "B1", "DUO: zonder niveau wordt B1 vastgesteld"),
        ("b1", "A2", "A2", "afgeschaald niveau blijft"),
    ],
)
def test_traject_niveau(route, niveau, verwacht, bron):
    assert rules.traject_niveau(route, niveau) == verwacht, bron
