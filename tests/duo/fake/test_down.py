"""Down mode: DUO in maintenance (503) or gone (connections closed without an answer)."""

from __future__ import annotations

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
