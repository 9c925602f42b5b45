"""The fake over mutual TLS (README "Vertrouwelijkheid"): without a client certificate
signed by the trusted CA there is no conversation at all."""

from __future__ import annotations

import uuid

import pytest
import requests

from duo.fake.tls import make_test_pki
from tests.duo.conftest import CBS_DE_WOLDEN, OIN_DALFSEN, OIN_DE_WOLDEN

BSN = "999990019"


def _get(fake, *, cert=None, verify=None, oin=OIN_DE_WOLDEN):
    headers = {"bron": oin, "doel": fake.duo_oin, "berichtId": str(uuid.uuid4())}
    with requests.Session() as session:
        session.trust_env = False
        return session.get(
            fake.base_url + f"/personen/{BSN}/inburgeringsplicht",
            headers=headers,
            cert=cert,
            verify=str(fake.pki.ca_cert) if verify is None else verify,
            timeout=5,
        )


def test_settings_point_at_the_tls_fake(fake_duo_tls, settings):
    assert settings.DUO_BASE_URL.startswith("https://127.0.0.1:")
    assert settings.DUO_BASE_URL.endswith("/v1")
    assert str(fake_duo_tls.pki.ca_cert) == settings.DUO_CA_BUNDLE


def test_with_the_gemeentes_certificate(fake_duo_tls):
    fake_duo_tls.seed_person(BSN, gemeente=CBS_DE_WOLDEN)
    cert = tuple(str(p) for p in fake_duo_tls.pki.clients["De Wolden"])
    r = _get(fake_duo_tls, cert=cert)
    assert r.status_code == 200
    assert fake_duo_tls.requests[-1].client_cert == f"CN=De Wolden,serialNumber={OIN_DE_WOLDEN}"


def test_the_certificate_is_recorded_so_a_wrong_one_shows(fake_duo_tls):
    """Dalfsen's certificate with De Wolden's OIN in bron: DUO would refuse; the fake
    records the certificate so that a test can see which one was used."""
    fake_duo_tls.seed_person(BSN, gemeente=CBS_DE_WOLDEN)
    cert = tuple(str(p) for p in fake_duo_tls.pki.clients["Dalfsen"])
    _get(fake_duo_tls, cert=cert)
    assert fake_duo_tls.requests[-1].client_cert == f"CN=Dalfsen,serialNumber={OIN_DALFSEN}"


def test_without_a_client_certificate_no_conversation(fake_duo_tls):
    fake_duo_tls.seed_person(BSN, gemeente=CBS_DE_WOLDEN)
    with pytest.raises(requests.exceptions.RequestException):
        _get(fake_duo_tls)
    assert fake_duo_tls.requests == []


def test_a_certificate_of_another_ca_is_refused(fake_duo_tls, tmp_path):
    fake_duo_tls.seed_person(BSN, gemeente=CBS_DE_WOLDEN)
    other = make_test_pki(tmp_path / "other", {"Indringer": OIN_DE_WOLDEN}, ca_name="Nep-CA")
    cert = tuple(str(p) for p in other.clients["Indringer"])
    with pytest.raises(requests.exceptions.RequestException):
        _get(fake_duo_tls, cert=cert)
    assert fake_duo_tls.requests == []


def test_the_client_verifies_duos_server_certificate(fake_duo_tls, tmp_path):
    """A client that trusts another CA does not talk to this 'DUO'."""
    other = make_test_pki(tmp_path / "other", {}, ca_name="Nep-CA")
    cert = tuple(str(p) for p in fake_duo_tls.pki.clients["De Wolden"])
    with pytest.raises(requests.exceptions.SSLError):
        _get(fake_duo_tls, cert=cert, verify=str(other.ca_cert))
    assert fake_duo_tls.requests == []
