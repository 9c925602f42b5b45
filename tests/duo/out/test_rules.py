"""Every business rule of DUO that duo/rules.py implements, as table rows citing the
rule (DUO M2M README)."""

from __future__ import annotations

from datetime import date

import pytest

from duo import rules

D = date(2026, 3, 1)

BASE = {
    "dagtekening": D,
    "leerroute": "b1",
    "niveau": "B1",
    "geschatte_intensiteit": None,
    "is_asiel": True,
    "start_plicht": date(2026, 1, 1),
    "vestiging": date(2026, 2, 1),
    "dagtekening_initieel": None,
    "dagtekening_actueel": None,
    "eerste_pip_persoon": True,
}

PIP_ROWS = [
    # (change, expected codes, source)
    ({}, set(), "a valid first B1 PIP"),
    ({"start_plicht": date(2026, 3, 2)}, {"voor_start_plicht"}, "dagtekening voor start plicht"),
    ({"start_plicht": D}, set(), "dagtekening on the start of the plicht is allowed"),
    (
        {"dagtekening_initieel": date(2026, 3, 2), "eerste_pip_persoon": False},
        {"voor_initiele_pip"},
        "gewijzigde PIP: not before the initial PIP",
    ),
    (
        {"dagtekening_actueel": date(2026, 3, 2), "eerste_pip_persoon": False},
        {"voor_actuele_pip"},
        "gewijzigde PIP: not before the current PIP",
    ),
    (
        {"dagtekening_actueel": D, "eerste_pip_persoon": False},
        set(),
        "gewijzigde PIP on the same day as the current one is allowed",
    ),
    ({"vestiging": date(2026, 3, 2)}, {"voor_vestiging"}, "dagtekening voor vestiging"),
    ({"leerroute": "onderwijs", "niveau": "A2"}, {"a2_onderwijs"}, "A2 not with onderwijsroute"),
    ({"leerroute": "onderwijs", "niveau": ""}, set(), "onderwijsroute without niveau: DUO sets B1"),
    ({"leerroute": "z", "niveau": "B1"}, {"b1_z"}, "B1 not with Z-route"),
    ({"leerroute": "z", "niveau": ""}, set(), "Z-route without niveau"),
    ({"leerroute": "z", "niveau": "A2"}, set(), "Z-route with A2 is allowed"),
    ({"niveau": "A2"}, {"a2_eerste_b1"}, "A2 + B1-route in the person's first PIP"),
    (
        {"niveau": "A2", "eerste_pip_persoon": False, "dagtekening_actueel": date(2026, 2, 1)},
        set(),
        "A2 + B1-route in a later PIP (afschalen) is allowed",
    ),
    ({"geschatte_intensiteit": 800}, set(), "intensiteit with B1-route and asiel"),
    ({"geschatte_intensiteit": 800, "is_asiel": False}, {"intensiteit"}, "intensiteit only asiel"),
    (
        {"geschatte_intensiteit": 800, "leerroute": "z", "niveau": ""},
        {"intensiteit"},
        "intensiteit only with the B1-route",
    ),
    ({"geschatte_intensiteit": 0}, {"intensiteit_bereik"}, "intensiteit minimum 1 (schema)"),
    ({"geschatte_intensiteit": 10000}, {"intensiteit_bereik"}, "intensiteit maximum 9999"),
    ({"geschatte_intensiteit": 9999}, set(), "intensiteit 9999 is the edge"),
    ({"leerroute": ""}, {"leerroute"}, "leerroute is required (schema PIP)"),
]


@pytest.mark.parametrize(("change", "codes", "source"), PIP_ROWS, ids=[r[2] for r in PIP_ROWS])
def test_pip_aanleveren(change, codes, source):
    found = {o.code for o in rules.pip_aanleveren(**{**BASE, **change})}
    assert found == codes, source


def test_pip_messages_are_dutch_and_name_duo():
    (o,) = rules.pip_aanleveren(**{**BASE, "vestiging": date(2026, 3, 2)})
    assert o.bericht.startswith("DUO weigert deze PIP")
    assert "2 maart 2026" in o.bericht
    assert "DUO M2M" in o.regel


@pytest.mark.parametrize(
    ("leerroute", "niveau", "expected"),
    [("b1", "", "B1"), ("onderwijs", "", "B1"), ("z", "", ""), ("b1", "A2", "A2")],
)
def test_niveau_na_duo(leerroute, niveau, expected):
    """'Als het Niveau niet wordt aangeleverd … wordt Niveau B1 vastgesteld als er
    sprake is van de B1-route of onderwijsroute'."""
    assert rules.niveau_na_duo(leerroute, niveau) == expected


@pytest.mark.parametrize(
    ("termijn", "uren", "codes"),
    [
        (False, False, set()),
        (True, False, {"termijn_vastgesteld"}),
        (False, True, {"cursusuren"}),
        (True, True, {"termijn_vastgesteld", "cursusuren"}),
    ],
)
def test_pip_verwijderen(termijn, uren, codes):
    """DUO M2M README, Het verwijderen van een PIP."""
    found = rules.pip_verwijderen(termijn_vastgesteld=termijn, cursusuren_geregistreerd=uren)
    assert {o.code for o in found} == codes


AANBOD = {
    "is_asiel": True,
    "heeft_pip": True,
    "instellingsnummer": "1234567890",
    "dagtekening_pip": date(2026, 3, 1),
    "datum_aanbod": date(2026, 3, 10),
    "verwachte_start": date(2026, 4, 1),
    "verwachte_eind": None,
    "aanvang_taalschakeltraject": None,
    "einde_cursus": None,
    "termijn_start": date(2026, 3, 1),
    "termijn_eind": date(2029, 2, 28),
}

AANBOD_ROWS = [
    ({}, set(), "a valid aanbod"),
    ({"is_asiel": False}, {"niet_asiel"}, "only for asielmigranten"),
    ({"heeft_pip": False}, {"geen_pip"}, "the person has a PIP"),
    ({"instellingsnummer": ""}, {"instelling"}, "instelling known to DUO (10 chars)"),
    ({"datum_aanbod": date(2026, 2, 28)}, {"voor_pip"}, "not before the current PIP"),
    (
        {"aanvang_taalschakeltraject": date(2026, 5, 1), "einde_cursus": date(2026, 6, 1)},
        {"taalschakel_te_vroeg"},
        "aanvang taalschakeltraject not before einde cursus",
    ),
    (
        {"aanvang_taalschakeltraject": date(2026, 3, 5)},
        {"taalschakel_te_vroeg"},
        "aanvang taalschakeltraject not before datum inburgeringsaanbod",
    ),
    (
        {"aanvang_taalschakeltraject": date(2029, 3, 1), "einde_cursus": date(2029, 1, 1)},
        {"buiten_termijn"},
        "aanvang taalschakeltraject within the termijn",
    ),
    (
        {"aanvang_taalschakeltraject": date(2026, 7, 1), "einde_cursus": date(2026, 6, 1)},
        set(),
        "taalschakeltraject after the course, within the termijn",
    ),
]


@pytest.mark.parametrize(
    ("change", "codes", "source"), AANBOD_ROWS, ids=[r[2] for r in AANBOD_ROWS]
)
def test_inburgeringsaanbod(change, codes, source):
    found = {o.code for o in rules.inburgeringsaanbod(**{**AANBOD, **change})}
    assert found == codes, source


def test_leerroute_codes_match_duo_enum():
    """PIP API schema Leerroute: B, O, Z."""
    assert sorted(rules.LEERROUTE_CODE.values()) == ["B", "O", "Z"]
