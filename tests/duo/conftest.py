"""Fixtures for the DUO koppeling: a running fake DUO (duo.fake) per test.

    def test_pip_reaches_duo(fake_duo, settings):
        fake_duo.add_gemeente(gemeente.oin, gemeente.cbs_code)
        fake_duo.seed_person(bsn, gemeente=gemeente.cbs_code, plicht_start="2026-01-05")
        ...  # the application sends to settings.DUO_BASE_URL (= fake_duo.base_url)
        assert fake_duo.requests[-1].status == 201
        fake_duo.emit("SS139", bsn, gemeente.oin, send=django_sender(client))

``fake_duo`` is the :class:`duo.fake.FakeDuo` (store, ``seed_person``, ``emit``,
``requests`` log, ``set_down``), served on a free port in a thread for the test, with
``settings.DUO_BASE_URL`` pointing at it. ``duo_client`` calls the fake as a gemeente
would (the OIN headers and a fresh berichtId), for tests of the fake itself.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests

from duo.fake import DEFAULT_DUO_OIN, FakeDuo, serve

OIN_DE_WOLDEN = "00000001001234567000"
OIN_DALFSEN = "00000001001234568000"
CBS_DE_WOLDEN = "1690"
CBS_DALFSEN = "0148"


@pytest.fixture
def fake_duo(settings) -> Iterator[FakeDuo]:
    """The fake DUO, running for this test; ``settings.DUO_BASE_URL`` points at it.

    Knows the demo's two gemeenten (De Wolden 1690, Dalfsen 0148) by their OINs; add
    others with ``fake_duo.add_gemeente(oin, cbs_code)``.
    """
    fake = FakeDuo(
        gemeenten={OIN_DE_WOLDEN: CBS_DE_WOLDEN, OIN_DALFSEN: CBS_DALFSEN},
        duo_oin=getattr(settings, "DUO_OIN", "") or DEFAULT_DUO_OIN,
    )
    server = serve(fake)
    settings.DUO_BASE_URL = fake.base_url
    try:
        yield fake
    finally:
        server.stop()


@pytest.fixture
def fake_duo_tls(settings, tmp_path) -> Iterator[FakeDuo]:
    """The fake DUO over mutual TLS, as DUO is reached in production: a throw-away CA
    (standing in for PKIoverheid) signs the fake's server certificate and one client
    certificate per demo gemeente (``fake.pki.clients["De Wolden"]`` = (cert, key)).
    Settings point the application at it: DUO_BASE_URL (https), DUO_CA_BUNDLE, and
    DUO_CERT_FILE/DUO_KEY_FILE = De Wolden's certificate. Requests carry the client
    certificate's subject in ``fake.requests[i].client_cert``."""
    from duo.fake.tls import make_test_pki, server_context

    pki = make_test_pki(tmp_path / "pki", {"De Wolden": OIN_DE_WOLDEN, "Dalfsen": OIN_DALFSEN})
    fake = FakeDuo(
        gemeenten={OIN_DE_WOLDEN: CBS_DE_WOLDEN, OIN_DALFSEN: CBS_DALFSEN},
        duo_oin=getattr(settings, "DUO_OIN", "") or DEFAULT_DUO_OIN,
    )
    fake.pki = pki  # type: ignore[attr-defined]
    server = serve(fake, ssl_context=server_context(pki))
    settings.DUO_BASE_URL = fake.base_url
    settings.DUO_CA_BUNDLE = str(pki.ca_cert)
    cert, key = pki.clients["De Wolden"]
    settings.DUO_CERT_FILE, settings.DUO_KEY_FILE = str(cert), str(key)
    try:
        yield fake
    finally:
        server.stop()


class DuoTestClient:
    """Calls the fake DUO over HTTP as a gemeente would."""

    def __init__(self, fake: FakeDuo, oin: str = OIN_DE_WOLDEN) -> None:
        self.fake = fake
        self.oin = oin

    def headers(self, bron: str | None = None, **override: str) -> dict[str, str]:
        h = {"bron": bron or self.oin, "doel": self.fake.duo_oin, "berichtId": str(uuid.uuid4())}
        h.update(override)
        return {k: v for k, v in h.items() if v is not None}

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        bron: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> requests.Response:
        """``path`` relative to DUO's base path, e.g. ``/personen/999990019/PIP``."""
        with requests.Session() as session:
            session.trust_env = False  # the fake is on 127.0.0.1: never through a proxy
            return session.request(
                method,
                self.fake.base_url + path,
                json=body,
                headers=headers if headers is not None else self.headers(bron),
                timeout=10,
            )

    def as_(self, oin: str) -> DuoTestClient:
        return DuoTestClient(self.fake, oin)


@pytest.fixture
def duo_client(fake_duo) -> DuoTestClient:
    """A DuoTestClient speaking for De Wolden (use ``.as_(OIN_DALFSEN)`` for Dalfsen)."""
    return DuoTestClient(fake_duo)


def django_sender(client, path: str = "/duo/v1/notificaties") -> Callable[..., Any]:
    """A ``send=`` for :meth:`FakeDuo.emit` that posts through Django's test client, for
    tests of the notification endpoint without a live server."""

    def send(headers: dict[str, str], body: dict[str, Any]) -> tuple[int, Any]:
        extra = {k: v for k, v in headers.items() if k.lower() != "content-type"}
        response = client.post(path, body, content_type="application/json", headers=extra)
        return response.status_code, response.content.decode() or None

    return send
