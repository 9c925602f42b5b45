"""Assignment is not a key to health data (issue 12, item 3).

The teamleider sees its team's caseload and assigns; it sees no dossier page and
no health data. A werkcoach cannot assign (itself or anyone). The service enforces
it whatever the caller."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from casefiles import services
from casefiles.choices import Rol
from casefiles.models import AccessLog, Dossier
from tests.factories import DossierFactory, staff


@pytest.fixture
def nieuw(world):
    """A new aanmelding, not assigned yet."""
    return DossierFactory(gemeente=world.gemeente, werkcoach=None, consulent=None)


def test_werkcoach_cannot_assign_itself_in_the_service(world, nieuw):
    for actor in (world.werkcoach, world.consulent):
        with pytest.raises(ValidationError, match="geen dossiers toewijzen"):
            services.dossier_assign(actor=actor, dossier=nieuw, werkcoach=world.werkcoach)
    with pytest.raises(ValidationError, match="geen dossiers toewijzen"):
        services.dossier_create(
            actor=world.werkcoach,
            gemeente=world.gemeente,
            persoon={"bsn": "111222333", "achternaam": "Osman"},
            doelgroep="gezinsmigrant",
            werkcoach=world.werkcoach,
        )
    nieuw.refresh_from_db()
    assert nieuw.werkcoach is None


def test_werkcoach_cannot_assign_through_the_page(client, world, nieuw):
    client.force_login(world.werkcoach)
    url = reverse("casefiles:dossier_toewijzen", kwargs={"dossier_pk": nieuw.pk})
    assert client.post(url, {"werkcoach": world.werkcoach.pk}).status_code == 403
    assert client.get(reverse("casefiles:caseload")).status_code == 403
    nieuw.refresh_from_db()
    assert nieuw.werkcoach is None


def test_teamleider_assigns_within_its_team(client, world, nieuw):
    client.force_login(world.teamleider)
    url = reverse("casefiles:dossier_toewijzen", kwargs={"dossier_pk": nieuw.pk})
    html = client.get(url).content.decode()
    assert "Wendy" in html and "Carla" in html  # werkcoach and consulent of the team
    response = client.post(url, {"werkcoach": world.werkcoach2.pk, "consulent": world.consulent.pk})
    assert response.status_code == 302
    nieuw.refresh_from_db()
    assert (nieuw.werkcoach, nieuw.consulent) == (world.werkcoach2, world.consulent)
    assert nieuw.gebeurtenissen.filter(soort="toewijzing").count() == 2


def test_teamleider_cannot_assign_itself_or_outside_its_team_or_wrong_role(world, nieuw):
    buiten_team = staff(Rol.WERKCOACH, world.gemeente, username="wc_ander_team")
    cases = [
        ({"werkcoach": world.teamleider}, "niet aan uzelf"),
        ({"werkcoach": buiten_team}, "eigen team"),
        ({"werkcoach": world.consulent}, "niet de rol werkcoach"),
        ({"consulent": world.werkcoach}, "niet de rol consulent"),
        ({"werkcoach": world.werkcoach_elders}, "werkt niet voor de gemeente"),
    ]
    for kwargs, message in cases:
        with pytest.raises(ValidationError, match=message):
            services.dossier_assign(actor=world.teamleider, dossier=nieuw, **kwargs)
    nieuw.refresh_from_db()
    assert (nieuw.werkcoach, nieuw.consulent) == (None, None)


def test_teamleider_sees_its_caseload_not_other_teams_and_logs_each_dossier(client, world, nieuw):
    ander_team = staff(Rol.WERKCOACH, world.gemeente, username="wc_ander_team")
    van_ander_team = DossierFactory(gemeente=world.gemeente, werkcoach=ander_team)
    client.force_login(world.teamleider)
    before = AccessLog.objects.filter(user_id=world.teamleider.pk).count()
    response = client.get(reverse("casefiles:caseload"))
    shown = {d.pk for d in response.context["page"].object_list}
    assert shown == {world.dossier.pk, nieuw.pk}
    assert van_ander_team.pk not in shown and world.dossier_elders.pk not in shown
    rows = AccessLog.objects.filter(user_id=world.teamleider.pk).order_by("seq")[before:]
    assert sorted(r.dossier_id for r in rows) == sorted(shown)
    assert {r.onderdeel for r in rows} == {"team.caseload"}
    url = reverse("casefiles:dossier_toewijzen", kwargs={"dossier_pk": van_ander_team.pk})
    assert client.get(url).status_code == 404


def test_teamleider_sees_no_dossier_page_and_no_health_data(client, world):
    from tests.intake.factories import BredeIntakeFactory

    intake = BredeIntakeFactory(dossier=world.dossier, lopend=True)
    client.force_login(world.teamleider)
    kw = {"dossier_pk": world.dossier.pk}
    for url in (
        reverse("casefiles:dossier_detail", kwargs=kw),
        reverse("intake:tab", kwargs=kw),
        reverse("intake:gezondheid", kwargs={**kw, "intake_pk": intake.pk}) + "?doel=begeleiding",
        reverse("pip_plans:tab", kwargs=kw),
    ):
        assert client.get(url).status_code == 403, url


def test_caseload_page_has_a_query_budget(client, world, django_assert_max_num_queries):
    for _ in range(12):
        DossierFactory(gemeente=world.gemeente, werkcoach=world.werkcoach)
    client.force_login(world.teamleider)
    client.get(reverse("casefiles:caseload"))
    with django_assert_max_num_queries(14):
        assert client.get(reverse("casefiles:caseload")).status_code == 200


def test_beheerder_assigns_in_its_own_gemeente(world, nieuw):
    services.dossier_assign(actor=world.beheer, dossier=nieuw, werkcoach=world.werkcoach)
    assert Dossier.objects.get(pk=nieuw.pk).werkcoach == world.werkcoach
    with pytest.raises(ValidationError):
        services.dossier_assign(
            actor=world.beheer, dossier=world.dossier_elders, werkcoach=world.werkcoach
        )
