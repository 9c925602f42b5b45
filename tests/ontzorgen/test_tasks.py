"""The monthly run as a Celery task: eager, and with a real worker (two runs sent at
once create each payment once)."""

from __future__ import annotations

from datetime import date

import time_machine

from ontzorgen.models import Betaling
from ontzorgen.schedule import BEAT_SCHEDULE
from ontzorgen.tasks import betalingen_genereren_task
from tests.ontzorgen.factories import plan_met_drie_lasten


def test_beat_schedule_names_the_task():
    entry = BEAT_SCHEDULE["ontzorgen-betalingen-volgende-maand"]
    assert entry["task"] == betalingen_genereren_task.name


def test_task_defaults_to_the_coming_month(world):
    world.dossier.datum_start_bijstand = date(2027, 1, 1)
    world.dossier.save()
    plan_met_drie_lasten(world.dossier)
    with time_machine.travel(date(2027, 1, 20)):
        assert betalingen_genereren_task() == 3
        assert betalingen_genereren_task() == 0
    assert set(Betaling.objects.values_list("maand", flat=True)) == {date(2027, 2, 1)}


def test_two_runs_at_once_on_a_real_worker(celery_worker_process, world):
    world.dossier.datum_start_bijstand = date(2027, 1, 1)
    world.dossier.save()
    plan_met_drie_lasten(world.dossier)
    results = [betalingen_genereren_task.delay("2027-03-01") for _ in range(2)]
    created = [r.get(timeout=60) for r in results]
    assert sorted(created) in ([0, 3], [1, 2])  # each payment made by exactly one run
    assert sum(created) == 3
    assert Betaling.objects.filter(maand=date(2027, 3, 1)).count() == 3
