#!/usr/bin/env python3
"""Smoke test of the whole docker-compose topology (issue 16, docs/deploy.md):
builds, starts the stack, waits for health, checks it through the proxy, tears down.

    python3 deploy/compose-local/smoke.py            # or: make compose-smoke

Needs a Docker engine and docker-compose (v1) or `docker compose` (v2). Standard
library only: it runs with the host's python3, outside the project's venv.

COMPOSE_SMOKE_IMAGES=local (default) builds and uses the local stand-ins of
deploy/compose-local/ (no Docker Hub); =public uses docker-compose.yml's own images.
COMPOSE_SMOKE_KEEP=1 leaves the stack running (tear down yourself: the command is
printed). Prints PASS/FAIL per check and exits 1 when one failed.
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import json
import os
import re
import secrets
import shutil
import socket
import struct
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PROJECT = os.environ.get("COMPOSE_SMOKE_PROJECT", "inburgering-smoke")
IMAGES = os.environ.get("COMPOSE_SMOKE_IMAGES", "local")
KEEP = os.environ.get("COMPOSE_SMOKE_KEEP") == "1"
# The smoke stack's DUO endpoint path (smoke.yml): NOT the real one, which the staff
# port closes (404), so that a forged header meets the proxy's general location.
DUO_SMOKE_PATH = "/smoke/duo-notificaties"

results: list[tuple[str, bool, str]] = []


def check(name: str, ok: bool, detail: str = "") -> bool:
    results.append((name, ok, detail))
    print(f"{'PASS' if ok else 'FAIL'}  {name}" + (f"  ({detail})" if detail else ""), flush=True)
    return ok


def compose_cmd() -> list[str]:
    if subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0:
        base = ["docker", "compose"]
    elif shutil.which("docker-compose"):
        base = ["docker-compose"]
    else:
        sys.exit("Neither `docker compose` nor docker-compose is installed.")
    files = ["-f", "docker-compose.yml"]
    if IMAGES == "local":
        files += ["-f", "deploy/compose-local/docker-compose.local-images.yml"]
    files += ["-f", "deploy/compose-local/smoke.yml"]
    return [*base, "-p", PROJECT, *files]


DC = compose_cmd()


def dc(*args: str, check_rc: bool = True, capture: bool = True, timeout: int = 900) -> str:
    proc = subprocess.run(
        [*DC, *args],
        cwd=ROOT,
        capture_output=capture,
        text=True,
        timeout=timeout,
        env=ENV,
    )
    if check_rc and proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return (proc.stdout or "") + (proc.stderr or "") if capture else ""


def in_container(service: str, code: str) -> str:
    """Run Python inside a running container (Django shell for the app services)."""
    if service == "minio":
        return dc("exec", "-T", service, "python", "-c", code)
    return dc("exec", "-T", service, "python", "manage.py", "shell", "-c", code)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


PORT = free_port()
ENV = {
    **os.environ,
    "PROXY_PORT": f"127.0.0.1:{PORT}",
    "PROXY_DUO_PORT": f"127.0.0.1:{free_port()}",
    "GUNICORN_WORKERS": os.environ.get("GUNICORN_WORKERS", "2"),
}


# --- HTTP through the proxy --------------------------------------------------------


class Client:
    """A browser in small: cookies by hand (the production cookies are Secure, and
    this talks plain HTTP to 127.0.0.1), CSRF token from the cookie."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, dict[str, str], bytes, float]:
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
        h = {"Host": "localhost"}
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        h.update(headers or {})
        start = time.monotonic()
        conn.request(method, path, body=body, headers=h)
        resp = conn.getresponse()
        data = resp.read()
        elapsed = time.monotonic() - start
        for name, value in resp.getheaders():
            if name.lower() == "set-cookie":
                k, _, rest = value.partition("=")
                self.cookies[k.strip()] = rest.split(";", 1)[0]
        conn.close()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, data, elapsed

    def get(self, path: str, **kw):
        return self.request("GET", path, **kw)

    def post_form(self, path: str, fields: dict[str, str]):
        fields = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **fields}
        return self.request(
            "POST",
            path,
            body=urlencode(fields).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Referer": path},
        )

    def post_multipart(self, path: str, fields: dict[str, str], file: tuple[str, str, bytes]):
        boundary = uuid.uuid4().hex
        parts = []
        fields = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **fields}
        for k, v in fields.items():
            head = f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n'
            parts.append(f"{head}{v}\r\n".encode())
        field, filename, content = file
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
            f'filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request(
            "POST",
            path,
            body=b"".join(parts),
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )


