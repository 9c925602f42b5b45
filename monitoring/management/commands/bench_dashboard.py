"""python manage.py bench_dashboard --sizes 10000,100000

Prints one JSON line per size: the time to compute the full indicator table for
exactly that many dossiers (as the dashboard does it: on PostgreSQL in two sessions
sharing one snapshot; also in one session, for comparison), the time of the
hand-written SQL baseline that computes the SAME figures (monitoring.basislijn: every
indicator, one statement per table read, in one session with the dashboard's session
settings; a test keeps its figures equal to the dashboard's), and their ratio, next
to issue 16's goal. Synthetic data (generate_synthetic --bulk) is generated only when
missing, per gemeente (9001 …) so that every size is exactly the sum of the first few
gemeenten (:func:`gemeente_plan`). Run it against a separate database, e.g.
DATABASE_URL=postgres://…/inb_bench."""

from __future__ import annotations

import json
import random
import statistics
import time
from collections.abc import Callable
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries, transaction
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from casefiles.models import Dossier, Gemeente
from monitoring import basislijn, synthetic
from monitoring.indicators import Filters, bereken
from monitoring.indicators.base import _sessie_instellen

DOEL_S = 0.25
DOEL_RATIO = 1.5
"""Issue 16's goal at 100 000 dossiers: the dashboard under 250 ms and within 1.5× the
hand-written SQL baseline (monitoring.basislijn)."""


def _afwisselend(fns: dict[str, Callable[[], object]], herhalingen: int) -> dict[str, float]:
    """The median time of each function, run in turn (a, b, c, a, b, c, …) so that a
    busy moment on a shared machine falls on all of them alike."""
    tijden: dict[str, list[float]] = {naam: [] for naam in fns}
    for _ in range(herhalingen):
        for naam, fn in fns.items():
            t0 = time.perf_counter()
            fn()
            tijden[naam].append(time.perf_counter() - t0)
    return {naam: statistics.median(t) for naam, t in tijden.items()}


def gemeente_plan(sizes: list[int], per: int) -> list[int]:
    """The number of dossiers of each synthetic gemeente (9001, 9002, …) such that every
    size is exactly the sum of the first few gemeenten: the step from one size to the
    next is split into gemeenten of at most ``per`` dossiers. E.g. sizes 10 000 and
    100 000 with 10 000 per gemeente: ten gemeenten of 10 000; sizes 1 000 and 5 000:
    1 000 and 4 000."""
    plan: list[int] = []
    vorige = 0
    for size in sorted(set(sizes)):
        rest = size - vorige
        while rest > 0:
            plan.append(min(per, rest))
            rest -= plan[-1]
        vorige = size
    return plan


