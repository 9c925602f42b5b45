"""The dashboard's hours summary (leerroutes.UrenSamenvatting, kept by database
triggers, append-only): after any series of writes — through the services, bulk, queryset
updates, deletes, a dossier deleted — it sums to exactly what the hour rows say; the
dashboard reads the same figures from it as from the hour rows; compaction folds the
delta rows without changing a figure; two writers of one gemeente never wait for each
other, nor for a compaction."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal as D

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection

from casefiles.models import Dossier
from leerroutes import services, urensamenvatting, urenvolgorde
from leerroutes.models import Urenregistratie, UrenSamenvatting
from monitoring.indicators import Filters
from monitoring.indicators.trajecten import _uren_per_soort
from tests.factories import DossierFactory
from tests.leerroutes import test_urenvolgorde as volgorde
from tests.leerroutes.factories import AanbiederFactory
from tests.twee_schrijvers import a_open_terwijl_b_schrijft

TODAY, _maand = volgorde.TODAY, volgorde._maand
schrijven = volgorde.schrijven  # the same series of writes as the rollup's tests

PERIODES = [
    (date(2026, 1, 1), date(2026, 11, 22)),
    (date(2026, 3, 1), date(2026, 5, 31)),
    (date(2026, 5, 1), date(2026, 5, 1)),
    (date(2026, 6, 1), date(2026, 12, 31)),
    (date(2025, 1, 1), date(2025, 12, 31)),  # nothing
]


def _per_soort(f: Filters, *, samenvatting: bool) -> dict[str, tuple]:
    return {
        r["soort"]: (r["u"] or D(0), r["p"])
        for r in _uren_per_soort(f, samenvatting=samenvatting)
        if r["u"] or r["p"]
    }


def _beide_gelijk(gemeente_ids: tuple[int, ...]) -> None:
    assert urensamenvatting.verschillen() == 0
    for van, tot in PERIODES:
        f = Filters(gemeente_ids=gemeente_ids, van=van, tot=tot)
        assert _per_soort(f, samenvatting=True) == _per_soort(f, samenvatting=False), (van, tot)


def test_the_summary_equals_the_hour_rows_after_a_series_of_writes(schrijven):
    g = (schrijven.gemeente.pk,)
    _beide_gelijk(g)
    # not trivially empty: the year has hours of several kinds and persons
    f = Filters(gemeente_ids=g, van=date(2026, 1, 1), tot=date(2026, 12, 31))
    per = _per_soort(f, samenvatting=True)
    assert per["taal_knm"][0] > 0 and per["taal_knm"][1] >= 2
    assert {"participatie", "map", "taalstage_werk"} <= set(per)


def test_writes_outside_the_services_keep_it_exact(schrijven):
    """Bulk inserts, queryset updates and deletes, and a dossier deleted with its hours
    (the triggers see every statement, not only Model.save)."""
    g = (schrijven.gemeente.pk,)
    nieuw = DossierFactory(gemeente=schrijven.gemeente)
    aanbieder = AanbiederFactory(gemeenten=[schrijven.gemeente])
    rijen = [
        Urenregistratie(
            dossier=nieuw,
            gemeente_id=nieuw.gemeente_id,
            aanbieder=aanbieder,
            soort="taal_knm",
            periode_start=_maand(2026, m)[0],
            periode_eind=_maand(2026, m)[1],
            aanwezig=D(10 + m),
        )
        for m in (2, 4, 6)
    ]
    Urenregistratie.objects.bulk_create(rijen)
    urenvolgorde.bijwerken(dossier_ids=[nieuw.pk])
    _beide_gelijk(g)
    Urenregistratie.objects.filter(dossier=nieuw, periode_start__month=4).update(aanwezig=0)
    urenvolgorde.bijwerken(dossier_ids=[nieuw.pk])
    _beide_gelijk(g)
    Urenregistratie.objects.filter(soort="map").update(periode_start=date(2026, 6, 1))
    urenvolgorde.bijwerken(dossier_ids=Urenregistratie.objects.values_list("dossier_id", flat=True))
    _beide_gelijk(g)
    Urenregistratie.objects.filter(dossier=nieuw, periode_start__month=6).delete()
    urenvolgorde.bijwerken(dossier_ids=[nieuw.pk])
    _beide_gelijk(g)
    Dossier.objects.filter(pk=schrijven.dossier.pk).delete()  # cascades to its hours
    _beide_gelijk(g)
    assert Urenregistratie.objects.exists()


def test_a_filtered_view_reads_the_hour_rows_and_agrees(schrijven):
    """With a doelgroep filter the dashboard cannot use the per-gemeente summary; it
    reads the hour rows of the filtered dossiers."""
    from monitoring.indicators import bereken

    d = schrijven.dossier
    f = Filters(
        gemeente_ids=(schrijven.gemeente.pk,),
        van=date(2026, 1, 1),
        tot=date(2026, 12, 31),
        doelgroep=d.doelgroep,
    )
    gefilterd = {r.categorie: r.n for r in bereken(f, ["uren_per_persoon"], parallel=False)}
    verwacht = (
        Urenregistratie.objects.filter(
            dossier__doelgroep=d.doelgroep, soort__in=["taal_knm", "intake_taal"], aanwezig__gt=0
        )
        .values("dossier_id")
        .distinct()
        .count()
    )
    assert gefilterd["taal"] == verwacht > 0


def test_compaction_folds_the_delta_rows_and_keeps_every_figure(schrijven):
    g = (schrijven.gemeente.pk,)
    f = Filters(gemeente_ids=g, van=date(2026, 1, 1), tot=date(2026, 12, 31))
    voor = _per_soort(f, samenvatting=True)
    sleutels = set(
        UrenSamenvatting.objects.values_list(
            "gemeente_id", "soort", "periode_start", "vorige_aanwezig_start"
        )
    )
    # the corrections and the delete of the fixture left more rows than keys
    assert UrenSamenvatting.objects.count() > len(sleutels)
    uit = urensamenvatting.compacteren()
    assert uit["rijen_na"] == UrenSamenvatting.objects.count() <= len(sleutels)
    assert uit["rijen_voor"] > uit["rijen_na"]
    per_sleutel = UrenSamenvatting.objects.values(
        "gemeente_id", "soort", "periode_start", "vorige_aanwezig_start"
    )
    assert len({tuple(r.values()) for r in per_sleutel}) == uit["rijen_na"]  # one per key
    assert not UrenSamenvatting.objects.filter(uren=0, rijen=0).exists()
    assert _per_soort(f, samenvatting=True) == voor
    _beide_gelijk(g)
    assert urensamenvatting.compacteren()["rijen_voor"] == uit["rijen_na"]  # idempotent


def test_a_stale_summary_is_found_and_rebuilt_by_the_command(schrijven):
    UrenSamenvatting.objects.create(
        gemeente_id=schrijven.gemeente.pk,
        soort="taal_knm",
        periode_start=date(2026, 5, 1),
        vorige_aanwezig_start=None,
        uren=D(99),
        rijen=3,
    )
    assert urensamenvatting.verschillen() == 1
    out = io.StringIO()
    call_command("uren_volgorde_herbouwen", stdout=out)
    assert json.loads(out.getvalue())["samenvatting_afwijkende_sleutels"] == 1
    _beide_gelijk((schrijven.gemeente.pk,))
    out = io.StringIO()
    call_command("uren_volgorde_herbouwen", stdout=out)
    assert json.loads(out.getvalue())["samenvatting_afwijkende_sleutels"] == 0


def _registreer(world, dossier, aanbieder, maand, uren=20):
    s, e = _maand(2026, maand)
    services.uren_registreren(
        actor=world.werkcoach,
        dossier=dossier,
        soort="taal_knm",
        periode_start=s,
        periode_eind=e,
        aanwezig=D(uren),
        aanbieder=aanbieder,
    )


def _zonder_wachten(schrijf):
    """Run ``schrijf`` on a connection that gives up on any lock after 300 ms: the test
    fails when the write waits for the other transaction (that holds it 1.5 s)."""

    def run():
        with connection.cursor() as c:
            c.execute("SET lock_timeout = '300ms'")
        try:
            schrijf()
        finally:
            with connection.cursor() as c:
                c.execute("RESET lock_timeout")

    return run


@pytest.mark.django_db(transaction=True)
def test_two_imports_of_one_gemeente_at_once_do_not_wait_for_each_other(world):
    """A registers March hours of one dossier and stays open; B registers March hours of
    another dossier of the same gemeente — the same summary key. Append-only delta rows
    let B go on at once (a shared counter row would make B wait for A's commit)."""
    aanbieder = AanbiederFactory(gemeenten=[world.gemeente])
    ander = DossierFactory(gemeente=world.gemeente)
    a_open_terwijl_b_schrijft(
        lambda: _registreer(world, world.dossier, aanbieder, 3),
        _zonder_wachten(lambda: _registreer(world, ander, aanbieder, 3, uren=30)),
        vandaag=TODAY,
    )
    _beide_gelijk((world.gemeente.pk,))
    f = Filters(gemeente_ids=(world.gemeente.pk,), van=date(2026, 3, 1), tot=date(2026, 3, 31))
    assert _per_soort(f, samenvatting=True)["taal_knm"] == (D(50), 2)


@pytest.mark.django_db(transaction=True)
def test_compaction_beside_an_open_import_loses_nothing(world):
    """A compaction while an import's transaction is open neither waits for it nor
    folds its uncommitted rows: after A commits, the summary is exact."""
    aanbieder = AanbiederFactory(gemeenten=[world.gemeente])
    with time_machine.travel(TODAY, tick=False):
        for m in (1, 2):
            _registreer(world, world.dossier, aanbieder, m)
    a_open_terwijl_b_schrijft(
        lambda: _registreer(world, world.dossier, aanbieder, 2, uren=25),  # a correction
        _zonder_wachten(urensamenvatting.compacteren),
        vandaag=TODAY,
    )
    _beide_gelijk((world.gemeente.pk,))
    f = Filters(gemeente_ids=(world.gemeente.pk,), van=date(2026, 1, 1), tot=date(2026, 2, 28))
    assert _per_soort(f, samenvatting=True)["taal_knm"] == (D(45), 1)


def test_the_nightly_compaction_is_scheduled_and_runs(schrijven, settings):
    from leerroutes.tasks import urensamenvatting_compacteren

    entry = settings.CELERY_BEAT_SCHEDULE["leerroutes-urensamenvatting-compacteren"]
    assert entry["task"] == urensamenvatting_compacteren.name
    uit = urensamenvatting_compacteren.apply().get()
    assert uit["rijen_voor"] > uit["rijen_na"] == UrenSamenvatting.objects.count()
    _beide_gelijk((schrijven.gemeente.pk,))
