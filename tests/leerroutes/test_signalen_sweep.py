"""The set-based leerroute signals sweep (issue 16): the same tasks as bringing each
dossier in step on its own (signalen_bijwerken), exactly once, and a constant number
of statements per chunk however many dossiers it holds."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime
from decimal import Decimal as D

import pytest
import time_machine
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from casefiles.choices import DossierStatus, TaakBron, TaakStatus
from casefiles.models import Gebeurtenis, Taak
from leerroutes import selectors, services
from leerroutes.choices import TrajectStatus
from tests.factories import DossierFactory, TaakFactory
from tests.leerroutes.factories import AanbiederFactory, TrajectFactory, UrenFactory

TODAY = date(2026, 11, 22)


def _dossier(gemeente, werkcoach, aanbieder, **kw):
    d = DossierFactory(
        gemeente=gemeente,
        werkcoach=werkcoach,
        status=DossierStatus.UITVOERING,
        termijn_start=date(2025, 2, 1),
        termijn_eind=date(2028, 2, 1),
        **kw,
    )
    TrajectFactory(
        dossier=d,
        aanbieder=aanbieder,
        status=TrajectStatus.GESTART,
        datum_aanmelding=date(2026, 5, 1),
        datum_start=date(2026, 6, 10),
    )
    return d


def _uniform(world, n: int) -> list:
    """n dossiers alike: every write path of a chunk happens (a new task, a changed
    one, a lapsing one), so the statements per chunk can be compared."""
    aanbieder = AanbiederFactory(gemeenten=[world.gemeente])
    uit = []
    for _ in range(n):
        d = _dossier(world.gemeente, world.werkcoach, aanbieder)
        TaakFactory(  # moved deadline: updated
            dossier=d,
            sleutel="leerroute:termijn-6m",
            titel="oud",
            deadline=date(2020, 1, 1),
            bron=TaakBron.TERMIJN,
        )
        TaakFactory(  # an old no-hours signal: lapses
            dossier=d,
            sleutel="leerroute:geen-uren:2020-01-01",
            titel="oud",
            deadline=date(2020, 1, 1),
            bron=TaakBron.LEERROUTE,
        )
        uit.append(d)
    return uit


def _gevarieerd(world) -> None:
    """Dossiers in every state the signals know."""
    aanbieder = AanbiederFactory(gemeenten=[world.gemeente])
    g, wc = world.gemeente, world.werkcoach
    _dossier(g, wc, aanbieder)  # no hours since the start: geen-uren, termijn, MAP
    met_uren = _dossier(g, wc, aanbieder)
    UrenFactory(
        dossier=met_uren,
        periode_start=date(2026, 6, 10),
        periode_eind=date(2026, 11, 10),
        aanwezig=D(620),  # ≥ 600 course hours, parts not passed: afschalen
    )
    klaar = _dossier(g, wc, aanbieder)
    TaakFactory(dossier=klaar, sleutel="leerroute:map-uitnodiging", bron=TaakBron.MAP)
    klaar.status = DossierStatus.AFGEROND  # everything open lapses
    klaar.save()
    heropend = _dossier(g, wc, aanbieder)
    TaakFactory(
        dossier=heropend,
        sleutel="leerroute:termijn-2m",
        status=TaakStatus.VERVALLEN,
        bron=TaakBron.TERMIJN,
    )
    afgerond = _dossier(g, wc, aanbieder)
    TaakFactory(
        dossier=afgerond,
        sleutel="leerroute:termijn-6m",
        status=TaakStatus.AFGEROND,
        afgerond_op=datetime(2026, 11, 1, 12, 0, tzinfo=UTC),
        titel="al gedaan",
        bron=TaakBron.TERMIJN,
    )
    zonder_termijn = _dossier(g, wc, aanbieder)
    zonder_termijn.termijn_eind = None
    zonder_termijn.save()
    TaakFactory(dossier=zonder_termijn, sleutel="leerroute:termijn-6m", bron=TaakBron.TERMIJN)
    DossierFactory(gemeente=g, status=DossierStatus.INTAKE)  # not in the sweep


def _stand() -> tuple:
    taken = sorted(
        Taak.objects.filter(sleutel__startswith="leerroute:").values_list(
            "dossier_id", "sleutel", "status", "deadline", "titel", "omschrijving", "toegewezen_aan"
        )
    )
    regels = sorted(
        Gebeurtenis.objects.filter(soort="taak").values_list("dossier_id", "titel", "actor")
    )
    return taken, regels


@time_machine.travel(TODAY, tick=False)
def test_sweep_makes_the_same_tasks_as_each_dossier_on_its_own(world):
    _gevarieerd(world)
    with transaction.atomic():
        assert services.signalen_sweep(chunk=4) == 6  # two chunks and a half
        per_chunk = _stand()
        transaction.set_rollback(True)
    with transaction.atomic():
        for d in selectors.dossiers_voor_signalen().order_by("pk"):
            services.signalen_bijwerken(dossier=d)
        per_dossier = _stand()
        transaction.set_rollback(True)
    assert per_chunk == per_dossier
    sleutels = {s for _d, s, status, *_r in per_chunk[0] if status == TaakStatus.OPEN}
    assert {"leerroute:termijn-6m", "leerroute:map-uitnodiging"} <= sleutels
    assert any(s.startswith("leerroute:geen-uren:") for s in sleutels)
    assert any(s.startswith("leerroute:afschalen:") for s in sleutels)
    statussen = {status for _d, _s, status, *_r in per_chunk[0]}
    assert statussen == {TaakStatus.OPEN, TaakStatus.VERVALLEN, TaakStatus.AFGEROND}


@time_machine.travel(TODAY, tick=False)
def test_sweep_twice_changes_nothing_the_second_time(world):
    _gevarieerd(world)
    services.signalen_sweep()
    eerst = _stand()
    services.signalen_sweep()
    assert _stand() == eerst


def _statements(n: int) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert services.signalen_sweep(chunk=500) == n
    assert not Taak.objects.filter(sleutel="leerroute:termijn-6m", titel="oud").exists()
    return len(ctx.captured_queries)


@time_machine.travel(TODAY, tick=False)
def test_statements_per_chunk_do_not_grow_with_the_dossiers(world):
    _uniform(world, 10)
    tien = _statements(10)
    _uniform(world, 90)  # 100 in the one chunk now, 90 with every write path
    honderd = _statements(100)
    if connection.vendor == "postgresql":
        assert tien == honderd
    else:
        # SQLite: Django splits a bulk write at SQLite's limit of query parameters (a
        # few hundred rows per statement), a property of the database, not per item
        assert tien <= honderd <= tien + 2
    vervallen = Taak.objects.filter(
        sleutel="leerroute:geen-uren:2020-01-01", status=TaakStatus.VERVALLEN
    )
    assert vervallen.count() == 100
    # the chunk's dossiers, seven reads of their records, their tasks, the insert, the
    # timeline lines, the update, the lapse, the empty next chunk, and the savepoint
    assert tien <= 16, tien


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="two sessions at once")
def test_two_sweeps_at_once_create_each_task_and_timeline_line_once(world):
    with time_machine.travel(TODAY, tick=False):
        _uniform(world, 8)
    fouten: list[BaseException] = []
    start = threading.Barrier(2)

    def sweep():
        try:
            start.wait()
            with time_machine.travel(TODAY, tick=False):
                services.signalen_sweep(chunk=3)
        except BaseException as exc:  # noqa: BLE001 - reported below
            fouten.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not fouten
    taken, regels = _stand()
    sleutels = [(d, s) for d, s, *_r in taken]
    assert len(sleutels) == len(set(sleutels))
    nieuw = set(
        Taak.objects.filter(sleutel__startswith="leerroute:")
        .exclude(sleutel__in=["leerroute:termijn-6m", "leerroute:geen-uren:2020-01-01"])
        .values_list("dossier_id", "titel")
    )
    aangemaakt = [
        (d, titel.removeprefix("Taak aangemaakt: "))
        for d, titel, _actor in regels
        if (d, titel.removeprefix("Taak aangemaakt: ")) in nieuw
    ]
    # every task made by the sweeps has exactly one timeline line
    assert len(nieuw) >= 16
    assert sorted(aangemaakt) == sorted(nieuw)
