"""The dashboard's per-dossier hours rollup (Urenregistratie.vorige_aanwezig_start,
leerroutes.urenvolgorde): after any series of writes through the services it equals a
recomputation from the rows, and the dashboard's "uren per persoon" equals a count
done the slow way (group every row per person)."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from decimal import Decimal as D

import pytest
import time_machine
from django.core.management import call_command

from leerroutes import services, urenvolgorde
from leerroutes.models import Urenregistratie
from leerroutes.rules import UREN_GROEPEN
from monitoring.indicators import Filters, bereken
from tests.factories import DossierFactory
from tests.leerroutes.factories import AanbiederFactory
from tests.twee_schrijvers import a_open_terwijl_b_schrijft

TODAY = date(2026, 11, 22)


def _maand(jaar: int, maand: int) -> tuple[date, date]:
    start = date(jaar, maand, 1)
    volgende = date(jaar + maand // 12, maand % 12 + 1, 1)
    return start, volgende - timedelta(days=1)


def _opgeslagen() -> dict[int, object]:
    return dict(Urenregistratie.objects.values_list("id", "vorige_aanwezig_start"))


def _langzaam(f: Filters) -> dict[str, tuple]:
    """Per hour group: (total attended hours, persons with attended hours) of the rows
    starting in the period, grouping per person in Python."""
    groep_van = {s: g for g, soorten in UREN_GROEPEN.items() for s in soorten}
    per: dict[tuple, D] = {}
    for dossier_id, soort, aanwezig in Urenregistratie.objects.filter(
        gemeente_id__in=f.gemeente_ids, periode_start__gte=f.van, periode_start__lte=f.tot
    ).values_list("dossier_id", "soort", "aanwezig"):
        sleutel = (dossier_id, groep_van[soort])
        per[sleutel] = per.get(sleutel, D(0)) + aanwezig
    uit = {}
    for groep in UREN_GROEPEN:
        sommen = [v for (_d, g), v in per.items() if g == groep]
        personen = sum(1 for v in sommen if v > 0)
        uit[groep] = (sum(sommen, D(0)), personen)
    return uit


@pytest.fixture
def schrijven(world):
    """A series of writes through uren_registreren on three dossiers: out of order,
    equal start dates, zero hours, corrections to and from zero, other groups."""
    aanbieder = AanbiederFactory(gemeenten=[world.gemeente])
    andere = DossierFactory(gemeente=world.gemeente)
    derde = DossierFactory(gemeente=world.gemeente)

    def reg(dossier, soort, maand, uren, *, eind=None, met_aanbieder=True):
        start, laatste = _maand(2026, maand)
        return services.uren_registreren(
            actor=world.werkcoach,
            dossier=dossier,
            soort=soort,
            periode_start=start,
            periode_eind=eind or laatste,
            aanwezig=D(uren),
            aanbieder=aanbieder if met_aanbieder else None,
        )[0]

    d = world.dossier
    with time_machine.travel(TODAY, tick=False):
        reg(d, "taal_knm", 5, 40)
        reg(d, "taal_knm", 2, 30)  # earlier than the first: the first gets a predecessor
        reg(d, "intake_taal", 5, 8, met_aanbieder=False)  # same group, same start
        reg(d, "taal_knm", 3, 0)  # no attended hours: never a predecessor
        reg(d, "participatie", 3, 20)  # another group: its own order
        reg(d, "map", 7, 12)
        reg(d, "taal_knm", 3, 25)  # correction from zero to hours
        reg(d, "taal_knm", 2, 0)  # correction to zero: the next loses its predecessor
        reg(d, "taal_knm", 8, 10, eind=date(2026, 8, 15))
        reg(d, "taal_knm", 8, 11, eind=date(2026, 8, 20))  # same start, other row
        reg(andere, "taalstage_werk", 4, 16)
        reg(andere, "taal_knm", 9, 50)
        reg(andere, "taal_knm", 1, 45)
        reg(derde, "pvt", 6, 0)
        weg = reg(derde, "taal_knm", 6, 30)
        reg(derde, "taal_knm", 10, 30)
        weg.delete()  # a delete: the successor becomes the first again
    return world


def test_rollup_equals_a_recomputation_after_a_series_of_writes(schrijven):
    opgeslagen = _opgeslagen()
    assert opgeslagen == urenvolgorde.herberekend()
    assert len(opgeslagen) == 13  # 16 writes, 2 corrections, 1 delete
    # not trivially NULL: rows with a predecessor exist, and the values are the ones
    # the order asks for
    d = schrijven.dossier
    rijen = {
        (r.soort, r.periode_start, r.periode_eind): r.vorige_aanwezig_start
        for r in Urenregistratie.objects.filter(dossier=d)
    }
    assert rijen[("taal_knm", date(2026, 3, 1), date(2026, 3, 31))] is None  # Feb went to 0
    assert rijen[("taal_knm", date(2026, 5, 1), date(2026, 5, 31))] == date(2026, 3, 1)
    assert rijen[("intake_taal", date(2026, 5, 1), date(2026, 5, 31))] == date(2026, 5, 1)
    assert rijen[("taal_knm", date(2026, 2, 1), date(2026, 2, 28))] is None  # zero hours
    assert rijen[("map", date(2026, 7, 1), date(2026, 7, 31))] == date(2026, 3, 1)


@pytest.mark.parametrize(
    ("van", "tot"),
    [
        (date(2026, 1, 1), date(2026, 11, 22)),
        (date(2026, 3, 1), date(2026, 5, 31)),
        (date(2026, 5, 1), date(2026, 5, 1)),  # one day: two rows of one group
        (date(2026, 6, 1), date(2026, 8, 31)),
        (date(2026, 8, 1), date(2026, 12, 31)),
        (date(2026, 11, 1), date(2026, 12, 31)),  # no hours
    ],
)
def test_dashboard_counts_the_same_persons_as_grouping_every_row(schrijven, van, tot):
    f = Filters(gemeente_ids=(schrijven.gemeente.pk,), van=van, tot=tot)
    langzaam = _langzaam(f)
    rijen = {r.categorie: r for r in bereken(f, ["uren_per_persoon"], parallel=False)}
    for groep, (som, personen) in langzaam.items():
        assert rijen[groep].n == personen, groep
        verwacht = (som / personen).quantize(D("0.1")) if personen else None
        assert rijen[groep].waarde == verwacht, groep


def test_a_stale_rollup_is_rebuilt_by_the_command(schrijven):
    goed = _opgeslagen()
    # a rollup gone stale (e.g. rows written outside the application)
    Urenregistratie.objects.update(vorige_aanwezig_start=date(2000, 1, 1))
    assert _opgeslagen() != goed
    out = io.StringIO()
    call_command("uren_volgorde_herbouwen", "--per", "1", stdout=out)
    assert _opgeslagen() == goed
    assert json.loads(out.getvalue())["gewijzigde_rijen"] == len(goed)
    # repeating it changes nothing
    out = io.StringIO()
    call_command("uren_volgorde_herbouwen", stdout=out)
    assert json.loads(out.getvalue())["gewijzigde_rijen"] == 0


def test_keeping_the_rollup_costs_one_statement_per_write(world, django_assert_num_queries):
    aanbieder = AanbiederFactory(gemeenten=[world.gemeente])
    kw = dict(
        actor=world.werkcoach,
        dossier=world.dossier,
        soort="taal_knm",
        periode_start=date(2026, 10, 1),
        periode_eind=date(2026, 10, 31),
        aanbieder=aanbieder,
    )
    with time_machine.travel(TODAY, tick=False):
        services.uren_registreren(**kw, aanwezig=D(10))
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            services.uren_registreren(**kw, aanwezig=D(12))
    rollup = [q for q in ctx.captured_queries if "vorige_aanwezig_start = v.vorige" in q["sql"]]
    assert len(rollup) == 1


@pytest.mark.django_db(transaction=True)
def test_two_colleagues_saving_hours_of_one_dossier_at_once_keep_the_rollup_exact(world):
    """Two transactions add hours to the same dossier at the same moment: A adds March
    and is still open when B adds February. Unserialised, B's rollup would not see
    March (uncommitted) and March would keep January as its predecessor; the service
    serialises the writers on the dossier, so B waits for A and sees it."""
    aanbieder = AanbiederFactory(gemeenten=[world.gemeente])

    def reg(maand):
        s, e = _maand(2026, maand)
        services.uren_registreren(
            actor=world.werkcoach,
            dossier=world.dossier,
            soort="taal_knm",
            periode_start=s,
            periode_eind=e,
            aanwezig=D(20),
            aanbieder=aanbieder,
        )

    with time_machine.travel(TODAY, tick=False):
        reg(1)
    a_open_terwijl_b_schrijft(lambda: reg(3), lambda: reg(2), vandaag=TODAY)
    assert Urenregistratie.objects.count() == 3
    maart = Urenregistratie.objects.get(periode_start=date(2026, 3, 1))
    assert maart.vorige_aanwezig_start == date(2026, 2, 1)
    assert _opgeslagen() == urenvolgorde.herberekend()
