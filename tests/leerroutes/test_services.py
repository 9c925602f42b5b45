"""Services of the leerroutes app: following the PIP, hours, exams, MAP, PVT, signals."""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
import time_machine
from django.core.exceptions import ValidationError

from casefiles.choices import DossierStatus, TaakStatus
from casefiles.models import Taak
from leerroutes import selectors, services
from leerroutes.choices import MapPvtStatus, TrajectStatus, UrenSoort
from leerroutes.models import Traject
from tests.leerroutes.factories import AanbiederFactory, TrajectFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 22)


@pytest.fixture
def aanbieder(world):
    return AanbiederFactory(gemeenten=[world.gemeente])


@time_machine.travel(TODAY, tick=False)
def test_traject_volg_pip_maakt_traject_en_is_idempotent(world, aanbieder):
    d = world.dossier
    t = services.traject_volg_pip(
        actor=world.werkcoach,
        dossier=d,
        route="b1",
        niveau="B1",
        aanbieder=aanbieder,
        pip_versie_id=7,
        dagtekening=date(2026, 11, 1),
    )
    assert (t.route, t.niveau, t.aanbieder, t.status) == (
        "b1",
        "B1",
        aanbieder,
        TrajectStatus.AANGEMELD,
    )
    assert t.kosten == D("10000.00")  # asielstatushouder: the gemeente buys the route
    again = services.traject_volg_pip(
        actor=world.werkcoach,
        dossier=d,
        route="z",
        niveau="A1",
        aanbieder=aanbieder,
        pip_versie_id=7,
        dagtekening=date(2026, 11, 1),
    )
    assert again.pk == t.pk and again.route == "b1"
    assert Traject.objects.filter(dossier=d).count() == 1


@time_machine.travel(TODAY, tick=False)
def test_schakelen_sluit_oud_traject_en_houdt_historie(world, aanbieder):
    d = world.dossier
    oud = services.traject_volg_pip(
        actor=world.werkcoach,
        dossier=d,
        route="b1",
        niveau="B1",
        aanbieder=aanbieder,
        pip_versie_id=1,
        dagtekening=date(2026, 3, 1),
    )
    nieuw = services.traject_volg_pip(
        actor=world.werkcoach,
        dossier=d,
        route="z",
        niveau="A1",
        aanbieder=None,
        pip_versie_id=2,
        dagtekening=date(2026, 10, 1),
    )
    oud.refresh_from_db()
    assert oud.status == TrajectStatus.GESTOPT and "Z-route" in oud.onderbreking_reden
    assert nieuw.vorige == oud and nieuw.route == "z"
    assert nieuw.aanbieder == aanbieder  # the provider offers the Z-route too: kept
    assert selectors.traject_actueel(dossier=d) == nieuw
    # an older version arriving late changes nothing
    services.traject_volg_pip(
        actor=world.werkcoach,
        dossier=d,
        route="b1",
        niveau="B1",
        aanbieder=None,
        pip_versie_id=1,
        dagtekening=date(2026, 3, 1),
    )
    assert selectors.traject_actueel(dossier=d) == nieuw


@time_machine.travel(TODAY, tick=False)
def test_afschalen_via_nieuwe_pip_versie(world, aanbieder):
    d = world.dossier
    services.traject_volg_pip(
        actor=world.werkcoach,
        dossier=d,
        route="b1",
        niveau="B1",
        aanbieder=aanbieder,
        pip_versie_id=1,
        dagtekening=date(2026, 3, 1),
    )
    services.examen_registreren(
        actor=world.werkcoach,
        dossier=d,
        onderdeel="lezen",
        niveau="B1",
        datum=date(2026, 9, 1),
        resultaat="behaald",
    )
    t = services.traject_volg_pip(
        actor=world.werkcoach,
        dossier=d,
        route="b1",
        niveau="A2",
        aanbieder=None,
        pip_versie_id=2,
        dagtekening=date(2026, 10, 1),
    )
    assert t.niveau == "A2"
    assert t.afgeschaalde_onderdelen == ["luisteren", "schrijven", "spreken"]
    t = services.traject_volg_pip(
        actor=world.werkcoach,
        dossier=d,
        route="b1",
        niveau="A2",
        aanbieder=None,
        pip_versie_id=3,
        dagtekening=date(2026, 10, 2),
        afgeschaalde_onderdelen=["spreken"],
    )
    assert t.afgeschaalde_onderdelen == ["spreken"]


def test_duo_combinaties_geweigerd(world):
    with pytest.raises(ValidationError, match="B1 kan niet samen met de Z-route"):
        services.traject_aanmelden(
            actor=world.werkcoach, dossier=world.dossier, route="z", niveau="B1", aanbieder=None
        )
    with pytest.raises(ValidationError, match="A2 kan niet samen met de onderwijsroute"):
        services.traject_aanmelden(
            actor=world.werkcoach,
            dossier=world.dossier,
            route="onderwijs",
            niveau="A2",
            aanbieder=None,
        )


