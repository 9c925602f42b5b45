"""Real processes for fault drills: a private redis-server on a free port, Celery
workers and beat, a gunicorn web server, and a small HTTP client with a logged-in
session. Each drill starts its OWN processes and stops only those (never the shared
Redis or PostgreSQL)."""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.db import connection

BASE_DIR = Path(settings.BASE_DIR)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(predicate, timeout: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f"{what} not within {timeout:.0f} s")


def database_url() -> str:
    """The URL of the database this process uses (the test database under pytest)."""
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


class RedisServer:
    """A private, non-persistent redis-server (like production without AOF: a restart
    loses every queued message — the outbox must cope)."""

    def __init__(self) -> None:
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("redis-server is not installed")
        self.proc = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait(self.ping, 10, "redis-server")
        return self

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait(10)
            self.proc = None


class _Managed:
    proc: subprocess.Popen | None = None

    def _spawn(self, argv: list[str], env: dict[str, str]) -> None:
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in stop()
            prefix=f"drill-{type(self).__name__.lower()}-", suffix=".log", delete=False
        )
        self.proc = subprocess.Popen(
            argv,
            env=env,
            cwd=BASE_DIR,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # own process group: kill it whole, nothing else
        )

    def _started(self, wait) -> None:
        """Wait until the process is ready; if it is not, kill it (never leave one behind)."""
        try:
            wait()
        except BaseException:
            self.kill9()
            raise

    def kill9(self) -> None:
        """SIGKILL the whole process group (main process and pool children)."""
        if self.proc is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(20)
            self.proc = None

    def stop(self) -> None:
        if self.proc is not None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(20)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                self.kill9()
            self.proc = None

    def output(self) -> str:
        try:
            return Path(self.log.name).read_text(errors="replace")[-4000:]
        except (AttributeError, OSError):
            return ""


def process_env(redis_url: str, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get(
            "DJANGO_SETTINGS_MODULE", "inburgering.settings.test"
        ),
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url,
        "CELERY_BROKER_URL": redis_url,
        "CELERY_RESULT_BACKEND": redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "PRIVATE_MEDIA_ROOT": str(settings.STORAGES["private"]["OPTIONS"]["location"]),
        "PYTHONUNBUFFERED": "1",
    }
    env.update(extra)
    return env


class Worker(_Managed):
    """``celery worker`` (prefork) against a given Redis."""

    def __init__(self, redis_url: str, *, concurrency: int = 2, name: str = "drill", **env):
        self.redis_url = redis_url
        self.concurrency = concurrency
        self.name = name
        self.extra_env = env

    def start(self) -> Worker:
        self._spawn(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "inburgering",
                "worker",
                "--pool=prefork",
                f"--concurrency={self.concurrency}",
                "--loglevel=warning",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
                "-n",
                f"{self.name}-{os.getpid()}@%h",
            ],
            process_env(self.redis_url, **self.extra_env),
        )
        self._started(lambda: _wait(self._ready, 60, "Celery worker"))
        return self

    def _ready(self) -> bool:
        if self.proc is not None and self.proc.poll() is not None:
            raise RuntimeError(f"worker exited:\n{self.output()}")
        from celery import Celery

        app = Celery("drill-ping", broker=self.redis_url, set_as_current=False)
        try:
            return bool(app.control.ping(timeout=1.0))
        finally:
            app.close()

    def children(self) -> list[int]:
        """Pids of the pool processes (the ones that run tasks)."""
        if self.proc is None:
            return []
        out = subprocess.run(
            [shutil.which("ps") or "/usr/bin/ps", "-o", "pid=", "--ppid", str(self.proc.pid)],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        return [int(p) for p in out.split()]

    def kill9_children(self) -> int:
        """SIGKILL every pool process; the main process stays and restarts them."""
        killed = 0
        for pid in self.children():
            try:
                os.kill(pid, signal.SIGKILL)
                killed += 1
            except ProcessLookupError:
                pass
        return killed


class Beat(_Managed):
    """``celery beat`` with the schedule of the code (the outbox relay every 10 s)."""

    def __init__(self, redis_url: str, **env):
        self.redis_url = redis_url
        self.extra_env = env
        self.dir = tempfile.mkdtemp(prefix="drill-beat-")

    def start(self) -> Beat:
        self._spawn(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "inburgering",
                "beat",
                "--loglevel=info",
                "-S",
                "celery.beat:PersistentScheduler",
                "-s",
                f"{self.dir}/schedule",
                "--max-interval",
                "2",
            ],
            process_env(self.redis_url, **self.extra_env),
        )
        self._started(lambda: _wait(lambda: "beat: Starting" in self.output(), 30, "Celery beat"))
        return self


