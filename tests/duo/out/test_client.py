"""The DUO client against the fake DUO: headers DUO accepts, 4xx returned with DUO's
reason, 5xx / a dropped connection / nothing listening → DuoUnavailable, and no BSN
in any log line or exception. Certificate configuration per gemeente."""

from __future__ import annotations

import logging

import pytest

from duo import conf
from duo.client import DuoClient, DuoNotConfigured, DuoUnavailable

BSN_ONBEKEND = "999990020"


def test_get_returns_404_for_an_unknown_person_and_logs_no_bsn(world, duo_server, caplog):
    caplog.set_level(logging.DEBUG)
    r = DuoClient(world.gemeente).get(f"/personen/{BSN_ONBEKEND}/PIP", ref="outbox:7")
    assert r.status == 404
    assert len(r.bericht_id) == 36
    assert BSN_ONBEKEND not in caplog.text
    assert "outbox:7" in caplog.text
    # the request passed the fake's header and OIN checks (else 400/403)
    assert duo_server.requests[-1].headers["bron"] == world.gemeente.oin


def test_duos_refusal_texts_are_parsed(world, duo_server):
    bsn = world.dossier.inburgeraar.bsn
    r = DuoClient(world.gemeente).post(
        f"/personen/{bsn}/PIP", json={"dagtekeningPip": "2000-01-01", "leerroute": "B"}, ref="t"
    )
    assert r.status == 403
    assert r.foutteksten() and all(isinstance(t, str) for t in r.foutteksten())


@pytest.mark.parametrize("mode", ["503", "close"])
def test_duo_down_raises_unavailable_without_the_path(world, duo_server, mode, caplog):
    duo_server.set_down(mode)
    bsn = world.dossier.inburgeraar.bsn
    with pytest.raises(DuoUnavailable) as exc:
        DuoClient(world.gemeente).get(f"/personen/{bsn}/PIP", ref="outbox:9")
    assert bsn not in str(exc.value)
    assert bsn not in caplog.text
    assert "outbox:9" in str(exc.value)


def test_nothing_listening_is_unavailable(world, duo_aan):
    with pytest.raises(DuoUnavailable):
        DuoClient(world.gemeente).get("/personen/123456782/PIP", ref="t")


def test_not_configured_without_base_url_or_oin(world, settings):
    settings.DUO_BASE_URL = ""
    with pytest.raises(DuoNotConfigured):
        DuoClient(world.gemeente)
    settings.DUO_BASE_URL = "https://duo.example/v1"
    world.gemeente.oin = ""
    with pytest.raises(DuoNotConfigured):
        DuoClient(world.gemeente)


def test_certificate_per_gemeente_from_the_environment(world, settings, monkeypatch):
    settings.DUO_CERT_FILE = "/run/secrets/regio.crt"
    settings.DUO_KEY_FILE = "/run/secrets/regio.key"
    settings.DUO_CA_BUNDLE = "/etc/ssl/pkio.pem"
    monkeypatch.setenv(f"DUO_CERT_FILE_{world.gemeente.cbs_code}", "/run/secrets/eigen.crt")
    monkeypatch.setenv(f"DUO_KEY_FILE_{world.gemeente.cbs_code}", "/run/secrets/eigen.key")
    eigen = conf.tls_for(world.gemeente)
    regio = conf.tls_for(world.andere_gemeente)
    assert eigen.cert == ("/run/secrets/eigen.crt", "/run/secrets/eigen.key")
    assert regio.cert == ("/run/secrets/regio.crt", "/run/secrets/regio.key")
    assert eigen.verify == "/etc/ssl/pkio.pem"


def test_no_certificate_configured_means_plain_client(world, settings):
    settings.DUO_CERT_FILE = settings.DUO_KEY_FILE = ""
    assert conf.tls_for(world.gemeente).cert is None


@pytest.mark.parametrize(
    ("path", "api"),
    [
        ("/personen/1/PIP", "PIP"),
        ("/contactpersonen/3/personen/1", "Contactpersoon"),
        ("/personen/1/Inburgeringsaanbod/1000000001", "Inburgeringsaanbod"),
        ("/instellingen", "Inburgeringsaanbod"),
        ("/personen/1/map", "MAP,PVT,Zroute"),
        ("/personen/1/zroute", "MAP,PVT,Zroute"),
        ("/personen/1/uren/participatietaalles", "GevolgdeUren"),
        ("/personen/1/inburgeringstermijn", "Inburgeringstermijn"),
    ],
)
def test_api_for_path(path, api):
    assert conf.api_for_path(path) == api


def test_api_versions_match_duos_files():
    from duo import spec

    if not spec.available():
        pytest.skip("DUO's spec directory is absent")
    for api, version in conf.API_VERSIONS.items():
        assert spec.api_version(api) == version, api


def test_pip_reaches_duo_over_mutual_tls_with_the_gemeentes_certificate(
    world, fake_duo_tls, monkeypatch, settings
):
    """As in production: https, DUO's server certificate checked against DUO_CA_BUNDLE,
    and the gemeente's own PKIoverheid-like client certificate (DUO_CERT_FILE_<CBS>)."""
    from tests.duo.out.conftest import run_duo_jobs
    from tests.pip_plans.factories import vastgestelde_pip

    d = world.dossier
    fake_duo_tls.seed_person(
        d.inburgeraar.bsn,
        gemeente=world.gemeente.cbs_code,
        plicht_start=d.datum_start_plicht,
        vestigingsdatum=d.datum_vestiging,
    )
    # the fixture's default certificate is De Wolden's; give De Wolden its own via the
    # per-gemeente variables and make the default one a foreign (Dalfsen's) certificate
    cert, key = fake_duo_tls.pki.clients["De Wolden"]
    vreemd_cert, vreemd_key = fake_duo_tls.pki.clients["Dalfsen"]
    settings.DUO_CERT_FILE, settings.DUO_KEY_FILE = str(vreemd_cert), str(vreemd_key)
    monkeypatch.setenv(f"DUO_CERT_FILE_{world.gemeente.cbs_code}", str(cert))
    monkeypatch.setenv(f"DUO_KEY_FILE_{world.gemeente.cbs_code}", str(key))
    vastgestelde_pip(d, world.werkcoach)
    assert run_duo_jobs() == {"done": 1}
    laatste = fake_duo_tls.requests[-1]
    assert laatste.status == 201
    assert world.gemeente.oin in laatste.client_cert  # De Wolden's own certificate


def test_without_a_client_certificate_there_is_no_conversation(world, fake_duo_tls, settings):
    settings.DUO_CERT_FILE = settings.DUO_KEY_FILE = ""
    with pytest.raises(DuoUnavailable):
        DuoClient(world.gemeente).get("/personen/123456782/PIP", ref="t")