def test_aanbieder_van_andere_gemeente_geweigerd(world):
    elders = AanbiederFactory(gemeenten=[world.andere_gemeente])
    with pytest.raises(ValidationError, match="werkt niet voor de gemeente"):
        services.traject_aanmelden(
            actor=world.werkcoach, dossier=world.dossier, route="b1", niveau="B1", aanbieder=elders
        )


@time_machine.travel(TODAY, tick=False)
def test_traject_status_levenscyclus(world, aanbieder):
    t = TrajectFactory(
        dossier=world.dossier, aanbieder=aanbieder, status=TrajectStatus.AANGEMELD, datum_start=None
    )
    with pytest.raises(ValidationError, match="kan niet naar 'Afgerond'"):
        services.traject_bijwerken(actor=world.werkcoach, traject=t, status=TrajectStatus.AFGEROND)
    services.traject_bijwerken(actor=world.werkcoach, traject=t, status=TrajectStatus.GESTART)
    assert t.datum_start == TODAY
    with pytest.raises(ValidationError, match="reden van de onderbreking"):
        services.traject_bijwerken(
            actor=world.werkcoach, traject=t, status=TrajectStatus.ONDERBROKEN
        )
    t.refresh_from_db()
    services.traject_bijwerken(
        actor=world.werkcoach,
        traject=t,
        status=TrajectStatus.ONDERBROKEN,
        onderbreking_reden="Zwangerschapsverlof",
    )
    assert world.dossier.gebeurtenissen.filter(titel__contains="Gestart → Onderbroken").exists()


@time_machine.travel(TODAY, tick=False)
def test_inburgeringsaanbod_duo_volgorde(world, aanbieder):
    t = TrajectFactory(
        dossier=world.dossier,
        aanbieder=aanbieder,
        route="onderwijs",
        niveau="B1",
        pip_dagtekening=date(2026, 3, 1),
    )
    with pytest.raises(ValidationError, match="niet voor de datum inburgeringsaanbod"):
        services.traject_bijwerken(
            actor=world.werkcoach,
            traject=t,
            datum_aanbod=date(2026, 5, 1),
            aanvang_taalschakeltraject=date(2026, 4, 1),
        )
    t.refresh_from_db()
    services.traject_bijwerken(
        actor=world.werkcoach,
        traject=t,
        datum_aanbod=date(2026, 4, 1),
        aanvang_taalschakeltraject=date(2026, 5, 1),
    )


@time_machine.travel(TODAY, tick=False)
def test_uren_registreren_idempotent_en_correctie(world, aanbieder):
    kw = dict(
        actor=world.werkcoach,
        dossier=world.dossier,
        soort=UrenSoort.TAAL_KNM,
        periode_start=date(2026, 10, 1),
        periode_eind=date(2026, 10, 31),
        aanwezig=D(60),
        aanbieder=aanbieder,
    )
    _r, actie = services.uren_registreren(**kw)
    assert actie == "nieuw"
    assert services.uren_registreren(**kw)[1] == "ongewijzigd"
    assert services.uren_registreren(**{**kw, "aanwezig": D(62)})[1] == "bijgewerkt"
    assert selectors.cursus_uren(dossier=world.dossier) == D(62)


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("kw", "fout"),
    [
        ({"periode_eind": date(2026, 12, 31)}, "toekomst"),
        ({"aanwezig": D(-1)}, "negatief"),
        ({"aanwezig": D(500)}, "Onwaarschijnlijk veel uren"),
        ({"periode_start": date(2026, 11, 2), "periode_eind": date(2026, 11, 1)}, "voor het begin"),
    ],
)
def test_uren_weigeringen(world, kw, fout):
    base = dict(
        actor=world.werkcoach,
        dossier=world.dossier,
        soort=UrenSoort.TAAL_KNM,
        periode_start=date(2026, 10, 1),
        periode_eind=date(2026, 10, 31),
        aanwezig=D(60),
    )
    with pytest.raises(ValidationError, match=fout):
        services.uren_registreren(**{**base, **kw})


