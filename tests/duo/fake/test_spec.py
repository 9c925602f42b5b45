"""duo/spec.py: DUO's OpenAPI files read at run time and used as a validator."""

from __future__ import annotations

import pytest

from duo import spec

pytestmark = pytest.mark.skipif(
    not spec.available(), reason=f"DUO's specification not found at {spec.spec_dir()}"
)

HEADERS = {
    "bron": "00000001234567890000",
    "doel": "00000001800866472000",
    "berichtId": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
}
BSN = "999990019"


def test_every_api_directory_is_loaded_with_its_operations():
    names = spec.api_names()
    assert {"PIP", "Notificatie", "MAP,PVT,Zroute", "GevolgdeUren"} <= set(names)
    for name in names:
        assert spec.operations(name), name
        assert spec.api_version(name).count(".") == 2
    # no two APIs claim the same path + method: the fake routes on that
    keys = [(op.method, op.path) for op in spec.operations()]
    assert len(keys) == len(set(keys))


def test_refs_are_resolved():
    doc = spec.load("PIP")
    assert "$ref" not in repr(doc["paths"])
    op, params = spec.find_operation("PIP", "GET", f"/v1/personen/{BSN}/PIP")
    assert params == {"bsn": BSN}
    assert op.response_schema(200)["properties"]["pip"]["required"] == [
        "dagtekeningPip",
        "leerroute",
    ]


@pytest.mark.parametrize(
    ("path", "api", "template"),
    [
        (f"/v1/personen/{BSN}/PIP", "PIP", "/personen/{bsn}/PIP"),
        (f"/personen/{BSN}/PIP", "PIP", "/personen/{bsn}/PIP"),
        ("/duo/v1/notificaties", "Notificatie", "/notificaties"),
        (
            f"/v1/contactpersonen/7/personen/{BSN}",
            "Contactpersoon",
            "/contactpersonen/{id}/personen/{bsn}",
        ),
        (
            f"/v1/personen/{BSN}/uren/participatietaalles?x=1",
            "GevolgdeUren",
            "/personen/{bsn}/uren/participatietaalles",
        ),
    ],
)
def test_find_operation_with_or_without_prefix(path, api, template):
    method = "POST" if api in ("Notificatie", "Contactpersoon") else "GET"
    if api == "GevolgdeUren":
        method = "PUT"
    op, _ = spec.find_operation(None, method, path)
    assert (op.api, op.path) == (api, template)


def test_unknown_operation_is_an_error():
    assert spec.find_operation("PIP", "PATCH", f"/personen/{BSN}/PIP") is None
    assert spec.validate_request("PIP", "PATCH", f"/personen/{BSN}/PIP", None, HEADERS)


def test_valid_pip_request_has_no_errors():
    body = {"dagtekeningPip": "2026-03-01", "leerroute": "B", "niveau": "A2"}
    assert spec.validate_request("PIP", "POST", f"/v1/personen/{BSN}/PIP", body, HEADERS) == []


