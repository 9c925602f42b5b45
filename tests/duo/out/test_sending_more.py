"""The other messages end to end against the fake DUO: MAP and PVT (PUT with
verwijtbaar), Z-route afronding, gevolgde uren (cumulative totals), the
inburgeringsaanbod per instelling and the PIP DELETE after withdrawing the only PIP."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from duo.models import BerichtSoort, BerichtStatus, DuoBericht
from leerroutes.models import MapInschrijving, PvtInschrijving, Traject
from pip_plans import services as pip_services
from tests.duo.out.conftest import run_duo_jobs
from tests.leerroutes.factories import AanbiederFactory, UrenFactory
from tests.pip_plans.factories import vastgestelde_pip


def _met_pip(world):
    versie = vastgestelde_pip(world.dossier, world.werkcoach)
    assert run_duo_jobs() == {"done": 1}
    return versie


def _status(soort):
    return DuoBericht.objects.filter(soort=soort).values_list("status", flat=True).get()


def test_map_and_pvt_dates_reach_duo(world, duo_server):
    _met_pip(world)
    vandaag = timezone.localdate()
    m = MapInschrijving.objects.create(dossier=world.dossier, datum_eindgesprek=vandaag)
    PvtInschrijving.objects.create(dossier=world.dossier, datum_ondertekening=vandaag)
    assert run_duo_jobs() == {"done": 2}
    person = duo_server.person(world.dossier.inburgeraar.bsn)
    assert person.map.datum == vandaag and person.map.verwijtbaar is None
    assert person.pvt.datum == vandaag
    assert _status(BerichtSoort.MAP) == BerichtStatus.VERZONDEN

    # withdrawing the date: PUT without the field (DUO replaces the whole resource)
    m.datum_eindgesprek = None
    m.save()
    run_duo_jobs()
    assert duo_server.person(world.dossier.inburgeraar.bsn).map.datum is None


def test_map_in_the_future_is_refused_by_duo_and_stored(world, duo_server):
    """DUO: 'De datum eindgesprek MAP mag niet in de toekomst liggen' (the leerroutes
    form refuses it too; here the model is written directly)."""
    _met_pip(world)
    MapInschrijving.objects.create(
        dossier=world.dossier, datum_eindgesprek=timezone.localdate() + timedelta(days=3)
    )
    run_duo_jobs()
    b = DuoBericht.objects.get(soort=BerichtSoort.MAP)
    assert b.status == BerichtStatus.GEWEIGERD
    assert b.http_status == 403
    assert b.reden


def test_zroute_afronding_reaches_duo(world, duo_server):
    _met_pip(world)
    traject = Traject.objects.get(dossier=world.dossier)
    traject.z_eindgesprek = timezone.localdate()
    traject.z_afgerond_op = timezone.localdate()
    traject.save()
    run_duo_jobs()
    assert duo_server.person(world.dossier.inburgeraar.bsn).zroute_afgerond == timezone.localdate()


def test_gevolgde_uren_are_cumulative_totals_one_message_while_waiting(world, duo_server):
    _met_pip(world)
    UrenFactory(dossier=world.dossier, soort="taal_knm", aanwezig=Decimal("12.5"))
    UrenFactory(
        dossier=world.dossier,
        soort="taal_knm",
        aanwezig=Decimal("10"),
        periode_start=timezone.localdate().replace(day=1),
        periode_eind=timezone.localdate(),
    )
    assert DuoBericht.objects.filter(soort=BerichtSoort.UREN_TAAL).count() == 1
    run_duo_jobs()
    totals = duo_server.person(world.dossier.inburgeraar.bsn).uren[world.gemeente.cbs_code]
    assert totals["ParticipatieAlsTaalles"] == 22  # whole hours of 22.5
    # a later record: a new message with the new total
    UrenFactory(
        dossier=world.dossier,
        soort="taal_knm",
        aanwezig=Decimal("8"),
        periode_start=timezone.localdate(),
        periode_eind=timezone.localdate(),
    )
    run_duo_jobs()
    totals = duo_server.person(world.dossier.inburgeraar.bsn).uren[world.gemeente.cbs_code]
    assert totals["ParticipatieAlsTaalles"] == 30


def test_inburgeringsaanbod_per_instelling_reaches_duo(world, duo_server):
    _met_pip(world)
    aanbieder = AanbiederFactory(duo_code="1000000001")
    traject = Traject.objects.get(dossier=world.dossier)
    traject.aanbieder = aanbieder
    traject.datum_aanbod = timezone.localdate()
    traject.save()
    run_duo_jobs()
    assert _status(BerichtSoort.AANBOD) == BerichtStatus.VERZONDEN
    aanbod = duo_server.person(world.dossier.inburgeraar.bsn).aanbod["1000000001"]
    assert aanbod["datumInburgeringsaanbod"] == timezone.localdate().isoformat()


def test_aanbod_for_an_unknown_instelling_is_not_sent(world, duo_server):
    _met_pip(world)
    traject = Traject.objects.get(dossier=world.dossier)
    traject.aanbieder = AanbiederFactory(duo_code="T0001")  # not DUO's 10 characters
    traject.datum_aanbod = timezone.localdate()
    traject.save()
    run_duo_jobs()
    b = DuoBericht.objects.get(soort=BerichtSoort.AANBOD)
    assert b.status == BerichtStatus.ONGELDIG
    assert "instellingsnummer" in b.reden


def test_withdrawing_the_only_pip_deletes_it_at_duo(world, duo_server):
    versie = _met_pip(world)
    pip_services.pip_intrekken(actor=world.werkcoach, versie=versie, reden="Vergissing")
    run_duo_jobs()
    assert _status(BerichtSoort.PIP_VERWIJDEREN) == BerichtStatus.VERZONDEN
    assert duo_server.person(world.dossier.inburgeraar.bsn).actuele_pip is None


def test_pip_delete_not_sent_when_course_hours_exist(world, duo_server):
    """DUO: 'Er zijn nog geen cursusdeelnameuren … geregistreerd' — checked first."""
    versie = _met_pip(world)
    UrenFactory(dossier=world.dossier, soort="taal_knm", aanwezig=Decimal("4"))
    run_duo_jobs()
    pip_services.pip_intrekken(actor=world.werkcoach, versie=versie, reden="Vergissing")
    run_duo_jobs()
    b = DuoBericht.objects.get(soort=BerichtSoort.PIP_VERWIJDEREN)
    assert b.status == BerichtStatus.ONGELDIG
    assert "cursusuren" in b.reden
    assert duo_server.person(world.dossier.inburgeraar.bsn).actuele_pip is not None


def test_map_waits_for_the_pip_message_of_the_dossier(world, duo_server):
    """DUO refuses a MAP date without a PIP of the gemeente: the MAP message waits while
    the dossier's PIP message is still on its way, and goes once the PIP is there."""
    from casefiles import outbox

    vastgestelde_pip(world.dossier, world.werkcoach)
    m = MapInschrijving.objects.create(
        dossier=world.dossier, datum_eindgesprek=timezone.localdate()
    )
    map_bericht = DuoBericht.objects.get(soort=BerichtSoort.MAP)
    assert outbox.run_job(map_bericht.outbox_job_id) == "retry"  # PIP not yet sent
    assert not [r for r in duo_server.requests if r.path.endswith("/map")]
    run_duo_jobs()
    assert _status(BerichtSoort.PIP) == BerichtStatus.VERZONDEN
    assert _status(BerichtSoort.MAP) == BerichtStatus.VERZONDEN
    assert duo_server.person(world.dossier.inburgeraar.bsn).map.datum == m.datum_eindgesprek


def test_koppelen_after_a_refused_registration_is_not_retried_forever(world, duo_server):
    world.gemeente.telefoon = ""
    world.gemeente.save()
    world.dossier.werkcoach = world.werkcoach2
    world.dossier.save()
    run_duo_jobs()
    koppelen = DuoBericht.objects.get(soort=BerichtSoort.CP_KOPPELEN)
    assert koppelen.status == BerichtStatus.ONGELDIG
    assert "niet als contactpersoon" in koppelen.reden
