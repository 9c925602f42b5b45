"""python manage.py bench_werkvoorraad --dossiers 50000 --gemeenten 5

Prints one JSON line per measurement, with the goal beside each figure: the time of
the werkvoorraad page as a user gets it (the real view through Django's test client:
middleware, selectors, access log, template) and its number of queries, for

- a werkcoach with 200 dossiers and one with 3 000 (goal: within 1.5x of each other,
  the same number of queries),
- the whole region (``?wie=alle``: every dossier of the 5 gemeenten; goal < 100 ms),
- a search by name and by BSN over the region (goal < 50 ms).

``ms`` is the whole page (median of the runs, taken in turn); ``selectors_ms`` the
database part alone (the paginator's COUNT and the 25 rows of the first page);
``django_cpu_ms`` the CPU time of the page in this process (templates, ORM, access
log), which a machine loaded by other work inflates far less than the wall clock.

Synthetic data (gemeenten with CBS codes 9501 and up, fictional names and BSNs) is
built set-based with ``bulk_create`` only when missing. Run it against a separate
database, e.g. DATABASE_URL=postgres://…/inb_bench (``make bench`` does)."""

from __future__ import annotations

import json
import random
import re
import statistics
import time
from collections.abc import Callable
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casefiles.choices import Doelgroep, DossierStatus, Rol, TaakStatus
from casefiles.models import Dossier, Gemeente, Inburgeraar, StaffProfile, Taak

BENCH_CBS_START = 9501
"""Benchmark gemeenten: CBS codes 9501, 9502, … (no real gemeente uses 95xx; the
dashboard's synthetic data uses 9001 and up)."""

KLEIN, GROOT = 200, 3000
"""The caseloads of the two werkcoaches compared."""

PER_VULCOACH = 250
"""Dossiers per other werkcoach (the rest of the region's caseload)."""

LETTERGREPEN = [
    "ab", "al", "am", "ba", "ben", "da", "dar", "el", "fa", "ga", "ha", "has", "ib",
    "ka", "kar", "la", "ma", "mer", "na", "nur", "o", "ra", "sa", "sel", "ta", "tes",
    "u", "wa", "ya", "yo", "za", "zer",
]  # fmt: skip
VOORNAMEN = ["Amal", "Yonas", "Selam", "Omar", "Nour", "Dawit", "Rania", "Tesfay", "Lina", "Sami"]


def _achternaam(rng: random.Random) -> str:
    """A fictional surname of three to four syllables: about 10^5 different ones, so a
    name search finds a handful of dossiers, as in a real region."""
    return "".join(rng.choice(LETTERGREPEN) for _ in range(rng.randint(3, 4))).capitalize()