class WebServer(_Managed):
    """gunicorn serving the application against a given Redis."""

    def __init__(self, redis_url: str, *, workers: int = 2, **env):
        self.redis_url = redis_url
        self.port = free_port()
        self.workers = workers
        self.extra_env = env

    def start(self) -> WebServer:
        self._spawn(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "inburgering.wsgi",
                "-b",
                f"127.0.0.1:{self.port}",
                "-w",
                str(self.workers),
                "--timeout",
                "60",
            ],
            process_env(self.redis_url, **self.extra_env),
        )

        def up() -> bool:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return True
            except OSError:
                if self.proc is not None and self.proc.poll() is not None:
                    raise RuntimeError(f"gunicorn exited:\n{self.output()}") from None
                return False

        self._started(lambda: _wait(up, 60, "gunicorn"))
        return self


class Browser:
    """A tiny HTTP client with one logged-in session (a session row made here, so no
    password and no login throttling are involved) and CSRF handling. Redirects are
    not followed: a drill wants to see the 302 of a saved form."""

    def __init__(self, port: int, user) -> None:
        from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
        from django.contrib.sessions.backends.db import SessionStore

        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        self.port = port
        self.cookies = {settings.SESSION_COOKIE_NAME: session.session_key}

    def _request(self, method: str, path: str, body: str | None = None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
        hdrs = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        hdrs.update(headers or {})
        conn.request(method, path, body=body, headers=hdrs)
        resp = conn.getresponse()
        data = resp.read().decode("utf-8", errors="replace")
        for k, v in resp.getheaders():
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        conn.close()
        return resp.status, data

    def get(self, path: str) -> tuple[int, str]:
        return self._request("GET", path)

    def _token(self, page_path: str) -> str:
        _status, page = self.get(page_path)
        m = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        return m.group(1) if m else ""

    def upload(
        self, path: str, data: dict, *, field: str, filename: str, content: bytes
    ) -> tuple[int, str]:
        """A multipart/form-data POST with one file, as a browser's upload form."""
        boundary = f"----drill{os.urandom(8).hex()}"
        parts = []
        for k, v in {**data, "csrfmiddlewaretoken": self._token(path)}.items():
            kop = f'Content-Disposition: form-data; name="{k}"'
            parts.append(f"--{boundary}\r\n{kop}\r\n\r\n{v}\r\n".encode())
        parts.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
                f'filename="{filename}"\r\nContent-Type: text/csv\r\n\r\n'
            ).encode()
            + content
            + b"\r\n"
        )
        parts.append(f"--{boundary}--\r\n".encode())
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
        conn.request(
            "POST",
            path,
            body=b"".join(parts),
            headers={
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
                "Referer": f"http://127.0.0.1:{self.port}{path}",
            },
        )
        resp = conn.getresponse()
        body = resp.read().decode("utf-8", errors="replace")
        conn.close()
        return resp.status, body

    def post(self, path: str, data: dict, *, csrf_from: str | None = None) -> tuple[int, str]:
        status, page = self.get(csrf_from or path)
        m = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        token = m.group(1) if m else ""
        body = urlencode({**data, "csrfmiddlewaretoken": token}, doseq=True)
        return self._request(
            "POST",
            path,
            body,
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://127.0.0.1:{self.port}{path}",
            },
        )


def form_fields(html: str, *, action: str) -> dict[str, str]:
    """The values a browser would post for the form whose action/URL is ``action``
    (inputs, checked checkboxes, selected options, textareas) — enough for drills."""
    from html.parser import HTMLParser

    class _P(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.in_form = False
            self.fields: dict[str, str] = {}
            self.select: str | None = None
            self.textarea: str | None = None

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "form":
                self.in_form = a.get("action", "") in ("", action)
            if not self.in_form:
                return
            name = a.get("name")
            if tag == "input" and name:
                kind = a.get("type", "text")
                if kind in ("checkbox", "radio"):
                    if "checked" in a:
                        self.fields[name] = a.get("value", "on") or "on"
                elif kind not in ("submit", "button", "file"):
                    self.fields[name] = a.get("value", "") or ""
            elif tag == "select" and name:
                self.select = name
                self.fields.setdefault(name, "")
            elif tag == "option" and self.select and "selected" in a:
                self.fields[self.select] = a.get("value", "") or ""
            elif tag == "textarea" and name:
                self.textarea = name
                self.fields[name] = ""

        def handle_endtag(self, tag):
            if tag == "form":
                self.in_form = False
            elif tag == "select":
                self.select = None
            elif tag == "textarea":
                self.textarea = None

        def handle_data(self, data):
            if self.textarea:
                self.fields[self.textarea] += data

    p = _P()
    p.feed(html)
    for name, value in list(p.fields.items()):
        if value.startswith("\n"):
            p.fields[name] = value[1:]  # the newline HTML puts after <textarea>
    return p.fields
