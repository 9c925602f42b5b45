"""A vastgestelde version cannot change through any path: model, QuerySet, goals,
forms, services, admin, and on PostgreSQL raw SQL (trigger)."""

from datetime import date

import pytest
from django.contrib.admin.sites import AdminSite
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test import RequestFactory

from pip_plans import services
from pip_plans.admin import PipDoelInline, PipVersieAdmin
from pip_plans.choices import VersieStatus
from pip_plans.forms import PipVersieForm
from pip_plans.models import PipDoel, PipImmutableError, PipVersie
from tests.pip_plans.factories import PipDoelFactory, concept, vastgestelde_pip


@pytest.fixture
def versie(frozen, world):
    return vastgestelde_pip(world.dossier, world.werkcoach, dagtekening=date(2026, 3, 9))


def test_model_save_of_content_is_refused(versie):
    versie.leerroute = "z"
    with pytest.raises(PipImmutableError):
        versie.save()
    versie.refresh_from_db()
    versie.niveau = "A2"
    with pytest.raises(PipImmutableError):
        versie.save(update_fields=["niveau"])


def test_back_to_concept_is_refused(versie):
    versie.status = VersieStatus.CONCEPT
    with pytest.raises(PipImmutableError):
        versie.save()
    with pytest.raises(PipImmutableError):
        PipVersie.objects.filter(pk=versie.pk).update(status=VersieStatus.CONCEPT)


def test_model_delete_is_refused(versie):
    with pytest.raises(PipImmutableError):
        versie.delete()


def test_queryset_update_and_delete_are_refused(versie):
    with pytest.raises(PipImmutableError):
        PipVersie.objects.filter(dossier=versie.dossier).update(motivatie="stil veranderd")
    with pytest.raises(PipImmutableError):
        PipVersie.objects.all().delete()
    assert PipVersie.objects.get(pk=versie.pk).motivatie != "stil veranderd"


def test_post_decision_facts_may_be_recorded(versie):
    services.pip_bekendmaking_record(
        actor=None,
        versie=versie,
        bekendgemaakt_op=date(2026, 3, 9),
        ondertekend_op=date(2026, 3, 10),
    )
    versie.refresh_from_db()
    assert versie.ondertekend_op == date(2026, 3, 10)


def test_goals_are_frozen(versie):
    doel = versie.doelen.get()
    doel.doel = "iets anders"
    with pytest.raises(PipImmutableError):
        doel.save()
    with pytest.raises(PipImmutableError):
        doel.delete()
    with pytest.raises(PipImmutableError):
        PipDoel.objects.filter(versie=versie).update(doel="x")
    with pytest.raises(PipImmutableError):
        PipDoel.objects.filter(versie=versie).delete()
    with pytest.raises(PipImmutableError):
        PipDoelFactory(versie=versie)


def test_goal_cannot_be_moved_out_of_a_frozen_version(versie, world):
    nieuw = services.pip_wijzigen(actor=world.werkcoach, dossier=world.dossier, reden="wijziging")
    doel = versie.doelen.get()
    doel.versie = nieuw
    with pytest.raises(PipImmutableError):
        doel.save()


def test_services_refuse(versie, world):
    with pytest.raises(ValidationError, match="vastgesteld"):
        services.pip_concept_update(actor=world.werkcoach, versie=versie, motivatie="x")
    with pytest.raises(ValidationError, match="vastgesteld"):
        services.pip_doelen_save(actor=world.werkcoach, versie=versie, doelen=[])
    with pytest.raises(ValidationError, match="vastgesteld"):
        services.pip_concept_delete(actor=world.werkcoach, versie=versie)
    with pytest.raises(ValidationError):
        services.pip_vaststellen(
            actor=world.werkcoach, versie=versie, dagtekening=date(2026, 3, 10)
        )


def test_form_fields_are_disabled(versie):
    form = PipVersieForm({"leerroute": "z"}, instance=versie)
    assert all(f.disabled for f in form.fields.values())
    form.is_valid()
    assert form.cleaned_data["leerroute"] == "b1"  # the posted "z" is ignored


def test_admin_is_read_only(versie, world):
    """Case content in /beheer/ (issue 12): no role sees it; a superuser reads only."""
    from tests.factories import UserFactory

    admin = PipVersieAdmin(PipVersie, AdminSite())
    inline = PipDoelInline(PipVersie, AdminSite())
    request = RequestFactory().get("/")
    request.user = world.beheer
    assert admin.has_module_permission(request) is False
    assert admin.has_view_permission(request, versie) is False
    request.user = UserFactory(username="root", is_superuser=True, is_staff=True)
    assert admin.has_view_permission(request, versie) is True
    assert admin.has_change_permission(request, versie) is False
    assert admin.has_delete_permission(request, versie) is False
    assert admin.has_add_permission(request) is False
    assert "delete_selected" not in admin.get_actions(request)
    assert inline.has_delete_permission(request, versie) is False
    assert inline.has_change_permission(request, versie) is False


def test_concept_stays_editable(frozen, world):
    v = concept(world.dossier)
    v.motivatie = "Aangepast"
    v.save()
    PipVersie.objects.filter(pk=v.pk).update(niveau="B1")
    v.doelen.all().delete()


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="database trigger exists on PostgreSQL only"
)


@postgres_only
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE pip_plans_pipversie SET leerroute = 'z' WHERE id = %s",
        "UPDATE pip_plans_pipversie SET dagtekening = '2026-01-01' WHERE id = %s",
        "UPDATE pip_plans_pipversie SET status = 'concept' WHERE id = %s",
        "DELETE FROM pip_plans_pipversie WHERE id = %s",
        "UPDATE pip_plans_pipdoel SET doel = 'x' WHERE versie_id = %s",
        "DELETE FROM pip_plans_pipdoel WHERE versie_id = %s",
        "INSERT INTO pip_plans_pipdoel (versie_id, levensdomein, doel, acties, wie, volgorde)"
        " VALUES (%s, 'taal', 'x', '', '', 0)",
    ],
)
def test_trigger_refuses_raw_sql(versie, sql):
    with (
        pytest.raises(DatabaseError, match="vastgestelde PIP"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [versie.pk])


@postgres_only
def test_trigger_allows_post_decision_columns(versie):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE pip_plans_pipversie SET bekendgemaakt_op = '2026-03-09', "
            "ondertekend_op = '2026-03-10' WHERE id = %s",
            [versie.pk],
        )
        cursor.execute(
            "UPDATE pip_plans_pipversie SET status = 'ingetrokken', ingetrokken_op = '2026-03-10',"
            " ingetrokken_reden = 'bezwaar' WHERE id = %s",
            [versie.pk],
        )
    versie.refresh_from_db()
    assert versie.status == VersieStatus.INGETROKKEN
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE pip_plans_pipversie SET status = 'vastgesteld' WHERE id = %s", [versie.pk]
        )
