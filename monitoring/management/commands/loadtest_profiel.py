"""python manage.py loadtest_profiel [--herhalingen 30] [--werkcoach N] [--cprofile ENDPOINT]

The server side of ``make loadtest``'s working round, request by request, in this
process and without load: for every endpoint the round hits (the werkvoorraad via the
menu, the search POST and its result page, a dossier, the tabs intake, PIP, leerroute,
taken and contactmomenten, saving a contactmoment) it prints

* the number of SQL statements of one request;
* the CPU time of the Django process per request (``time.process_time``, median of the
  repetitions): user + system time of this process only, so another program on the
  machine does not change it (a busy machine still makes it somewhat noisier: caches);
* the CPU time of the PostgreSQL backend that served those requests (from
  ``/proc/<backend pid>/stat``, so only when the database runs on this machine).

Run it on the load test's own database (``make loadtest`` seeds it; the same seeding
runs here when it is missing) with the settings the load test's gunicorn uses
(``DJANGO_SETTINGS_MODULE=inburgering.settings.base``, DEBUG off, REDIS_URL for the
sessions). ``--cprofile ENDPOINT`` prints the cProfile of that endpoint (all
repetitions; sorted by own time and by cumulative time). docs/monitoring.md,
"Belastingstest".
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import statistics
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from monitoring.management.commands.loadtest import Command as LoadtestCommand


def _backend_cpu() -> float:
    """CPU seconds (user + system) of this connection's PostgreSQL backend so far."""
    with connection.cursor() as cur:
        cur.execute("SELECT pg_backend_pid()")
        pid = cur.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Command(BaseCommand):
    help = "CPU-tijd en queries per request van de werkronde van de belastingstest."

    def add_arguments(self, parser):
        parser.add_argument("--herhalingen", type=int, default=30)
        parser.add_argument("--werkcoach", type=int, default=0)
        parser.add_argument("--dossiers", type=int, default=5000)
        parser.add_argument(
            "--cprofile", default="", help="endpoint om te profileren (alle: de hele ronde)"
        )
        parser.add_argument("--regels", type=int, default=40)

    def handle(self, *args, **opts):
        if connection.vendor != "postgresql":
            raise CommandError("Meet op PostgreSQL: zet DATABASE_URL.")
        if settings.DEBUG:
            raise CommandError("Meet met DEBUG uit (inburgering.settings.base).")
        lt = LoadtestCommand()
        lt.stderr = self.stderr
        werkcoaches = lt._seed(max(50, opts["werkcoach"] + 1), opts["dossiers"])
        wc = werkcoaches[opts["werkcoach"]]
        paden = lt._paden()
        dossier = wc.dossiers[len(wc.dossiers) // 2]
        host = settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "127.0.0.1"
        client = Client(HTTP_HOST=host)
        if not client.login(
            username=wc.username, password=wc.password, request=_FakeLoginRequest()
        ):
            raise CommandError(f"inloggen als {wc.username} mislukt")

        def pad(key: str) -> str:
            return paden[key].format(dossier=dossier)

        referer = {"HTTP_REFERER": f"http://{host}/werkvoorraad/"}
        contact = {
            "datum": "2026-11-27T10:00",
            "soort": "telefoon",
            "onderwerp": "Belastingstest",
            "verslag": "Kort telefonisch contact over de voortgang.",
        }
        stappen = [
            ("werkvoorraad_menu", lambda: client.get("/werkvoorraad/?menu=1"), 302),
            ("werkvoorraad", lambda: client.get("/werkvoorraad/"), 200),
            (
                "zoeken_post",
                lambda: client.post("/werkvoorraad/", {"zoek": wc.zoektermen[0]}, **referer),
                302,
            ),
            ("zoeken_resultaat", lambda: client.get("/werkvoorraad/"), 200),
            ("dossier", lambda: client.get(pad("dossier")), 200),
            *(
                (f"tab_{t}", (lambda t=t: client.get(pad(t))), 200)
                for t in ("intake", "pip", "leerroute", "taken", "contactmomenten")
            ),
            (
                "contactmoment_opslaan",
                lambda: client.post(pad("contactmomenten"), contact),
                302,
            ),
        ]
        from casefiles.models import Contactmoment

        # what this run saves is removed afterwards: the next run sees the same dossier
        laatste = Contactmoment.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        try:
            self._meet(stappen, opts)
        finally:
            Contactmoment.objects.filter(dossier_id=dossier, pk__gt=laatste).delete()

    def _meet(self, stappen, opts) -> None:
        # warm up: templates, URL resolver, connections, the session in Redis
        for _naam, stap, verwacht in stappen:
            r = stap()
            if r.status_code != verwacht:
                raise CommandError(f"{_naam}: {r.status_code} in plaats van {verwacht}")
        # CPU time, not wall time: waiting for PostgreSQL is not counted
        profiel = cProfile.Profile(time.process_time) if opts["cprofile"] else None
        self.stdout.write(
            f"{'endpoint':24} {'queries':>7} {'python ms':>10} {'min':>7} {'postgres ms':>12} "
            f"{'aanroepen':>10}"
        )
        rijen = []
        for naam, stap, _verwacht in stappen:
            with CaptureQueriesContext(connection) as q:
                stap()
            queries = len(q)  # before the next request resets the log
            # Python function calls of one request: deterministic, whatever the load
            teller = cProfile.Profile()
            teller.runcall(stap)
            aanroepen = pstats.Stats(teller).total_calls
            db0 = _backend_cpu()
            aan = profiel if opts["cprofile"] in ("alle", naam) else None
            cpu = self._herhaal(stap, opts["herhalingen"], aan)
            db = (_backend_cpu() - db0) / opts["herhalingen"]
            rij = (
                naam,
                queries,
                statistics.median(cpu) * 1000,
                min(cpu) * 1000,
                db * 1000,
                aanroepen,
            )
            rijen.append(rij)
            self.stdout.write(
                f"{rij[0]:24} {rij[1]:>7} {rij[2]:>10.1f} {rij[3]:>7.1f} {rij[4]:>12.1f} "
                f"{rij[5]:>10}"
            )
        # one round of the load test: every step once, but two of the four tabs
        gewicht = {f"tab_{t}": 0.5 for t in ("intake", "pip", "leerroute", "taken")}
        n = sum(gewicht.get(r[0], 1) for r in rijen)
        py = sum(gewicht.get(r[0], 1) * r[2] for r in rijen) / n
        pg = sum(gewicht.get(r[0], 1) * r[4] for r in rijen) / n
        qs = sum(gewicht.get(r[0], 1) * r[1] for r in rijen) / n
        mn = sum(gewicht.get(r[0], 1) * r[3] for r in rijen) / n
        ar = sum(gewicht.get(r[0], 1) * r[5] for r in rijen) / n
        self.stdout.write(
            f"{'gemiddeld per request':24} {qs:>7.1f} {py:>10.1f} {mn:>7.1f} {pg:>12.1f} "
            f"{ar:>10.0f}\n(gemiddeld zoals de werkronde ze vraagt: twee van de vier tabbladen)"
        )
        if profiel is not None:
            for sort in ("tottime", "cumulative"):
                out = io.StringIO()
                pstats.Stats(profiel, stream=out).sort_stats(sort).print_stats(opts["regels"])
                self.stdout.write(out.getvalue())

    @staticmethod
    def _herhaal(stap, n: int, profiel: cProfile.Profile | None) -> list[float]:
        """CPU seconds of each of ``n`` requests (a method of its own: a sampling
        profiler such as py-spy can keep just these frames)."""
        cpu = []
        for _i in range(n):
            if profiel is not None:
                profiel.enable()
            t0 = time.process_time()
            stap()
            cpu.append(time.process_time() - t0)
            if profiel is not None:
                profiel.disable()
        return cpu


class _FakeLoginRequest:
    """django-axes wants a request for ``authenticate``; the test client's login
    passes none of its own."""

    META = {"REMOTE_ADDR": "127.0.0.1", "HTTP_USER_AGENT": "loadtest_profiel"}
    path = "/inloggen/"
    method = "POST"
    GET: dict = {}
    POST: dict = {}
