"""The nightly snapshot: the running quarter is refreshed, a closed quarter stays
exactly as it was reported (time-machine moves the clock across quarters)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from monitoring.models import IndicatorSnapshot, SnapshotDefinitiefError
from monitoring.services import snapshots_bijwerken
from monitoring.tasks import snapshot_nachtelijk
from tests.factories import DossierFactory, GemeenteFactory

TZ = ZoneInfo("Europe/Amsterdam")


def _waarde(gemeente, jaar, kw, sleutel):
    return IndicatorSnapshot.objects.get(gemeente=gemeente, jaar=jaar, kwartaal=kw, sleutel=sleutel)


@pytest.fixture
def gemeente(db):
    return GemeenteFactory(naam="Snapshotgemeente", cbs_code="9201")


def _dossiers(gemeente, n, vestiging):
    return DossierFactory.create_batch(
        n,
        gemeente=gemeente,
        datum_start_plicht=vestiging,
        datum_vestiging=vestiging,
        datum_duo_melding=vestiging,
    )


def test_closed_quarter_is_never_recomputed(gemeente, time_machine):
    sleutel = "inburgeraars_doelgroep.asielstatushouder"
    time_machine.move_to(datetime(2025, 2, 10, 2, 30, tzinfo=TZ))
    _dossiers(gemeente, 6, date(2025, 1, 15))
    snapshots_bijwerken()
    s = _waarde(gemeente, 2025, 1, sleutel)
    assert (s.waarde, s.n, s.definitief) == (6, 6, False)

    # later in Q1: refreshed
    time_machine.move_to(datetime(2025, 3, 20, 2, 30, tzinfo=TZ))
    _dossiers(gemeente, 2, date(2025, 3, 1))
    snapshots_bijwerken()
    assert _waarde(gemeente, 2025, 1, sleutel).waarde == 8

    # first night of Q2: Q1 is closed as it was last reported (8), Q2 starts
    time_machine.move_to(datetime(2025, 4, 1, 2, 30, tzinfo=TZ))
    _dossiers(gemeente, 3, date(2025, 3, 30))
    snapshots_bijwerken()
    q1 = _waarde(gemeente, 2025, 1, sleutel)
    assert (q1.waarde, q1.definitief) == (8, True)
    assert _waarde(gemeente, 2025, 2, sleutel).waarde == 11

    # months later, with more data: Q1 still says 8
    time_machine.move_to(datetime(2025, 8, 1, 2, 30, tzinfo=TZ))
    _dossiers(gemeente, 5, date(2025, 7, 1))
    snapshot_nachtelijk.apply()
    assert _waarde(gemeente, 2025, 1, sleutel).waarde == 8
    assert _waarde(gemeente, 2025, 2, sleutel).definitief
    assert _waarde(gemeente, 2025, 3, sleutel).waarde == 16


def test_a_definitive_row_refuses_every_change(gemeente, time_machine):
    time_machine.move_to(datetime(2025, 2, 10, 2, 30, tzinfo=TZ))
    snapshots_bijwerken()
    time_machine.move_to(datetime(2025, 4, 2, 2, 30, tzinfo=TZ))
    snapshots_bijwerken()
    q1 = IndicatorSnapshot.objects.filter(jaar=2025, kwartaal=1)
    row = q1.first()
    assert row.definitief
    row.waarde = 99
    with pytest.raises(SnapshotDefinitiefError):
        row.save()
    with pytest.raises(SnapshotDefinitiefError):
        q1.update(waarde=99)
    with pytest.raises(SnapshotDefinitiefError):
        q1.delete()


def test_trend_on_the_dashboard(client, world, time_machine):
    time_machine.move_to(datetime(2025, 2, 10, 2, 30, tzinfo=TZ))
    snapshots_bijwerken()
    time_machine.move_to(datetime(2025, 5, 10, 2, 30, tzinfo=TZ))
    snapshots_bijwerken()
    client.force_login(world.beleid)
    html = client.get("/beheer/").content.decode()
    assert "2025-K1" in html and "2025-K2" in html
    assert "Dalfsen" not in html.split("Trend per kwartaal")[1]  # only their gemeente


def test_beat_schedule_runs_the_snapshot_nightly():
    entry = settings.CELERY_BEAT_SCHEDULE["monitoring-snapshot-nachtelijk"]
    assert entry["task"] == "monitoring.tasks.snapshot_nachtelijk"
    assert entry["schedule"].hour == {2}
