"""python manage.py loadtest [--users 50] [--duration 60] [--baseline PATH]

Issue 16's load test (``make loadtest``): on its own PostgreSQL database (the one
DATABASE_URL names, migrated by ``make loadtest``) it builds a realistic set with the
synthetic builder (monitoring.synthetic, bulk) and N werkcoaches with their own
caseload, starts gunicorn, logs every werkcoach in through the login page and runs
the working round of monitoring.loadtest for a bounded time: once with think time,
once without. Prints requests/s and p50/p95/p99 per endpoint next to the goals.

``--baseline PATH`` measures another checkout (for example the previous commit,
``git worktree add /tmp/inb-main main``) in the same run: its gunicorn serves a copy
of the same database (``CREATE DATABASE … TEMPLATE``, then that checkout's own
``migrate``), one after the other on the same machine.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.urls import reverse

from monitoring import loadtest as driver

WACHTWOORD = "Belastingstest-2026-werkcoach"  # noqa: S105 - a load-test account only
PREFIX = "belasting.werkcoach."


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """gunicorn from ``checkout`` against ``database_url``; stopped as a process group."""

    def __init__(self, checkout: Path, database_url: str, workers: int, label: str) -> None:
        self.checkout = checkout
        self.database_url = database_url
        self.workers = workers
        self.port = _free_port()
        self.label = label
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("DEBUG", "DEMO_MODE", "CONN_MAX_AGE", "PYTHONPATH")
        }
        env.update(
            {
                # Settings every deployment starts from; no TLS and no second factor,
                # which production.py forces on (a load test cannot type TOTP codes).
                "DJANGO_SETTINGS_MODULE": "inburgering.settings.base",
                "DATABASE_URL": self.database_url,
                "ALLOWED_HOSTS": "127.0.0.1",
                "PRIVATE_MEDIA_ROOT": tempfile.mkdtemp(prefix="loadtest-media-"),
                "LOG_LEVEL": "WARNING",
                "PYTHONUNBUFFERED": "1",
            }
        )
        return env

    def manage(self, *args: str) -> None:
        subprocess.run(  # noqa: S603 - our own interpreter and manage.py
            [sys.executable, "manage.py", *args],
            cwd=self.checkout,
            env=self.env(),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def start(self) -> Gunicorn:
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in stop()
            prefix="loadtest-gunicorn-", suffix=".log", delete=False
        )
        self.proc = subprocess.Popen(  # noqa: S603 - our own interpreter
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--chdir",
                str(self.checkout),
                "inburgering.wsgi",
                "-b",
                f"127.0.0.1:{self.port}",
                "-w",
                str(self.workers),
                "--timeout",
                "120",
            ],
            cwd=self.checkout,
            env=self.env(),
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise CommandError(f"gunicorn ({self.label}) stopte: {self.log.name}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise CommandError(f"gunicorn ({self.label}) startte niet binnen 60 s")

    def cpu_seconds(self) -> float:
        """User + system CPU of the gunicorn master and its workers so far (Linux
        /proc). Exact for our processes whatever else the machine does; PostgreSQL's
        own CPU is not in it."""
        if self.proc is None:
            return 0.0
        pids = [self.proc.pid]
        try:
            out = subprocess.run(  # noqa: S603 - ps with a pid
                ["ps", "-o", "pid=", "--ppid", str(self.proc.pid)],  # noqa: S607
                capture_output=True,
                text=True,
                check=False,
            ).stdout
            pids += [int(p) for p in out.split()]
        except OSError:
            pass
        return sum(_proc_cpu(pid) for pid in pids)

    def stop(self) -> None:
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
            except ProcessLookupError:
                pass
        self.proc = None


def _proc_cpu(pid: int, *, children: bool = False) -> float:
    """utime + stime (and, with ``children``, cutime + cstime of reaped children) in s."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    used = int(fields[11]) + int(fields[12])
    if children:
        used += int(fields[13]) + int(fields[14])
    return used / ticks


