"""The proxy configuration in deploy/nginx/ (issue 16), run by a real nginx in front of
two stand-in web servers: requests are spread over both, a client cannot forge the
client-certificate headers, DUO's notification path is closed on the staff port, and
on the DUO port only a client certificate under the configured CA gets through.
Skipped where nginx is not installed (Debian package ``nginx``)."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import threading
import time
import warnings
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests
from django.conf import settings

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
pytestmark = pytest.mark.skipif(NGINX is None, reason="nginx is not installed")

DEPLOY = Path(settings.BASE_DIR) / "deploy" / "nginx"
DUO_PATH = "/duo/v1/notificaties"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Upstream:
    """A stand-in web container: answers with its name, the path and the
    client-certificate headers it received."""

    def __init__(self, name: str) -> None:
        self.hits: list[str] = []
        upstream = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                upstream.hits.append(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                body = json.dumps(
                    {
                        "server": name,
                        "path": self.path,
                        "verify": self.headers.get("X-SSL-Client-Verify"),
                        "dn": self.headers.get("X-SSL-Client-S-DN"),
                        "proto": self.headers.get("X-Forwarded-Proto"),
                    }
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = _answer  # noqa: N815
            do_POST = _answer  # noqa: N815

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _certificates(d: Path) -> None:
    """A CA for DUO's client certificates, a client certificate under it, one under
    another CA, and the server certificate of the DUO port."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    def key():
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def name(cn: str):
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])

    def cert(subject, subject_key, issuer, issuer_key, *, ca: bool):
        now = datetime.now(UTC)
        return (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(issuer)
            .public_key(subject_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
            .sign(issuer_key, hashes.SHA256())
        )

    def write(stem: str, c, k=None) -> None:
        (d / f"{stem}.crt").write_bytes(c.public_bytes(serialization.Encoding.PEM))
        if k is not None:
            (d / f"{stem}.key").write_bytes(
                k.private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.TraditionalOpenSSL,
                    serialization.NoEncryption(),
                )
            )

    ca_key, other_key = key(), key()
    ca = cert(
        name("Test PKIoverheid Private Root"),
        ca_key,
        name("Test PKIoverheid Private Root"),
        ca_key,
        ca=True,
    )
    other = cert(name("Other CA"), other_key, name("Other CA"), other_key, ca=True)
    write("ca", ca)
    (d / "pkioverheid-private-root-ca.pem").write_bytes((d / "ca.crt").read_bytes())
    client_key, wrong_key, server_key = key(), key(), key()
    write(
        "duo", cert(name("DUO notificaties"), client_key, ca.subject, ca_key, ca=False), client_key
    )
    write(
        "wrong",
        cert(name("Someone else"), wrong_key, other.subject, other_key, ca=False),
        wrong_key,
    )
    write(
        "server",
        cert(name("127.0.0.1"), server_key, name("127.0.0.1"), server_key, ca=False),
        server_key,
    )


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    d = tmp_path_factory.mktemp("nginx")
    for sub in ("conf.d", "duo", "logs"):
        (d / sub).mkdir()
    _certificates(d / "duo")
    web1, web2 = _Upstream("web-1"), _Upstream("web-2")
    staff, duo = _free_port(), _free_port()
    (d / "nginx.conf").write_text(
        (DEPLOY / "nginx.conf")
        .read_text()
        .replace("/etc/nginx/conf.d/", f"{d}/conf.d/")
        .replace("/etc/nginx/duo/", f"{d}/duo/")
    )
    (d / "conf.d" / "inburgering.conf").write_text(
        (DEPLOY / "inburgering.conf")
        .read_text()
        .replace("web-1:8000", f"127.0.0.1:{web1.port}")
        .replace("web-2:8000", f"127.0.0.1:{web2.port}")
        .replace("listen 80;", f"listen 127.0.0.1:{staff};")
        .replace("/var/log/nginx/", f"{d}/logs/")
    )
    (d / "duo" / "duo-mtls.conf").write_text(
        (DEPLOY / "duo-mtls.conf.example")
        .read_text()
        .replace("/etc/nginx/duo/", f"{d}/duo/")
        .replace("listen 8443 ssl;", f"listen 127.0.0.1:{duo} ssl;")
        .replace("/var/log/nginx/", f"{d}/logs/")
    )
    proc = subprocess.Popen(  # noqa: S603 - nginx with our own temporary configuration
        [
            NGINX,
            "-p",
            str(d),
            "-c",
            str(d / "nginx.conf"),
            "-g",
            f"daemon off; pid {d}/nginx.pid; error_log {d}/logs/error.log;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(proc.stderr.read().decode() if proc.stderr else "nginx stopped")
        try:
            socket.create_connection(("127.0.0.1", staff), timeout=0.5).close()
            socket.create_connection(("127.0.0.1", duo), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.1)
    yield {
        "staff": f"http://127.0.0.1:{staff}",
        "duo": f"https://127.0.0.1:{duo}",
        "certs": d / "duo",
        "web": (web1, web2),
    }
    proc.terminate()
    proc.wait(10)
    web1.stop()
    web2.stop()


def _duo(proxy, method: str, path: str, cert: str | None):
    kwargs = {"verify": False, "timeout": 10}
    if cert:
        kwargs["cert"] = (str(proxy["certs"] / f"{cert}.crt"), str(proxy["certs"] / f"{cert}.key"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the test server certificate is self-signed
        return requests.request(method, proxy["duo"] + path, **kwargs)


def test_requests_are_spread_over_both_web_containers(proxy):
    servers = {
        requests.get(proxy["staff"] + "/werkvoorraad/", timeout=10).json()["server"]
        for _ in range(6)
    }
    assert servers == {"web-1", "web-2"}


def test_client_cannot_forge_the_certificate_headers(proxy):
    answer = requests.get(
        proxy["staff"] + "/werkvoorraad/",
        headers={"X-SSL-Client-Verify": "SUCCESS", "X-SSL-Client-S-DN": "CN=DUO notificaties"},
        timeout=10,
    ).json()
    assert answer["verify"] is None and answer["dn"] is None


def test_duo_path_is_closed_on_the_staff_port(proxy):
    before = sum(len(w.hits) for w in proxy["web"])
    response = requests.post(proxy["staff"] + DUO_PATH, data=b"{}", timeout=10)
    assert response.status_code == 404
    assert sum(len(w.hits) for w in proxy["web"]) == before


def test_duo_port_without_client_certificate_is_refused(proxy):
    before = sum(len(w.hits) for w in proxy["web"])
    try:
        status = _duo(proxy, "POST", DUO_PATH, None).status_code
    except requests.exceptions.SSLError:
        status = "tls-refused"
    assert status in (400, "tls-refused")
    assert sum(len(w.hits) for w in proxy["web"]) == before


def test_duo_port_refuses_a_certificate_of_another_ca(proxy):
    before = sum(len(w.hits) for w in proxy["web"])
    try:
        status = _duo(proxy, "POST", DUO_PATH, "wrong").status_code
    except requests.exceptions.SSLError:
        status = "tls-refused"
    assert status in (400, "tls-refused")
    assert sum(len(w.hits) for w in proxy["web"]) == before


def test_duo_with_its_certificate_reaches_the_application(proxy):
    response = _duo(proxy, "POST", DUO_PATH, "duo")
    assert response.status_code == 200
    answer = response.json()
    assert answer["path"] == DUO_PATH
    assert answer["verify"] == "SUCCESS"
    assert "CN=DUO notificaties" in answer["dn"]
    assert answer["proto"] == "https"


def test_duo_port_serves_nothing_else(proxy):
    assert _duo(proxy, "GET", "/werkvoorraad/", "duo").status_code == 404
    assert _duo(proxy, "GET", DUO_PATH, "duo").status_code == 403  # POST only
