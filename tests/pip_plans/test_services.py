"""Services: vaststellen and its refusals, the termijn, wijzigen, gesprekken,
reminders (sequential), handhaving."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from casefiles import outbox
from casefiles.choices import DossierStatus, TaakBron, TaakStatus
from casefiles.models import Gebeurtenis, Taak
from pip_plans import services
from pip_plans.choices import GesprekStatus, HerinneringStatus, VersieStatus
from pip_plans.models import Herinnering, PipVersie, Voortgangsgesprek
from tests.factories import DossierFactory, TaakFactory
from tests.pip_plans.factories import PipDoelFactory, concept, vastgestelde_pip


def test_vaststellen_sets_termijn_plans_gesprekken_completes_deadline(frozen, world):
    d = world.dossier
    # The intake app may already keep this task; make sure there is one.
    deadline = Taak.objects.filter(dossier=d, sleutel="pip_deadline").first() or TaakFactory(
        dossier=d, sleutel="pip_deadline", bron=TaakBron.PIP_DEADLINE
    )
    assert deadline.status == TaakStatus.OPEN
    v = vastgestelde_pip(d, world.werkcoach, dagtekening=date(2026, 3, 9))
    d.refresh_from_db()
    assert v.status == VersieStatus.VASTGESTELD and v.nummer == 1
    # Wi art. 11: three years from 10 March 2026; the last day is 9 March 2029 (DUO's
    # exclusive einddatum would be 10 March 2029)
    assert (d.termijn_start, d.termijn_eind) == (date(2026, 3, 10), date(2029, 3, 9))
    deadline.refresh_from_db()
    assert deadline.status == TaakStatus.AFGEROND
    data = list(d.voortgangsgesprekken.values_list("gepland_op", flat=True))
    assert data[:3] == [date(2026, 6, 9), date(2026, 9, 9), date(2027, 3, 9)]
    assert Gebeurtenis.objects.filter(dossier=d, soort="termijn").count() == 1


def test_dossier_moves_to_uitvoering(frozen, world):
    d = DossierFactory(
        gemeente=world.gemeente, werkcoach=world.werkcoach, status=DossierStatus.INTAKE
    )
    vastgestelde_pip(d, world.werkcoach)
    d.refresh_from_db()
    assert d.status == DossierStatus.UITVOERING


def test_vaststellen_on_a_closed_dossier_does_not_reopen_the_met_deadline(frozen, world):
    """A dossier closed before its PIP (its PIP-deadline task lapsed with the closing; the
    demo data did this) and then given a PIP: the vaststelling reopens the dossier, which
    brings back the tasks its closing ended. The PIP deadline is met by this very
    vaststelling: it must end afgerond, not stand open as 'PIP vaststellen, N dagen te
    laat'."""
    d = DossierFactory(
        gemeente=world.gemeente, werkcoach=world.werkcoach, status=DossierStatus.INTAKE
    )
    deadline = Taak.objects.filter(dossier=d, sleutel="pip_deadline").first() or TaakFactory(
        dossier=d, sleutel="pip_deadline", bron=TaakBron.PIP_DEADLINE
    )
    from casefiles import services as casefiles_services

    # walked to afgerond by hand, without a PIP (each step is an allowed transition)
    for status in (DossierStatus.PIP, DossierStatus.UITVOERING, DossierStatus.AFGEROND):
        casefiles_services.dossier_change_status(actor=world.werkcoach, dossier=d, status=status)
    deadline.refresh_from_db()
    assert deadline.status == TaakStatus.VERVALLEN
    d.refresh_from_db()
    vastgestelde_pip(d, world.werkcoach)
    d.refresh_from_db()
    deadline.refresh_from_db()
    assert d.status == DossierStatus.UITVOERING
    assert deadline.status == TaakStatus.AFGEROND
    assert not Taak.objects.filter(dossier=d, sleutel="pip_deadline", status="open").exists()


