"""Services of the intake: sections saved independently, the route choice with its
refusals, status changes, the participatieladder meting and the PIP deadline task."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from casefiles import services as casefiles_services
from casefiles.choices import (
    AccessAction,
    DossierStatus,
    LadderBron,
    Leerroute,
    Levensdomein,
    Niveau,
    TaakBron,
    TaakStatus,
)
from casefiles.models import AccessLog, Gebeurtenis, ParticipatieladderMeting, Taak
from intake import services
from intake.choices import Alfabetisering, IntakeStatus, LbtUitslag, Opleidingsniveau
from intake.models import BredeIntake
from tests.factories import DossierFactory
from tests.intake.factories import BredeIntakeFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 16)


def _taak(dossier):
    return Taak.objects.filter(dossier=dossier, sleutel="pip_deadline").first()


# --- sections ----------------------------------------------------------------------------


def test_sections_save_independently(world):
    intake = BredeIntakeFactory(dossier=world.dossier, lopend=True)
    services.intake_sectie_opslaan(
        actor=world.werkcoach,
        intake=intake,
        sectie="opleiding",
        data={"opleiding_niveau": Opleidingsniveau.VO, "opleiding_land": "Syrië"},
    )
    # A stale object that still has no education data saves another section...
    stale = BredeIntake.objects.get(pk=intake.pk)
    stale.opleiding_niveau = ""
    services.intake_sectie_opslaan(
        actor=world.werkcoach, intake=stale, sectie="netwerk", data={"sociaal_netwerk": "Buren"}
    )
    intake.refresh_from_db()
    # ...and the education section is untouched.
    assert intake.opleiding_niveau == Opleidingsniveau.VO
    assert intake.sociaal_netwerk == "Buren"


def test_section_refused_with_dutch_message_when_afgerond(world):
    intake = BredeIntakeFactory(dossier=world.dossier, afgerond=True)
    with pytest.raises(ValidationError) as exc:
        services.intake_sectie_opslaan(
            actor=world.werkcoach, intake=intake, sectie="netwerk", data={"sociaal_netwerk": "x"}
        )
    assert "Heropen de intake" in exc.value.messages[0]


def test_section_validation_interpreter_language(world):
    intake = BredeIntakeFactory(dossier=world.dossier, lopend=True)
    with pytest.raises(ValidationError) as exc:
        services.intake_sectie_opslaan(
            actor=world.werkcoach, intake=intake, sectie="algemeen", data={"tolk_ingezet": True}
        )
    assert "tolk_taal" in exc.value.message_dict


def test_section_timeline_line_is_generic(world):
    intake = BredeIntakeFactory(dossier=world.dossier, lopend=True)
    services.intake_sectie_opslaan(
        actor=world.werkcoach,
        intake=intake,
        sectie="financien",
        data={"financien_toelichting": "Schuld bij de energieleverancier"},
    )
    titels = list(Gebeurtenis.objects.filter(dossier=world.dossier).values_list("titel", flat=True))
    assert "Brede intake: onderdeel 'Financiën' bijgewerkt" in titels
    assert not any("energieleverancier" in t for t in titels)


def test_intake_create_moves_dossier_to_intake_and_refuses_second_open(world):
    intake = services.intake_create(
        actor=world.werkcoach,
        dossier=world.dossier,
        datum=date.today(),
        locatie="azc",
        status=IntakeStatus.LOPEND,
    )
    world.dossier.refresh_from_db()
    assert world.dossier.status == DossierStatus.INTAKE
    assert intake.uitgevoerd_door == world.werkcoach
    with pytest.raises(ValidationError) as exc:
        services.intake_create(
            actor=world.werkcoach, dossier=world.dossier, datum=date.today(), locatie="azc"
        )
    assert exc.value.messages == ["Er is al een geplande of lopende intake. Rond die eerst af."]


def test_intake_may_start_before_vestiging_in_azc(world):
    vroeg = world.dossier.datum_vestiging - timedelta(days=40)
    intake = services.intake_create(
        actor=world.werkcoach, dossier=world.dossier, datum=vroeg, locatie="azc"
    )
    assert intake.datum == vroeg


# --- route choice ---------------------------------------------------------------------------


def _b1_facts(intake):
    intake.lbt_uitslag = LbtUitslag.HAALBAAR
    intake.opleiding_niveau = Opleidingsniveau.BEROEPS
    intake.alfabetisering = Alfabetisering.GEALFABETISEERD
    intake.save()
    return intake


def test_route_choice_following_advice(world):
    intake = _b1_facts(BredeIntakeFactory(dossier=world.dossier, lopend=True))
    services.intake_route_kiezen(
        actor=world.werkcoach,
        intake=intake,
        route=Leerroute.B1,
        niveau=Niveau.B1,
        keuze_motivatie="Toets haalbaar, mbo-opleiding.",
    )
    intake.refresh_from_db()
    assert (intake.gekozen_route, intake.gekozen_niveau) == (Leerroute.B1, Niveau.B1)
    assert intake.advies_route == Leerroute.B1 and intake.advies_redenen
    assert intake.keuze_door == world.werkcoach and intake.afwijking_reden == ""


def test_route_against_advice_needs_written_reason(world):
    intake = _b1_facts(BredeIntakeFactory(dossier=world.dossier, lopend=True))
    with pytest.raises(ValidationError) as exc:
        services.intake_route_kiezen(
            actor=world.werkcoach,
            intake=intake,
            route=Leerroute.Z,
            niveau=Niveau.A2,
            keuze_motivatie="Wil rustig aan.",
        )
    assert exc.value.message_dict["afwijking_reden"] == [
        "U kiest een andere leerroute dan het advies (B1-route). Schrijf op waarom u afwijkt."
    ]
    services.intake_route_kiezen(
        actor=world.werkcoach,
        intake=intake,
        route=Leerroute.Z,
        niveau=Niveau.A2,
        keuze_motivatie="Wil rustig aan.",
        afwijking_reden="Zorgt voltijds voor een ziek kind; lessen overdag zijn niet haalbaar.",
    )
    intake.refresh_from_db()
    assert intake.gekozen_route == Leerroute.Z
    assert (
        "afwijkend van het advies"
        in Gebeurtenis.objects.filter(dossier=world.dossier).first().titel
    )


@pytest.mark.parametrize(
    "route,niveau",
    [(Leerroute.ONDERWIJS, Niveau.A2), (Leerroute.Z, Niveau.B1), (Leerroute.B1, Niveau.A2)],
)
def test_route_level_refused_per_duo_rule(world, route, niveau):
    intake = BredeIntakeFactory(dossier=world.dossier, lopend=True)
    with pytest.raises(ValidationError) as exc:
        services.intake_route_kiezen(
            actor=world.werkcoach,
            intake=intake,
            route=route,
            niveau=niveau,
            keuze_motivatie="x",
            afwijking_reden="y",
        )
    assert "regel van DUO" in exc.value.message_dict["route_niveau"][0]


def test_route_choice_needs_motivation(world):
    intake = _b1_facts(BredeIntakeFactory(dossier=world.dossier, lopend=True))
    with pytest.raises(ValidationError) as exc:
        services.intake_route_kiezen(
            actor=world.werkcoach,
            intake=intake,
            route=Leerroute.B1,
            niveau=Niveau.B1,
            keuze_motivatie=" ",
        )
    assert "keuze_motivatie" in exc.value.message_dict


# --- status ----------------------------------------------------------------------------------


def test_afronden_needs_chosen_route_then_moves_dossier_to_pip(world):
    intake = services.intake_create(
        actor=world.werkcoach,
        dossier=world.dossier,
        datum=date.today(),
        locatie="azc",
        status=IntakeStatus.LOPEND,
    )
    with pytest.raises(ValidationError) as exc:
        services.intake_status_wijzigen(actor=world.werkcoach, intake=intake, actie="afronden")
    assert exc.value.messages == [
        "Leg eerst de gekozen leerroute en het niveau vast; daarna kunt u afronden."
    ]
    _b1_facts(intake)
    services.intake_route_kiezen(
        actor=world.werkcoach, intake=intake, route="b1", niveau="B1", keuze_motivatie="ok"
    )
    services.intake_status_wijzigen(actor=world.werkcoach, intake=intake, actie="afronden")
    intake.refresh_from_db()
    world.dossier.refresh_from_db()
    assert intake.status == IntakeStatus.AFGEROND and intake.afgerond_op == date.today()
    assert world.dossier.status == DossierStatus.PIP
    services.intake_status_wijzigen(actor=world.werkcoach, intake=intake, actie="heropenen")
    intake.refresh_from_db()
    assert intake.status == IntakeStatus.LOPEND and intake.afgerond_op is None


# --- participatieladder ------------------------------------------------------------------


def test_participatieladder_records_one_meting_at_intake_date(world):
    intake = BredeIntakeFactory(dossier=world.dossier, lopend=True)
    for trede in (2, 3):
        services.intake_sectie_opslaan(
            actor=world.werkcoach,
            intake=intake,
            sectie="participatieladder",
            data={"participatieladder": trede},
        )
    metingen = ParticipatieladderMeting.objects.filter(
        dossier=world.dossier, bron=LadderBron.INTAKE
    )
    assert [(m.datum, m.trede) for m in metingen] == [(intake.datum, 3)]
    nieuwe_datum = intake.datum - timedelta(days=3)
    services.intake_sectie_opslaan(
        actor=world.werkcoach, intake=intake, sectie="algemeen", data={"datum": nieuwe_datum}
    )
    assert [(m.datum, m.trede) for m in metingen.all()] == [(nieuwe_datum, 3)]


# --- levensdomeinen and werkervaring --------------------------------------------------------


def test_levensdomeinen_and_werkervaring(world):
    intake = BredeIntakeFactory(dossier=world.dossier, lopend=True)
    services.levensdomeinen_opslaan(
        actor=world.werkcoach,
        intake=intake,
        scores={Levensdomein.TAAL: (2, "Weinig Nederlands"), Levensdomein.WERK: (None, "")},
    )
    services.levensdomeinen_opslaan(
        actor=world.werkcoach, intake=intake, scores={Levensdomein.TAAL: (3, "Beter")}
    )
    assert list(intake.levensdomeinen.values_list("domein", "score")) == [
        ("taal", 3),
        ("werk", None),
    ]
    regel = services.werkervaring_toevoegen(
        actor=world.werkcoach, intake=intake, beroep="Lasser", jaren=Decimal("5"), land="Syrië"
    )
    with pytest.raises(ValidationError):
        services.werkervaring_toevoegen(
            actor=world.werkcoach, intake=intake, beroep="", jaren=Decimal("0"), land=""
        )
    services.werkervaring_verwijderen(actor=world.werkcoach, intake=intake, pk=regel.pk)
    assert not intake.werkervaring.exists()


# --- health ------------------------------------------------------------------------------


def test_gezondheid_only_assigned_and_logged_with_purpose(world):
    intake = BredeIntakeFactory(dossier=world.dossier, lopend=True)
    with pytest.raises(PermissionDenied):
        services.gezondheid_opslaan(
            actor=world.werkcoach2, intake=intake, doel="intake", data={"lichamelijk": "x"}
        )
    services.gezondheid_opslaan(
        actor=world.werkcoach, intake=intake, doel="intake", data={"lichamelijk": "Astma"}
    )
    log = AccessLog.objects.filter(onderdeel="intake.gezondheid").get()
    assert (log.user_id, log.action, log.doel) == (
        world.werkcoach.pk,
        AccessAction.UPDATE,
        "Brede intake afnemen of aanvullen",
    )
    assert not Gebeurtenis.objects.filter(dossier=world.dossier, titel__icontains="gezond").exists()
    assert not Gebeurtenis.objects.filter(dossier=world.dossier, titel__icontains="astma").exists()


# --- PIP deadline task ---------------------------------------------------------------------


@time_machine.travel(TODAY, tick=False)
def test_new_dossier_gets_pip_deadline_task(world):
    dossier = casefiles_services.dossier_create(
        actor=world.teamleider,  # assigning at creation is the teamleider's (issue 12)
        gemeente=world.gemeente,
        persoon={"bsn": "123456782", "achternaam": "Haddad"},
        doelgroep="asielstatushouder",
        datums={"datum_vestiging": date(2026, 3, 1), "datum_duo_melding": date(2026, 3, 4)},
        werkcoach=world.werkcoach,
    )
    taak = _taak(dossier)
    assert taak.deadline == date(2026, 5, 13)  # SS139 + 10 weeks (Bi art. 5.3)
    assert taak.bron == TaakBron.PIP_DEADLINE and taak.toegewezen_aan == world.werkcoach
    assert "SS139" in taak.omschrijving


@time_machine.travel(TODAY, tick=False)
def test_task_follows_dossier_dates_and_third_party_info(world):
    dossier = DossierFactory(
        gemeente=world.gemeente,
        werkcoach=world.werkcoach,
        datum_duo_melding=None,
        datum_vestiging=date(2026, 3, 2),
    )
    assert _taak(dossier).deadline == date(2026, 5, 11)  # BRP + 10 weeks
    casefiles_services.dossier_update(
        actor=world.werkcoach, dossier=dossier, datum_duo_melding=date(2026, 3, 9)
    )
    assert _taak(dossier).deadline == date(2026, 5, 18)  # SS139 + 10 weeks
    intake = BredeIntakeFactory(dossier=dossier, lopend=True, datum=date(2026, 3, 10))
    services.intake_sectie_opslaan(
        actor=world.werkcoach,
        intake=intake,
        sectie="algemeen",
        data={
            "info_derden_opgevraagd_op": date(2026, 4, 1),
            "info_derden_ontvangen_op": date(2026, 5, 12),
        },
    )
    assert _taak(dossier).deadline == date(2026, 5, 26)  # arrival + 2 weeks
    assert Taak.objects.filter(dossier=dossier, sleutel="pip_deadline").count() == 1


def test_completed_task_is_not_reopened(world):
    taak = _taak(world.dossier)
    casefiles_services.taak_complete(actor=world.werkcoach, taak=taak)
    casefiles_services.dossier_update(
        actor=world.werkcoach,
        dossier=world.dossier,
        datum_duo_melding=world.dossier.datum_duo_melding + timedelta(days=5),
    )
    taak.refresh_from_db()
    assert taak.status == TaakStatus.AFGEROND


def test_task_lapses_when_dates_are_removed_and_none_for_uitvoering(world):
    casefiles_services.dossier_update(
        actor=world.werkcoach, dossier=world.dossier, datum_duo_melding=None, datum_vestiging=None
    )
    assert _taak(world.dossier).status == TaakStatus.VERVALLEN
    dossier = DossierFactory(gemeente=world.gemeente, in_uitvoering=True)
    assert _taak(dossier) is None


def test_wi2013_dossier_gets_no_task(world):
    dossier = DossierFactory(gemeente=world.gemeente, datum_start_plicht=date(2021, 6, 1))
    assert _taak(dossier) is None
