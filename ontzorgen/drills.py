"""Fault drill of ontzorgen (see casefiles.drills): the monthly payment run of 3 000
lines (short: 600) with its worker killed by kill -9, twice."""

from __future__ import annotations

import time
from datetime import date
from decimal import Decimal

from django.db.models import Count

from casefiles.choices import Rol
from casefiles.drills import DrillResult, data
from casefiles.drills.processes import RedisServer, Worker
from casefiles.models import Gebeurtenis

from . import rules
from .models import Betaling, Ontzorgingsplan, VasteLast, VasteLastSoort

FAST = {"CELERY_VISIBILITY_TIMEOUT": "20", "OUTBOX_REDISPATCH_AFTER": "15"}
LINES_PER_PLAN = 3


def _lasten(n: int) -> tuple[list[int], date]:
    """``n`` active fixed-cost lines (3 per plan) and the month they are paid in."""
    start = date(2030, 1, 1)
    gemeente = data.gemeente()
    consulent = data.medewerker(gemeente, Rol.CONSULENT)
    dossiers = data.dossiers(
        gemeente,
        -(-n // LINES_PER_PLAN),
        werkcoach=None,
        datum_start_bijstand=start,
        consulent=consulent,
    )
    plannen = Ontzorgingsplan.objects.bulk_create(
        [
            Ontzorgingsplan(
                dossier=d,
                gemeente_id=d.gemeente_id,
                start=start,
                geplande_eind=rules.minimum_eind(start),
            )
            for d in dossiers
        ]
    )
    soorten = [
        VasteLastSoort.objects.get_or_create(code=c, defaults={"naam": c.capitalize()})[0]
        for c in ("huur", "energie", "zorgverzekering")
    ]
    lasten = VasteLast.objects.bulk_create(
        [
            VasteLast(
                plan=p,
                soort=soorten[i % LINES_PER_PLAN],
                crediteur_naam="Woonconcept",
                iban="NL39RABO0300065264",
                betalingskenmerk=f"OEFEN-{p.pk}-{i}",
                bedrag=Decimal("123.45"),
                betaaldag=1,
                start=start,
            )
            for p in plannen
            for i in range(LINES_PER_PLAN)
        ][:n]
    )
    return [v.pk for v in lasten], date(2030, 2, 1)


def payment_kill(*, long: bool = False) -> DrillResult:
    """Start the payment run on a real worker, kill -9 its pool process while it runs,
    then kill -9 the whole worker and start a new one: Celery hands the run out again
    (reject on worker lost; visibility timeout) and the run resumes. Expected: every
    line paid exactly once for the month, and exactly one timeline line per payment."""
    n = 3000 if long else 600
    ids, maand = _lasten(n)
    betalingen = Betaling.objects.filter(vaste_last_id__in=ids, maand=maand)
    redis = RedisServer().start()
    worker = None
    kills = []
    try:
        from celery import Celery

        app = Celery("drill", broker=redis.url, set_as_current=False)
        worker = Worker(redis.url, concurrency=1, **FAST).start()
        app.send_task("ontzorgen.tasks.betalingen_genereren_task", args=[maand.isoformat()])
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and betalingen.count() == 0:
            time.sleep(0.02)
        kills.append(betalingen.count())
        worker.kill9_children()
        # The main process saw its child die: the message goes back to the queue.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and betalingen.count() <= kills[-1]:
            time.sleep(0.02)
        kills.append(betalingen.count())
        worker.kill9()
        worker = Worker(redis.url, concurrency=1, **FAST).start()
        deadline = time.monotonic() + (300 if long else 120)
        while time.monotonic() < deadline and betalingen.count() < n:
            time.sleep(0.5)
        time.sleep(2)  # let a (re)delivered run finish, so a duplicate would show
        app.close()
    finally:
        if worker is not None:
            worker.stop()
        redis.stop()
    per_last = dict(
        Betaling.objects.filter(vaste_last_id__in=ids)
        .values("vaste_last_id")
        .annotate(n=Count("id"))
        .values_list("vaste_last_id", "n")
    )
    found = len(per_last)
    dossier_ids = list(
        VasteLast.objects.filter(pk__in=ids).values_list("plan__dossier_id", flat=True).distinct()
    )
    regels = Gebeurtenis.objects.filter(
        dossier_id__in=dossier_ids, soort="ontzorgen", titel__startswith="Betaling "
    ).count()
    return DrillResult(
        name=f"betaalrun_kill9_{n}",
        expected=n,
        found=found,
        lost=n - found,
        duplicated=sum(v - 1 for v in per_last.values()),
        details={
            "betalingen_bij_kills": "/".join(str(k) for k in kills),
            "tijdlijnregels": regels,
            "betalingen_zonder_tijdlijnregel": max(0, betalingen.count() - regels),
            "tijdlijnregels_dubbel": max(0, regels - betalingen.count()),
        },
    )


DRILLS = {"betaalrun_kill9": payment_kill}