def test_vaststellen_refuses_with_every_dutch_message(frozen, world):
    v = PipVersie.objects.create(dossier=world.dossier, nummer=1, leerroute="z", niveau="B1")
    with pytest.raises(ValidationError) as exc:
        services.pip_vaststellen(actor=world.werkcoach, versie=v, dagtekening=date(2026, 3, 10))
    berichten = exc.value.messages
    assert "Niveau B1 kan niet samen met de Z-route." in berichten
    assert any("waarom voor deze leerroute" in m for m in berichten)
    assert any("minstens één doel" in m for m in berichten)
    v.refresh_from_db()
    assert v.status == VersieStatus.CONCEPT
    world.dossier.refresh_from_db()
    assert world.dossier.termijn_start is None


def test_dagtekening_before_vestiging_is_refused(frozen, world):
    v = concept(world.dossier)
    with pytest.raises(ValidationError, match="voor de vestiging"):
        services.pip_vaststellen(
            actor=world.werkcoach,
            versie=v,
            dagtekening=world.dossier.datum_vestiging - timedelta(days=1),
        )


def test_wi2013_dossier_gets_no_beschikking(frozen, world):
    d = DossierFactory(
        gemeente=world.gemeente,
        datum_start_plicht=date(2021, 6, 1),
        datum_vestiging=date(2021, 6, 1),
    )
    assert d.regime == "WI2013"
    v = concept(d)
    with pytest.raises(ValidationError, match="Wet inburgering 2013"):
        services.pip_vaststellen(actor=world.werkcoach, versie=v, dagtekening=date(2026, 3, 10))


def test_later_version_never_moves_the_termijn_and_points_to_the_old(frozen, world):
    d = world.dossier
    v1 = vastgestelde_pip(d, world.werkcoach, dagtekening=date(2026, 3, 1))
    v2 = services.pip_wijzigen(
        actor=world.werkcoach, dossier=d, reden="wijziging", toelichting="Nieuw doel"
    )
    assert v2.vervangt == v1 and v2.nummer == 2 and v2.is_concept
    assert v2.doelen.count() == v1.doelen.count() == 1
    PipDoelFactory(versie=v2, doel="Vrijwilligerswerk vinden", levensdomein="werk")
    frozen.move_to("2026-09-01 10:00 +02:00")
    services.pip_vaststellen(actor=world.werkcoach, versie=v2, dagtekening=date(2026, 9, 1))
    d.refresh_from_db()
    assert d.termijn_start == date(2026, 3, 2)
    v1.refresh_from_db()
    assert v1.status == VersieStatus.VASTGESTELD and v1.doelen.count() == 1
    assert services.huidige_versie(d) == v2


def test_only_one_concept(frozen, world):
    concept(world.dossier)
    with pytest.raises(ValidationError, match="al een concept"):
        services.pip_concept_create(actor=world.werkcoach, dossier=world.dossier)


def test_afschalen_refused_without_leerroute_hours(frozen, world, monkeypatch):
    d = world.dossier
    vastgestelde_pip(d, world.werkcoach, dagtekening=date(2026, 3, 1))
    v2 = services.pip_wijzigen(actor=world.werkcoach, dossier=d, reden="afschalen")
    services.pip_concept_update(actor=world.werkcoach, versie=v2, niveau="A2")
    monkeypatch.setattr(services, "cursus_uren", lambda dossier: Decimal(300))
    with pytest.raises(ValidationError, match="minstens 600 uur"):
        services.pip_vaststellen(actor=world.werkcoach, versie=v2, dagtekening=date(2026, 3, 10))
    monkeypatch.setattr(services, "cursus_uren", lambda dossier: Decimal(640))
    services.pip_vaststellen(actor=world.werkcoach, versie=v2, dagtekening=date(2026, 3, 10))


def test_concept_from_intake_degrades_without_intake(frozen, world):
    v = services.pip_concept_create(actor=world.werkcoach, dossier=world.dossier)
    assert v.is_concept and v.nummer == 1


def test_intrekken_keeps_content(frozen, world):
    v = vastgestelde_pip(world.dossier, world.werkcoach)
    services.pip_intrekken(actor=world.werkcoach, versie=v, reden="Bezwaar gegrond")
    v.refresh_from_db()
    assert v.status == VersieStatus.INGETROKKEN and v.leerroute == "b1"


