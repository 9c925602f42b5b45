"""Every DUO business rule as a row: the fake accepts the valid case and refuses the
violating one with the spec's status (403) and DUO's body ``[{"fouttekst": ...}]``.

"Today" is fixed at 1 June 2026 for the rules about the future and about months.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from duo import spec
from duo.fake import rules
from tests.duo.conftest import CBS_DALFSEN, CBS_DE_WOLDEN, OIN_DALFSEN

TODAY = "2026-06-01"
BSN = "999990019"
WOLDEN = CBS_DE_WOLDEN
DALFSEN = CBS_DALFSEN

# the standard plichtige: asielstatushouder in De Wolden since January
BASE = {
    "gemeente": WOLDEN,
    "plicht_start": "2026-01-10",
    "vestigingsdatum": "2026-01-10",
    "doelgroep": "asiel",
}
PIP_B = {"dagtekeningPip": "2026-02-01", "leerroute": "B"}
# ...with a PIP of De Wolden and a termijn from 1 February 2026 (end exclusive 2029)
WITH_PIP = {**BASE, "pip": PIP_B, "termijn_start": "2026-02-01", "termijn_eind": "2029-02-01"}
# ...whose termijn ends within two months
ENDING = {**WITH_PIP, "termijn_eind": "2026-07-01"}
# ...whose termijn is overschreden
OVER = {**WITH_PIP, "termijn_start": "2023-01-01", "termijn_eind": "2026-01-01"}
AANBOD = "/Inburgeringsaanbod/1000000001"
AANBOD_OK = {
    "datumInburgeringsaanbod": "2026-02-15",
    "verwachteStartdatumOpleiding": "2026-03-01",
    "verwachteEinddatumOpleiding": "2027-03-01",
    "indicatorAlfabetiseringsonderwijs": "NVT",
}


@dataclass
class Row:
    rule: str
    seed: dict[str, Any]
    method: str
    path: str  # after /personen/{bsn}
    body: Any
    status: int  # expected
    bron: str | None = None  # OIN; default De Wolden
    extra: dict[str, Any] = field(default_factory=dict)


def mp_rows(kind: str) -> list[Row]:
    """MAP (README.md:106-116) and PVT (README.md:122-132): the same eleven rules."""
    f = "datumEindgesprekMap" if kind == "map" else "datumOndertekeningPvt"
    up = kind.upper()
    p = f"/{kind}"
    other = {"datum": "2026-04-01", "gemeentecode": DALFSEN}
    own = {"datum": "2026-04-01", "gemeentecode": WOLDEN}
    z_pip = {"dagtekeningPip": "2026-02-01", "leerroute": "Z"}
    return [
        Row(f"{up}-1", {**WITH_PIP, kind: other}, "PUT", p, {f: "2026-05-01"}, 403),
        Row(f"{up}-1", {**WITH_PIP, kind: own}, "PUT", p, {f: "2026-05-01"}, 200),
        Row(
            f"{up}-2",
            {
                **BASE,
                "pip": {**PIP_B, "gemeentecode": DALFSEN},
                "termijn_start": "2026-02-01",
                "termijn_eind": "2029-02-01",
            },
            "PUT",
            p,
            {f: "2026-05-01"},
            403,
        ),
        Row(f"{up}-2", WITH_PIP, "PUT", p, {f: "2026-05-01"}, 200),
        Row(
            f"{up}-3",
            {
                **WITH_PIP,
                "pip": z_pip,
                "plichtig": False,
                "reden_geen_plicht": "Inburgeringsplicht voldaan",
            },
            "PUT",
            p,
            {f: "2026-05-01"},
            403,
        ),
        Row(f"{up}-3", {**WITH_PIP, "pip": z_pip}, "PUT", p, {f: "2026-05-01"}, 200),
        Row(f"{up}-4", WITH_PIP, "PUT", p, {f: "2026-01-31"}, 403),
        Row(f"{up}-4", WITH_PIP, "PUT", p, {f: "2026-02-01"}, 200),
        Row(
            f"{up}-5",
            {**WITH_PIP, "pip": z_pip, "zroute_afgerond": "2026-04-01"},
            "PUT",
            p,
            {f: "2026-04-02"},
            403,
        ),
        Row(
            f"{up}-5",
            {**WITH_PIP, "pip": z_pip, "zroute_afgerond": "2026-04-01"},
            "PUT",
            p,
            {f: "2026-04-01"},
            200,
        ),
        Row(f"{up}-6", WITH_PIP, "PUT", p, {f: "2026-06-02"}, 403),
        Row(f"{up}-6", WITH_PIP, "PUT", p, {f: TODAY}, 200),
        Row(
            f"{up}-7",
            {**WITH_PIP, "pip": z_pip, "zroute_afgerond": "2026-04-01", kind: own},
            "PUT",
            p,
            {},
            403,
        ),
        Row(f"{up}-7", {**WITH_PIP, kind: own}, "PUT", p, {}, 200),
        Row(f"{up}-8", OVER, "PUT", p, {f: "2026-05-01"}, 403),
        Row(f"{up}-8", OVER, "PUT", p, {f: "2026-05-01", "verwijtbaar": "Ja"}, 200),
        Row(f"{up}-9", ENDING, "PUT", p, {f: "2026-05-01", "verwijtbaar": "Nee"}, 403),
        Row(f"{up}-9", ENDING, "PUT", p, {f: "2026-05-01"}, 200),
        Row(f"{up}-10", WITH_PIP, "PUT", p, {"verwijtbaar": "Nee"}, 403),
        Row(f"{up}-10", ENDING, "PUT", p, {"verwijtbaar": "Nee"}, 200),
        # the edge: two months from 1 June is 1 August
        Row(
            f"{up}-10",
            {**WITH_PIP, "termijn_eind": "2026-08-02"},
            "PUT",
            p,
            {"verwijtbaar": "Nee"},
            403,
        ),
        Row(
            f"{up}-10",
            {**WITH_PIP, "termijn_eind": "2026-08-01"},
            "PUT",
            p,
            {"verwijtbaar": "Nee"},
            200,
        ),
        # overschreden from the (exclusive) end date on
        Row(
            f"{up}-11",
            {**WITH_PIP, "termijn_eind": "2026-06-02"},
            "PUT",
            p,
            {"verwijtbaar": "Ja"},
            403,
        ),
        Row(f"{up}-11", {**WITH_PIP, "termijn_eind": TODAY}, "PUT", p, {"verwijtbaar": "Ja"}, 200),
        Row(f"{up}-11", ENDING, "PUT", p, {"verwijtbaar": "Ja"}, 403),
        Row(f"{up}-11", OVER, "PUT", p, {"verwijtbaar": "Ja"}, 200),
    ]


ROWS: list[Row] = [
    # README.md:65 dagtekening not before the start of the plicht
    Row(
        "PIP-1",
        {**BASE, "plicht_start": "2026-02-01", "vestigingsdatum": "2026-01-01"},
        "POST",
        "/PIP",
        {"dagtekeningPip": "2026-01-31", "leerroute": "B"},
        403,
    ),
    Row(
        "PIP-1",
        {**BASE, "plicht_start": "2026-02-01", "vestigingsdatum": "2026-01-01"},
        "POST",
        "/PIP",
        {"dagtekeningPip": "2026-02-01", "leerroute": "B"},
        201,
    ),
    # README.md:66 a changed PIP not before the initial nor the current one
    Row(
        "PIP-2",
        {**BASE, "pips": [PIP_B, {**PIP_B, "dagtekeningPip": "2026-03-01"}]},
        "POST",
        "/PIP",
        {"dagtekeningPip": "2026-02-15", "leerroute": "B"},
        403,
    ),
    Row(
        "PIP-2",
        {**BASE, "pips": [PIP_B, {**PIP_B, "dagtekeningPip": "2026-03-01"}]},
        "POST",
        "/PIP",
        {"dagtekeningPip": "2026-03-01", "leerroute": "O"},
        201,
    ),
    # README.md:67 not before the vestiging in the gemeente
    Row(
        "PIP-3",
        {**BASE, "plicht_start": "2026-01-01", "vestigingsdatum": "2026-02-01"},
        "POST",
        "/PIP",
        {"dagtekeningPip": "2026-01-31", "leerroute": "B"},
        403,
    ),
    Row(
        "PIP-3",
        {**BASE, "plicht_start": "2026-01-01", "vestigingsdatum": "2026-02-01"},
        "POST",
        "/PIP",
        {"dagtekeningPip": "2026-02-01", "leerroute": "B"},
        201,
    ),
    # README.md:70-72 niveau vs leerroute
    Row("PIP-4", BASE, "POST", "/PIP", {**PIP_B, "leerroute": "O", "niveau": "A2"}, 403),
    Row("PIP-4", BASE, "POST", "/PIP", {**PIP_B, "leerroute": "O", "niveau": "B1"}, 201),
    Row("PIP-5", BASE, "POST", "/PIP", {**PIP_B, "leerroute": "Z", "niveau": "B1"}, 403),
    Row("PIP-5", BASE, "POST", "/PIP", {**PIP_B, "leerroute": "Z", "niveau": "A2"}, 201),
    Row("PIP-6", BASE, "POST", "/PIP", {**PIP_B, "niveau": "A2"}, 403),
    Row(
        "PIP-6",
        {**BASE, "pip": PIP_B},
        "POST",
        "/PIP",
        {**PIP_B, "dagtekeningPip": "2026-03-01", "niveau": "A2"},
        201,
    ),
    # README.md:76 geschatte intensiteit: B1-route and asielmigrant only
    Row(
        "PIP-8",
        BASE,
        "POST",
        "/PIP",
        {**PIP_B, "leerroute": "O", "geschatteIntensiteitB1Route": 600},
        403,
    ),
    Row(
        "PIP-8",
        {**BASE, "doelgroep": "gezin"},
        "POST",
        "/PIP",
        {**PIP_B, "geschatteIntensiteitB1Route": 600},
        403,
    ),
    Row("PIP-8", BASE, "POST", "/PIP", {**PIP_B, "geschatteIntensiteitB1Route": 600}, 201),
    # README.md:80-81 deleting a PIP
    Row("PIP-9", WITH_PIP, "DELETE", "/PIP", None, 403),
    Row("PIP-9", {**BASE, "pip": PIP_B}, "DELETE", "/PIP", None, 200),
    Row(
        "PIP-10",
        {**BASE, "pip": PIP_B, "aanbod": {"1000000001": AANBOD_OK}, "cursusdeelnameuren": 12},
        "DELETE",
        "/PIP",
        None,
        403,
    ),
    Row(
        "PIP-10",
        {**BASE, "pip": PIP_B, "aanbod": {"1000000001": AANBOD_OK}},
        "DELETE",
        "/PIP",
        None,
        200,
    ),
    Row("PIP-11", {**BASE, "pip": {**PIP_B, "gemeentecode": DALFSEN}}, "DELETE", "/PIP", None, 403),
    Row(
        "PIP-11",
        {**BASE, "pip": {**PIP_B, "gemeentecode": DALFSEN}},
        "DELETE",
        "/PIP",
        None,
        200,
        bron=OIN_DALFSEN,
    ),
    # README.md:95-100 inburgeringsaanbod
    Row("AANBOD-1", {**WITH_PIP, "doelgroep": "gezin"}, "POST", AANBOD, AANBOD_OK, 403),
    Row("AANBOD-1", WITH_PIP, "POST", AANBOD, AANBOD_OK, 201),
    Row(
        "AANBOD-2",
        {**BASE, "termijn_start": "2026-02-01", "termijn_eind": "2029-02-01"},
        "POST",
        AANBOD,
        AANBOD_OK,
        403,
    ),
    Row("AANBOD-2", WITH_PIP, "POST", AANBOD, AANBOD_OK, 201),
    Row("AANBOD-3", WITH_PIP, "POST", "/Inburgeringsaanbod/9999999999", AANBOD_OK, 403),
    Row("AANBOD-3", WITH_PIP, "POST", "/Inburgeringsaanbod/1000000002", AANBOD_OK, 403),
    Row(
        "AANBOD-3",
        {**WITH_PIP, "pip": {**PIP_B, "leerroute": "O"}},
        "POST",
        "/Inburgeringsaanbod/1000000002",
        AANBOD_OK,
        201,
    ),
    Row(
        "AANBOD-4",
        WITH_PIP,
        "POST",
        AANBOD,
        {**AANBOD_OK, "datumInburgeringsaanbod": "2026-01-31"},
        403,
    ),
    Row(
        "AANBOD-4",
        WITH_PIP,
        "POST",
        AANBOD,
        {**AANBOD_OK, "datumInburgeringsaanbod": "2026-02-01"},
        201,
    ),
    Row(
        "AANBOD-5",
        WITH_PIP,
        "POST",
        AANBOD,
        {**AANBOD_OK, "verwachteStartdatumOpleiding": "2026-02-10"},
        403,
    ),
    Row(
        "AANBOD-5",
        WITH_PIP,
        "POST",
        AANBOD,
        {**AANBOD_OK, "verwachteEinddatumOpleiding": "2026-02-28"},
        403,
    ),
    Row(
        "AANBOD-5",
        WITH_PIP,
        "POST",
        AANBOD,
        {**AANBOD_OK, "verwachteStartdatumOpleiding": "2026-02-15"},
        201,
    ),
    Row(
        "AANBOD-6",
        WITH_PIP,
        "POST",
        AANBOD,
        {**AANBOD_OK, "verwachteEinddatumOpleiding": "2029-02-02"},
        403,
    ),
    Row(
        "AANBOD-6",
        WITH_PIP,
        "POST",
        AANBOD,
        {**AANBOD_OK, "verwachteEinddatumOpleiding": "2029-02-01"},
        201,
    ),
    *mp_rows("map"),
    *mp_rows("pvt"),
    # GevolgdeUren/openapi.yml: participatieactiviteiten for the asielstatushouder's Z-route
    Row(
        "UREN-1",
        {**WITH_PIP, "doelgroep": "gezin"},
        "PUT",
        "/uren/participatieactiviteiten",
        {"uren": 40},
        403,
    ),
    Row("UREN-1", WITH_PIP, "PUT", "/uren/participatieactiviteiten", {"uren": 40}, 200),
]


def _id(row: Row) -> str:
    return f"{row.rule}-{'ok' if row.status < 300 else 'refused'}-{ROWS.index(row)}"


def test_every_rule_has_a_refused_and_an_accepted_row():
    refused = {r.rule for r in ROWS if r.status == 403}
    accepted = {r.rule for r in ROWS if r.status < 300}
    every = {r.id for r in rules.RULES}
    assert refused == every
    assert accepted == every


@pytest.mark.parametrize("row", ROWS, ids=_id)
def test_rule(row: Row, fake_duo, duo_client):
    fake_duo.set_today(TODAY)
    fake_duo.seed_person(BSN, **row.seed)
    response = duo_client.call(row.method, f"/personen/{BSN}{row.path}", row.body, bron=row.bron)
    assert response.status_code == row.status, response.text
    rule = next(r for r in rules.RULES if r.id == row.rule)
    if row.status == 403:
        # DUO's body: exactly this rule's fouttekst
        assert response.json() == [{"fouttekst": rule.fouttekst}]
    else:
        texts = [e["fouttekst"] for e in (response.json() if response.content else [])]
        assert rule.fouttekst not in texts
    # whatever it answered satisfies DUO's spec
    if spec.available():
        op = spec.find_operation(None, row.method, f"/personen/{BSN}{row.path}")
        assert op is not None
        body = response.json() if response.content else None
        assert (
            spec.validate_response(
                op[0].api,
                row.method,
                f"/personen/{BSN}{row.path}",
                response.status_code,
                body,
                response.headers,
            )
            == []
        )


def test_a_refused_request_changes_nothing(fake_duo, duo_client):
    fake_duo.set_today(TODAY)
    fake_duo.seed_person(BSN, **{**BASE, "pip": PIP_B})
    r = duo_client.call(
        "POST",
        f"/personen/{BSN}/PIP",
        {"dagtekeningPip": "2026-01-01", "leerroute": "Z", "niveau": "B1"},
    )
    assert r.status_code == 403
    # several rules at once: each fouttekst, in the catalogue's order
    assert [e["fouttekst"] for e in r.json()] == [
        rules.RULES[0].fouttekst,  # PIP-1
        next(x.fouttekst for x in rules.RULES if x.id == "PIP-2"),
        next(x.fouttekst for x in rules.RULES if x.id == "PIP-3"),
        next(x.fouttekst for x in rules.RULES if x.id == "PIP-5"),
    ]
    assert [p.pip for p in fake_duo.person(BSN).pips] == [{**PIP_B, "niveau": "B1"}]


# README.md:73: without niveau DUO registers B1 on the B1-route and the onderwijsroute
@pytest.mark.parametrize(("leerroute", "niveau"), [("B", "B1"), ("O", "B1"), ("Z", None)])
def test_default_niveau(leerroute, niveau, fake_duo, duo_client):
    fake_duo.seed_person(BSN, **BASE)
    r = duo_client.call(
        "POST", f"/personen/{BSN}/PIP", {"dagtekeningPip": "2026-02-01", "leerroute": leerroute}
    )
    assert r.status_code == 201
    pip = duo_client.call("GET", f"/personen/{BSN}/PIP").json()["pip"]
    assert pip.get("niveau") == niveau


def test_delete_brings_back_the_previous_pip(fake_duo, duo_client):
    fake_duo.seed_person(
        BSN,
        **{**BASE, "pips": [PIP_B, {**PIP_B, "leerroute": "O", "dagtekeningPip": "2026-03-01"}]},
    )
    assert duo_client.call("DELETE", f"/personen/{BSN}/PIP").status_code == 200
    assert duo_client.call("GET", f"/personen/{BSN}/PIP").json()["pip"]["leerroute"] == "B"
    assert duo_client.call("DELETE", f"/personen/{BSN}/PIP").status_code == 200
    assert duo_client.call("GET", f"/personen/{BSN}/PIP").status_code == 404
    assert duo_client.call("DELETE", f"/personen/{BSN}/PIP").status_code == 404
    # a deleted PIP was still delivered: A2 on the B1-route is no longer a first PIP
    r = duo_client.call("POST", f"/personen/{BSN}/PIP", {**PIP_B, "niveau": "A2"})
    assert r.status_code == 201


def test_aanbod_is_overwritten_per_instelling_and_deleted(fake_duo, duo_client):
    fake_duo.seed_person(BSN, **WITH_PIP)
    path = f"/personen/{BSN}{AANBOD}"
    assert duo_client.call("POST", path, AANBOD_OK).status_code == 201
    later = {**AANBOD_OK, "verwachteStartdatumOpleiding": "2026-04-01"}
    assert duo_client.call("POST", path, later).status_code == 201
    stored = fake_duo.person(BSN).aanbod
    assert list(stored) == ["1000000001"]
    assert stored["1000000001"]["verwachteStartdatumOpleiding"] == "2026-04-01"
    assert duo_client.call("DELETE", path).status_code == 204
    assert duo_client.call("DELETE", path).status_code == 404


@pytest.mark.parametrize("kind", ["map", "pvt"])
def test_put_replaces_the_whole_resource(kind, fake_duo, duo_client):
    """README.md:118/134: what the PUT leaves out is withdrawn."""
    f = "datumEindgesprekMap" if kind == "map" else "datumOndertekeningPvt"
    fake_duo.set_today(TODAY)
    fake_duo.seed_person(BSN, **OVER)
    path = f"/personen/{BSN}/{kind}"
    assert duo_client.call("PUT", path, {f: "2026-05-01", "verwijtbaar": "Ja"}).status_code == 200
    assert duo_client.call("GET", path).json() == {f: "2026-05-01"}
    assert getattr(fake_duo.person(BSN), kind).verwijtbaar == "Ja"
    assert duo_client.call("PUT", path, {"verwijtbaar": "Ja"}).status_code == 200
    assert duo_client.call("GET", path).status_code == 404


def test_contactpersoon_koppelen_overwrites_and_delete_ontkoppelt(fake_duo, duo_client):
    fake_duo.seed_person(BSN, **BASE)
    gegevens = {
        "naam": "Anna de Vries",
        "email": "a.devries@dewolden.nl",
        "telefoonnummer": "0528 378686",
    }
    first = duo_client.call("POST", "/contactpersonen", gegevens)
    second = duo_client.call("POST", "/contactpersonen", {**gegevens, "naam": "Bram Smit"})
    assert first.status_code == second.status_code == 201
    a, b = first.json()["id"], second.json()["id"]
    assert duo_client.call("POST", f"/contactpersonen/{a}/personen/{BSN}").status_code == 201
    # README.md:87: koppelen overwrites an existing koppeling
    assert duo_client.call("POST", f"/contactpersonen/{b}/personen/{BSN}").status_code == 201
    assert fake_duo.person(BSN).contactpersoon_id == b
    assert duo_client.call("DELETE", f"/contactpersonen/{a}/personen/{BSN}").status_code == 404
    # README.md:90: deleting the contactpersoon removes its koppelingen
    assert duo_client.call("DELETE", f"/contactpersonen/{b}").status_code == 200
    assert fake_duo.person(BSN).contactpersoon_id is None
    assert duo_client.call("PUT", f"/contactpersonen/{b}", gegevens).status_code == 404
    # another gemeente's contactpersoon is not ours to change
    r = duo_client.as_(OIN_DALFSEN).call("PUT", f"/contactpersonen/{a}", gegevens)
    assert r.status_code == 403


def test_gevolgde_uren_are_totals_per_gemeente(fake_duo, duo_client):
    fake_duo.set_today(TODAY)
    fake_duo.seed_person(BSN, **WITH_PIP)
    for path, uren in [
        ("participatietaalles", 120),
        ("bredeintake/taallesknm", 30),
        ("participatietaalles", 150),
    ]:
        assert duo_client.call("PUT", f"/personen/{BSN}/uren/{path}", {"uren": uren}).ok
    assert duo_client.call("GET", f"/personen/{BSN}/uren").json() == [
        {
            "gemeentecode": WOLDEN,
            "bekendTot": "2026-06-02",
            "ParticipatieAlsTaalles": {"uren": 150},
            "TaallesEnKnmBredeIntake": {"uren": 30},
        }
    ]
