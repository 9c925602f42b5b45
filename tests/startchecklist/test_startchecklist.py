"""The first-steps checklist through the services (issue 18 item 4)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from casefiles.choices import StartstapStatus, TaakStatus
from casefiles.models import StartstapSjabloon, Taak
from casefiles.selectors import taak_list_for_user
from casefiles.startchecklist import rules, services

VESTIGING = date(2027, 3, 1)


@pytest.fixture
def dossier(world):
    world.dossier.datum_vestiging = VESTIGING
    world.dossier.save()
    return world.dossier


def _taak(dossier):
    return Taak.objects.get(dossier=dossier, sleutel=services.TAAK_SLEUTEL)


def test_default_list_is_de_woldens_first_weeks():
    codes = [c for c, _n, _w in rules.STANDAARD_STAPPEN]
    # seeds De Wolden: bijstandsuitkering, zorgverzekering en toeslagen, gas/water/elektra,
    # school en kinderopvang; issue 18: bank account, huisarts, GGD intake, DigiD
    for code in (
        "bijstand",
        "zorgverzekering",
        "toeslagen",
        "energie",
        "school_kinderopvang",
        "bankrekening",
        "huisarts",
        "ggd",
        "digid",
    ):
        assert code in codes


@time_machine.travel(date(2027, 3, 2), tick=False)
def test_checklist_from_the_gemeentes_own_list_with_deadlines_from_the_vestiging(world, dossier):
    StartstapSjabloon.objects.create(
        gemeente=world.gemeente, code="bank", naam="Bankrekening", termijn_weken=2, volgorde=1
    )
    StartstapSjabloon.objects.create(
        gemeente=world.gemeente, code="digid", naam="DigiD", termijn_weken=6, volgorde=2
    )
    StartstapSjabloon.objects.create(gemeente=world.gemeente, code="oud", naam="Oud", actief=False)
    services.startchecklist_aanmaken(actor=world.consulent, dossier=dossier)
    stappen = list(dossier.startstappen.all())
    assert [(s.code, s.deadline) for s in stappen] == [
        ("bank", VESTIGING + timedelta(weeks=2)),
        ("digid", VESTIGING + timedelta(weeks=6)),
    ]
    taak = _taak(dossier)
    assert (taak.titel, taak.deadline, taak.toegewezen_aan) == (
        "Eerste stappen: 2 nog te regelen",
        VESTIGING + timedelta(weeks=2),
        world.consulent,
    )


def test_without_an_own_list_the_default_list_is_used_and_making_it_twice_adds_nothing(
    world, dossier
):
    services.startchecklist_aanmaken(actor=world.consulent, dossier=dossier)
    services.startchecklist_aanmaken(actor=world.consulent, dossier=dossier)
    assert dossier.startstappen.count() == len(rules.STANDAARD_STAPPEN)
    assert Taak.objects.filter(dossier=dossier, sleutel=services.TAAK_SLEUTEL).count() == 1


@time_machine.travel(date(2027, 3, 10), tick=False)
def test_in_the_werkvoorraad_until_every_step_is_done(world, dossier):
    services.startchecklist_aanmaken(actor=world.consulent, dossier=dossier)
    assert _taak(dossier) in taak_list_for_user(user=world.consulent)
    stappen = list(dossier.startstappen.all())
    for s in stappen[:-1]:
        services.startstap_bijwerken(actor=world.consulent, stap=s, status=StartstapStatus.GEREGELD)
    taak = _taak(dossier)
    assert taak.status == TaakStatus.OPEN and taak.titel == "Eerste stappen: 1 nog te regelen"
    assert taak.deadline == stappen[-1].deadline
    services.startstap_bijwerken(
        actor=world.werkcoach, stap=stappen[-1], status=StartstapStatus.NVT
    )
    taak = _taak(dossier)
    assert taak.status == TaakStatus.AFGEROND
    assert taak not in taak_list_for_user(user=world.consulent)
    s = dossier.startstappen.get(pk=stappen[0].pk)
    assert (s.datum, s.door) == (date(2027, 3, 10), world.consulent)
    assert dossier.startstappen.get(pk=stappen[-1].pk).door == world.werkcoach


@time_machine.travel(date(2027, 3, 10), tick=False)
def test_a_date_in_the_future_is_refused(world, dossier):
    services.startchecklist_aanmaken(actor=world.consulent, dossier=dossier)
    s = dossier.startstappen.first()
    with pytest.raises(ValidationError) as exc:
        services.startstap_bijwerken(
            actor=world.consulent, stap=s, status="geregeld", datum=date(2027, 4, 1)
        )
    assert "datum" in exc.value.message_dict


def test_tab_shows_the_steps_with_a_query_budget(
    client, world, dossier, django_assert_max_num_queries
):
    services.startchecklist_aanmaken(actor=world.consulent, dossier=dossier)
    client.force_login(world.werkcoach)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("startchecklist:tab", kwargs={"dossier_pk": dossier.pk}))
    assert "DigiD aanvragen" in response.content.decode()