def totp(key_hex: str, at: float | None = None) -> str:
    """RFC 6238, as django-otp's TOTPDevice (SHA-1, 30 s, 6 digits)."""
    counter = int((at or time.time()) // 30)
    mac = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    code = (struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{code:06d}"


# --- the stack ----------------------------------------------------------------------

# a worker's log line of an outbox job that ran to the end (v1: worker-1_1, v2: worker-1-1)
DONE_JOB = re.compile(r"(worker-\d)[-_]1\s*\|.*outbox_job\[[^\]]+\] succeeded in [\d.]+s: 'done'")
ACCESS_LINE = re.compile(r"\] \d{3} (GET|POST) ")  # health checks are HEAD


def access_lines(service: str) -> int:
    """Requests in a web container's gunicorn access log (method and status only)."""
    return sum(
        1 for line in dc("logs", "--no-color", service).splitlines() if ACCESS_LINE.search(line)
    )


def spread_to(service: str, requests: int = 20) -> bool:
    """Whether `service` serves some of `requests` GETs through the proxy (all 200)."""
    before = access_lines(service)
    statuses = [Client().get("/inloggen/")[0] for _ in range(requests)]
    time.sleep(1)
    return all(x == 200 for x in statuses) and access_lines(service) > before


def address(service: str) -> str:
    cid = dc("ps", "-q", service).strip()
    fmt = "{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}"
    out = subprocess.run(["docker", "inspect", "-f", fmt, cid], capture_output=True, text=True)
    return out.stdout.strip() or "?"


def container_health(service: str) -> str:
    cid = dc("ps", "-q", service).strip()
    if not cid:
        return "absent"
    out = subprocess.run(
        [
            "docker",
            "inspect",
            "-f",
            "{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}",
            cid,
        ],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return out


def wait_healthy(services: list[str], timeout: float = 300) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        states = {s: container_health(s) for s in services}
        if all(v == "running healthy" for v in states.values()):
            return True
        time.sleep(3)
    print("  states:", states)
    return False


def wait_proxy(timeout: float = 180) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            status, _, _, _ = Client().get("/inloggen/")
            if status == 200:
                return True
        except OSError:
            pass
        time.sleep(2)
    return False


PREPARE = r"""
import json
from casefiles import demo
from casefiles.selectors import dossier_list
from django_otp.plugins.otp_totp.models import TOTPDevice
from pip_plans.models import PipVersie
user = demo.demo_user(demo.GEMEENTEN[0]["slug"], "werkcoach")
TOTPDevice.objects.filter(user=user).delete()
TOTPDevice.objects.create(user=user, name="smoke", key="%(key)s", confirmed=True)
zichtbaar = dossier_list(user=user)
versie = (PipVersie.objects.filter(dossier__in=zichtbaar, status="vastgesteld")
          .order_by("pk").first())
dossier = versie.dossier if versie else zichtbaar.order_by("pk").first()
print("SMOKE" + json.dumps({"username": user.username, "password": demo.DEMO_PASSWORD,
      "dossier": dossier.pk, "versie": versie.pk if versie else None}))
"""

LETTER_JOB = r"""
import json, time
from casefiles import outbox
from pip_plans.models import PipBrief
versie_id = %(versie)d
voor = set(PipBrief.objects.filter(versie_id=versie_id).values_list("pk", flat=True))
job = outbox.enqueue(kind="pip.brief", payload={"versie_id": versie_id})
deadline = time.monotonic() + 180
while time.monotonic() < deadline:
    job.refresh_from_db()
    if job.status in ("done", "failed"):
        break
    time.sleep(1)
brief = PipBrief.objects.filter(versie_id=versie_id).order_by("-pk").first()
print("SMOKE" + json.dumps({"job": job.pk, "status": job.status,
      "brief": brief.pk if brief else None, "bestand": brief.bestand.name if brief else None,
      "nieuw": bool(brief and brief.pk not in voor)}))
"""

BUCKET_KEYS = r"""
import os, json, boto3
s3 = boto3.client("s3", endpoint_url="http://127.0.0.1:9000", region_name="eu-west-1",
                  aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "inburgering"),
                  aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "x"))
keys = [o["Key"] for p in s3.get_paginator("list_objects_v2").paginate(Bucket="%(bucket)s")
        for o in p.get("Contents", [])]
print("SMOKE" + json.dumps(keys))
"""

DOCUMENT_ROW = r"""
import json
from casefiles.models import Document
d = Document.objects.filter(titel="%(titel)s").first()
print("SMOKE" + json.dumps({"pk": d.pk, "bestand": d.bestand.name} if d else None))
"""

DIRECT_DUO = r"""
import http.client
def post(headers):
    c = http.client.HTTPConnection("127.0.0.1", 8000, timeout=10)
    c.request("POST", "%(path)s", body=b"{}", headers={"Host": "localhost",
              "Content-Type": "application/json", **headers})
    return c.getresponse().status
print("SMOKE", post({}), post({"X-SSL-Client-Verify": "SUCCESS"}))
"""


def smoke_json(output: str):
    for line in output.splitlines():
        if line.startswith("SMOKE"):
            return json.loads(line[5:])
    raise RuntimeError(f"no SMOKE line in:\n{output}")


def run_checks() -> None:
    # 1. the login page through the proxy
    c = Client()
    status, _, body, _ = c.get("/inloggen/")
    check(
        "login page through the proxy",
        status == 200 and b"csrfmiddlewaretoken" in body,
        f"HTTP {status}",
    )
    # 2. static files (whitenoise in the web containers, through the proxy)
    css = re.search(rb'href="(/static/[^"]+\.css)"', body)
    if css:
        path = css.group(1).decode()
        s, h, data, _ = Client().get(path)
        check(
            "static file through the proxy",
            s == 200 and h.get("content-type", "").startswith("text/css") and len(data) > 100,
            f"{path}: HTTP {s}, {len(data)} bytes",
        )
    else:
        check("static file through the proxy", False, "no stylesheet link on the login page")

    # 3. both web containers serve requests
    before = {s: access_lines(s) for s in ("web-1", "web-2")}
    statuses = [Client().get("/inloggen/")[0] for _ in range(20)]
    time.sleep(1)
    delta = {s: access_lines(s) - before[s] for s in before}
    check(
        "requests spread over web-1 and web-2",
        all(x == 200 for x in statuses) and delta["web-1"] > 0 and delta["web-2"] > 0,
        f"20 requests: web-1 {delta['web-1']}, web-2 {delta['web-2']}",
    )

    # 4. demo data and a known second factor for one werkcoach, then a real login
    dc("exec", "-T", "web-1", "python", "manage.py", "seed_demo")
    key = secrets.token_hex(20)
    info = smoke_json(in_container("web-1", PREPARE % {"key": key}))
    c = Client()
    c.get("/inloggen/")
    s, h, _, _ = c.post_form(
        "/inloggen/", {"username": info["username"], "password": info["password"]}
    )
    s2, h2, _, _ = c.get(urlsplit(h.get("location", "/")).path or "/")
    verify_url = h2.get("location", "")
    ok = s == 302 and "tweestaps" in verify_url
    if ok:
        c.get(verify_url)
        s3, h3, _, _ = c.post_form(
            urlsplit(verify_url).path, {"token": totp(key), "next": "/werkvoorraad/"}
        )
        s4, _, page, _ = c.get("/werkvoorraad/")
        ok = s3 == 302 and s4 == 200
    check(
        "login with password and second factor (production settings) through the proxy",
        ok,
        f"password {s}, then {verify_url or h2.get('location')}",
    )

    # 5. a document uploaded while ONLY web-1 runs lands in the bucket
    dossier = info["dossier"]
    titel = f"Smoke {uuid.uuid4().hex[:8]}"
    inhoud = b"%PDF-1.4 smoke " + secrets.token_bytes(64)
    dc("stop", "web-2")
    up_before = access_lines("web-1")
    s, h, _, took = c.post_multipart(
        f"/werkvoorraad/dossiers/{dossier}/documenten/",
        {"titel": titel, "soort": "overig"},
        ("bestand", "smoke.pdf", inhoud),
    )
    doc = smoke_json(in_container("web-1", DOCUMENT_ROW % {"titel": titel}))
    keys = smoke_json(in_container("minio", BUCKET_KEYS % {"bucket": "inburgering-private"}))
    in_bucket = bool(doc) and f"private/{doc['bestand']}" in keys
    check(
        "web-2 stopped: the site stays up and an upload (served by web-1) lands in the bucket",
        s == 302 and in_bucket and access_lines("web-1") > up_before,
        f"upload HTTP {s} in {took:.2f} s, object {'present' if in_bucket else 'MISSING'}"
        f" ({len(keys)} objects in the bucket)",
    )

    # 6. web-1 stopped, web-2 back: the same document downloads through web-2
    dc("start", "web-2")
    healthy = wait_healthy(["web-2"], timeout=180)
    dc("stop", "web-1")
    w2_before = access_lines("web-2")
    if doc:
        s, h, data, took = c.get(f"/werkvoorraad/dossiers/{dossier}/documenten/{doc['pk']}/")
    else:
        s, data, took = 0, b"", 0.0
    w2_served = access_lines("web-2") - w2_before
    check(
        "web-1 stopped: the document downloads through web-2 from the bucket",
        healthy and s == 200 and data == inhoud and w2_served > 0,
        f"HTTP {s} in {took:.2f} s, {len(data)} bytes, identical: {data == inhoud}",
    )
    # worst-case latency with one web container gone (the proxy finds out by itself)
    answers = [Client().get("/inloggen/") for _ in range(20)]
    slowest = max(a[3] for a in answers)
    check(
        "web-1 stopped: 20 more requests all answered, none slower than 5 s",
        all(a[0] == 200 for a in answers) and slowest < 5,
        f"statuses {sorted({a[0] for a in answers})}, slowest {slowest:.2f} s",
    )
    dc("start", "web-1")
    wait_healthy(["web-1"], timeout=180)

    # 7. both workers answer
    ping = dc(
        "exec",
        "-T",
        "web-1",
        "celery",
        "-A",
        "inburgering",
        "inspect",
        "ping",
        "--timeout",
        "10",
        check_rc=False,
    )
    names = sorted(set(re.findall(r"(worker-\d)@", ping)))
    check(
        "celery inspect ping: both workers answer",
        names == ["worker-1", "worker-2"],
        ", ".join(names) or ping[-200:],
    )

    # 8. a letter job through the outbox runs on a worker, its PDF lands in the bucket
    #    and downloads through the proxy
    if info["versie"]:
        job = smoke_json(in_container("web-1", LETTER_JOB % {"versie": info["versie"]}))
        keys = smoke_json(in_container("minio", BUCKET_KEYS % {"bucket": "inburgering-private"}))
        worker_logs = dc("logs", "--no-color", "worker-1", "worker-2")
        ran_on = sorted(set(re.findall(DONE_JOB, worker_logs)))
        s, h, data, _ = (
            c.get(f"/pip/dossier/{dossier}/brief/{job['brief']}/")
            if job["brief"]
            else (0, {}, b"", 0)
        )
        check(
            "PIP letter job: run by a worker, PDF in the bucket, downloaded through the proxy",
            job["status"] == "done"
            and bool(job["bestand"])
            and f"private/{job['bestand']}" in keys
            and s == 200
            and data.startswith(b"%PDF")
            and bool(ran_on),
            f"outbox job {job['status']}, letter {'new' if job['nieuw'] else 'existing'}, "
            f"outbox jobs done on {', '.join(ran_on) or 'no worker'}, "
            f"download HTTP {s}, {len(data)} bytes",
        )
    else:
        check("PIP letter job", False, "no vastgestelde PIP version in the demo data")

    # 9. forged client-certificate headers never reach the application
    direct = dc("exec", "-T", "web-1", "python", "-c", DIRECT_DUO % {"path": DUO_SMOKE_PATH})
    m = re.search(r"SMOKE (\d+) (\d+)", direct)
    zonder, met = (int(m.group(1)), int(m.group(2))) if m else (0, 0)
    s, _, _, _ = Client().request(
        "POST",
        DUO_SMOKE_PATH,
        body=b"{}",
        headers={
            "Content-Type": "application/json",
            "X-SSL-Client-Verify": "SUCCESS",
            "X-SSL-Client-S-DN": "CN=nep",
        },
    )
    check(
        "forged X-SSL-Client-Verify is cleared by the proxy",
        zonder == 401 and met != 401 and s == 401,
        f"direct to web-1: without {zonder}, with forged header {met}; "
        f"through the proxy with forged header {s}",
    )
    s, _, _, _ = Client().request("POST", "/duo/v1/notificaties", body=b"{}")
    check("DUO's path is closed on the staff port", s == 404, f"HTTP {s}")

    # 10. a deploy recreates a web container (new container, maybe a new address):
    #     does the proxy reach it, and if not, after `nginx -s reload`?
    ip_before = address("web-2")
    dc("up", "-d", "--no-deps", "--force-recreate", "web-2")
    ip_after = address("web-2")
    healthy = wait_healthy(["web-2"], timeout=180)
    reached = spread_to("web-2")
    reloaded = False
    if not reached:
        dc("exec", "-T", "proxy", "nginx", "-s", "reload")
        time.sleep(2)
        reloaded = True
        reached = spread_to("web-2")
    check(
        "web-2 recreated: the proxy sends requests to the new container",
        healthy and reached,
        f"address {ip_before} -> {ip_after}; "
        + (
            "only after `nginx -s reload` (nginx resolves web-2 once, at start)"
            if reloaded
            else "without a reload"
        ),
    )


def main() -> int:
    print(f"compose: {' '.join(DC)}")
    created_env = False
    env_file = ROOT / ".env"
    if not env_file.exists():  # docker-compose.yml reads .env; the smoke's settings override it
        env_file.write_text("# created by deploy/compose-local/smoke.py, removed after the run\n")
        created_env = True
    try:
        if IMAGES == "local":
            subprocess.run([str(HERE / "build-images")], check=True)
        print("== build and start (this takes minutes)", flush=True)
        start = time.monotonic()
        dc("up", "-d", "--build", timeout=1800)
        check("stack built and started", True, f"{time.monotonic() - start:.0f} s")
        check(
            "health: postgres, redis, S3, web-1, web-2",
            wait_healthy(["postgres", "redis", "minio", "web-1", "web-2"]) and wait_proxy(),
        )
        state = dc("ps")
        print(state)
        check(
            "one-shot steps (bucket, migrate + grant_app_role) exited 0",
            all(
                re.search(rf"{re.escape(PROJECT)}_{name}_1\s.*Exit 0", state)
                or re.search(rf"{re.escape(PROJECT)}-{name}-1\s.*[Ee]xited \(0\)", state)
                for name in ("minio-bucket", "migrate")
            ),
        )
        run_checks()
    except Exception as exc:  # report, then tear down
        check("smoke run", False, f"{exc.__class__.__name__}: {exc}"[:2000])
    finally:
        if KEEP:
            down = f"cd {ROOT} && PROXY_PORT=127.0.0.1:{PORT} {' '.join(DC)} down -v"
            print(f"stack left running; tear down: {down}")
        else:
            print("== tear down", flush=True)
            dc("down", "-v", "--remove-orphans", check_rc=False)
        if created_env:
            env_file.unlink(missing_ok=True)
    failed = [name for name, ok, _ in results if not ok]
    print(f"\n{len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
