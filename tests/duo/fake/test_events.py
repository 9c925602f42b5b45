"""Emitting DUO's events: the store changes as the event says, and a Notificatie as
Notificatie/openapi.yml describes goes to the gemeente (DUO as bron, the gemeente's
OIN as doel, a fresh berichtId)."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from duo import spec
from duo.fake import events
from tests.duo.conftest import CBS_DALFSEN, CBS_DE_WOLDEN, OIN_DALFSEN, OIN_DE_WOLDEN

BSN = "999990019"
PIP = {"dagtekeningPip": "2026-02-01", "leerroute": "B"}


def sink(fake) -> str:
    """The fake's own /v1/notificaties stands in for the application."""
    return fake.base_url + "/notificaties"


def test_ss139_creates_a_plichtige_and_notifies_the_gemeente(fake_duo, duo_client):
    result = fake_duo.emit("SS139", BSN, OIN_DE_WOLDEN, url=sink(fake_duo), datum="2026-11-20")
    assert result.status == 201 and result.error is None
    # the store: a new plichtige whose clock started on the given day
    person = fake_duo.person(BSN)
    assert (person.gemeentecode, person.plicht_start, person.plichtig) == (
        CBS_DE_WOLDEN,
        date(2026, 11, 20),
        True,
    )
    r = duo_client.call("GET", f"/personen/{BSN}/inburgeringsplicht")
    assert r.json()["begindatum"] == "2026-11-20"
    assert r.json()["datumKennisgevingInburgeringsplicht"] == "2026-11-20"
    # what was sent
    received = fake_duo.requests[-2]  # the notification, before the GET
    assert received.operation == "/notificaties"
    assert received.headers["bron"] == fake_duo.duo_oin
    assert received.headers["doel"] == OIN_DE_WOLDEN
    assert str(uuid.UUID(received.headers["berichtid"])) == result.bericht_id
    assert received.body == {
        "registratieDatumTijd": result.notificatie["registratieDatumTijd"],
        "gebeurtenisId": "SS139",
        "bsn": BSN,
    }
    if spec.available():
        assert (
            spec.validate_request(
                "Notificatie", "POST", "/notificaties", received.body, received.headers
            )
            == []
        )


def test_every_notification_has_a_fresh_berichtid(fake_duo):
    fake_duo.seed_person(BSN, gemeente=CBS_DE_WOLDEN)
    ids = {fake_duo.emit("SS199", BSN, url=sink(fake_duo)).bericht_id for _ in range(3)}
    assert len(ids) == 3


def test_doel_defaults_to_the_persons_gemeente(fake_duo):
    fake_duo.seed_person(BSN, gemeente=CBS_DALFSEN)
    result = fake_duo.emit("SS137", BSN, send=lambda headers, body: 201)
    assert result.headers["doel"] == OIN_DALFSEN


def test_send_callable_receives_headers_and_body(fake_duo):
    seen = []
    result = fake_duo.emit(
        "SS101", BSN, OIN_DALFSEN, send=lambda h, b: seen.append((h, b)) or (202, "ok")
    )
    assert (result.status, result.response) == (202, "ok")
    assert seen[0][1]["gebeurtenisId"] == "SS101"
    assert seen[0][0]["doel"] == OIN_DALFSEN


def test_an_unreachable_gemeente_is_recorded_not_raised(fake_duo):
    fake_duo.seed_person(BSN, gemeente=CBS_DE_WOLDEN)
    result = fake_duo.emit("SS199", BSN, url="http://127.0.0.1:9/duo/v1/notificaties")
    assert result.status is None and result.error == "ConnectionError"
    assert fake_duo.notifications[-1] is result


@pytest.mark.parametrize(
    ("event", "bsn", "doel", "message"),
    [
        ("SS999", BSN, OIN_DE_WOLDEN, "Onbekende gebeurtenis"),
        ("SS102", BSN, OIN_DE_WOLDEN, "persoon onbekend"),
        ("SS139", BSN, "00000009999999999000", "geen bij de fake DUO bekende gemeente"),
    ],
)
def test_refused_emits(event, bsn, doel, message, fake_duo):
    with pytest.raises(ValueError, match=message):
        fake_duo.emit(event, bsn, doel, send=lambda h, b: 201)
    assert fake_duo.notifications == []


def test_state_errors(fake_duo):
    fake_duo.seed_person(BSN, gemeente=CBS_DE_WOLDEN)
    with pytest.raises(ValueError, match="vastgestelde termijn"):
        fake_duo.emit("SS103", BSN, send=lambda h, b: 201)
    with pytest.raises(ValueError, match="PIP van de vorige gemeente"):
        fake_duo.emit("SS121", BSN, OIN_DALFSEN, send=lambda h, b: 201)


