"""Mutual TLS for the fake DUO, as DUO's README asks of the real one ("Vertrouwelijkheid":
authentication by a PKIoverheid certificate).

For tests only: :func:`make_test_pki` makes a throw-away CA standing in for
PKIoverheid, a server certificate for 127.0.0.1/localhost and one client certificate per
gemeente (CN = name, serialNumber = OIN, as a PKIoverheid services certificate carries the
OIN). :func:`server_context` requires a client certificate signed by that CA.
"""

from __future__ import annotations

import datetime
import ipaddress
import ssl
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


@dataclass
class TestPki:
    """Paths of a throw-away PKI: CA, DUO's server certificate, clients by name."""

    __test__ = False  # not a pytest test class

    ca_cert: Path
    server_cert: Path
    server_key: Path
    clients: dict[str, tuple[Path, Path]] = field(default_factory=dict)  # name -> (cert, key)


def _key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _write_key(key: ec.EllipticCurvePrivateKey, path: Path) -> None:
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    path.chmod(0o600)


def _cert(
    subject: x509.Name,
    key: ec.EllipticCurvePrivateKey,
    issuer: x509.Name,
    issuer_key: ec.EllipticCurvePrivateKey,
    *,
    ca: bool = False,
    usage: x509.ObjectIdentifier | None = None,
    san: list[x509.GeneralName] | None = None,
) -> x509.Certificate:
    now = datetime.datetime.now(datetime.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if usage is not None:
        builder = builder.add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
    if san:
        builder = builder.add_extension(x509.SubjectAlternativeName(san), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def _name(cn: str, serial: str | None = None) -> x509.Name:
    attrs = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "NL"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, cn),
        x509.NameAttribute(NameOID.COMMON_NAME, cn),
    ]
    if serial:
        attrs.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, serial))
    return x509.Name(attrs)


def make_test_pki(directory: Path, clients: dict[str, str], ca_name: str = "Test-PKI") -> TestPki:
    """Write a CA, a server certificate and a client certificate per ``{name: oin}``."""
    directory.mkdir(parents=True, exist_ok=True)
    ca_key = _key()
    ca_subject = _name(ca_name)
    ca = _cert(ca_subject, ca_key, ca_subject, ca_key, ca=True)
    pki = TestPki(directory / "ca.pem", directory / "server.pem", directory / "server.key")
    pki.ca_cert.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    server_key = _key()
    server = _cert(
        _name("Fake DUO"),
        server_key,
        ca_subject,
        ca_key,
        usage=ExtendedKeyUsageOID.SERVER_AUTH,
        san=[x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))],
    )
    pki.server_cert.write_bytes(server.public_bytes(serialization.Encoding.PEM))
    _write_key(server_key, pki.server_key)
    for name, oin in clients.items():
        key = _key()
        cert = _cert(
            _name(name, oin), key, ca_subject, ca_key, usage=ExtendedKeyUsageOID.CLIENT_AUTH
        )
        slug = "".join(c for c in name.lower() if c.isalnum())
        cert_path, key_path = directory / f"{slug}.pem", directory / f"{slug}.key"
        cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        _write_key(key, key_path)
        pki.clients[name] = (cert_path, key_path)
    return pki


def server_context(pki: TestPki) -> ssl.SSLContext:
    """TLS for the fake's server: its certificate, and a client certificate required."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(pki.server_cert, pki.server_key)
    context.load_verify_locations(pki.ca_cert)
    context.verify_mode = ssl.CERT_REQUIRED
    return context


def peer_description(sock: object) -> str | None:
    """``CN=...,serialNumber=...`` of the client certificate of a TLS connection."""
    if not isinstance(sock, ssl.SSLSocket):
        return None
    cert: dict[str, Any] = dict(sock.getpeercert() or {})
    labels = {"commonName": "CN", "serialNumber": "serialNumber"}
    parts = [
        f"{labels[str(pair[0])]}={pair[1]}"
        for rdn in cert.get("subject", ())
        for pair in rdn
        if str(pair[0]) in labels
    ]
    return ",".join(parts) or None