@time_machine.travel(TODAY, tick=False)
def test_examen_poging_en_kosten(world):
    d = world.dossier
    e1, _ = services.examen_registreren(
        actor=world.werkcoach,
        dossier=d,
        onderdeel="spreken",
        niveau="B1",
        datum=date(2026, 3, 1),
        resultaat="niet_behaald",
    )
    e2, _ = services.examen_registreren(
        actor=world.werkcoach,
        dossier=d,
        onderdeel="spreken",
        niveau="B1",
        datum=date(2026, 6, 1),
        resultaat="niet_behaald",
    )
    e3, _ = services.examen_registreren(
        actor=world.werkcoach,
        dossier=d,
        onderdeel="spreken",
        niveau="B1",
        datum=date(2026, 9, 1),
        resultaat="behaald",
    )
    assert [e1.poging, e2.poging, e3.poging] == [1, 2, 3]
    assert [e1.kosten_inburgeraar, e3.kosten_inburgeraar] == [D("0.00"), D("50.00")]
    with pytest.raises(ValidationError, match="niet in de toekomst"):
        services.examen_registreren(
            actor=world.werkcoach,
            dossier=d,
            onderdeel="lezen",
            niveau="B1",
            datum=date(2026, 12, 1),
            resultaat="behaald",
        )


@time_machine.travel(TODAY, tick=False)
def test_map_alleen_b1_en_z_en_binnen_termijn(world, aanbieder):
    d = world.dossier
    TrajectFactory(dossier=d, aanbieder=aanbieder, route="onderwijs", niveau="B1")
    with pytest.raises(ValidationError, match="alleen bij de B1-route en de Z-route"):
        services.map_opslaan(
            actor=world.werkcoach,
            dossier=d,
            aanbieder=aanbieder,
            status="aangemeld",
            cohort_start=None,
            uren=D(0),
            datum_eindgesprek=None,
        )


@time_machine.travel(TODAY, tick=False)
def test_map_eindgesprek_buiten_termijn_vraagt_verwijtbaar(world, aanbieder):
    d = world.dossier
    d.termijn_start, d.termijn_eind = date(2023, 9, 1), date(2026, 9, 1)
    d.save()
    TrajectFactory(dossier=d, aanbieder=aanbieder)
    with pytest.raises(ValidationError, match="verwijtbaar"):
        services.map_opslaan(
            actor=world.werkcoach,
            dossier=d,
            aanbieder=aanbieder,
            status="gestart",
            cohort_start=date(2026, 6, 1),
            uren=D(15),
            datum_eindgesprek=date(2026, 10, 1),
        )
    m = services.map_opslaan(
        actor=world.werkcoach,
        dossier=d,
        aanbieder=aanbieder,
        status="gestart",
        cohort_start=date(2026, 6, 1),
        uren=D(15),
        datum_eindgesprek=date(2026, 10, 1),
        verwijtbaar="ja",
    )
    assert m.status == MapPvtStatus.AFGEROND and m.kosten == D("850.00")


@time_machine.travel(TODAY, tick=False)
def test_pvt_minimaal_12_uur(world, aanbieder):
    TrajectFactory(dossier=world.dossier, aanbieder=aanbieder)  # follows a vastgestelde PIP
    with pytest.raises(ValidationError, match="minstens 12 uur"):
        services.pvt_opslaan(
            actor=world.werkcoach,
            dossier=world.dossier,
            aanbieder=aanbieder,
            status="gestart",
            start=date(2026, 9, 1),
            uren=D(10),
            datum_ondertekening=date(2026, 10, 1),
        )
    p = services.pvt_opslaan(
        actor=world.werkcoach,
        dossier=world.dossier,
        aanbieder=aanbieder,
        status="gestart",
        start=date(2026, 9, 1),
        uren=D(12),
        datum_ondertekening=date(2026, 10, 1),
    )
    assert p.status == MapPvtStatus.AFGEROND
    assert selectors.leerroute_overzicht(dossier=world.dossier).pvt_compleet


def _open_sleutels(dossier):
    return set(
        Taak.objects.filter(
            dossier=dossier, status=TaakStatus.OPEN, sleutel__startswith="leerroute:"
        ).values_list("sleutel", flat=True)
    )


@time_machine.travel(TODAY, tick=False)
def test_signalen_als_taken_idempotent(world, aanbieder):
    d = world.dossier
    d.status = DossierStatus.UITVOERING
    d.termijn_start, d.termijn_eind = date(2025, 2, 1), date(2028, 2, 1)
    d.save()
    t = TrajectFactory(dossier=d, aanbieder=aanbieder, datum_start=date(2026, 6, 10))
    services.uren_registreren(
        actor=None,
        dossier=d,
        soort="taal_knm",
        periode_start=date(2026, 10, 1),
        periode_eind=date(2026, 10, 20),
        aanwezig=D(40),
        stil=True,
    )
    services.signalen_bijwerken(dossier=d)
    sleutels = _open_sleutels(d)
    assert sleutels == {
        "leerroute:map-uitnodiging",  # cohort 1-2-2027 (start + 6 months = 10-12-2026)
        "leerroute:termijn-6m",
        "leerroute:termijn-2m",
        "leerroute:geen-uren:2026-10-20",  # > 4 weeks without hours
    }
    map_taak = Taak.objects.get(dossier=d, sleutel="leerroute:map-uitnodiging")
    assert map_taak.deadline == date(2027, 2, 1) - timedelta(days=14)
    n = Taak.objects.count()
    services.signalen_bijwerken(dossier=d)
    assert Taak.objects.count() == n
    # hours arrive: the no-hours signal lapses
    services.uren_registreren(
        actor=None,
        dossier=d,
        soort="taal_knm",
        periode_start=date(2026, 11, 1),
        periode_eind=date(2026, 11, 20),
        aanwezig=D(40),
        stil=True,
    )
    services.signalen_bijwerken(dossier=d)
    assert not any(s.startswith("leerroute:geen-uren") for s in _open_sleutels(d))
    # ≥ 600 course hours with parts not passed: afschalen may be considered
    services.uren_registreren(
        actor=None,
        dossier=d,
        soort="taal_knm",
        periode_start=date(2026, 6, 10),
        periode_eind=date(2026, 9, 30),
        aanwezig=D(600),
        stil=True,
    )
    services.signalen_bijwerken(dossier=d)
    assert f"leerroute:afschalen:{t.pk}" in _open_sleutels(d)


