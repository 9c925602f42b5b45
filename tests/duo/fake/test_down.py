"""Down mode: DUO in maintenance (503) or gone (connections closed without an answer)."""

from __future__ import annotations

import time

import pytest
import requests

from duo import spec

BSN = "999990019"


@pytest.fixture
def person(fake_duo):
    fake_duo.seed_person(BSN, gemeente="1690")


def test_503_on_every_duo_path_until_up_again(fake_duo, duo_client, person):
    fake_duo.set_down("503")
    for method, path, body in [
        ("GET", f"/personen/{BSN}/PIP", None),
        ("POST", f"/personen/{BSN}/PIP", {"dagtekeningPip": "2026-11-01", "leerroute": "B"}),
        ("GET", "/instellingen", None),
    ]:
        r = duo_client.call(method, path, body)
        assert r.status_code == 503
        assert r.headers["API-Version"]
        if spec.available():
            op = spec.find_operation(None, method, path)
            assert spec.validate_response(op[0].api, method, path, 503, r.json(), r.headers) == []
    assert fake_duo.person(BSN).pips == []  # nothing was registered while down
    fake_duo.set_down(None)
    r = duo_client.call(
        "POST", f"/personen/{BSN}/PIP", {"dagtekeningPip": "2026-11-01", "leerroute": "B"}
    )
    assert r.status_code == 201


def test_close_drops_the_connection_without_an_answer(fake_duo, duo_client, person):
    fake_duo.set_down("close")
    with pytest.raises(requests.ConnectionError):
        duo_client.call(
            "POST", f"/personen/{BSN}/PIP", {"dagtekeningPip": "2026-11-01", "leerroute": "B"}
        )
    assert fake_duo.person(BSN).pips == []
    # the control endpoints keep working, so a test (or a person) can bring DUO back
    r = requests.put(fake_duo.url + "/_fake/down", json={"mode": None}, timeout=5)
    assert r.json() == {"mode": None}
    assert duo_client.call("GET", f"/personen/{BSN}/inburgeringsplicht").status_code == 200


def test_down_mode_over_http(fake_duo, duo_client, person):
    r = requests.put(fake_duo.url + "/_fake/down", json={"mode": "503"}, timeout=5)
    assert r.status_code == 200 and fake_duo.down == "503"
    assert duo_client.call("GET", f"/personen/{BSN}/PIP").status_code == 503
    r = requests.put(fake_duo.url + "/_fake/down", json={"mode": "kapot"}, timeout=5)
    assert r.status_code == 400
    assert fake_duo.down == "503"


def test_unknown_mode_is_refused(fake_duo):
    with pytest.raises(ValueError):
        fake_duo.set_down("slow")


def test_delay_makes_a_client_time_out_while_duo_still_registers(fake_duo, duo_client, person):
    """The worst case for a sender: the answer is lost, the message was registered."""
    r = requests.put(fake_duo.url + "/_fake/delay", json={"seconds": 0.6}, timeout=5)
    assert r.json() == {"seconds": 0.6}
    body = {"dagtekeningPip": "2026-11-01", "leerroute": "B"}
    with pytest.raises(requests.Timeout):
        requests.post(
            fake_duo.base_url + f"/personen/{BSN}/PIP",
            json=body,
            headers=duo_client.headers(),
            timeout=0.2,
        )
    deadline = time.monotonic() + 5
    while not fake_duo.person(BSN).pips and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(fake_duo.person(BSN).pips) == 1
    fake_duo.set_delay(0)
    assert duo_client.call("GET", f"/personen/{BSN}/PIP").status_code == 200
    with pytest.raises(ValueError):
        fake_duo.set_delay(-1)


def test_parallel_requests_keep_the_store_consistent(fake_duo, duo_client, person):
    """The threaded server: 20 contactpersonen created at once get 20 distinct ids."""
    from concurrent.futures import ThreadPoolExecutor

    gegevens = {"naam": "Anna de Vries", "email": "a@dewolden.nl", "telefoonnummer": "0528378686"}
    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(
            pool.map(lambda _: duo_client.call("POST", "/contactpersonen", gegevens), range(20))
        )
    assert {a.status_code for a in answers} == {201}
    assert sorted(a.json()["id"] for a in answers) == list(range(1, 21))
    assert len(fake_duo.store.contactpersonen) == 20
