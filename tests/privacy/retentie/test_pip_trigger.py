"""The PIP immutability trigger after privacy migration 0002: raw SQL still cannot
change or delete a vastgestelde version; only a transaction that says
``SET LOCAL privacy.anonimiseren = 'aan'`` (services.pip_ontgrendeld) may UPDATE it,
and never DELETE it."""

from datetime import date

import pytest
import time_machine
from django.db import connection, transaction
from django.db.utils import DatabaseError

from privacy.retentie import services
from tests.pip_plans.factories import vastgestelde_pip

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only"
)


@pytest.fixture
def bevroren():
    """The clock on a fixed day, before ``world`` is made (as tests/pip_plans does)."""
    with time_machine.travel("2026-03-10 10:00 +01:00", tick=False) as traveller:
        yield traveller


@pytest.fixture
def versie(bevroren, world):
    return vastgestelde_pip(world.dossier, world.werkcoach, dagtekening=date(2026, 3, 9))


def _sql(statement, params, *, bypass=False):
    with transaction.atomic(), connection.cursor() as cursor:
        if bypass:
            with services.pip_ontgrendeld():
                cursor.execute(statement, params)
        else:
            cursor.execute(statement, params)


def test_zonder_instelling_blijft_de_pip_bevroren(versie):
    with pytest.raises(DatabaseError):
        _sql("UPDATE pip_plans_pipversie SET motivatie = '' WHERE id = %s", [versie.pk])
    with pytest.raises(DatabaseError):
        _sql("UPDATE pip_plans_pipdoel SET doel = '' WHERE versie_id = %s", [versie.pk])


def test_instelling_geldt_alleen_binnen_het_blok(versie):
    """Also inside a longer transaction (here: the test's own), the trigger is closed
    again after the job's block."""
    _sql("SELECT 1", [], bypass=True)
    with pytest.raises(DatabaseError):
        _sql("UPDATE pip_plans_pipversie SET motivatie = '' WHERE id = %s", [versie.pk])


def test_met_instelling_mag_de_taak_legen_maar_niet_verwijderen(versie):
    _sql("UPDATE pip_plans_pipversie SET motivatie = '' WHERE id = %s", [versie.pk], bypass=True)
    _sql("UPDATE pip_plans_pipdoel SET doel = '' WHERE versie_id = %s", [versie.pk], bypass=True)
    versie.refresh_from_db()
    assert versie.motivatie == ""
    assert all(d.doel == "" for d in versie.doelen.all())
    with pytest.raises(DatabaseError):
        _sql("DELETE FROM pip_plans_pipversie WHERE id = %s", [versie.pk], bypass=True)
