"""python manage.py bench_dashboard --sizes 10000,100000

Prints one JSON line per size: the time to compute the full indicator table for
that many dossiers (as the dashboard does it: on PostgreSQL in two sessions sharing
one snapshot; also in one session, for comparison), the time of one hand-written SQL
query for the same main counts (status, doelgroep, regime, PIP on time, leerroute),
and their ratio. Synthetic data
(generate_synthetic --bulk, gemeenten 9001 …) is generated only when missing. Run it
against a separate database, e.g. DATABASE_URL=postgres://…/inb_bench."""

from __future__ import annotations

import json
import math
import random
import statistics
import time
from collections.abc import Callable
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import connection, reset_queries
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from casefiles.models import Gemeente
from monitoring import synthetic
from monitoring.indicators import Filters, bereken

RAW_SQL = """
SELECT COUNT(*),
  SUM(CASE WHEN d.status = 'aangemeld' THEN 1 ELSE 0 END),
  SUM(CASE WHEN d.status = 'intake' THEN 1 ELSE 0 END),
  SUM(CASE WHEN d.status = 'pip' THEN 1 ELSE 0 END),
  SUM(CASE WHEN d.status = 'uitvoering' THEN 1 ELSE 0 END),
  SUM(CASE WHEN d.status = 'afgerond' THEN 1 ELSE 0 END),
  SUM(CASE WHEN d.status = 'verhuisd' THEN 1 ELSE 0 END),
  SUM(CASE WHEN d.status = 'beeindigd' THEN 1 ELSE 0 END),
  SUM(CASE WHEN d.doelgroep = 'asielstatushouder' THEN 1 ELSE 0 END),
  SUM(CASE WHEN d.doelgroep = 'nareiziger' THEN 1 ELSE 0 END),
  SUM(CASE WHEN d.doelgroep = 'gezinsmigrant' THEN 1 ELSE 0 END),
  SUM(CASE WHEN d.doelgroep = 'overige_migrant' THEN 1 ELSE 0 END),
  SUM(CASE WHEN d.regime = 'WI2021' THEN 1 ELSE 0 END),
  SUM(CASE WHEN p.eerste BETWEEN %s AND %s AND d.regime = 'WI2021'
    AND GREATEST(d.datum_duo_melding, d.datum_vestiging) IS NOT NULL THEN 1 ELSE 0 END),
  SUM(CASE WHEN p.eerste BETWEEN %s AND %s AND d.regime = 'WI2021'
    AND p.eerste <= GREATEST(d.datum_duo_melding, d.datum_vestiging) + 70 THEN 1 ELSE 0 END),
  SUM(CASE WHEN p.route = 'b1' THEN 1 ELSE 0 END),
  SUM(CASE WHEN p.route = 'z' THEN 1 ELSE 0 END),
  SUM(CASE WHEN p.route = 'onderwijs' THEN 1 ELSE 0 END)
FROM casefiles_dossier d
LEFT JOIN (
  SELECT dossier_id, MIN(dagtekening) AS eerste, MAX(leerroute) AS route
  FROM pip_plans_pipversie WHERE vastgesteld_op IS NOT NULL GROUP BY dossier_id
) p ON p.dossier_id = d.id
WHERE d.gemeente_id IN ({ids})
"""


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


class Command(BaseCommand):
    help = (
        "Meet de rekentijd van het dashboard (volledige indicatorentabel) tegen één "
        "handgeschreven SQL-query, als JSON-regels. Maakt synthetische data aan als die ontbreekt."
    )

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default="10000,100000")
        parser.add_argument("--per-gemeente", type=int, default=10000)
        parser.add_argument("--herhalingen", type=int, default=7)

    def handle(self, *args, **opts):
        sizes = sorted(int(s) for s in opts["sizes"].split(","))
        per = opts["per_gemeente"]
        g = max(1, math.ceil(max(sizes) / per))
        env = synthetic.omgeving(g)
        codes = [gm.cbs_code for gm in env.gemeenten]
        tellingen = dict(
            Gemeente.objects.filter(cbs_code__in=codes)
            .annotate(n=Count("dossiers"))
            .values_list("pk", "n")
        )
        tekort = max(sizes) - sum(tellingen.values())
        if tekort > 0:
            self.stderr.write(f"Synthetische data aanmaken: {tekort} dossiers …")
            rng = random.Random(len(tellingen) + tekort)  # noqa: S311 (synthetic data)
            bsns = synthetic.synthetic_bsns(synthetic.volgende_bsn_prefix())
            t0 = time.perf_counter()
            gemaakt = 0
            while gemaakt < tekort:
                n = min(2000, tekort - gemaakt)
                synthetic.batch_maken(env, n, bsns, rng, bulk=True)
                gemaakt += n
            self.stderr.write(
                f"… klaar in {time.perf_counter() - t0:.0f} s "
                f"({(time.perf_counter() - t0) / tekort * 1000:.1f} s per 1.000)"
            )
            tellingen = dict(
                Gemeente.objects.filter(cbs_code__in=codes)
                .annotate(n=Count("dossiers"))
                .values_list("pk", "n")
            )
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
            ids, n = [], 0
            for pk, cnt in sorted(tellingen.items()):
                if n >= size:
                    break
                ids.append(pk)
                n += cnt
            f = Filters(gemeente_ids=tuple(ids), van=van, tot=tot)
            bereken(f)  # warm up
            reset_queries()
            # the queries of both sessions: count them in one session (the same queries)
            with CaptureQueriesContext(connection) as ctx:
                bereken(f, parallel=False)
            sql = RAW_SQL.format(ids=",".join(str(int(i)) for i in ids))

            def raw(sql=sql):
                with connection.cursor() as c:
                    c.execute(sql, [van, tot, van, tot])
                    c.fetchall()

            raw()
            tijden = _afwisselend(
                {
                    "dashboard": lambda f=f: bereken(f),
                    "een_sessie": lambda f=f: bereken(f, parallel=False),
                    "raw": raw,
                },
                opts["herhalingen"],
            )
            dashboard, een_sessie, raw_s = tijden["dashboard"], tijden["een_sessie"], tijden["raw"]
            self.stdout.write(
                json.dumps(
                    {
                        "dossiers": n,
                        "gemeenten": len(ids),
                        "db": connection.vendor,
                        "queries": len(ctx.captured_queries),
                        "dashboard_s": round(dashboard, 3),
                        "dashboard_een_sessie_s": round(een_sessie, 3),
                        "raw_sql_s": round(raw_s, 4),
                        "ratio": round(dashboard / raw_s, 2) if raw_s else None,
                        "doel": "dashboard < 1 s bij 100.000 en ratio <= 3",
                    }
                )
            )
