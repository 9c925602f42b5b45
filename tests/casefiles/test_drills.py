"""The short versions of the fault drills (``make drill`` runs the long ones): real
PostgreSQL, a private redis-server, real Celery workers/beat and gunicorn, real
faults. Each drill starts its own processes and stops only those."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection


@pytest.fixture
def drill_db(transactional_db):
    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        pytest.skip("needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)")
    yield
    # A drill's own Celery clients must not become the process's current app.
    from celery import current_app

    assert current_app.main == "inburgering"


def _assert_ok(result):
    print(result.line())
    assert result.lost == 0, result.line()
    assert result.duplicated == 0, result.line()
    assert result.found == result.expected, result.line()


@pytest.mark.celery_worker
def test_redis_down_while_pips_are_vastgesteld(drill_db):
    from pip_plans.drills import redis_down

    result = redis_down(long=False)
    _assert_ok(result)
    assert result.details["verzoeken_niet_302"] == 0, result.line()
    assert result.details["vastgesteld"] == result.expected


@pytest.mark.celery_worker
def test_reminders_survive_kill9(drill_db):
    from pip_plans.drills import reminder_kill

    result = reminder_kill(long=False)
    _assert_ok(result)
    assert result.details["kills"] >= 2


@pytest.mark.celery_worker
def test_payment_run_survives_kill9(drill_db):
    from ontzorgen.drills import payment_kill

    result = payment_kill(long=False)
    _assert_ok(result)
    assert result.details["betalingen_zonder_tijdlijnregel"] == 0, result.line()
    assert result.details["tijdlijnregels_dubbel"] == 0, result.line()
    assert result.details["tijdlijnregels"] == result.expected


@pytest.mark.celery_worker
def test_import_with_connection_terminated_mid_confirm(drill_db):
    from casefiles.drills.scenarios import import_connection_drop

    result = import_connection_drop(long=False)
    _assert_ok(result)
    assert result.details["verbinding_verbroken"] is True, result.line()
    assert result.details["status_bij_breuk"] == 503, result.line()
    assert result.details["dossiers_na_breuk"] == 0, result.line()
    assert result.details["bestand_bewaard"] is True, result.line()


@pytest.mark.celery_worker
def test_two_werkcoaches_save_the_same_concept_through_gunicorn(drill_db):
    from pip_plans.drills import concurrent_edit

    result = concurrent_edit(long=False)
    _assert_ok(result)
    assert result.details["tweede_keer_bewaard"] == result.expected
