"""Services of ontzorgen: plan, validation of fixed costs, the monthly run (idempotent,
frozen, concurrent), payment outcomes and tasks."""

from __future__ import annotations

import threading
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection, connections

from casefiles.choices import Doelgroep, TaakBron, TaakStatus
from casefiles.models import Taak
from ontzorgen import services
from ontzorgen.choices import BetalingStatus, Uitvoerder
from ontzorgen.models import Betaling
from tests.ontzorgen.factories import (
    BetalingFactory,
    PlanFactory,
    VasteLastFactory,
    plan_met_drie_lasten,
    soort,
)

START = date(2027, 1, 1)


@pytest.fixture
def dossier(world):
    world.dossier.datum_start_bijstand = START
    world.dossier.save()
    return world.dossier


# --- plan ------------------------------------------------------------------------------


def test_plan_starts_on_bijstand_and_makes_evaluation_and_nazorg_tasks(world, dossier):
    plan = services.plan_create(actor=world.consulent, dossier=dossier)
    assert plan.start == START
    assert plan.geplande_eind == date(2027, 7, 1)  # Pw art. 56a: +6 months
    taken = {t.sleutel: t for t in Taak.objects.filter(dossier=dossier, bron=TaakBron.ONTZORGEN)}
    assert taken[f"ontzorgen-{plan.pk}-evaluatie"].deadline == date(2027, 5, 1)
    assert taken[f"ontzorgen-{plan.pk}-nazorg"].deadline == date(2027, 10, 1)
    assert taken[f"ontzorgen-{plan.pk}-nazorg"].toegewezen_aan == world.consulent


def test_plan_refused_with_dutch_reason_for_gezinsmigrant(world):
    world.dossier.doelgroep = Doelgroep.GEZINSMIGRANT
    world.dossier.save()
    with pytest.raises(ValidationError) as exc:
        services.plan_create(actor=world.consulent, dossier=world.dossier)
    text = " ".join(exc.value.messages)
    assert "alleen voor asielstatushouders en nareizigers" in text
    assert "startdatum bijstand" in text


def test_plan_end_before_six_months_refused(world, dossier):
    with pytest.raises(ValidationError) as exc:
        services.plan_create(actor=world.consulent, dossier=dossier, geplande_eind=date(2027, 6, 1))
    assert "minimaal 6 maanden" in exc.value.message_dict["geplande_eind"][0]


def test_extension_needs_reason_and_moves_nazorg_task(world, dossier):
    plan = services.plan_create(actor=world.consulent, dossier=dossier)
    with pytest.raises(ValidationError) as exc:
        services.plan_update(actor=world.consulent, plan=plan, geplande_eind=date(2027, 10, 1))
    assert "verlenging_reden" in exc.value.message_dict
    plan.refresh_from_db()
    services.plan_update(
        actor=world.consulent,
        plan=plan,
        geplande_eind=date(2027, 10, 1),
        verlenging_reden="Hoge energierekening, nog geen overzicht",
    )
    nazorg = Taak.objects.get(dossier=dossier, sleutel=f"ontzorgen-{plan.pk}-nazorg")
    assert nazorg.deadline == date(2028, 1, 1)  # same task, moved (stable key)
    assert Taak.objects.filter(dossier=dossier, sleutel__startswith="ontzorgen-").count() == 2


def test_budgetbeheer_needs_partner(world, dossier):
    with pytest.raises(ValidationError) as exc:
        services.plan_create(
            actor=world.consulent, dossier=dossier, uitvoerder=Uitvoerder.BUDGETBEHEER
        )
    assert "budgetbeheer_partner" in exc.value.message_dict


# --- fixed costs -----------------------------------------------------------------------------


def _last_fields(**over):
    fields = {
        "soort": soort("huur"),
        "crediteur_naam": "Woonconcept",
        "iban": "NL39RABO0300065264",
        "betalingskenmerk": "HUUR-1",
        "bedrag": Decimal("654.20"),
        "betaaldag": 1,
        "start": START,
        "eind": None,
        "afbouw_maand": None,
    }
    return {**fields, **over}


@pytest.mark.parametrize(
    ("over", "field", "message"),
    [
        ({"iban": "NL39RABO0300065265"}, "iban", "geen geldig IBAN"),
        ({"bedrag": Decimal("-10.00")}, "bedrag", "groter zijn dan € 0,00"),
        ({"eind": date(2026, 12, 1)}, "eind", "niet voor de start"),
        ({"betaaldag": 31}, "betaaldag", ""),
    ],
)
def test_vastelast_validation(world, dossier, over, field, message):
    plan = PlanFactory(dossier=dossier)
    with pytest.raises(ValidationError) as exc:
        services.vastelast_create(actor=world.consulent, plan=plan, **_last_fields(**over))
    assert field in exc.value.message_dict
    assert message in " ".join(exc.value.message_dict[field])


def test_two_active_lines_of_same_type_refused_but_consecutive_allowed(world, dossier):
    plan = PlanFactory(dossier=dossier)
    services.vastelast_create(
        actor=world.consulent, plan=plan, **_last_fields(afbouw_maand=date(2027, 4, 1))
    )
    with pytest.raises(ValidationError) as exc:
        services.vastelast_create(
            actor=world.consulent, plan=plan, **_last_fields(start=date(2027, 3, 1))
        )
    assert "al een actieve vaste last 'Huur'" in exc.value.message_dict["soort"][0]
    # From the afbouw month on the first line is no longer active: a new line may start.
    services.vastelast_create(
        actor=world.consulent, plan=plan, **_last_fields(start=date(2027, 4, 1))
    )
    assert plan.vaste_lasten.count() == 2