# (event, seed, facts, GET path, expected part of the answer)
WITH_PIP = {"gemeente": CBS_DE_WOLDEN, "pip": PIP}
ROWS = [
    (
        "SS101",
        None,
        {"datum": "2026-03-01"},
        "/inburgeringsplicht",
        {"indicatorInburgeringsplicht": True, "begindatum": "2026-03-01"},
    ),
    (
        "SS128",
        None,
        {"datum": "2026-03-01"},
        "/inburgeringsplicht",
        {"indicatorInburgeringsplicht": True},
    ),
    (
        "SS129",
        {
            "gemeente": CBS_DE_WOLDEN,
            "plichtig": False,
            "reden_geen_plicht": "Tijdelijke vrijstelling",
        },
        {},
        "/inburgeringsplicht",
        {"indicatorInburgeringsplicht": True},
    ),
    (
        "SS120",
        None,
        {"datum": "2026-03-01"},
        "/inburgeringsplicht",
        {"indicatorInburgeringsplicht": True},
    ),
    (
        "SS124",
        {"gemeente": CBS_DE_WOLDEN, "doelgroep": "asiel"},
        {"datum": "2026-03-01"},
        "/doelgroep",
        {"indeling": "Gezinsmigrant en overige migrant", "begindatum": "2026-03-01"},
    ),
    (
        "SS125",
        {"gemeente": CBS_DE_WOLDEN, "doelgroep": "gezin"},
        {},
        "/doelgroep",
        {"indeling": "Asielstatushouder"},
    ),
    (
        "SS109",
        {"gemeente": CBS_DE_WOLDEN},
        {},
        "/inburgeringsplicht",
        {
            "indicatorInburgeringsplicht": False,
            "redenGeenInburgeringsplicht": "Tijdelijke vrijstelling",
        },
    ),
    (
        "SS110",
        {"gemeente": CBS_DE_WOLDEN},
        {"reden": "Verblijfsdoel gewijzigd"},
        "/inburgeringsplicht",
        {"redenGeenInburgeringsplicht": "Verblijfsdoel gewijzigd"},
    ),
    (
        "SS111",
        {"gemeente": CBS_DE_WOLDEN},
        {},
        "/inburgeringsplicht",
        {"redenGeenInburgeringsplicht": "Overlijden"},
    ),
    (
        "SS106",
        {"gemeente": CBS_DE_WOLDEN},
        {"datum": "2026-05-01"},
        "/inburgeringsplicht",
        {"redenGeenInburgeringsplicht": "Inburgeringsplicht voldaan", "einddatum": "2026-05-01"},
    ),
    (
        "SS107",
        {"gemeente": CBS_DE_WOLDEN},
        {},
        "/inburgeringsplicht",
        {"redenGeenInburgeringsplicht": "Volledige vrijstelling"},
    ),
    (
        "SS108",
        {"gemeente": CBS_DE_WOLDEN},
        {},
        "/inburgeringsplicht",
        {"redenGeenInburgeringsplicht": "Volledige ontheffing"},
    ),
    (
        "SS137",
        {"gemeente": CBS_DE_WOLDEN},
        {"examennummer": "LBT000000042"},
        "/lbt/examennummer",
        {"examennummer": "LBT000000042"},
    ),
    (
        "SS102",
        WITH_PIP,
        {"datum": "2026-02-01"},
        "/inburgeringstermijn",
        {"startdatum": "2026-02-01", "einddatum": "2029-02-01"},
    ),
    (
        "SS103",
        {**WITH_PIP, "termijn": True, "plicht_start": "2026-01-01"},
        {"maanden": 6},
        "/inburgeringstermijn",
        {"einddatum": "2029-07-01", "verlengingsgrondcode": "1"},
    ),
    (
        "SS104",
        {**WITH_PIP, "termijn": True, "plicht_start": "2026-01-01"},
        {"termijn_eind": "2029-12-01"},
        "/inburgeringstermijn",
        {"einddatum": "2029-12-01", "verlengingsgrondcode": "2"},
    ),
    (
        "SS130",
        {
            "gemeente": CBS_DE_WOLDEN,
            "pip": PIP,
            "plichtig": False,
            "reden_geen_plicht": "Tijdelijke vrijstelling",
        },
        {},
        "/inburgeringsplicht",
        {"indicatorInburgeringsplicht": True},
    ),
]
LIST_ROWS = [
    (
        "SS131",
        {"resultaat": "B1-route niet haalbaar"},
        "/lbt/resultaten",
        {"resultaat": "B1-route niet haalbaar"},
    ),
    (
        "SS199",
        {"onderdeel": "SP", "resultaat": "Gezakt", "niveau": "A2"},
        "/examens/resultaten",
        {"onderdeel": "SP", "resultaat": "Gezakt", "niveau": "A2"},
    ),
    ("SS107", {}, "/vrijstellingen", {"GeheleVrijstelling": {"oordeel": "Toekenning"}}),
    ("SS114", {}, "/vrijstellingen", {"GeheleVrijstelling": {"oordeel": "Afwijzing"}}),
    ("SS115", {}, "/vrijstellingen", {"TijdelijkeVrijstelling": {"oordeel": "Afwijzing"}}),
    ("SS116", {}, "/vrijstellingen", {"GedeeltelijkeVrijstelling": {"oordeel": "Afwijzing"}}),
    ("SS117", {}, "/vrijstellingen", {"GedeeltelijkeVrijstelling": {"oordeel": "Toekenning"}}),
    ("SS108", {}, "/ontheffingen", {"GeheleOntheffing": {"oordeel": "Toekenning"}}),
    ("SS118", {}, "/ontheffingen", {"GeheleOntheffing": {"oordeel": "Afwijzing"}}),
    ("SS119", {}, "/ontheffingen", {"GedeeltelijkeOntheffing": {"oordeel": "Toekenning"}}),
]