@time_machine.travel(TODAY, tick=False)
def test_signalen_vervallen_bij_afgerond_dossier(world, aanbieder):
    d = world.dossier
    d.status = DossierStatus.UITVOERING
    d.termijn_start, d.termijn_eind = date(2025, 2, 1), date(2028, 2, 1)
    d.save()
    services.signalen_bijwerken(dossier=d)
    assert _open_sleutels(d)
    d.status = DossierStatus.AFGEROND
    d.save()
    services.signalen_bijwerken(dossier=d)
    assert not _open_sleutels(d)


@time_machine.travel(TODAY, tick=False)
def test_sweep_task(world, aanbieder):
    from leerroutes.tasks import signalen_sweep

    d = world.dossier
    d.status = DossierStatus.UITVOERING
    d.termijn_start, d.termijn_eind = date(2025, 2, 1), date(2028, 2, 1)
    d.save()
    assert signalen_sweep() >= 1  # the task body, run in process
    assert "leerroute:termijn-6m" in _open_sleutels(d)


@time_machine.travel(TODAY, tick=False)
def test_cursus_uren_telt_over_schakelen_heen(world, aanbieder):
    """DUO Gevolgde uren: after schakelen the earlier route's language hours still count."""
    d = world.dossier
    services.traject_volg_pip(
        actor=None,
        dossier=d,
        route="b1",
        niveau="B1",
        aanbieder=aanbieder,
        pip_versie_id=1,
        dagtekening=date(2026, 1, 5),
    )
    services.uren_registreren(
        actor=None,
        dossier=d,
        soort="taal_knm",
        periode_start=date(2026, 2, 1),
        periode_eind=date(2026, 2, 28),
        aanwezig=D(80),
        stil=True,
    )
    services.traject_volg_pip(
        actor=None,
        dossier=d,
        route="z",
        niveau="A1",
        aanbieder=aanbieder,
        pip_versie_id=2,
        dagtekening=date(2026, 4, 1),
    )
    services.uren_registreren(
        actor=None,
        dossier=d,
        soort="taal_knm",
        periode_start=date(2026, 4, 1),
        periode_eind=date(2026, 4, 30),
        aanwezig=D(50),
        stil=True,
    )
    assert selectors.cursus_uren(dossier=d) == D(130)


@time_machine.travel(TODAY, tick=False)
def test_z_route_voortgang_telt_intake_uren(world, aanbieder, monkeypatch):
    d = world.dossier
    TrajectFactory(dossier=d, aanbieder=aanbieder, route="z", niveau="A1")
    services.uren_registreren(
        actor=None,
        dossier=d,
        soort="participatie",
        periode_start=date(2026, 5, 1),
        periode_eind=date(2026, 5, 31),
        aanwezig=D(100),
        stil=True,
    )
    monkeypatch.setattr(selectors, "intake_uren_veilig", lambda *, dossier: D(40))
    o = selectors.leerroute_overzicht(dossier=d)
    assert [b.gedaan for b in o.voortgang] == [D(0), D(140)]
    assert [b.nodig for b in o.voortgang] == [D(800), D(800)]


def test_sweep_via_echte_celery_worker(celery_worker_process, world):
    """The beat job runs in a real worker against PostgreSQL + Redis (skipped on SQLite)."""
    from django.utils import timezone

    from leerroutes.tasks import signalen_sweep

    today = timezone.localdate()
    d = world.dossier
    d.status = DossierStatus.UITVOERING
    d.termijn_start, d.termijn_eind = today - timedelta(days=400), today + timedelta(days=700)
    d.save()
    assert signalen_sweep.delay().get(timeout=60) >= 1
    assert {"leerroute:termijn-6m", "leerroute:termijn-2m"} <= _open_sleutels(d)
