"""The benchmark's hand-written SQL baseline (monitoring.basislijn) computes exactly
the dashboard's figures — every line of the indicator table — so that
``bench_dashboard`` compares like with like and the two cannot drift apart."""

from __future__ import annotations

import io
import json
import random
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection

from monitoring import basislijn, synthetic
from monitoring.indicators import Filters, bereken
from monitoring.management.commands.bench_dashboard import gemeente_plan

from .test_indicators import bouw_data

alleen_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="de basislijn is SQL voor PostgreSQL"
)


def dashboard_cijfers(f: Filters) -> dict:
    return {r.sleutel: (r.waarde, r.n) for r in bereken(f, parallel=False)}


def vergelijk(f: Filters) -> dict:
    dashboard = dashboard_cijfers(f)
    hand = basislijn.cijfers(f)
    # instroom per quarter: the dashboard has a line only for quarters with instroom
    assert set(hand) == set(dashboard), set(hand) ^ set(dashboard)
    verschillen = {k: (dashboard[k], hand[k]) for k in dashboard if dashboard[k] != hand[k]}
    assert not verschillen
    # the hours without the per-dossier rollup (every row grouped per person): the
    # rollup the dashboard and the baseline read is right
    for sleutel, cijfer in basislijn.uren_gegroepeerd(f).items():
        assert dashboard[sleutel] == cijfer, sleutel
    # the same for the participatieladder (the earliest intake measurement and the
    # latest up to the end of the period, found per dossier)
    for sleutel, cijfer in basislijn.ladder_zonder_rollup(f).items():
        assert dashboard[sleutel] == cijfer, sleutel
    return dashboard


def _duo_berichten(f: Filters) -> None:
    """Messages to DUO in and out of the period, refused, invalid and sent (the DUO
    koppeling's indicator), including one created at 23:30 on the period's last day
    (Amsterdam time: the day boundary must be the same in both)."""
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    from casefiles.models import Dossier
    from duo.models import BerichtSoort, BerichtStatus, DuoBericht

    ams = ZoneInfo("Europe/Amsterdam")
    dossier = Dossier.objects.filter(gemeente_id__in=f.gemeente_ids).first()
    rijen = [
        (BerichtStatus.GEWEIGERD, datetime.combine(f.tot, time(23, 30), ams)),
        (BerichtStatus.GEWEIGERD, datetime.combine(f.van, time(9), ams)),
        (BerichtStatus.ONGELDIG, datetime.combine(f.van, time(12), ams)),
        (BerichtStatus.VERZONDEN, datetime.combine(f.van, time(12), ams)),
        (BerichtStatus.GEWEIGERD, datetime.combine(f.van, time(0, 30), ams) - timedelta(hours=1)),
        (BerichtStatus.GEWEIGERD, datetime.combine(f.tot, time(0, 30), ams) + timedelta(days=1)),
    ]
    for n, (status, moment) in enumerate(rijen):
        DuoBericht.objects.create(
            gemeente=dossier.gemeente,
            dossier=dossier,
            soort=BerichtSoort.PIP,
            methode="POST",
            api="PIP",
            dedup_key=f"basislijn:{n}",
            status=status,
            aangemaakt_op=moment,
        )


@alleen_postgresql
def test_baseline_equals_dashboard_on_the_hand_built_data_set(db, time_machine):
    f = bouw_data(time_machine)
    _duo_berichten(f)
    cijfers = vergelijk(f)
    assert cijfers["duo_geweigerd.geweigerd"][0] == 2
    assert cijfers["duo_geweigerd.ongeldig"][0] == 1
    # the data set exercises the indicators: most lines carry a figure
    met_waarde = [k for k, (w, _n) in cijfers.items() if w not in (None, 0, Decimal(0))]
    assert len(met_waarde) >= 40, met_waarde


@alleen_postgresql
def test_baseline_equals_dashboard_on_synthetic_data(db):
    env = synthetic.omgeving(2)
    rng = random.Random(16)  # noqa: S311 (synthetic data)
    bsns = synthetic.synthetic_bsns(synthetic.volgende_bsn_prefix())
    synthetic.batch_maken(env, 120, bsns, rng, bulk=True)
    vandaag = env.vandaag
    for van, tot in [
        (vandaag - timedelta(days=365), vandaag),
        (date(2023, 1, 1), date(2024, 6, 30)),
        (vandaag - timedelta(days=3 * 365), vandaag),
    ]:
        f = Filters(gemeente_ids=tuple(g.pk for g in env.gemeenten), van=van, tot=tot)
        cijfers = vergelijk(f)
        assert cijfers["inburgeraars_status.uitvoering"][0] > 0
    # one gemeente of the two: the gemeente filter is applied by both
    f = Filters(gemeente_ids=(env.gemeenten[0].pk,), van=vandaag - timedelta(days=365), tot=vandaag)
    assert vergelijk(f) != dashboard_cijfers(
        Filters(gemeente_ids=tuple(g.pk for g in env.gemeenten), van=f.van, tot=f.tot)
    )


@alleen_postgresql
def test_a_wrong_baseline_is_caught(db, time_machine, monkeypatch):
    """The comparison can fail: a baseline that counts one doelgroep wrong differs."""
    f = bouw_data(time_machine)
    fout = basislijn.SQL["dossier_groepen"].replace("COUNT(*)", "COUNT(*) + 1")
    monkeypatch.setitem(basislijn.SQL, "dossier_groepen", fout)
    with pytest.raises(AssertionError):
        vergelijk(f)


@pytest.mark.parametrize(
    ("sizes", "per", "plan"),
    [
        ([10_000, 100_000], 10_000, [10_000] * 10),
        ([1_000, 5_000], 10_000, [1_000, 4_000]),
        ([15, 40], 20, [15, 20, 5]),
        ([25], 10, [10, 10, 5]),
    ],
)
def test_gemeente_plan_makes_every_size_a_sum_of_the_first_gemeenten(sizes, per, plan):
    assert gemeente_plan(sizes, per) == plan


@alleen_postgresql
def test_bench_dashboard_builds_exactly_the_sizes_it_names(db):
    out = io.StringIO()
    args = ["--sizes", "15,40", "--per-gemeente", "20", "--herhalingen", "1"]
    call_command("bench_dashboard", *args, stdout=out, stderr=io.StringIO())
    regels = [json.loads(r) for r in out.getvalue().strip().splitlines()]
    assert [r["dossiers"] for r in regels] == [15, 40]
    assert all(r["basislijn_s"] > 0 and r["dashboard_s"] > 0 for r in regels)
    # a second run adds nothing; another plan on the same database is refused
    call_command("bench_dashboard", *args, stdout=io.StringIO(), stderr=io.StringIO())
    from casefiles.models import Dossier

    assert Dossier.objects.filter(gemeente__cbs_code__startswith="900").count() == 40
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command(
            "bench_dashboard",
            "--sizes",
            "10",
            "--per-gemeente",
            "20",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