def _contains(answer, expected) -> bool:
    if isinstance(expected, dict):
        return isinstance(answer, dict) and all(
            k in answer and _contains(answer[k], v) for k, v in expected.items()
        )
    return answer == expected


@pytest.mark.parametrize(
    ("event", "seed", "facts", "path", "expected"), ROWS, ids=[r[0] for r in ROWS]
)
def test_event_changes_what_duo_answers(event, seed, facts, path, expected, fake_duo, duo_client):
    if seed:
        fake_duo.seed_person(BSN, **seed)
    fake_duo.emit(event, BSN, OIN_DE_WOLDEN, url=sink(fake_duo), **facts)
    r = duo_client.call("GET", f"/personen/{BSN}{path}")
    assert r.status_code == 200, r.text
    assert _contains(r.json(), expected), r.json()
    if spec.available():
        op = spec.find_operation(None, "GET", f"/personen/{BSN}{path}")
        assert (
            spec.validate_response(
                op[0].api, "GET", f"/personen/{BSN}{path}", 200, r.json(), r.headers
            )
            == []
        )


@pytest.mark.parametrize(
    ("event", "facts", "path", "expected"), LIST_ROWS, ids=[f"{r[0]}{r[2]}" for r in LIST_ROWS]
)
def test_event_adds_to_a_list(event, facts, path, expected, fake_duo, duo_client):
    fake_duo.seed_person(BSN, gemeente=CBS_DE_WOLDEN)
    fake_duo.emit(event, BSN, url=sink(fake_duo), **facts)
    r = duo_client.call("GET", f"/personen/{BSN}{path}")
    assert r.status_code == 200
    assert any(_contains(item, expected) for item in r.json()), r.json()
    if spec.available():
        op = spec.find_operation(None, "GET", f"/personen/{BSN}{path}")
        assert (
            spec.validate_response(
                op[0].api, "GET", f"/personen/{BSN}{path}", 200, r.json(), r.headers
            )
            == []
        )


def test_every_event_of_gebeurtenissen_has_an_effect():
    assert set(events.EFFECTS) == set(events.EVENTS)
    tested = {r[0] for r in ROWS} | {r[0] for r in LIST_ROWS} | {"SS121", "SS139", "SS113"}
    assert tested == set(events.EVENTS)


def test_ss113_changes_nothing_but_notifies(fake_duo):
    fake_duo.seed_person(BSN, gemeente=CBS_DE_WOLDEN, termijn=True)
    before = fake_duo.dump_person(BSN)
    result = fake_duo.emit("SS113", BSN, url=sink(fake_duo))
    assert result.status == 201
    assert fake_duo.dump_person(BSN) == before


def test_ss139_after_coa_outflow_moves_the_person(fake_duo, duo_client):
    """Gebeurtenissen.md SS139: also when the person leaves COA and now lives in the
    gemeente it was coupled to."""
    fake_duo.seed_person(BSN, gemeente="0363", coa=True, coa_gemeente=CBS_DE_WOLDEN)
    fake_duo.emit("SS139", BSN, url=sink(fake_duo), datum="2026-04-01")
    person = fake_duo.person(BSN)
    assert (person.coa, person.gemeentecode, str(person.vestigingsdatum)) == (
        False,
        CBS_DE_WOLDEN,
        "2026-04-01",
    )


def test_resend_repeats_the_berichtid(fake_duo):
    fake_duo.seed_person(BSN, gemeente=CBS_DE_WOLDEN)
    first = fake_duo.emit("SS199", BSN, url=sink(fake_duo))
    again = fake_duo.resend(first, url=sink(fake_duo))
    assert again.bericht_id == first.bericht_id
    assert again.notificatie == first.notificatie
    assert again.headers["doel"] == first.headers["doel"]
    assert len(fake_duo.person(BSN).examens) == 1  # the store changed once
    assert [n["gebeurtenisId"] for n in fake_duo.received_notifications] == ["SS199", "SS199"]


def test_notify_only_to_any_doel(fake_duo):
    """apply=False: a notification for a gemeente DUO would not send it to (tests of
    the receiving side's refusal), the store untouched."""
    stranger = "00000009999999999000"
    result = fake_duo.emit("SS139", BSN, stranger, apply=False, send=lambda h, b: 403)
    assert (result.status, result.headers["doel"]) == (403, stranger)
    assert BSN not in fake_duo.store.persons
