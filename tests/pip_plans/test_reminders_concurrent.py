"""Reminders exactly once per (gesprek, soort) even when two sweeps run at the same
time: against PostgreSQL and Redis with a real Celery worker (prefork, 2 processes),
and with two threads. The sweeps queue outbox jobs; the worker sends. E-mails sent by
the worker process are not in this process's mail outbox, so every real send is
counted on the reminder row (``verzendingen``, incremented right after ``send_mail``)."""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from casefiles import outbox
from casefiles.choices import DossierStatus
from casefiles.outbox import OutboxJob
from pip_plans.choices import HerinneringStatus
from pip_plans.models import Herinnering, PipVersie, Voortgangsgesprek
from tests.factories import DossierFactory, GemeenteFactory, staff

N_GESPREKKEN = 12


def _gesprekken():
    gemeente = GemeenteFactory()
    werkcoach = staff("werkcoach", gemeente, email="wc-sweep@example.invalid")
    today = timezone.localdate()
    gesprekken = []
    for i in range(N_GESPREKKEN):
        d = DossierFactory(gemeente=gemeente, werkcoach=werkcoach, status=DossierStatus.UITVOERING)
        v = PipVersie.objects.create(dossier=d, nummer=1, leerroute="b1", niveau="B1")
        # Half are coming up (a "vooraf" reminder), half are overdue (a "te_laat" alert).
        dag = today + timedelta(days=3) if i % 2 else today - timedelta(days=2)
        gesprekken.append(Voortgangsgesprek.objects.create(dossier=d, pip_versie=v, gepland_op=dag))
    return gesprekken


def _assert_exactly_once(gesprekken):
    rows = list(Herinnering.objects.filter(gesprek__in=gesprekken))
    assert len(rows) == N_GESPREKKEN  # one per gesprek and due kind, never two
    assert {(r.status, r.verzendingen) for r in rows} == {(HerinneringStatus.VERSTUURD, 1)}
    assert len({(r.gesprek_id, r.soort) for r in rows}) == N_GESPREKKEN


@pytest.mark.celery_worker
def test_two_concurrent_sweeps_on_a_real_worker(celery_worker_process):
    from pip_plans.tasks import herinneringen_sweep

    gesprekken = _gesprekken()
    first = herinneringen_sweep.delay()
    second = herinneringen_sweep.delay()
    r1 = first.get(timeout=60)
    r2 = second.get(timeout=60)
    assert r1["vooraf"] + r2["vooraf"] == N_GESPREKKEN // 2
    assert r1["te_laat"] + r2["te_laat"] == N_GESPREKKEN // 2
    # The sweeps' outbox jobs were handed to the worker after their commits.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if OutboxJob.objects.filter(kind="pip.herinnering", status="done").count() == N_GESPREKKEN:
            break
        time.sleep(0.2)
    _assert_exactly_once(gesprekken)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real concurrent transactions")
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_sweeps_in_threads():
    from pip_plans.services import herinneringen_versturen

    gesprekken = _gesprekken()
    barrier = threading.Barrier(2)
    errors = []

    def sweep():
        try:
            barrier.wait()
            herinneringen_versturen()
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    outbox.run_pending_here()
    _assert_exactly_once(gesprekken)
