"""The load test's driver (``manage.py loadtest``, ``make loadtest``): simulated
werkcoaches as threads with an HTTP client and cookies each, against a real gunicorn.

Each werkcoach logs in through the real login page (GET for the CSRF cookie and token,
POST of username and password) and then repeats a working round until the phase ends:

1. the werkvoorraad from the menu (``?menu=1``, a redirect, then the page);
2. a search (POST of the term, then the result page it redirects to);
3. one of its own dossiers (the overview);
4. two tabs of that dossier, drawn from intake, PIP, leerroute, taken;
5. the contactmomenten tab and saving a contactmoment there (POST with the page's
   CSRF token; the answer must be the redirect of a saved form).

With think time every request is followed by a pause (uniform between the bounds);
without, the next request follows at once. Static files are not fetched (a browser
caches them; whitenoise serves them without Django's work).

Only the standard library: the figures are computed from every single latency (no
histogram buckets), and the login flow, CSRF and the check that a save really saved
are plain code next to the scenario. The HTTP client is ``http.client`` with the
session's cookies in a dict (:class:`Http`): the load test runs on the same cores
as the server, and ``requests`` cost ~1.9 ms of CPU per request (measured with 50
users against 3 gunicorn workers), a tenth of what the server spends.
"""

from __future__ import annotations

import http.client
import math
import random
import re
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

CSRF_RE = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
TABS = ("intake", "pip", "leerroute", "taken")
#: Paths the scenario uses, ``{dossier}`` filled in (manage.py loadtest fills them from
#: the URL configuration; these are the values of issue 16's code).
PADEN = {
    "dossier": "/werkvoorraad/dossiers/{dossier}/",
    "contactmomenten": "/werkvoorraad/dossiers/{dossier}/contactmomenten/",
    "intake": "/intake/{dossier}/",
    "pip": "/pip/dossier/{dossier}/",
    "leerroute": "/leerroutes/dossiers/{dossier}/",
    "taken": "/werkvoorraad/dossiers/{dossier}/taken/",
}


@dataclass
class Werkcoach:
    username: str
    password: str
    dossiers: list[int]
    zoektermen: list[str]


@dataclass
class Resultaat:
    """Every request of one phase: endpoint -> latencies (s); errors per endpoint."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    fouten: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    duur: float = 0.0
    cpu: float = 0.0  # CPU seconds of the gunicorn processes during the phase
    db_cpu: float = 0.0  # CPU seconds of its PostgreSQL cluster (0: not measured)
    client_cpu: float = 0.0  # CPU seconds of the load test itself (it shares the cores)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def merge(self, other: Resultaat) -> None:
        for endpoint, lat in other.latencies.items():
            self.latencies[endpoint].extend(lat)
        for endpoint, n in other.fouten.items():
            self.fouten[endpoint] += n
        self.duur += other.duur
        self.cpu += other.cpu
        self.db_cpu += other.db_cpu
        self.client_cpu += other.client_cpu

    def add(self, endpoint: str, seconds: float, ok: bool) -> None:
        with self.lock:
            self.latencies[endpoint].append(seconds)
            if not ok:
                self.fouten[endpoint] += 1

    def rows(self) -> list[dict]:
        out = []
        alle: list[float] = []
        for endpoint in sorted(self.latencies):
            lat = self.latencies[endpoint]
            alle.extend(lat)
            out.append(_row(endpoint, lat, self.fouten.get(endpoint, 0), self.duur))
        totaal = _row("TOTAAL", alle, sum(self.fouten.values()), self.duur)
        n = len(alle) or 1
        totaal["cpu_ms_per_req"] = round(self.cpu / n * 1000, 1)
        totaal["db_cpu_ms_per_req"] = round(self.db_cpu / n * 1000, 1)
        per_req = (self.cpu + self.db_cpu) / n
        totaal["server_cpu_ms_per_req"] = round(per_req * 1000, 1)
        totaal["rps_per_core"] = round(1 / per_req, 1) if per_req else 0.0
        totaal["client_cpu_ms_per_req"] = round(self.client_cpu / n * 1000, 2)
        out.append(totaal)
        return out


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of unsorted values."""
    if not values:
        return float("nan")
    s = sorted(values)
    k = max(0, min(len(s) - 1, math.ceil(p / 100 * len(s)) - 1))  # rank ceil(p·n)
    return s[k]