# --- gesprekken and reminders -----------------------------------------------------------


def test_gesprek_record_with_outcomes_and_start_wijziging(frozen, world):
    v = vastgestelde_pip(world.dossier, world.werkcoach, dagtekening=date(2026, 3, 1))
    g = v.gesprekken.first()
    doel = v.doelen.first()
    services.gesprek_vastleggen(
        actor=world.werkcoach,
        gesprek=g,
        gehouden_op=date(2026, 3, 10),
        tolk=True,
        tolk_taal="Arabisch",
        notities="Gaat goed",
        vervolgstappen="Stage zoeken",
        uitkomsten=[services.Uitkomst(doel.pk, "aandacht", "Meer oefenen")],
        start_wijziging=True,
    )
    g.refresh_from_db()
    assert g.status == GesprekStatus.GEHOUDEN and g.uitkomsten.get().uitkomst == "aandacht"
    assert g.pip_wijziging is not None and g.pip_wijziging.vervangt == v


def test_herplannen_moves_task_and_resets_reminders(frozen, world):
    v = vastgestelde_pip(world.dossier, world.werkcoach, dagtekening=date(2026, 3, 1))
    g = v.gesprekken.first()
    services.herinneringen_versturen(today=g.gepland_op - timedelta(days=3))
    outbox.run_pending_here()
    assert Taak.objects.get(sleutel=g.taak_sleutel).deadline == g.gepland_op
    nieuw = g.gepland_op + timedelta(days=14)
    services.gesprek_herplannen(actor=world.werkcoach, gesprek=g, datum=nieuw, reden="Ziek")
    assert Taak.objects.get(sleutel=g.taak_sleutel).deadline == nieuw
    assert not Herinnering.objects.filter(gesprek=g).exists()


def test_sweep_sends_each_reminder_exactly_once(frozen, world):
    v = vastgestelde_pip(world.dossier, world.werkcoach, dagtekening=date(2026, 3, 1))
    g = v.gesprekken.first()
    mail.outbox.clear()
    dag = g.gepland_op - timedelta(days=2)
    services.herinneringen_versturen(today=dag)
    assert mail.outbox == []  # queued in the outbox, sent by its job
    services.herinneringen_versturen(today=dag)
    assert outbox.run_pending_here(kinds=["pip.herinnering"]) == {"done": 1}
    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert str(world.dossier.pk) in bericht.subject
    persoon = world.dossier.inburgeraar
    for geheim in (persoon.achternaam, persoon.bsn, persoon.voornamen):
        assert geheim not in bericht.subject + bericht.body
    taak = Taak.objects.get(dossier=world.dossier, sleutel=g.taak_sleutel)
    assert taak.bron == TaakBron.VOORTGANGSGESPREK and taak.toegewezen_aan == world.werkcoach
    # Overdue: one alert, once.
    services.herinneringen_versturen(today=g.gepland_op + timedelta(days=1))
    outbox.run_pending_here()
    services.herinneringen_versturen(today=g.gepland_op + timedelta(days=2))
    assert outbox.run_pending_here(kinds=["pip.herinnering"]) == {}
    assert len(mail.outbox) == 2
    assert "te laat" in mail.outbox[1].subject
    rows = Herinnering.objects.filter(gesprek=g)
    assert {(r.soort, r.status, r.verzendingen) for r in rows} == {
        ("vooraf", HerinneringStatus.VERSTUURD, 1),
        ("te_laat", HerinneringStatus.VERSTUURD, 1),
    }


def test_reminder_job_run_twice_sends_once(frozen, world):
    """A redelivered job (worker killed after the commit, before the ack) finds the
    reminder sent and sends nothing."""
    v = vastgestelde_pip(world.dossier, world.werkcoach, dagtekening=date(2026, 3, 1))
    g = v.gesprekken.first()
    services.herinneringen_versturen(today=g.gepland_op - timedelta(days=1))
    h = Herinnering.objects.get(gesprek=g, soort="vooraf")
    mail.outbox.clear()
    assert services.herinnering_versturen(herinnering_id=h.pk) is True
    assert services.herinnering_versturen(herinnering_id=h.pk) is False
    assert len(mail.outbox) == 1
    h.refresh_from_db()
    assert (h.status, h.verzendingen) == (HerinneringStatus.VERSTUURD, 1)