# --- the monthly run ---------------------------------------------------------------------------


def test_generation_creates_exactly_the_active_lines_and_is_idempotent(world, dossier):
    plan = plan_met_drie_lasten(dossier)
    energie = plan.vaste_lasten.get(soort__code="energie")
    energie.afbouw_maand = date(2027, 3, 1)
    energie.save()
    created = services.betalingen_genereren(maand=date(2027, 3, 1))
    assert sorted(b.vaste_last.soort.code for b in created) == ["huur", "zorgverzekering"]
    assert services.betalingen_genereren(maand=date(2027, 3, 1)) == []
    assert Betaling.objects.filter(maand=date(2027, 3, 1)).count() == 2
    # Nothing after the plan end (1 July 2027).
    assert services.betalingen_genereren(maand=date(2027, 7, 1)) == []
    zorg = Betaling.objects.get(vaste_last__soort__code="zorgverzekering")
    assert zorg.uitvoerdatum == date(2027, 3, 25)


def test_payment_is_frozen_when_line_changes(world, dossier):
    plan = plan_met_drie_lasten(dossier)
    services.betalingen_genereren(maand=date(2027, 2, 1))
    huur = plan.vaste_lasten.get(soort__code="huur")
    services.vastelast_update(
        actor=world.consulent,
        vaste_last=huur,
        bedrag=Decimal("700.00"),
        iban="NL20INGB0001234567",
        crediteur_naam="Nieuwe verhuurder",
    )
    betaling = Betaling.objects.get(vaste_last=huur, maand=date(2027, 2, 1))
    assert (betaling.bedrag, betaling.iban, betaling.crediteur_naam) == (
        Decimal("654.20"),
        "NL39RABO0300065264",
        "Woonconcept",
    )
    nieuw = services.betalingen_genereren(maand=date(2027, 3, 1))
    assert next(b for b in nieuw if b.vaste_last_id == huur.pk).bedrag == Decimal("700.00")


@pytest.mark.django_db(transaction=True)
def test_concurrent_generation_creates_each_payment_once(world):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers, there is no real concurrency")
    world.dossier.datum_start_bijstand = START
    world.dossier.save()
    plan_met_drie_lasten(world.dossier)
    for _ in range(4):
        extra = PlanFactory()
        VasteLastFactory(plan=extra)
    barrier = threading.Barrier(4)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(len(services.betalingen_genereren(maand=date(2027, 2, 1))))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sum(results) == 7  # 3 + 4 lines, each once, whoever made it
    assert Betaling.objects.filter(maand=date(2027, 2, 1)).count() == 7


# --- outcomes ---------------------------------------------------------------


def test_failure_needs_reason_and_creates_task_for_consulent(world, dossier):
    betaling = BetalingFactory(
        vaste_last=VasteLastFactory(plan=PlanFactory(dossier=dossier)),
        status=BetalingStatus.GEEXPORTEERD,
    )
    with pytest.raises(ValidationError):
        services.betaling_status_wijzigen(
            actor=world.consulent, betaling=betaling, status=BetalingStatus.MISLUKT
        )
    with time_machine.travel(date(2027, 1, 4)):
        services.betaling_status_wijzigen(
            actor=world.consulent,
            betaling=betaling,
            status=BetalingStatus.MISLUKT,
            reden="AC04 rekening opgeheven",
        )
    taak = Taak.objects.get(dossier=dossier, bron=TaakBron.BETALING)
    assert taak.toegewezen_aan == world.consulent
    assert taak.deadline == date(2027, 1, 7)
    assert "mislukt" in taak.titel
    # Plan again: out of its batch, the task lapses.
    services.betaling_status_wijzigen(
        actor=world.consulent, betaling=betaling, status=BetalingStatus.GEPLAND
    )
    taak.refresh_from_db()
    assert taak.status == TaakStatus.VERVALLEN


def test_transition_not_allowed(world, dossier):
    betaling = BetalingFactory(vaste_last=VasteLastFactory(plan=PlanFactory(dossier=dossier)))
    with pytest.raises(ValidationError) as exc:
        services.betaling_status_wijzigen(
            actor=world.consulent, betaling=betaling, status=BetalingStatus.BETAALD
        )
    assert "kan niet naar" in exc.value.messages[0]


def test_storno_after_paid_batch_creates_task(world, dossier):
    plan = plan_met_drie_lasten(dossier)
    services.betalingen_genereren(maand=date(2027, 2, 1))
    batch = services.batch_export(
        actor=world.consulent, gemeente=dossier.gemeente, uitvoerdatum=date(2027, 2, 5)
    )
    services.batch_betaald(actor=world.consulent, batch=batch)
    betaling = batch.betalingen.get()
    assert betaling.status == BetalingStatus.BETAALD
    services.betaling_status_wijzigen(
        actor=world.consulent,
        betaling=betaling,
        status=BetalingStatus.GESTORNEERD,
        reden="MD06 teruggeboekt",
    )
    assert Taak.objects.filter(dossier=plan.dossier, bron=TaakBron.BETALING).count() == 1
    with pytest.raises(ValidationError):
        services.batch_betaald(actor=world.consulent, batch=batch)