@pytest.mark.parametrize(
    ("body", "headers", "path", "expected"),
    [
        ({"leerroute": "B"}, HEADERS, f"/personen/{BSN}/PIP", "body: 'dagtekeningPip'"),
        (
            {"dagtekeningPip": "2026-02-30", "leerroute": "B"},
            HEADERS,
            f"/personen/{BSN}/PIP",
            "body.dagtekeningPip",
        ),
        (
            {"dagtekeningPip": "2026-02-01", "leerroute": "X"},
            HEADERS,
            f"/personen/{BSN}/PIP",
            "body.leerroute",
        ),
        (
            {"dagtekeningPip": "2026-02-01", "leerroute": "B", "geschatteIntensiteitB1Route": 0},
            HEADERS,
            f"/personen/{BSN}/PIP",
            "body.geschatteIntensiteitB1Route",
        ),
        (
            {"dagtekeningPip": "2026-02-01", "leerroute": "B"},
            {**HEADERS, "bron": "123"},
            f"/personen/{BSN}/PIP",
            "header.bron",
        ),
        (
            {"dagtekeningPip": "2026-02-01", "leerroute": "B"},
            {k: v for k, v in HEADERS.items() if k != "berichtId"},
            f"/personen/{BSN}/PIP",
            "header.berichtId: verplichte header ontbreekt",
        ),
        (
            {"dagtekeningPip": "2026-02-01", "leerroute": "B"},
            {**HEADERS, "berichtId": "nope"},
            f"/personen/{BSN}/PIP",
            "header.berichtId",
        ),
        (
            {"dagtekeningPip": "2026-02-01", "leerroute": "B"},
            HEADERS,
            "/personen/12345/PIP",
            "path.bsn",
        ),
        (None, HEADERS, f"/personen/{BSN}/PIP", "body: verplichte inhoud ontbreekt"),
    ],
)
def test_invalid_pip_requests_are_reported(body, headers, path, expected):
    errors = spec.validate_request("PIP", "POST", path, body, headers)
    assert any(e.startswith(expected) for e in errors), errors


def test_headers_are_case_insensitive():
    upper = {k.upper(): v for k, v in HEADERS.items()}
    assert (
        spec.validate_request("Ontheffing", "GET", f"/personen/{BSN}/ontheffingen", None, upper)
        == []
    )


def test_unicode_letter_pattern_of_contactpersoon_does_not_crash():
    body = {
        "naam": "Ömer Çelik-Šarić",
        "email": "o.celik@gemeente.nl",
        "telefoonnummer": "06 12345678",
    }
    assert spec.validate_request("Contactpersoon", "POST", "/contactpersonen", body, HEADERS) == []
    body["telefoonnummer"] = "bel me"
    assert spec.validate_request("Contactpersoon", "POST", "/contactpersonen", body, HEADERS)


def test_notification_request_and_response():
    body = {
        "registratieDatumTijd": "2026-11-27T10:00:00+01:00",
        "gebeurtenisId": "SS139",
        "bsn": BSN,
    }
    assert spec.validate_request("Notificatie", "POST", "/duo/v1/notificaties", body, HEADERS) == []
    assert spec.validate_request(
        "Notificatie", "POST", "/notificaties", {**body, "gebeurtenisId": "ss-139"}, HEADERS
    )
    assert (
        spec.validate_response(
            "Notificatie", "POST", "/notificaties", 201, None, {"API-Version": "1.8.0"}
        )
        == []
    )
    assert spec.validate_response("Notificatie", "POST", "/notificaties", 201, None, {}) == [
        "header.API-Version: verplichte antwoordheader ontbreekt"
    ]
    assert spec.validate_response("Notificatie", "POST", "/notificaties", 202, None)


def test_response_bodies_are_checked():
    good = {"gemeentecode": "0363", "pip": {"dagtekeningPip": "2026-01-01", "leerroute": "B"}}
    assert spec.validate_response("PIP", "GET", f"/personen/{BSN}/PIP", 200, good) == []
    bad = {"gemeentecode": "363", "pip": {"leerroute": "B"}}
    errors = spec.validate_response("PIP", "GET", f"/personen/{BSN}/PIP", 200, bad)
    assert len(errors) >= 2, errors
    assert spec.validate_response("PIP", "GET", f"/personen/{BSN}/PIP", 200, None)
    assert spec.validate_response(
        "PIP", "POST", f"/personen/{BSN}/PIP", 403, [{"fouttekst": "x" * 201}]
    )


def test_without_the_directory_everything_degrades(settings, tmp_path):
    settings.DUO_SPEC_DIR = tmp_path / "nowhere"
    assert not spec.available()
    assert spec.api_names() == []
    assert spec.operations() == []
    assert spec.validate_request("PIP", "POST", "/personen/1/PIP", {}, {}) == []
    assert spec.validate_response("PIP", "GET", "/personen/1/PIP", 999, None) == []