def _bsns(start: int):
    """Elfproef-valid fictional BSNs (7xx xxx xxx) from the 8-digit prefix ``start`` on."""
    p = start
    while True:
        digits = f"{p:08d}"
        p += 1
        s = sum(int(d) * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        if s <= 9:
            yield f"{digits}{s}"


def _afwisselend(
    fns: dict[str, Callable[[], object]], herhalingen: int
) -> tuple[dict[str, float], dict[str, float]]:
    """The median wall-clock and process-CPU time of each function, run in turn
    (a, b, c, a, b, c, …) so that a busy moment on a shared machine falls on all of
    them alike. The CPU time is this (Django) process only: what the page costs the
    web server whatever the database server is waiting for."""
    tijden: dict[str, list[float]] = {naam: [] for naam in fns}
    cpu: dict[str, list[float]] = {naam: [] for naam in fns}
    for _ in range(herhalingen):
        for naam, fn in fns.items():
            t0, c0 = time.perf_counter(), time.process_time()
            fn()
            tijden[naam].append(time.perf_counter() - t0)
            cpu[naam].append(time.process_time() - c0)
    mediaan = statistics.median
    return (
        {naam: mediaan(t) for naam, t in tijden.items()},
        {naam: mediaan(t) for naam, t in cpu.items()},
    )


class Command(BaseCommand):
    help = (
        "Meet de werkvoorraad (werkcoach met 200 en 3.000 dossiers, hele regio) en het "
        "zoeken op naam en BSN via de echte pagina, als JSON-regels met het doel erbij. "
        "Maakt synthetische data aan als die ontbreekt."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dossiers", type=int, default=50000)
        parser.add_argument("--gemeenten", type=int, default=5)
        parser.add_argument("--herhalingen", type=int, default=9)
        parser.add_argument(
            "--betalingen",
            type=int,
            default=10000,
            help="betalingen deze maand voor het ontzorgen-overzicht (0: niet meten)",
        )
        parser.add_argument("--batch", type=int, default=3334, help="betalingen in één batch")

    def handle(self, *args, **opts):
        gemeenten = self._gemeenten(opts["gemeenten"])
        users = self._data(gemeenten, opts["dossiers"])
        if opts["betalingen"]:
            consulent, batch = self._betalingen(gemeenten[0], opts["betalingen"], opts["batch"])
        if connection.vendor == "postgresql":
            # what autovacuum does on a production server: planner statistics and the
            # visibility map (VACUUM cannot run inside a transaction, e.g. in a test)
            with connection.cursor() as c:
                c.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        with override_settings(ALLOWED_HOSTS=["testserver", "localhost"]):
            self._meet(users, gemeenten, opts["herhalingen"])
            if opts["betalingen"]:
                self._meet_lijsten(consulent, batch, opts["betalingen"], opts["herhalingen"])

    # -- data ------------------------------------------------------------------------

    def _gemeenten(self, aantal: int) -> list[Gemeente]:
        lijst = []
        for i in range(aantal):
            g, _ = Gemeente.objects.get_or_create(
                cbs_code=f"{BENCH_CBS_START + i:04d}",
                defaults={"naam": f"Benchmarkgemeente {i + 1}"},
            )
            lijst.append(g)
        return lijst

    def _user(self, username: str, gemeenten: list[Gemeente], rol: str = Rol.WERKCOACH):
        user, _ = get_user_model().objects.get_or_create(
            username=username, defaults={"first_name": "Bench", "last_name": username}
        )
        user.groups.add(Group.objects.get_or_create(name=rol)[0])
        profiel, _ = StaffProfile.objects.get_or_create(user=user)
        profiel.gemeenten.add(*gemeenten)
        return user

    def _data(self, gemeenten: list[Gemeente], totaal: int) -> dict:
        eerste = gemeenten[0]
        users = {
            "klein": self._user("bench.werkcoach.200", [eerste]),
            "groot": self._user("bench.werkcoach.3000", [eerste]),
            "regio": self._user("bench.regio", gemeenten),
        }
        bestaand = Dossier.objects.filter(gemeente__in=gemeenten).count()
        if bestaand >= totaal:
            return users
        self.stderr.write(f"Synthetische data aanmaken: {totaal - bestaand} dossiers …")
        t0 = time.perf_counter()
        rng = random.Random(totaal)  # noqa: S311 (synthetic data)
        hoogste = (
            Inburgeraar.objects.filter(gemeente__in=gemeenten)
            .order_by("-bsn")
            .values_list("bsn", flat=True)
            .first()
        )
        bsns = _bsns(int(hoogste[:8]) + 1 if hoogste else 70_000_000)
        # who gets which dossier: the two measured werkcoaches in the first gemeente,
        # the rest spread over werkcoaches of 250 dossiers each, round the gemeenten
        toewijzing: list[tuple[Gemeente, object]] = []
        toewijzing += [(eerste, users["klein"])] * KLEIN
        toewijzing += [(eerste, users["groot"])] * GROOT
        rest = totaal - len(toewijzing)
        for i in range(max(0, rest)):
            g = gemeenten[i % len(gemeenten)]
            coach = i // (PER_VULCOACH * len(gemeenten))
            toewijzing.append((g, (g.cbs_code, coach)))
        coaches: dict[tuple, object] = {}
        for _g, wie in toewijzing:
            if isinstance(wie, tuple) and wie not in coaches:
                g = next(x for x in gemeenten if x.cbs_code == wie[0])
                coaches[wie] = self._user(f"bench.werkcoach.{wie[0]}.{wie[1]}", [g])
        toewijzing = [(g, coaches.get(w, w) if isinstance(w, tuple) else w) for g, w in toewijzing]
        toewijzing = toewijzing[bestaand:]
        vandaag = timezone.localdate()
        statussen = [
            DossierStatus.AANGEMELD,
            DossierStatus.INTAKE,
            DossierStatus.PIP,
            DossierStatus.UITVOERING,
            DossierStatus.UITVOERING,
            DossierStatus.UITVOERING,
        ]
        doelgroepen = [Doelgroep.ASIELSTATUSHOUDER, Doelgroep.GEZINSMIGRANT, Doelgroep.NAREIZIGER]
        for start in range(0, len(toewijzing), 5000):
            deel = toewijzing[start : start + 5000]
            with transaction.atomic():
                personen = [
                    Inburgeraar(
                        gemeente=g,
                        bsn=next(bsns),
                        voornamen=rng.choice(VOORNAMEN),
                        achternaam=_achternaam(rng),
                    )
                    for g, _w in deel
                ]
                Inburgeraar.objects.bulk_create(personen, batch_size=2000)
                dossiers = [
                    Dossier(
                        gemeente=g,
                        inburgeraar=p,
                        werkcoach=w,
                        status=rng.choice(statussen),
                        doelgroep=rng.choice(doelgroepen),
                        datum_start_plicht=vandaag - timedelta(days=rng.randint(30, 900)),
                    )
                    for (g, w), p in zip(deel, personen, strict=True)
                ]
                Dossier.objects.bulk_create(dossiers, batch_size=2000)
                taken = []
                for d in dossiers:
                    # two done, one or two open (one of them overdue for a third)
                    for k in range(2):
                        taken.append(
                            Taak(
                                dossier=d,
                                titel=f"Afgerond {k}",
                                deadline=vandaag - timedelta(days=rng.randint(30, 400)),
                                toegewezen_aan=d.werkcoach,
                                status=TaakStatus.AFGEROND,
                                afgerond_op=timezone.now(),
                            )
                        )
                    taken.append(
                        Taak(
                            dossier=d,
                            titel="Voortgangsgesprek",
                            deadline=vandaag + timedelta(days=rng.randint(1, 120)),
                            toegewezen_aan=d.werkcoach,
                        )
                    )
                    if rng.random() < 0.33:
                        taken.append(
                            Taak(
                                dossier=d,
                                titel="Bel de taalaanbieder",
                                deadline=vandaag - timedelta(days=rng.randint(1, 20)),
                                toegewezen_aan=d.werkcoach,
                            )
                        )
                Taak.objects.bulk_create(taken, batch_size=2000)
        self.stderr.write(f"… klaar in {time.perf_counter() - t0:.0f} s")
        return users

    # -- measuring -------------------------------------------------------------------

    def _meet(self, users: dict, gemeenten: list[Gemeente], herhalingen: int) -> None:
        url = reverse("casefiles:werkvoorraad")
        clients: dict[str, Client] = {}
        for naam in ("klein", "groot", "regio", "zoek_naam", "zoek_bsn"):
            c = Client()
            c.force_login(users["regio" if naam.startswith(("regio", "zoek")) else naam])
            clients[naam] = c
        # a surname and a BSN of a dossier somewhere in the region (not the first gemeente)
        persoon = (
            Inburgeraar.objects.filter(gemeente=gemeenten[-1])
            .order_by("pk")
            .only("bsn", "achternaam")
        )[KLEIN]
        clients["zoek_naam"].post(url, {"zoek": persoon.achternaam[:5]})
        clients["zoek_bsn"].post(url, {"zoek": persoon.bsn})
        paden = {
            "klein": url,
            "groot": url,
            "regio": url + "?wie=alle",
            "zoek_naam": url,
            "zoek_bsn": url,
        }
        fns: dict[str, Callable[[], object]] = {}
        queries: dict[str, int] = {}
        rijen: dict[str, int] = {}
        for naam, pad in paden.items():

            def get(c=clients[naam], pad=pad):
                r = c.get(pad)
                assert r.status_code == 200, r.status_code  # noqa: S101 (a broken page is no figure)
                return r

            r = get()  # warm up (session, permission caches)
            with CaptureQueriesContext(connection) as ctx:
                r = get()
            queries[naam] = len(ctx.captured_queries)
            # the count the page shows ("Pagina 1 van 8 (200 dossiers)")
            gevonden = re.search(r"\((\d+) dossiers\)", r.content.decode())
            rijen[naam] = int(gevonden.group(1)) if gevonden else 0
            fns[naam] = get
        # the database part alone (count + the rows of the first page), for comparison
        from casefiles import selectors

        zoektermen = {"zoek_naam": persoon.achternaam[:5], "zoek_bsn": persoon.bsn}
        for naam in paden:
            filters = {
                "user": users["regio" if naam.startswith(("regio", "zoek")) else naam],
                "alleen_mijn": naam in ("klein", "groot"),
                "zoek": zoektermen.get(naam, ""),
            }

            def db(filters=filters):
                selectors.werkvoorraad_filter(**filters).count()
                return list(selectors.werkvoorraad_dossiers(**filters)[:25])

            fns[f"{naam}_db"] = db
        tijden, cpu = _afwisselend(fns, herhalingen)
        ms = {k: round(v * 1000, 1) for k, v in tijden.items()}
        cpu_ms = {k: round(v * 1000, 1) for k, v in cpu.items()}

        def regel(**kw):
            self.stdout.write(json.dumps({"db": connection.vendor, **kw}))

        regel(
            meting="werkvoorraad_werkcoach_200",
            dossiers=rijen["klein"],
            ms=ms["klein"],
            selectors_ms=ms["klein_db"],
            django_cpu_ms=cpu_ms["klein"],
            queries=queries["klein"],
            doel="referentie voor 3.000",
        )
        regel(
            meting="werkvoorraad_werkcoach_3000",
            dossiers=rijen["groot"],
            ms=ms["groot"],
            selectors_ms=ms["groot_db"],
            django_cpu_ms=cpu_ms["groot"],
            queries=queries["groot"],
            ratio=round(tijden["groot"] / tijden["klein"], 2),
            doel="ratio <= 1.5 en queries gelijk aan 200",
            gehaald=tijden["groot"] <= 1.5 * tijden["klein"]
            and queries["groot"] == queries["klein"],
        )
        regel(
            meting="werkvoorraad_regio",
            dossiers=rijen["regio"],
            gemeenten=len(gemeenten),
            ms=ms["regio"],
            selectors_ms=ms["regio_db"],
            django_cpu_ms=cpu_ms["regio"],
            queries=queries["regio"],
            doel="< 100 ms",
            gehaald=ms["regio"] < 100,
        )
        for naam, wat in (("zoek_naam", "zoeken_naam"), ("zoek_bsn", "zoeken_bsn")):
            regel(
                meting=wat,
                over_dossiers=Dossier.objects.filter(gemeente__in=gemeenten).count(),
                gevonden=rijen[naam],
                ms=ms[naam],
                selectors_ms=ms[f"{naam}_db"],
                django_cpu_ms=cpu_ms[naam],
                queries=queries[naam],
                doel="< 50 ms",
                gehaald=ms[naam] < 50,
            )

    # -- the ontzorgen lists (issue 16, item 2) ---------------------------------------

    def _betalingen(self, gemeente: Gemeente, aantal: int, in_batch: int):
        """``aantal`` payments of this month in ``gemeente`` (one plan, one fixed cost
        and one payment per dossier), the first ``in_batch`` of them in one batch."""
        from ontzorgen import rules as ontz_rules
        from ontzorgen.choices import BetalingStatus
        from ontzorgen.models import Batch, Betaling, Ontzorgingsplan, VasteLast, VasteLastSoort

        consulent = self._user("bench.consulent", [gemeente], rol=Rol.CONSULENT)
        maand = ontz_rules.maand_start(timezone.localdate())
        batch = Batch.objects.filter(msg_id="BENCH-WERKVOORRAAD").first()
        if Betaling.objects.filter(gemeente=gemeente, maand=maand).count() >= aantal and batch:
            return consulent, batch
        self.stderr.write(f"Betalingen aanmaken: {aantal} …")
        soort, _ = VasteLastSoort.objects.get_or_create(code="huur", defaults={"naam": "Huur"})
        dossiers = list(
            Dossier.objects.filter(gemeente=gemeente, ontzorgingsplan__isnull=True).order_by("pk")[
                :aantal
            ]
        )
        start = maand.replace(day=1)
        with transaction.atomic():
            plannen = [
                Ontzorgingsplan(
                    dossier=d,
                    gemeente_id=gemeente.pk,
                    start=start,
                    geplande_eind=start.replace(year=start.year + 1),
                )
                for d in dossiers
            ]
            Ontzorgingsplan.objects.bulk_create(plannen, batch_size=2000)
            lasten = [
                VasteLast(
                    plan=p,
                    soort=soort,
                    crediteur_naam="Woonstichting Bench",
                    iban="NL39RABO0300065264",
                    betalingskenmerk=f"HUUR-{p.dossier_id}",
                    bedrag="654.20",
                    betaaldag=1,
                    start=start,
                )
                for p in plannen
            ]
            VasteLast.objects.bulk_create(lasten, batch_size=2000)
            batch = batch or Batch.objects.create(
                gemeente=gemeente,
                uitvoerdatum=start,
                msg_id="BENCH-WERKVOORRAAD",
                aantal=in_batch,
                totaal="0",
                xml="<Document/>",
                geexporteerd_door=consulent,
            )
            Betaling.objects.bulk_create(
                [
                    Betaling(
                        vaste_last=v,
                        gemeente=gemeente,
                        maand=maand,
                        uitvoerdatum=start,
                        crediteur_naam=v.crediteur_naam,
                        iban=v.iban,
                        betalingskenmerk=v.betalingskenmerk,
                        bedrag=v.bedrag,
                        status=BetalingStatus.GEEXPORTEERD
                        if i < in_batch
                        else BetalingStatus.GEPLAND,
                        batch=batch if i < in_batch else None,
                    )
                    for i, v in enumerate(lasten)
                ],
                batch_size=2000,
            )
        return consulent, batch

    def _meet_lijsten(self, consulent, batch, aantal: int, herhalingen: int) -> None:
        c = Client()
        c.force_login(consulent)
        paden = {
            "ontzorgen_overzicht": reverse("ontzorgen:overzicht"),
            "ontzorgen_batch": reverse("ontzorgen:batch_detail", kwargs={"batch_pk": batch.pk}),
        }
        fns: dict[str, Callable[[], object]] = {}
        info: dict[str, dict] = {}
        for naam, pad in paden.items():

            def get(pad=pad):
                r = c.get(pad)
                assert r.status_code == 200, r.status_code  # noqa: S101
                return r

            get()
            with CaptureQueriesContext(connection) as ctx:
                r = get()
            inserts = [
                q for q in ctx.captured_queries if 'INSERT INTO "casefiles_accesslog"' in q["sql"]
            ]
            info[naam] = {
                "queries": len(ctx.captured_queries),
                "toegangslog_inserts": len(inserts),
                "kib": round(len(r.content) / 1024, 1),
            }
            fns[naam] = get
        tijden, cpu = _afwisselend(fns, max(3, herhalingen // 3))
        for naam in paden:
            self.stdout.write(
                json.dumps(
                    {
                        "db": connection.vendor,
                        "meting": naam,
                        "betalingen": aantal if naam == "ontzorgen_overzicht" else batch.aantal,
                        "ms": round(tijden[naam] * 1000, 1),
                        "django_cpu_ms": round(cpu[naam] * 1000, 1),
                        **info[naam],
                        "doel": "een pagina, constant aantal queries, één toegangslog-insert",
                        "gehaald": info[naam]["toegangslog_inserts"] == 1,
                    }
                )
            )