def _eigen_cpu() -> float:
    """User + system CPU seconds of this process (the load test's own threads)."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _pg_bindir() -> Path | None:
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (candidate / "initdb").exists():
            return candidate
    return None


class PrivateCluster:
    """A PostgreSQL cluster of its own for one checkout under test (initdb in a
    temporary directory, a free port, trust on 127.0.0.1). Its CPU — postmaster, every
    backend, including the ones that lived for one request only (their time is added
    to the postmaster's children's time when they exit) — is exactly the database
    work that checkout caused, whatever else runs on the machine."""

    def __init__(self, label: str) -> None:
        bindir = _pg_bindir()
        if bindir is None:
            raise CommandError("PostgreSQL-programma's (initdb) niet gevonden")
        self.bindir = bindir
        self.label = label
        self.port = _free_port()
        self.dir = Path(tempfile.mkdtemp(prefix=f"loadtest-pg-{label}-"))
        self.data = self.dir / "data"
        self._as_postgres = os.geteuid() == 0  # initdb refuses to run as root

    def _run(self, *argv: str) -> None:
        cmd = [str(a) for a in argv]
        if self._as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # noqa: S603

    def start(self) -> PrivateCluster:
        if self._as_postgres:
            shutil.chown(self.dir, "postgres")
        self._run(
            self.bindir / "initdb",
            "-D",
            self.data,
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        opts = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c max_connections=200"
        self._run(
            self.bindir / "pg_ctl",
            "-D",
            self.data,
            "-o",
            opts,
            "-l",
            self.dir / "log",
            "-w",
            "start",
        )
        return self

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def load(self, dump: Path, name: str) -> None:
        self._run(
            self.bindir / "createdb", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres", name
        )
        self._run(
            self.bindir / "pg_restore",
            "-h",
            "127.0.0.1",
            "-p",
            self.port,
            "-U",
            "postgres",
            "--no-owner",
            "--no-acl",
            "-d",
            name,
            dump,
        )

    def cpu_seconds(self) -> float:
        try:
            pid = int((self.data / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return 0.0
        out = subprocess.run(  # noqa: S603
            ["ps", "-o", "pid=", "--ppid", str(pid)],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        return _proc_cpu(pid, children=True) + sum(_proc_cpu(int(p)) for p in out.split())

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self._run(self.bindir / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)


class Command(BaseCommand):
    help = (
        "Belastingstest (issue 16): N werkcoaches tegen gunicorn op PostgreSQL, eerst met "
        "denktijd, dan zonder; requests/s en p50/p95/p99 per endpoint."
    )

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=50)
        parser.add_argument("--duration", type=int, default=60, help="seconden per fase")
        parser.add_argument("--dossiers", type=int, default=5000)
        parser.add_argument("--workers", type=int, default=3, help="gunicorn-workers")
        parser.add_argument("--think-min", type=float, default=1.0)
        parser.add_argument("--think-max", type=float, default=3.0)
        parser.add_argument(
            "--baseline",
            default="",
            help="een tweede checkout (bv. de vorige commit) om mee te meten",
        )
        parser.add_argument(
            "--rounds", type=int, default=3, help="beurten per fase (checkouts wisselen af)"
        )
        parser.add_argument(
            "--shared-cluster",
            action="store_true",
            help="de checkouts op kopieen in DATABASE_URL's eigen cluster in plaats van elk "
            "een eigen PostgreSQL-cluster (dan geen database-CPU per request)",
        )
        parser.add_argument("--json", default="", help="schrijf de cijfers ook naar dit bestand")

    def handle(self, *args, **opts):
        if connection.vendor != "postgresql":
            raise CommandError("De belastingstest draait op PostgreSQL: zet DATABASE_URL.")
        werkcoaches = self._seed(opts["users"], opts["dossiers"])
        db = connection.settings_dict
        url = (
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{{name}}"
        )
        doelen: list[tuple[str, Path, str]] = []
        checkouts = []
        if opts["baseline"]:
            checkouts.append(("vorige", Path(opts["baseline"]).resolve()))
        checkouts.append(("deze", Path(settings.BASE_DIR)))
        clusters: dict[str, PrivateCluster] = {}
        if opts["shared_cluster"]:
            for label, checkout in checkouts:
                naam = db["NAME"] if label == "deze" else f"{db['NAME']}_baseline"
                if label != "deze":
                    self._clone(db["NAME"], naam)
                doelen.append((label, checkout, url.format(name=naam)))
        else:
            dump = Path(tempfile.mkdtemp(prefix="loadtest-dump-")) / "load.dump"
            subprocess.run(  # noqa: S603
                ["pg_dump", "-Fc", "-f", str(dump), url.format(name=db["NAME"])],  # noqa: S607
                check=True,
            )
            if os.geteuid() == 0:  # pg_restore runs as the cluster's owner
                shutil.chown(dump.parent, "postgres")
                shutil.chown(dump, "postgres")
            for label, checkout in checkouts:
                cluster = clusters[label] = PrivateCluster(label).start()
                cluster.load(dump, "inb_load")
                doelen.append((label, checkout, cluster.url("inb_load")))
            shutil.rmtree(dump.parent, ignore_errors=True)
        try:
            self._run_all(doelen, clusters, werkcoaches, opts)
        finally:
            for cluster in clusters.values():
                cluster.stop()

    def _run_all(self, doelen, clusters, werkcoaches, opts) -> None:
        paden = self._paden()
        think = (opts["think_min"], opts["think_max"])
        servers: dict[str, Gunicorn] = {}
        gebruikers: dict[str, list] = {}
        voor: dict[str, int] = {}
        fases = (("met_denktijd", think), ("zonder_denktijd", None))
        # results[label][fase]: one Resultaat over every round
        results: dict[str, dict[str, driver.Resultaat]] = {}
        try:
            for label, checkout, database_url in doelen:
                server = Gunicorn(checkout, database_url, opts["workers"], label)
                if label != "deze":
                    server.manage("migrate", "--noinput", "-v0")
                servers[label] = server.start()
                self.stderr.write(f"{label}: {opts['users']} werkcoaches loggen in…")
                gebruikers[label] = driver.login_all(server.url, werkcoaches, paden)
                voor[label] = self._contactmomenten(database_url)
                results[label] = {fase: driver.Resultaat() for fase, _t in fases}
            # On a shared machine the load of others changes from minute to minute:
            # the checkouts take turns, round after round, so both see the same weather.
            per_ronde = opts["duration"] / opts["rounds"]
            for fase, t in fases:
                for ronde in range(opts["rounds"]):
                    for label, _checkout, _url in doelen:
                        self.stderr.write(f"{label}: {fase}, ronde {ronde + 1}/{opts['rounds']}…")
                        cpu0 = servers[label].cpu_seconds()
                        db0 = clusters[label].cpu_seconds() if label in clusters else 0.0
                        client0 = _eigen_cpu()
                        res = driver.run_phase(
                            servers[label].url, gebruikers[label], duration=per_ronde, think=t
                        )
                        res.client_cpu = _eigen_cpu() - client0
                        res.cpu = servers[label].cpu_seconds() - cpu0
                        if label in clusters:
                            res.db_cpu = clusters[label].cpu_seconds() - db0
                        results[label][fase].merge(res)
        finally:
            for server in servers.values():
                server.stop()
        uitkomst: dict[str, dict] = {}
        for label, checkout, database_url in doelen:
            uitkomst[label] = {}
            for fase, _t in fases:
                rows = results[label][fase].rows()
                uitkomst[label][fase] = rows
                self._print(label, checkout, fase, rows)
            opgeslagen = self._contactmomenten(database_url) - voor[label]
            bewaard = sum(
                r["n"] - r["fouten"]
                for f in uitkomst[label].values()
                for r in f
                if r["endpoint"] == "contactmoment_opslaan"
            )
            self.stdout.write(
                f"contactmomenten: {bewaard} keer 'opgeslagen' gemeld, {opgeslagen} nieuw "
                "in de database" + ("" if bewaard == opgeslagen else "  <-- VERSCHIL")
            )
        self._doelen(uitkomst, opts)
        if opts["json"]:
            Path(opts["json"]).write_text(json.dumps(uitkomst, indent=1))

    # -- data -------------------------------------------------------------------------
    def _seed(self, users: int, dossiers: int) -> list[driver.Werkcoach]:
        """Idempotent: the synthetic set and the werkcoaches are made once per database."""
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group

        from casefiles.choices import Rol
        from casefiles.models import Dossier, StaffProfile
        from monitoring import synthetic

        env = synthetic.omgeving(2)
        gemeenten = env.gemeenten
        bestaand = Dossier.objects.filter(gemeente__in=gemeenten).count()
        if bestaand < dossiers:
            rng = random.Random(16)  # noqa: S311 - synthetic data
            bsns = synthetic.synthetic_bsns(synthetic.volgende_bsn_prefix())
            while bestaand < dossiers:
                n = min(1000, dossiers - bestaand)
                synthetic.batch_maken(env, n, bsns, rng, bulk=True)
                bestaand += n
                self.stderr.write(f"{bestaand}/{dossiers} dossiers")
        User = get_user_model()
        groep = Group.objects.get(name=Rol.WERKCOACH)
        wcs = []
        with transaction.atomic():
            for i in range(users):
                gemeente = gemeenten[i % len(gemeenten)]
                user, made = User.objects.get_or_create(
                    username=f"{PREFIX}{i:03d}",
                    defaults={"first_name": "Belasting", "last_name": f"Werkcoach {i}"},
                )
                if made:
                    user.set_password(WACHTWOORD)
                    user.save(update_fields=["password"])
                    user.groups.add(groep)
                    StaffProfile.objects.get_or_create(user=user)[0].gemeenten.add(gemeente)
                wcs.append((user, gemeente))
            # Each werkcoach gets an equal share of its gemeente's dossiers.
            for gemeente in gemeenten:
                eigen = [u for u, g in wcs if g == gemeente]
                ids = list(
                    Dossier.objects.filter(gemeente=gemeente)
                    .order_by("pk")
                    .values_list("pk", flat=True)
                )
                for j, user in enumerate(eigen):
                    deel = ids[j :: len(eigen)]
                    Dossier.objects.filter(pk__in=deel).exclude(werkcoach=user).update(
                        werkcoach=user
                    )
        result = []
        for user, _g in wcs:
            mijn = list(
                Dossier.objects.filter(werkcoach=user)
                .order_by("pk")
                .values_list("pk", "inburgeraar__bsn")[:200]
            )
            termen = ["proef", "Synthetisch", "fictief", *(bsn for _pk, bsn in mijn[:5])]
            result.append(
                driver.Werkcoach(user.username, WACHTWOORD, [pk for pk, _b in mijn], termen)
            )
        self.stderr.write(
            f"{bestaand} dossiers in {len(gemeenten)} gemeenten, {users} werkcoaches "
            f"met elk ~{bestaand // max(users, 1)} dossiers"
        )
        return result

    def _paden(self) -> dict[str, str]:
        names = {
            "dossier": "casefiles:dossier_detail",
            "contactmomenten": "casefiles:contactmomenten",
            "taken": "casefiles:taken",
            "intake": "intake:tab",
            "pip": "pip_plans:tab",
            "leerroute": "leerroutes:tab",
        }
        return {
            k: reverse(v, kwargs={"dossier_pk": 987654321}).replace("987654321", "{dossier}")
            for k, v in names.items()
        }

    def _clone(self, bron: str, kopie: str) -> None:
        import psycopg

        db = connection.settings_dict
        connection.close()
        with psycopg.connect(
            host=db["HOST"] or "127.0.0.1",
            port=db["PORT"] or 5432,
            user=db["USER"],
            password=db["PASSWORD"] or None,
            dbname="postgres",
            autocommit=True,
        ) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{kopie}"')
            c.execute(f'CREATE DATABASE "{kopie}" TEMPLATE "{bron}"')

    def _contactmomenten(self, database_url: str) -> int:
        import psycopg
        import psycopg.sql

        from casefiles.models import Contactmoment

        with psycopg.connect(database_url.replace("postgres://", "postgresql://")) as c:
            tabel = psycopg.sql.Identifier(Contactmoment._meta.db_table)
            row = c.execute(psycopg.sql.SQL("SELECT count(*) FROM {}").format(tabel)).fetchone()
        return int(row[0]) if row else 0

    # -- output -----------------------------------------------------------------------
    def _print(self, label: str, checkout: Path, fase: str, rows: list[dict]) -> None:
        self.stdout.write(f"\n== {label} ({checkout}) — {fase.replace('_', ' ')} ==")
        self.stdout.write(
            f"{'endpoint':24} {'n':>6} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} "
            f"{'p99 ms':>8} {'fouten':>6}"
        )
        for r in rows:
            self.stdout.write(
                f"{r['endpoint']:24} {r['n']:>6} {r['rps']:>7} {r['p50_ms']:>8} "
                f"{r['p95_ms']:>8} {r['p99_ms']:>8} {r['fouten']:>6}"
            )
        totaal = rows[-1]
        self.stdout.write(
            f"server-CPU per request: {totaal['server_cpu_ms_per_req']} ms "
            f"(gunicorn {totaal['cpu_ms_per_req']} + PostgreSQL {totaal['db_cpu_ms_per_req']}) "
            f"= hooguit {totaal['rps_per_core']} req/s per volledig vrije core"
        )
        self.stdout.write(
            f"CPU van de belastingstest zelf per request: {totaal['client_cpu_ms_per_req']} ms "
            "(draait op dezelfde cores)"
        )

    def _doelen(self, uitkomst: dict, opts) -> None:
        def totaal(label: str, fase: str) -> dict:
            return next(r for r in uitkomst[label][fase] if r["endpoint"] == "TOTAAL")

        deze_denk = totaal("deze", "met_denktijd")
        self.stdout.write("\n== doelen (issue 16) ==")
        self.stdout.write(
            f"met denktijd: p95 {deze_denk['p95_ms']} ms (doel < 100 ms): "
            f"{'gehaald' if deze_denk['p95_ms'] < 100 else 'NIET gehaald'}"
        )
        deze = totaal("deze", "zonder_denktijd")
        if "vorige" in uitkomst:
            vorige = totaal("vorige", "zonder_denktijd")
            factor = deze["rps"] / vorige["rps"] if vorige["rps"] else float("inf")
            self.stdout.write(
                f"zonder denktijd: {deze['rps']} req/s tegen {vorige['rps']} req/s vorige "
                f"= {factor:.2f}x (doel >= 1.5x): {'gehaald' if factor >= 1.5 else 'NIET gehaald'}"
            )
            cpu = deze["server_cpu_ms_per_req"], vorige["server_cpu_ms_per_req"]
            self.stdout.write(
                f"server-CPU per request zonder denktijd (gunicorn + PostgreSQL): {cpu[0]} ms "
                f"tegen {cpu[1]} ms vorige = {cpu[1] / cpu[0]:.2f}x zoveel requests per core "
                "(doel >= 1.5x; onafhankelijk van wat de machine verder doet)"
                if cpu[0]
                else "server-CPU: niet gemeten"
            )
        else:
            self.stdout.write(
                f"zonder denktijd: {deze['rps']} req/s (geef --baseline voor de vergelijking)"
            )
