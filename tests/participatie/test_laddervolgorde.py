"""The dashboard's participatieladder rollup (ParticipatieladderMeting.volgende_datum
and eerste_intake, casefiles.participatie.laddervolgorde): after any series of writes
it equals a recomputation from the rows, and the dashboard's two ladder indicators
equal a count done the slow way (every dossier's measurements sorted in Python)."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
import time_machine
from django.core.management import call_command

from casefiles.choices import LadderBron
from casefiles.models import ParticipatieladderMeting
from casefiles.participatie import laddervolgorde, services
from monitoring.indicators import Filters, bereken
from tests.factories import DossierFactory
from tests.twee_schrijvers import a_open_terwijl_b_schrijft

TODAY = date(2026, 11, 22)


def _opgeslagen() -> dict[int, tuple]:
    return {
        pk: (volgende, eerste)
        for pk, volgende, eerste in ParticipatieladderMeting.objects.values_list(
            "id", "volgende_datum", "eerste_intake"
        )
    }


def _langzaam(f: Filters) -> dict[str, int]:
    """Per step: dossiers whose earliest intake measurement has it (ladder_intake.t)
    and whose latest measurement on or before f.tot has it (ladder_nu.t), by sorting
    every dossier's measurements by (datum, id) in Python."""
    per: dict[int, list] = {}
    for m in ParticipatieladderMeting.objects.filter(gemeente_id__in=f.gemeente_ids).order_by(
        "datum", "id"
    ):
        per.setdefault(m.dossier_id, []).append(m)
    uit = {f"ladder_{k}.{t}": 0 for k in ("intake", "nu") for t in range(1, 7)}
    for metingen in per.values():
        intake = [m for m in metingen if m.bron == LadderBron.INTAKE]
        if intake:
            uit[f"ladder_intake.{intake[0].trede}"] += 1
        tot_nu = [m for m in metingen if m.datum <= f.tot]
        if tot_nu:
            uit[f"ladder_nu.{tot_nu[-1].trede}"] += 1
    return uit


@pytest.fixture
def schrijven(world):
    """A series of writes on three dossiers: out of date order, two measurements on one
    day, intake measurements added late and moved, changed steps, deletions."""
    andere = DossierFactory(gemeente=world.gemeente)
    derde = DossierFactory(gemeente=world.gemeente)
    d = world.dossier
    with time_machine.travel(TODAY, tick=False):
        maak = services.ladder_meting_create
        maak(actor=world.werkcoach, dossier=d, datum=date(2026, 6, 1), trede=3)
        maak(actor=world.werkcoach, dossier=d, datum=date(2026, 2, 1), trede=2)
        # two measurements on the same day: the later id is the later measurement
        maak(actor=world.werkcoach, dossier=d, datum=date(2026, 6, 1), trede=4)
        maak(actor=world.werkcoach, dossier=d, datum=date(2026, 9, 1), trede=5)
        # the intake measurement arrives after the others, dated before them
        intake = maak(
            actor=world.werkcoach,
            dossier=d,
            datum=date(2026, 1, 15),
            trede=1,
            bron=LadderBron.INTAKE,
        )
        maak(actor=world.werkcoach, dossier=andere, datum=date(2026, 3, 1), trede=2)
        later_intake = maak(
            actor=world.werkcoach,
            dossier=andere,
            datum=date(2026, 5, 1),
            trede=3,
            bron=LadderBron.INTAKE,
        )
        maak(
            actor=world.werkcoach,
            dossier=andere,
            datum=date(2026, 4, 1),
            trede=6,
            bron=LadderBron.INTAKE,
        )
        maak(actor=world.werkcoach, dossier=derde, datum=date(2026, 10, 1), trede=4)
        # corrections: a step changed, an intake moved, a measurement deleted
        intake.trede = 2
        intake.save()
        later_intake.datum = date(2026, 2, 1)
        later_intake.save()
        ParticipatieladderMeting.objects.filter(dossier=derde).delete()
        maak(actor=world.werkcoach, dossier=derde, datum=date(2026, 8, 1), trede=5)
    return world


def test_rollup_equals_a_recomputation_after_a_series_of_writes(schrijven):
    opgeslagen = _opgeslagen()
    assert opgeslagen == laddervolgorde.herberekend()
    # the rollup is not trivially empty: next dates and one earliest intake per dossier
    assert sum(1 for v, _e in opgeslagen.values() if v is not None) >= 5
    assert sum(1 for _v, e in opgeslagen.values() if e) == 2


@pytest.mark.parametrize(
    "tot",
    [date(2026, 1, 31), date(2026, 5, 31), date(2026, 6, 1), date(2026, 8, 15), TODAY],
)
def test_dashboard_ladder_equals_sorting_every_dossier(schrijven, tot):
    f = Filters(gemeente_ids=(schrijven.gemeente.pk,), van=date(2025, 1, 1), tot=tot)
    with time_machine.travel(TODAY, tick=False):
        rijen = bereken(f, keys=["ladder_intake", "ladder_nu"], parallel=False)
    dashboard = {r.sleutel: r.waarde for r in rijen}
    assert dashboard == _langzaam(f)


def test_a_stale_rollup_is_rebuilt_by_the_command(schrijven):
    goed = _opgeslagen()
    # a rollup gone stale (e.g. rows written outside the application)
    ParticipatieladderMeting.objects.update(volgende_datum=date(2000, 1, 1), eerste_intake=True)
    assert _opgeslagen() != goed
    out = io.StringIO()
    call_command("ladder_volgorde_herbouwen", "--per", "1", stdout=out)
    assert _opgeslagen() == goed
    assert json.loads(out.getvalue())["gewijzigde_rijen"] == len(goed)
    out = io.StringIO()
    call_command("ladder_volgorde_herbouwen", stdout=out)
    assert json.loads(out.getvalue())["gewijzigde_rijen"] == 0


def test_keeping_the_rollup_costs_two_statements_per_write(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with time_machine.travel(TODAY, tick=False):
        services.ladder_meting_create(
            actor=world.werkcoach, dossier=world.dossier, datum=date(2026, 3, 1), trede=2
        )
        with CaptureQueriesContext(connection) as ctx:
            services.ladder_meting_create(
                actor=world.werkcoach, dossier=world.dossier, datum=date(2026, 4, 1), trede=3
            )
    rollup = [q for q in ctx.captured_queries if "volgende_datum = v.volgende" in q["sql"]]
    assert len(rollup) == 1
    eerste = ParticipatieladderMeting.objects.get(datum=date(2026, 3, 1))
    assert eerste.volgende_datum == date(2026, 4, 1)


@pytest.mark.django_db(transaction=True)
def test_two_colleagues_saving_a_step_of_one_dossier_at_once_keep_the_rollup_exact(world):
    """A adds September and is still open when B adds July. Unserialised, B's UPDATE
    would not see September (uncommitted) and July would count as the latest
    measurement; the signal locks the dossier first, so B waits for A and sees it."""

    def maak(maand):
        services.ladder_meting_create(
            actor=world.werkcoach, dossier=world.dossier, datum=date(2026, maand, 1), trede=3
        )

    with time_machine.travel(TODAY, tick=False):
        maak(1)
    a_open_terwijl_b_schrijft(lambda: maak(9), lambda: maak(7), vandaag=TODAY)
    juli = ParticipatieladderMeting.objects.get(datum=date(2026, 7, 1))
    assert juli.volgende_datum == date(2026, 9, 1)
    assert _opgeslagen() == laddervolgorde.herberekend()
