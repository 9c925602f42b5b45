"""Configuration of the DUO koppeling, read from Django settings (which read the
environment, see ``inburgering/settings/base.py`` and docs/duo.md).

Certificates and keys are never stored in the database: per gemeente the paths come
from the environment variables ``DUO_CERT_FILE_<CBSCODE>`` / ``DUO_KEY_FILE_<CBSCODE>``,
falling back to ``DUO_CERT_FILE`` / ``DUO_KEY_FILE`` (one certificate for the whole
installation, the usual case for a regional shared service)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from django.conf import settings

API_VERSIONS: dict[str, str] = {
    "PIP": "1.2.0",
    "Contactpersoon": "1.0.0",
    "Inburgeringsaanbod": "1.2.0",
    "MAP,PVT,Zroute": "1.0.0",
    "GevolgdeUren": "1.0.0",
    "Inburgeringsplicht": "1.2.2",
    "Inburgeringstermijn": "1.0.0",
    "Leerbaarheidstoets": "1.2.0",
    "Vrijstelling": "1.0.0",
    "Ontheffing": "1.0.0",
    "Examen": "1.0.0",
}
"""The version of each DUO API this code was written against (``info.version`` of the
OpenAPI files in DUO's duo-m2m repository). Sent as the ``API-Version`` request header,
which the Inburgeringsplicht, Inburgeringstermijn and Leerbaarheidstoets APIs require."""


def api_for_path(path: str) -> str:
    """Which DUO API a path (relative to the base URL) belongs to."""
    p = path.lower()
    if p.startswith("/contactpersonen"):
        return "Contactpersoon"
    if p.startswith("/instellingen") or "/inburgeringsaanbod" in p:
        return "Inburgeringsaanbod"
    for part, api in (
        ("/pip", "PIP"),
        ("/map", "MAP,PVT,Zroute"),
        ("/pvt", "MAP,PVT,Zroute"),
        ("/zroute", "MAP,PVT,Zroute"),
        ("/uren", "GevolgdeUren"),
        ("/inburgeringsplicht", "Inburgeringsplicht"),
        ("/doelgroep", "Inburgeringsplicht"),
        ("/inburgeringstermijn", "Inburgeringstermijn"),
        ("/leerbaarheidstoets", "Leerbaarheidstoets"),
        ("/vrijstelling", "Vrijstelling"),
        ("/ontheffing", "Ontheffing"),
        ("/examen", "Examen"),
    ):
        if part in p:
            return api
    return ""


def base_url() -> str:
    """DUO's base URL including the major version (``https://host:port/v1``); empty
    means the koppeling is off: nothing is sent and nothing is queued."""
    return (getattr(settings, "DUO_BASE_URL", "") or "").rstrip("/")


def duo_oin() -> str:
    """DUO's OIN: the ``doel`` header of every request."""
    return getattr(settings, "DUO_OIN", "") or ""


def enabled_for(gemeente) -> bool:
    """The koppeling is on for this gemeente: a base URL is configured and the
    gemeente has its own OIN (the ``bron`` header)."""
    return bool(base_url() and gemeente is not None and getattr(gemeente, "oin", ""))


@dataclass(frozen=True)
class TlsConfig:
    """Client certificate (PKIoverheid) and key for mutual TLS, and the CA bundle that
    verifies DUO's server certificate. ``cert`` is None when no certificate is
    configured (only acceptable against the local fake DUO)."""

    cert: tuple[str, str] | None
    verify: bool | str


def tls_for(gemeente) -> TlsConfig:
    code = getattr(gemeente, "cbs_code", "") or ""
    cert = os.environ.get(f"DUO_CERT_FILE_{code}") or getattr(settings, "DUO_CERT_FILE", "")
    key = os.environ.get(f"DUO_KEY_FILE_{code}") or getattr(settings, "DUO_KEY_FILE", "")
    ca = getattr(settings, "DUO_CA_BUNDLE", "") or True
    return TlsConfig(cert=(cert, key) if cert and key else None, verify=ca)


def timeouts() -> tuple[float, float]:
    """(connect, read) timeouts in seconds."""
    return (
        float(getattr(settings, "DUO_CONNECT_TIMEOUT", 5)),
        float(getattr(settings, "DUO_READ_TIMEOUT", 30)),
    )