class Command(BaseCommand):
    help = (
        "Meet de rekentijd van het dashboard (volledige indicatorentabel) tegen handgeschreven "
        "SQL die dezelfde cijfers berekent, als JSON-regels. Maakt precies de genoemde "
        "aantallen synthetische dossiers aan als die ontbreken."
    )

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default="10000,100000")
        parser.add_argument("--per-gemeente", type=int, default=10000)
        parser.add_argument("--herhalingen", type=int, default=7)
        parser.add_argument(
            "--alleen-data", action="store_true", help="Alleen de data aanmaken, niet meten."
        )

    def handle(self, *args, **opts):
        sizes = sorted({int(s) for s in opts["sizes"].split(",")})
        per = opts["per_gemeente"]
        if not sizes or sizes[0] < 1 or per < 1:
            raise CommandError("Geef positieve groottes en een positief --per-gemeente op.")
        plan = gemeente_plan(sizes, per)
        env = synthetic.omgeving(len(plan))
        self._data_klaarzetten(env, plan)
        self._meten(env, plan, sizes, opts)

    def _data_klaarzetten(self, env, plan: list[int]) -> None:
        """Fill each synthetic gemeente up to exactly its planned number of dossiers
        (``generate_synthetic --bulk``, only in that gemeente); refuse a database whose
        gemeenten already hold more (another plan: use an empty database)."""
        tellingen = dict(
            Gemeente.objects.filter(pk__in=[gm.pk for gm in env.gemeenten])
            .annotate(n=Count("dossiers"))
            .values_list("pk", "n")
        )
        te_veel = [
            gm.cbs_code
            for gm, doel in zip(env.gemeenten, plan, strict=True)
            if tellingen[gm.pk] > doel
        ]
        if te_veel:
            raise CommandError(
                f"Gemeenten {', '.join(te_veel)} hebben meer dossiers dan deze groottes vragen: "
                "gebruik een lege database of dezelfde --sizes en --per-gemeente."
            )
        tekort = sum(plan) - sum(tellingen.values())
        if not tekort:
            return
        self.stderr.write(f"Synthetische data aanmaken: {tekort} dossiers …")
        rng = random.Random(sum(plan))  # noqa: S311 (synthetic data)
        bsns = synthetic.synthetic_bsns(synthetic.volgende_bsn_prefix())
        t0 = time.perf_counter()
        for gm, doel in zip(env.gemeenten, plan, strict=True):
            alleen = synthetic.Omgeving(env.actor, env.aanbieder, [gm], env.vandaag)
            gemaakt = tellingen[gm.pk]
            while gemaakt < doel:
                n = min(2000, doel - gemaakt)
                synthetic.batch_maken(alleen, n, bsns, rng, bulk=True)
                gemaakt += n
            self.stderr.write(f"… gemeente {gm.cbs_code}: {doel} dossiers")
        self.stderr.write(
            f"… klaar in {time.perf_counter() - t0:.0f} s "
            f"({(time.perf_counter() - t0) / tekort * 1000:.1f} s per 1.000)"
        )

    def _meten(self, env, plan: list[int], sizes: list[int], opts) -> None:
        if opts["alleen_data"]:
            return
        if connection.vendor == "postgresql":
            # What autovacuum does on a production server (it is off on some dev
            # servers): statistics for the planner and the visibility map that
            # index-only scans need. Same state for the dashboard and the raw SQL.
            # (VACUUM cannot run inside a transaction, e.g. in a test: ANALYZE only.)
            with connection.cursor() as c:
                c.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        vandaag = timezone.localdate()
        van, tot = vandaag - timedelta(days=365), vandaag
        for size in sizes:
            k = next(i + 1 for i in range(len(plan)) if sum(plan[: i + 1]) == size)
            ids = [gm.pk for gm in env.gemeenten[:k]]
            n = Dossier.objects.filter(gemeente_id__in=ids).count()
            if n != size:  # _data_klaarzetten guarantees it; a bench never measures a guess
                raise CommandError(f"{n} dossiers in plaats van {size}")
            f = Filters(gemeente_ids=tuple(ids), van=van, tot=tot)
            bereken(f)  # warm up
            reset_queries()
            # the queries of both sessions: count them in one session (the same queries)
            with CaptureQueriesContext(connection) as ctx:
                bereken(f, parallel=False)
            pg = connection.vendor == "postgresql"
            hand = basislijn.statements(f) if pg else []

            def raw(hand=hand):
                with transaction.atomic():
                    _sessie_instellen(connection)
                    for _naam, sql, params in hand:
                        with connection.cursor() as c:
                            c.execute(sql, params)
                            c.fetchall()

            def gegroepeerd(f=f):
                with transaction.atomic():
                    _sessie_instellen(connection)
                    basislijn.uren_gegroepeerd(f)

            fns = {
                "dashboard": lambda f=f: bereken(f),
                "een_sessie": lambda f=f: bereken(f, parallel=False),
            }
            if pg:  # the baseline is hand-written SQL for PostgreSQL
                raw()
                fns |= {"raw": raw, "uren_gegroepeerd": gegroepeerd}
            tijden = _afwisselend(fns, opts["herhalingen"])
            dashboard, een_sessie = tijden["dashboard"], tijden["een_sessie"]
            raw_s = tijden.get("raw", 0.0)
            self.stdout.write(
                json.dumps(
                    {
                        "dossiers": n,
                        "gemeenten": len(ids),
                        "db": connection.vendor,
                        "queries": len(ctx.captured_queries),
                        "dashboard_s": round(dashboard, 3),
                        "dashboard_een_sessie_s": round(een_sessie, 3),
                        "basislijn_s": round(raw_s, 4) if pg else None,
                        "basislijn_queries": len(hand),
                        "uren_zonder_rollup_s": round(tijden["uren_gegroepeerd"], 4)
                        if pg
                        else None,
                        "ratio": round(dashboard / raw_s, 2) if raw_s else None,
                        "doel": "dashboard_s < 0,25 s bij 100.000 en ratio <= 1,5",
                        "gehaald": pg and dashboard < DOEL_S and dashboard <= DOEL_RATIO * raw_s,
                    }
                )
            )
