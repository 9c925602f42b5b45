"""DUO's scope (README.md:18-27): a gemeente sees a person only when the person is
relevant to it. "Today" is 1 June 2026."""

from __future__ import annotations

import pytest

from tests.duo.conftest import CBS_DALFSEN, CBS_DE_WOLDEN, OIN_DALFSEN, OIN_DE_WOLDEN

BSN = "999990019"
PIP = {"dagtekeningPip": "2026-02-01", "leerroute": "B"}
OTHER = "0363"  # Amsterdam: a third gemeente, unknown to the fake as a bron


def pip(gemeente: str, ontvangen: str, dag: str = "2026-02-01") -> dict:
    return {**PIP, "dagtekeningPip": dag, "gemeentecode": gemeente, "ontvangen": ontvangen}


ROWS = [
    # README.md:24 ingezetene, not in a COA location
    ("ingezetene", {"gemeente": CBS_DE_WOLDEN}, True, False),
    # ...but an ingezetene living in a COA location is not relevant for that gemeente
    (
        "ingezetene in COA",
        {"gemeente": CBS_DE_WOLDEN, "coa": True, "coa_gemeente": CBS_DALFSEN},
        False,
        True,
    ),
    # README.md:25 COA-koppeling
    ("COA-gekoppeld", {"gemeente": OTHER, "coa": True, "coa_gemeente": CBS_DE_WOLDEN}, True, False),
    # README.md:26 the current PIP is the gemeente's own (the person moved away)
    (
        "actuele PIP eigen",
        {"gemeente": CBS_DALFSEN, "pips": [pip(CBS_DE_WOLDEN, "2026-02-01")]},
        True,
        True,
    ),
    # README.md:27 the current PIP is younger than a month and the previous one is ours
    (
        "actuele PIP < 1 maand, vorige eigen",
        {
            "gemeente": OTHER,
            "pips": [
                pip(CBS_DE_WOLDEN, "2026-02-01"),
                pip(CBS_DALFSEN, "2026-05-02", "2026-05-02"),
            ],
        },
        True,
        True,
    ),
    (
        "actuele PIP precies 1 maand, vorige eigen",
        {
            "gemeente": OTHER,
            "pips": [
                pip(CBS_DE_WOLDEN, "2026-02-01"),
                pip(CBS_DALFSEN, "2026-05-01", "2026-05-01"),
            ],
        },
        False,
        True,
    ),
    ("niets", {"gemeente": OTHER}, False, False),
    # an older PIP of ours that is neither current nor the previous one
    (
        "oude PIP eigen",
        {
            "gemeente": OTHER,
            "pips": [
                pip(CBS_DE_WOLDEN, "2026-02-01"),
                pip(CBS_DALFSEN, "2026-03-01", "2026-03-01"),
                pip(CBS_DALFSEN, "2026-05-20", "2026-05-20"),
            ],
        },
        False,
        True,
    ),
]


@pytest.mark.parametrize(("label", "seed", "wolden", "dalfsen"), ROWS, ids=[r[0] for r in ROWS])
def test_relevance(label, seed, wolden, dalfsen, fake_duo, duo_client):
    fake_duo.set_today("2026-06-01")
    fake_duo.seed_person(BSN, plicht_start="2026-01-10", **seed)
    for oin, expected in ((OIN_DE_WOLDEN, wolden), (OIN_DALFSEN, dalfsen)):
        r = duo_client.as_(oin).call("GET", f"/personen/{BSN}/inburgeringsplicht")
        assert r.status_code == (200 if expected else 403), (label, oin)


def test_unknown_person_is_404_for_everyone(fake_duo, duo_client):
    r = duo_client.call("GET", f"/personen/{BSN}/PIP")
    assert r.status_code == 404
    assert r.json() == [{"fouttekst": "De persoon is niet bekend bij DUO."}]


@pytest.mark.parametrize(("start", "status"), [("2021-12-31", 404), ("2022-01-01", 200)])
def test_only_persons_under_the_wi2021(start, status, fake_duo, duo_client):
    """README.md:20: the exchange is about persons under the Wet inburgering 2021."""
    fake_duo.seed_person(BSN, gemeente=CBS_DE_WOLDEN, plicht_start=start)
    r = duo_client.call("GET", f"/personen/{BSN}/inburgeringsplicht")
    assert r.status_code == status


def test_a_gemeente_can_read_the_current_pip_of_another(fake_duo, duo_client):
    """README.md:58-59: the actuele PIP, also that of a previous gemeente."""
    fake_duo.set_today("2026-06-01")
    fake_duo.seed_person(BSN, gemeente=CBS_DE_WOLDEN, pips=[pip(CBS_DALFSEN, "2026-02-01")])
    r = duo_client.call("GET", f"/personen/{BSN}/PIP")
    assert r.status_code == 200
    assert r.json()["gemeentecode"] == CBS_DALFSEN


def test_a_move_moves_the_scope(fake_duo, duo_client):
    """SS121: the person settles in Dalfsen with De Wolden's PIP. Dalfsen now sees the
    person (ingezetene); De Wolden still does through its current PIP; once Dalfsen's
    own PIP is a month old, De Wolden no longer does."""
    fake_duo.set_today("2026-06-01")
    fake_duo.seed_person(BSN, gemeente=CBS_DE_WOLDEN, pip=pip(CBS_DE_WOLDEN, "2026-02-01"))
    dalfsen = duo_client.as_(OIN_DALFSEN)
    assert dalfsen.call("GET", f"/personen/{BSN}/PIP").status_code == 403
    fake_duo.emit("SS121", BSN, OIN_DALFSEN, send=lambda h, b: 201)
    assert dalfsen.call("GET", f"/personen/{BSN}/PIP").status_code == 200
    assert duo_client.call("GET", f"/personen/{BSN}/PIP").status_code == 200
    r = dalfsen.call("POST", f"/personen/{BSN}/PIP", {**PIP, "dagtekeningPip": "2026-06-01"})
    assert r.status_code == 201
    assert duo_client.call("GET", f"/personen/{BSN}/PIP").status_code == 200
    fake_duo.set_today("2026-07-01")
    assert duo_client.call("GET", f"/personen/{BSN}/PIP").status_code == 403