def _row(endpoint: str, lat: list[float], fouten: int, duur: float) -> dict:
    return {
        "endpoint": endpoint,
        "n": len(lat),
        "rps": round(len(lat) / duur, 1) if duur else 0.0,
        "p50_ms": round(percentile(lat, 50) * 1000, 1),
        "p95_ms": round(percentile(lat, 95) * 1000, 1),
        "p99_ms": round(percentile(lat, 99) * 1000, 1),
        "fouten": fouten,
    }


class Antwoord:
    """What the scenario reads of a response: status, headers, body (bytes)."""

    __slots__ = ("status_code", "headers", "content")

    def __init__(self, status_code: int, headers: dict[str, str], content: bytes) -> None:
        self.status_code = status_code
        self.headers = headers
        self.content = content

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")


class Http:
    """One browser's HTTP: ``http.client`` on one connection (opened again when the
    server closes it, as gunicorn's sync workers do after every response), the
    session's cookies in a dict (``Set-Cookie`` with an empty value, ``Max-Age=0`` or
    an expiry in 1970 removes one, as Django deletes cookies). Redirects are not
    followed: the scenario checks them."""

    def __init__(self, base_url: str, timeout: float = 60) -> None:
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.conn: http.client.HTTPConnection | None = None

    def request(
        self, method: str, path: str, *, data: dict | None = None, headers: dict | None = None
    ) -> Antwoord:
        kop = dict(headers or {})
        body = None
        if data is not None:
            body = urlencode(data).encode()
            kop["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            kop["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        while True:
            hergebruikt = self.conn is not None
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.conn.request(method, path, body=body, headers=kop)
                r = self.conn.getresponse()
                content = r.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # a kept-alive connection the server had closed in the meantime: once
                # more on a new one; on a new connection it is an error
                self.close()
                if not hergebruikt:
                    raise
        for header in r.headers.get_all("Set-Cookie") or ():
            naam, _, rest = header.partition("=")
            waarde, _, attrs = rest.partition(";")
            attrs = attrs.lower()
            if not waarde or "max-age=0" in attrs or "1970" in attrs:
                self.cookies.pop(naam.strip(), None)
            else:
                self.cookies[naam.strip()] = waarde
        if r.will_close:
            self.close()
        headers = {k.lower(): v for k, v in r.getheaders()}
        return Antwoord(r.status, headers, content)

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


class Gebruiker:
    def __init__(
        self, base_url: str, wc: Werkcoach, seed: int, paden: dict[str, str] | None = None
    ) -> None:
        self.base = base_url
        self.wc = wc
        self.paden = paden or PADEN
        self._todo: list = []
        self.http = Http(base_url)
        self.rng = random.Random(seed)  # noqa: S311 - a load pattern, not security

    def login(self) -> None:
        page = self.http.request("GET", "/inloggen/")
        token = CSRF_RE.search(page.content)
        if token is None:
            raise RuntimeError("login page without a CSRF token")
        r = self.http.request(
            "POST",
            "/inloggen/",
            data={
                "username": self.wc.username,
                "password": self.wc.password,
                "csrfmiddlewaretoken": token.group(1).decode(),
            },
            headers={"Referer": self.base + "/inloggen/"},
        )
        if r.status_code != 302 or "/inloggen/" in r.headers.get("location", ""):
            raise RuntimeError(f"login failed for {self.wc.username}: {r.status_code}")

    # -- one request, measured -------------------------------------------------------
    def _req(self, res: Resultaat, endpoint: str, method: str, path: str, *, expect: int, **kw):
        start = time.perf_counter()
        try:
            r = self.http.request(method, path, **kw)
            ok = r.status_code == expect
        except (OSError, http.client.HTTPException):
            self.http.close()
            r, ok = None, False
        res.add(endpoint, time.perf_counter() - start, ok)
        return r

    def _pause(self, think: tuple[float, float] | None) -> None:
        if think:
            time.sleep(self.rng.uniform(*think))

    def ronde(self, res: Resultaat, think: tuple[float, float] | None, stop: float) -> None:
        """Work until ``stop``; a round cut off by the end of a phase goes on where it
        stopped in the next phase (so the last steps are measured as often as the first)."""
        while time.monotonic() < stop:
            if not self._todo:
                self._todo = self._steps()
            step = self._todo.pop(0)
            step(res)
            self._pause(think)

    def _steps(self):
        dossier = self.rng.choice(self.wc.dossiers)
        tabs = self.rng.sample(TABS, 2)
        term = self.rng.choice(self.wc.zoektermen)
        referer = {"Referer": self.base + "/werkvoorraad/"}

        def menu(res):
            self._req(res, "werkvoorraad_menu", "GET", "/werkvoorraad/?menu=1", expect=302)

        def werkvoorraad(res):
            self._req(res, "werkvoorraad", "GET", "/werkvoorraad/", expect=200)

        def zoeken(res):
            token = self.http.cookies.get("csrftoken", "")
            data = {"zoek": term, "csrfmiddlewaretoken": token}
            self._req(
                res, "zoeken_post", "POST", "/werkvoorraad/", expect=302, data=data, headers=referer
            )
            self._req(res, "zoeken_resultaat", "GET", "/werkvoorraad/", expect=200)

        def pad(key: str) -> str:
            return self.paden[key].format(dossier=dossier)

        def overzicht(res):
            self._req(res, "dossier", "GET", pad("dossier"), expect=200)

        def tab(key):
            def run(res):
                self._req(res, f"tab_{key}", "GET", pad(key), expect=200)

            return run

        def contactmoment(res):
            path = pad("contactmomenten")
            page = self._req(res, "tab_contactmomenten", "GET", path, expect=200)
            token = CSRF_RE.search(page.content) if page is not None else None
            if token is None:
                res.add("contactmoment_opslaan", 0.0, False)
                return
            data = {
                "csrfmiddlewaretoken": token.group(1).decode(),
                "datum": time.strftime("%Y-%m-%dT%H:%M"),
                "soort": "telefoon",
                "onderwerp": "Belastingstest",
                "verslag": "Kort telefonisch contact over de voortgang.",
            }
            self._req(
                res,
                "contactmoment_opslaan",
                "POST",
                path,
                expect=302,
                data=data,
                headers={"Referer": self.base + path},
            )

        return [menu, werkvoorraad, zoeken, overzicht, *(tab(t) for t in tabs), contactmoment]


def run_phase(
    base_url: str,
    gebruikers: list[Gebruiker],
    *,
    duration: float,
    think: tuple[float, float] | None,
) -> Resultaat:
    res = Resultaat()
    stop = time.monotonic() + duration

    def loop(g: Gebruiker) -> None:
        # spread the start over the first second, as people do not click in step
        time.sleep(g.rng.uniform(0, 1.0))
        g.ronde(res, think, stop)

    threads = [threading.Thread(target=loop, args=(g,), daemon=True) for g in gebruikers]
    begin = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(duration + 120)
    res.duur = time.monotonic() - begin
    return res


def login_all(
    base_url: str, werkcoaches: list[Werkcoach], paden: dict[str, str], seed: int = 16
) -> list[Gebruiker]:
    gebruikers = [Gebruiker(base_url, wc, seed + i, paden) for i, wc in enumerate(werkcoaches)]
    errors: list[BaseException] = []

    def one(g: Gebruiker) -> None:
        try:
            g.login()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    # ten at a time: a morning's logins, not one burst of 50 password hashes
    for i in range(0, len(gebruikers), 10):
        batch = [threading.Thread(target=one, args=(g,)) for g in gebruikers[i : i + 10]]
        for t in batch:
            t.start()
        for t in batch:
            t.join(120)
    if errors:
        raise RuntimeError(f"{len(errors)} logins failed: {errors[0]}")
    return gebruikers
