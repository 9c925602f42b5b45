"""python manage.py bench_nachtelijk --dossiers 5000 [--voor 1000]

Times the nightly jobs at a realistic size (issue 16): the leerroute signals sweep
(set-based, per chunk; and, for comparison, the former way: each dossier on its own
with ``signalen_bijwerken``), the reminder sweep of the voortgangsgesprekken and the
monthly payment run of ontzorgen. Prints one JSON line per job: items, seconds, items
per second, statements and statements per item. Every job runs inside a transaction
that is rolled back, so the same data serves every run. Synthetic data
(``generate_synthetic --bulk`` in gemeente 9501, plus one fixed cost per
ontzorgingsplan) is made when missing. The sweeps cover the whole database: run it
against a database of its own, e.g. DATABASE_URL=postgres://…/inb_nacht."""

from __future__ import annotations

import json
import math
import random
import time
from datetime import date
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from casefiles.models import Dossier, Gemeente
from monitoring import synthetic

GEMEENTE = "9501"
BLOK = 500
"""The chunk size of the three jobs (SIGNALEN_CHUNK, HERINNERING_CHUNK, BETAALRUN_CHUNK)."""
DOEL_PER_BLOK = 16
"""Issue 16: a constant number of statements per chunk, whatever it holds (the
chunk's reads, the claims, the bulk writes, the savepoint): at most 16 (the query-count
tests pin each job's exact number)."""


class Command(BaseCommand):
    help = (
        "Meet de nachtelijke taken (leerroute-signalen, herinneringen voortgangsgesprekken, "
        "betaalrun ontzorgen) op synthetische data: items per seconde en statements per item."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dossiers", type=int, default=5000)
        parser.add_argument(
            "--voor",
            type=int,
            default=1000,
            help="Zoveel dossiers ook per dossier apart (de vroegere manier), ter vergelijking.",
        )

    def handle(self, *args, **opts):
        self._data(opts["dossiers"])
        vandaag = timezone.localdate()
        from leerroutes import selectors as lr_selectors
        from leerroutes import services as lr
        from ontzorgen import rules as oz_rules
        from ontzorgen import services as oz
        from pip_plans import services as pip

        self._meet("leerroute_signalen", lambda: lr.signalen_sweep(today=vandaag))
        if opts["voor"]:
            dossiers = list(lr_selectors.dossiers_voor_signalen().order_by("pk")[: opts["voor"]])

            def per_dossier():
                for d in dossiers:
                    lr.signalen_bijwerken(dossier=d, today=vandaag)
                return len(dossiers)

            self._meet("leerroute_signalen_per_dossier_vroeger", per_dossier)
        self._meet(
            "herinneringen",
            lambda: sum(
                v
                for k, v in pip.herinneringen_versturen(today=vandaag).items()
                if k != "overgeslagen"
            ),
        )
        maand = oz_rules.volgende_maand(vandaag)
        self._meet("betaalrun", lambda: len(oz.betalingen_genereren(maand=maand)))

    def _meet(self, taak: str, fn) -> None:
        teller = [0]

        def tel(execute, sql, params, many, context):
            teller[0] += 1  # every statement (a query log keeps only the last 9 000)
            return execute(sql, params, many, context)

        with transaction.atomic():
            with connection.execute_wrapper(tel):
                t0 = time.perf_counter()
                items = fn()
                duur = time.perf_counter() - t0
            transaction.set_rollback(True)  # the same data for the next job and run
        statements = teller[0]
        blokken = max(1, math.ceil(items / BLOK))
        self.stdout.write(
            json.dumps(
                {
                    "taak": taak,
                    "items": items,
                    "seconden": round(duur, 2),
                    "items_per_s": round(items / duur, 1) if duur else None,
                    "statements": statements,
                    "statements_per_item": round(statements / items, 3) if items else None,
                    "db": connection.vendor,
                    "statements_per_blok": round(statements / blokken, 1),
                    "doel": f"constant aantal statements per blok van {BLOK}: ≤ {DOEL_PER_BLOK}",
                    "gehaald": statements / blokken <= DOEL_PER_BLOK,
                }
            )
        )

    def _data(self, aantal: int) -> None:
        """``aantal`` synthetic dossiers in gemeente 9501 and a fixed cost per plan."""
        from ontzorgen.models import Ontzorgingsplan, VasteLast, VasteLastSoort

        gemeente, _ = Gemeente.objects.get_or_create(
            cbs_code=GEMEENTE, defaults={"naam": "Synthetische gemeente nacht"}
        )
        tekort = aantal - Dossier.objects.filter(gemeente=gemeente).count()
        if tekort > 0:
            self.stderr.write(f"Synthetische data aanmaken: {tekort} dossiers …")
            env = synthetic.omgeving(0)
            env = synthetic.Omgeving(env.actor, env.aanbieder, [gemeente], env.vandaag)
            rng = random.Random(aantal)  # noqa: S311 (synthetic data)
            bsns = synthetic.synthetic_bsns(synthetic.volgende_bsn_prefix())
            gemaakt = 0
            while gemaakt < tekort:
                n = min(2000, tekort - gemaakt)
                synthetic.batch_maken(env, n, bsns, rng, bulk=True)
                gemaakt += n
        soort = VasteLastSoort.objects.order_by("volgorde", "pk").first()
        if soort is None:  # the data migration's national types are missing (a test)
            soort = VasteLastSoort.objects.create(code="huur", naam="Huur")
        zonder = Ontzorgingsplan.objects.filter(
            dossier__gemeente=gemeente, eind__isnull=True, vaste_lasten__isnull=True
        )
        VasteLast.objects.bulk_create(
            VasteLast(
                plan=plan,
                soort=soort,
                crediteur_naam="Synthetische woningcorporatie",
                iban="NL91ABNA0417164300",
                betalingskenmerk=f"SYNTH-{plan.pk}",
                bedrag=Decimal("654.20"),
                start=max(plan.start, date(plan.start.year, plan.start.month, 1)),
            )
            for plan in zonder
        )
