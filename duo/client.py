"""HTTP client for DUO's machine-to-machine APIs (duo-m2m, Digikoppeling REST).

One :class:`DuoClient` per gemeente: the gemeente's OIN is the ``bron`` header,
DUO's OIN (``settings.DUO_OIN``) the ``doel`` header; every request carries a fresh
``berichtId`` (uuid4) and the ``API-Version`` of the API the path belongs to. Mutual
TLS with the gemeente's PKIoverheid certificate (paths from the environment, see
:mod:`duo.conf`), connect/read timeouts.

Errors: a network error, a timeout, a 5xx or a 429 raises :class:`DuoUnavailable`
(retriable: the outbox tries again later); every other answer, including a 4xx with
DUO's reason, is returned as a :class:`DuoResponse` for the caller to store.

Privacy: DUO's paths hold the BSN, so the path and the body are never logged or put
in an exception; only ``ref`` (``"outbox:<id>"`` / ``"opvraag:<id>"``), the method,
the API name, the status and the berichtId are.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from dataclasses import dataclass
from typing import Any

import requests

from . import conf

logger = logging.getLogger(__name__)


class _MaskPaths(logging.Filter):
    """urllib3 logs every request line at DEBUG (``GET /v1/personen/<bsn>/PIP``): mask
    nine-digit numbers in its records, so a DEBUG log level never writes a BSN."""

    _BSN = re.compile(r"(?<!\d)\d{9}(?!\d)")

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = self._BSN.sub("•••••••••", message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


for _name in ("urllib3.connectionpool", "urllib3.connection", "requests"):
    logging.getLogger(_name).addFilter(_MaskPaths())

__all__ = ["DuoClient", "DuoNotConfigured", "DuoResponse", "DuoUnavailable"]


class DuoUnavailable(Exception):
    """DUO could not be reached or answered 5xx/429: try again later. The message
    holds the ref and the kind of failure only, never the path or the body."""


class DuoNotConfigured(Exception):
    """The koppeling is off for this gemeente (no DUO_BASE_URL or no OIN)."""


@dataclass
class DuoResponse:
    """DUO's answer: HTTP status, parsed JSON body (None when empty or not JSON) and
    the berichtId of the request."""

    status: int
    body: Any
    bericht_id: str

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def foutteksten(self) -> list[str]:
        """DUO's functional error texts (``[{"fouttekst": …}]`` on a 403/400)."""
        body = self.body
        if isinstance(body, dict):
            body = [body]
        if not isinstance(body, list):
            return []
        return [str(x.get("fouttekst")) for x in body if isinstance(x, dict) and x.get("fouttekst")]


RETRIABLE_STATUSES = frozenset({429, 500, 502, 503, 504})


class DuoClient:
    """Talks to DUO on behalf of one gemeente."""

    def __init__(self, gemeente, *, session: requests.Session | None = None):
        if not conf.enabled_for(gemeente):
            raise DuoNotConfigured(f"DUO-koppeling staat uit voor gemeente {gemeente.pk}")
        self.gemeente = gemeente
        self.base_url = conf.base_url()
        self.tls = conf.tls_for(gemeente)
        self.session = session or requests.Session()

    def headers(self, path: str, bericht_id: str) -> dict[str, str]:
        api = conf.api_for_path(path)
        h = {
            "bron": self.gemeente.oin,
            "doel": conf.duo_oin(),
            "berichtId": bericht_id,
            "Accept": "application/json",
        }
        if api in conf.API_VERSIONS:
            h["API-Version"] = conf.API_VERSIONS[api]
        return h

    def request(self, method: str, path: str, *, json: Any = None, ref: str) -> DuoResponse:
        """Send one request. ``path`` is relative to DUO_BASE_URL (``/personen/{bsn}/PIP``);
        ``ref`` identifies the message in logs (never the path: it holds the BSN)."""
        method = method.upper()
        bericht_id = str(uuid.uuid4())
        api = conf.api_for_path(path) or "?"
        started = time.monotonic()
        try:
            r = self.session.request(
                method,
                self.base_url + path,
                json=json,
                headers=self.headers(path, bericht_id),
                cert=self.tls.cert,
                verify=self.tls.verify,
                timeout=conf.timeouts(),
                allow_redirects=False,
            )
        except requests.Timeout:
            logger.warning("DUO %s %s (%s): timeout", method, api, ref)
            raise DuoUnavailable(f"DUO timeout ({ref})") from None
        except requests.RequestException as exc:
            logger.warning("DUO %s %s (%s): %s", method, api, ref, exc.__class__.__name__)
            raise DuoUnavailable(f"DUO niet bereikbaar: {exc.__class__.__name__} ({ref})") from None
        ms = int((time.monotonic() - started) * 1000)
        logger.info(
            "DUO %s %s (%s) -> %s in %d ms, berichtId %s",
            method,
            api,
            ref,
            r.status_code,
            ms,
            bericht_id,
        )
        if r.status_code in RETRIABLE_STATUSES:
            raise DuoUnavailable(f"DUO antwoordde {r.status_code} ({ref})")
        body: Any = None
        if r.content:
            try:
                body = r.json()
            except ValueError:
                body = None
        return DuoResponse(status=r.status_code, body=body, bericht_id=bericht_id)

    def get(self, path: str, *, ref: str) -> DuoResponse:
        return self.request("GET", path, ref=ref)

    def post(self, path: str, *, json: Any = None, ref: str) -> DuoResponse:
        return self.request("POST", path, json=json, ref=ref)

    def put(self, path: str, *, json: Any = None, ref: str) -> DuoResponse:
        return self.request("PUT", path, json=json, ref=ref)

    def delete(self, path: str, *, json: Any = None, ref: str) -> DuoResponse:
        return self.request("DELETE", path, json=json, ref=ref)
