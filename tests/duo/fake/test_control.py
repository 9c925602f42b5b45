"""The /_fake/ control endpoints: seed, inspect, emit, log, down mode, reset."""

from __future__ import annotations

import requests

from tests.duo.conftest import CBS_DE_WOLDEN, OIN_DE_WOLDEN

BSN = "999990019"


def test_seed_and_read_a_person_over_http(fake_duo, duo_client):
    r = requests.post(
        fake_duo.url + "/_fake/personen",
        timeout=5,
        json={
            "bsn": BSN,
            "gemeente": CBS_DE_WOLDEN,
            "plicht_start": "2026-03-01",
            "doelgroep": "gezin",
            "pip": {"dagtekeningPip": "2026-04-01", "leerroute": "Z"},
        },
    )
    assert r.status_code == 201, r.text
    assert r.json()["plicht_start"] == "2026-03-01"
    assert duo_client.call("GET", f"/personen/{BSN}/doelgroep").json()["indeling"] == (
        "Gezinsmigrant en overige migrant"
    )
    assert duo_client.call("GET", f"/personen/{BSN}/PIP").json()["pip"]["leerroute"] == "Z"
    assert requests.get(fake_duo.url + f"/_fake/personen/{BSN}", timeout=5).status_code == 200
    assert requests.get(fake_duo.url + "/_fake/personen/999990020", timeout=5).status_code == 404


def test_bad_seed_is_400(fake_duo):
    for body in ({"bsn": BSN}, {"bsn": BSN, "gemeente": "1690", "haarkleur": "rood"}):
        r = requests.post(fake_duo.url + "/_fake/personen", json=body, timeout=5)
        assert r.status_code == 400, body
    r = requests.post(fake_duo.url + "/_fake/personen", data=b"{", timeout=5)
    assert r.status_code == 400
    assert BSN not in fake_duo.store.persons


def test_emit_over_http(fake_duo):
    r = requests.post(
        fake_duo.url + "/_fake/notificaties",
        timeout=5,
        json={
            "gebeurtenisId": "SS139",
            "bsn": BSN,
            "gemeente": CBS_DE_WOLDEN,
            "url": fake_duo.base_url + "/notificaties",
        },
    )
    assert r.status_code == 201, r.text
    assert r.json()["status"] == 201 and r.json()["doel"] == OIN_DE_WOLDEN
    assert fake_duo.received_notifications[-1]["gebeurtenisId"] == "SS139"
    listed = requests.get(fake_duo.url + "/_fake/notificaties", timeout=5).json()
    assert [n["gebeurtenisId"] for n in listed] == ["SS139"]
    r = requests.post(
        fake_duo.url + "/_fake/notificaties", timeout=5, json={"gebeurtenisId": "SS000", "bsn": BSN}
    )
    assert r.status_code == 400


def test_requests_log_and_reset(fake_duo, duo_client):
    fake_duo.seed_person(BSN, gemeente=CBS_DE_WOLDEN)
    duo_client.call("GET", f"/personen/{BSN}/doelgroep")
    log = requests.get(fake_duo.url + "/_fake/requests", timeout=5).json()
    assert [(x["method"], x["operation"], x["status"]) for x in log] == [
        ("GET", "/personen/{bsn}/doelgroep", 200)
    ]
    assert requests.delete(fake_duo.url + "/_fake/requests", timeout=5).status_code == 200
    assert fake_duo.requests == []
    assert requests.post(fake_duo.url + "/_fake/reset", timeout=5).status_code == 200
    assert fake_duo.store.persons == {}


def test_gemeenten_over_http(fake_duo, duo_client):
    oin = "00000001002220647000"
    r = requests.post(
        fake_duo.url + "/_fake/gemeenten", timeout=5, json={"oin": oin, "gemeentecode": "0363"}
    )
    assert r.status_code == 201
    fake_duo.seed_person(BSN, gemeente="0363")
    assert duo_client.as_(oin).call("GET", f"/personen/{BSN}/PIP").status_code == 404
    assert duo_client.call("GET", f"/personen/{BSN}/PIP").status_code == 403


def test_unknown_control_path_lists_the_known_ones(fake_duo):
    r = requests.get(fake_duo.url + "/_fake/wat", timeout=5)
    assert r.status_code == 404
    assert "POST /_fake/reset" in r.json()["paden"]


def test_seeded_uren_and_results_over_http(fake_duo, duo_client):
    r = requests.post(
        fake_duo.url + "/_fake/personen",
        timeout=5,
        json={
            "bsn": BSN,
            "gemeente": CBS_DE_WOLDEN,
            "uren": {CBS_DE_WOLDEN: {"ParticipatieAlsTaalles": 80, "bekendTot": "2026-05-01"}},
            "map": {"datum": "2026-04-01"},
        },
    )
    assert r.status_code == 201, r.text
    assert duo_client.call("GET", f"/personen/{BSN}/uren").json() == [
        {
            "gemeentecode": CBS_DE_WOLDEN,
            "bekendTot": "2026-05-01",
            "ParticipatieAlsTaalles": {"uren": 80},
        }
    ]
    assert duo_client.call("GET", f"/personen/{BSN}/map").json() == {
        "datumEindgesprekMap": "2026-04-01"
    }


def test_overview_page_shows_requests_and_sends_an_event(fake_duo, duo_client):
    fake_duo.seed_person(BSN, gemeente=CBS_DE_WOLDEN)
    duo_client.call(
        "POST", f"/personen/{BSN}/PIP", {"dagtekeningPip": "2000-01-01", "leerroute": "B"}
    )
    page = requests.get(fake_duo.url + "/_fake/", timeout=5)
    assert page.status_code == 200 and "text/html" in page.headers["Content-Type"]
    assert "/personen/{bsn}/PIP" in page.text and "403" in page.text
    assert "De datum dagtekening ligt voor de start van de inburgeringsplicht." in page.text
    # the operation is shown, never the BSN of a path
    assert f"/personen/{BSN}/" not in page.text
    fake_duo.notify_url = fake_duo.base_url + "/notificaties"
    sent = requests.post(
        fake_duo.url + "/_fake/ui/emit", timeout=5, data={"gebeurtenisId": "SS199", "bsn": BSN}
    )
    assert "SS199 verstuurd; antwoord van de applicatie: 201" in sent.text
    assert fake_duo.received_notifications[-1]["gebeurtenisId"] == "SS199"
    refused = requests.post(
        fake_duo.url + "/_fake/ui/emit",
        timeout=5,
        data={"gebeurtenisId": "SS102", "bsn": "999990020"},
    )
    assert "Niet verstuurd" in refused.text