def test_reminder_of_a_held_gesprek_is_not_sent(frozen, world):
    v = vastgestelde_pip(world.dossier, world.werkcoach, dagtekening=date(2026, 3, 1))
    g = v.gesprekken.first()
    services.herinneringen_versturen(today=g.gepland_op - timedelta(days=1))
    Voortgangsgesprek.objects.filter(pk=g.pk).update(status=GesprekStatus.VERVALLEN)
    mail.outbox.clear()
    outbox.run_pending_here()
    assert mail.outbox == []


def test_held_gesprek_gets_no_reminders(frozen, world):
    v = vastgestelde_pip(world.dossier, world.werkcoach, dagtekening=date(2026, 3, 1))
    g = v.gesprekken.first()
    Voortgangsgesprek.objects.filter(pk=g.pk).update(status=GesprekStatus.VERVALLEN)
    mail.outbox.clear()
    services.herinneringen_versturen(today=g.gepland_op + timedelta(days=3))
    assert mail.outbox == []


# --- handhaving -------------------------------------------------------------------------


def test_boete_needs_earlier_waarschuwing(frozen, world):
    d = world.dossier
    with pytest.raises(ValidationError) as exc:
        services.handhaving_create(
            actor=world.werkcoach,
            dossier=d,
            soort="boete",
            verplichting="leerroute",
            reden="Niet naar school",
            datum=date(2026, 3, 10),
            bedrag=Decimal(250),
        )
    assert "eerdere schriftelijke waarschuwing" in exc.value.message_dict["soort"][0]
    services.handhaving_create(
        actor=world.werkcoach,
        dossier=d,
        soort="waarschuwing",
        verplichting="leerroute",
        reden="Niet naar school",
        datum=date(2026, 2, 1),
    )
    with pytest.raises(ValidationError, match="maximaal"):
        services.handhaving_create(
            actor=world.werkcoach,
            dossier=d,
            soort="boete",
            verplichting="leerroute",
            reden="Niet naar school",
            datum=date(2026, 3, 10),
            bedrag=Decimal("800.01"),
        )
    h = services.handhaving_create(
        actor=world.werkcoach,
        dossier=d,
        soort="boete",
        verplichting="leerroute",
        reden="Niet naar school",
        datum=date(2026, 3, 10),
        bedrag=Decimal(250),
    )
    assert h.bedrag == Decimal(250)
    titels = list(
        Gebeurtenis.objects.filter(dossier=d, soort="handhaving").values_list("titel", flat=True)
    )
    assert any("€ 250,00" in t for t in titels) and any("Waarschuwing" in t for t in titels)


def test_boete_without_waarschuwing_when_policy_allows(frozen, world):
    world.gemeente.boete_zonder_waarschuwing = True
    world.gemeente.save()
    d = world.dossier
    d.refresh_from_db()
    services.handhaving_create(
        actor=world.werkcoach,
        dossier=d,
        soort="boete",
        verplichting="brede_intake",
        reden="Niet verschenen",
        datum=date(2026, 3, 10),
        bedrag=Decimal(100),
    )


def test_concept_drafted_from_intake_without_health_data(frozen, world):
    from tests.intake.factories import BredeIntakeFactory, IntakeGezondheidFactory

    intake = BredeIntakeFactory(dossier=world.dossier, afgerond=True, keuze_motivatie="Toets goed.")
    IntakeGezondheidFactory(intake=intake)
    v = services.pip_concept_create(actor=world.werkcoach, dossier=world.dossier)
    assert v.leerroute == "b1" and v.niveau == "B1"
    assert "Toets goed." in v.motivatie
    assert v.doelen.count() == 5  # one section per life domain
    alles = v.motivatie + " ".join(d.doel + d.acties for d in v.doelen.all())
    assert "GEHEIM" not in alles
