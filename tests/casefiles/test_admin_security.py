"""The admin holds reference data, never case content (issue 12, item 1).

The functioneel beheerder is attacked as an auditor would: it POSTs the admin
forms to make itself or others superuser, to grant individual permissions, to add
a gemeente it does not work for, to set a password; it opens case content and the
records of another gemeente. A superuser may read case content in an emergency,
and each such read is access-logged."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse

from casefiles.choices import Rol, SecuritySoort
from casefiles.models import AccessLog, Gemeente, SecurityEvent, StaffProfile
from tests.factories import UserFactory

User = get_user_model()

CASE_CONTENT = [
    "pip_plans_pipversie",
    "pip_plans_pipbrief",
    "pip_plans_voortgangsgesprek",
    "pip_plans_herinnering",
    "pip_plans_handhaving",
    "intake_bredeintake",
    "ontzorgen_ontzorgingsplan",
    "ontzorgen_betaling",
    "ontzorgen_batch",
]


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def pip(world):
    from tests.pip_plans.factories import vastgestelde_pip

    return vastgestelde_pip(world.dossier, world.werkcoach)


def _change_url(user) -> str:
    return reverse("admin:auth_user_change", args=[user.pk])


def _user_form(user, **overrides) -> dict:
    """The user change form as the browser posts it (with the profile inline)."""
    profiel = user.profiel
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "groups": [g.pk for g in user.groups.all()],
        "last_login_0": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        "profiel-TOTAL_FORMS": "1",
        "profiel-INITIAL_FORMS": "1",
        "profiel-MIN_NUM_FORMS": "1",
        "profiel-MAX_NUM_FORMS": "1",
        "profiel-0-id": profiel.pk,
        "profiel-0-user": user.pk,
        "profiel-0-gemeenten": [g.pk for g in profiel.gemeenten.all()],
        "profiel-0-functie": "",
        "profiel-0-telefoon": "",
    }
    data.update(overrides)
    return data


# --- escalation -------------------------------------------------------------------------


def test_beheerder_cannot_make_anyone_superuser_staff_or_give_permissions(client, world):
    client.force_login(world.beheer)
    perm = Permission.objects.get(codename="view_dossier")
    for target in (world.werkcoach, world.beheer):
        response = client.post(
            _change_url(target),
            _user_form(
                target,
                is_superuser="on",
                is_staff="on",
                user_permissions=[perm.pk],
            ),
        )
        assert response.status_code in (200, 302)
        target.refresh_from_db()
        assert target.is_superuser is False
        assert not target.user_permissions.exists()
    world.werkcoach.refresh_from_db()
    assert world.werkcoach.is_staff is False  # follows the role, not a checkbox


def test_beheerder_cannot_change_its_own_roles_or_gemeenten(client, world):
    client.force_login(world.beheer)
    werkcoach_group = Group.objects.get(name=Rol.WERKCOACH)
    client.post(
        _change_url(world.beheer),
        _user_form(
            world.beheer,
            groups=[werkcoach_group.pk, *world.beheer.groups.values_list("pk", flat=True)],
            **{"profiel-0-gemeenten": [world.gemeente.pk, world.andere_gemeente.pk]},
        ),
    )
    assert not world.beheer.groups.filter(name=Rol.WERKCOACH).exists()
    assert list(world.beheer.profiel.gemeenten.all()) == [world.gemeente]


def test_beheerder_cannot_give_a_gemeente_it_does_not_work_for(client, world):
    client.force_login(world.beheer)
    response = client.post(
        _change_url(world.werkcoach),
        _user_form(world.werkcoach, **{"profiel-0-gemeenten": [world.andere_gemeente.pk]}),
    )
    assert response.status_code == 200  # the form comes back with an error
    assert response.context["errors"]
    assert list(world.werkcoach.profiel.gemeenten.all()) == [world.gemeente]


def test_beheerder_grants_only_roles_and_role_changes_are_security_logged(client, world):
    extra = Group.objects.create(name="alles-mag")
    extra.permissions.set(Permission.objects.all())
    client.force_login(world.beheer)
    werkcoach_group = Group.objects.get(name=Rol.WERKCOACH)
    response = client.post(
        _change_url(world.werkcoach2), _user_form(world.werkcoach2, groups=[extra.pk])
    )
    assert response.status_code == 200  # not a choice
    assert not world.werkcoach2.groups.filter(pk=extra.pk).exists()
    consulent_group = Group.objects.get(name=Rol.CONSULENT)
    response = client.post(
        _change_url(world.werkcoach2),
        _user_form(world.werkcoach2, groups=[werkcoach_group.pk, consulent_group.pk]),
    )
    assert response.status_code == 302
    event = SecurityEvent.objects.filter(
        soort=SecuritySoort.ROL_GEWIJZIGD, user_id=world.werkcoach2.pk
    ).latest("id")
    assert event.actor_id == world.beheer.pk
    assert event.details == {"toegevoegd": [Rol.CONSULENT]}


def test_beheerder_never_sets_a_password_it_sends_a_reset_link(client, world):
    client.force_login(world.beheer)
    url = reverse("admin:auth_user_password_change", args=[world.werkcoach.pk])
    assert client.get(url).status_code == 403
    response = client.post(
        url, {"password1": "Nieuw-wachtwoord-2026", "password2": "Nieuw-wachtwoord-2026"}
    )
    assert response.status_code == 403
    world.werkcoach.refresh_from_db()
    assert not world.werkcoach.check_password("Nieuw-wachtwoord-2026")
    response = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "stuur_wachtwoordherstel", "_selected_action": [world.werkcoach.pk]},
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [world.werkcoach.email]
    assert "/account/wachtwoord/instellen/" in mail.outbox[0].body
    assert SecurityEvent.objects.filter(
        soort=SecuritySoort.RESET_AANGEVRAAGD, user_id=world.werkcoach.pk, actor_id=world.beheer.pk
    ).exists()


def test_new_account_gets_no_password_from_the_beheerder_but_a_link(client, world):
    client.force_login(world.beheer)
    response = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "nieuwe.consulent",
            "first_name": "Nina",
            "last_name": "Nieuw",
            "email": "nina@example.invalid",
            "password1": "Ik-kies-zelf-2026",
            "password2": "Ik-kies-zelf-2026",
            "is_superuser": "on",
            "profiel-TOTAL_FORMS": "1",
            "profiel-INITIAL_FORMS": "0",
            "profiel-MIN_NUM_FORMS": "1",
            "profiel-MAX_NUM_FORMS": "1",
            "profiel-0-gemeenten": [world.gemeente.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="nieuwe.consulent")
    assert not user.has_usable_password() and not user.is_superuser
    assert list(user.profiel.gemeenten.all()) == [world.gemeente]
    link = re.search(r"http\S+/account/wachtwoord/instellen/\S+/", mail.outbox[0].body).group(0)
    path = urlparse(link).path
    # the link works once: the user chooses a password
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else path
    response = client.post(
        form_url,
        {"new_password1": "Mijn-eigen-wachtwoord-26", "new_password2": "Mijn-eigen-wachtwoord-26"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Mijn-eigen-wachtwoord-26")
    assert SecurityEvent.objects.filter(
        soort=SecuritySoort.RESET_VOLTOOID, user_id=user.pk
    ).exists()


def test_new_account_needs_a_gemeente_of_the_beheerder(client, world):
    client.force_login(world.beheer)
    base = {
        "username": "elders.medewerker",
        "email": "e@example.invalid",
        "profiel-TOTAL_FORMS": "1",
        "profiel-INITIAL_FORMS": "0",
        "profiel-MIN_NUM_FORMS": "1",
        "profiel-MAX_NUM_FORMS": "1",
    }
    assert client.post(reverse("admin:auth_user_add"), base).status_code == 200
    response = client.post(
        reverse("admin:auth_user_add"), {**base, "profiel-0-gemeenten": [world.andere_gemeente.pk]}
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="elders.medewerker").exists()


def test_beheerder_sees_only_staff_of_its_gemeenten(client, world, superuser):
    client.force_login(world.beheer)
    html = client.get(reverse("admin:auth_user_changelist")).content.decode()
    assert "wc_elders" not in html and "root" not in html and ">wc<" in html
    # someone who also works for another gemeente is left to a superuser
    both = UserFactory(
        username="beide", rol=Rol.WERKCOACH, gemeenten=[world.gemeente, world.andere_gemeente]
    )
    for target in (world.werkcoach_elders, superuser, both):
        response = client.get(_change_url(target))
        assert response.status_code == 302  # "does not exist" back to the index
        response = client.post(_change_url(target), _user_form(target, first_name="Gekaapt"))
        target.refresh_from_db()
        assert target.first_name != "Gekaapt"


def test_beheerder_manages_only_its_own_gemeente_and_cannot_add_one(client, world):
    client.force_login(world.beheer)
    assert (
        client.get(
            reverse("admin:casefiles_gemeente_change", args=[world.andere_gemeente.pk])
        ).status_code
        == 302
    )
    assert client.get(reverse("admin:casefiles_gemeente_add")).status_code == 403
    response = client.post(
        reverse("admin:casefiles_gemeente_change", args=[world.andere_gemeente.pk]),
        {"naam": "Overgenomen"},
    )
    assert Gemeente.objects.get(pk=world.andere_gemeente.pk).naam == "Dalfsen"
    response = client.get(reverse("admin:casefiles_gemeente_change", args=[world.gemeente.pk]))
    assert response.status_code == 200


# --- case content ---------------------------------------------------------------------------


@pytest.mark.parametrize("model", CASE_CONTENT)
def test_no_role_reads_case_content_in_the_admin(client, world, model):
    for user in (world.beheer, world.beleid):
        client.force_login(user)
        assert client.get(reverse(f"admin:{model}_changelist")).status_code == 403
        html = client.get(reverse("admin:index")).content.decode()
        assert reverse(f"admin:{model}_changelist") not in html


def test_beheerder_cannot_open_a_pip_version_by_id(client, world, pip):
    client.force_login(world.beheer)
    response = client.get(reverse("admin:pip_plans_pipversie_change", args=[pip.pk]))
    assert response.status_code in (302, 403)
    assert pip.motivatie not in response.content.decode()


def test_superuser_reads_case_content_read_only_and_every_read_is_logged(
    client, world, pip, superuser
):
    client.force_login(superuser)
    before = AccessLog.objects.filter(user_id=superuser.pk).count()
    response = client.get(reverse("admin:pip_plans_pipversie_changelist"))
    assert response.status_code == 200
    rows = AccessLog.objects.filter(user_id=superuser.pk).order_by("seq")[before:]
    assert [(r.dossier_id, r.doel) for r in rows] == [
        (world.dossier.pk, "noodtoegang beheer (superuser)")
    ]
    response = client.get(reverse("admin:pip_plans_pipversie_change", args=[pip.pk]))
    assert response.status_code == 200
    assert (
        "Opslaan" not in response.content.decode()
        and 'name="_save"' not in response.content.decode()
    )
    assert AccessLog.objects.filter(
        user_id=superuser.pk, onderdeel="beheer.pipversie", object_id=str(pip.pk)
    ).exists()
    response = client.post(
        reverse("admin:pip_plans_pipversie_change", args=[pip.pk]), {"motivatie": "x"}
    )
    assert response.status_code == 403


def test_access_log_admin_shows_only_own_gemeente(client, world):
    from casefiles.services import access_log_record

    access_log_record(
        user=world.werkcoach_elders, dossier=world.dossier_elders, action="view", onderdeel="x"
    )
    access_log_record(user=world.werkcoach, dossier=world.dossier, action="view", onderdeel="y")
    client.force_login(world.beheer)
    response = client.get(reverse("admin:casefiles_accesslog_changelist"))
    rows = list(response.context["cl"].result_list)
    assert rows and all(r.gemeente_id == world.gemeente.pk for r in rows)


def test_profile_is_not_reachable_outside_the_user_form(client, world):
    client.force_login(world.beheer)
    assert StaffProfile.objects.filter(user=world.werkcoach_elders).exists()
    assert client.get("/beheer/casefiles/staffprofile/").status_code == 404


# --- every admin page with personal data ------------------------------------------------------


def _about_a_person(model, depth: int = 3) -> bool:
    """True when the model is, or points (through foreign keys) at, a dossier or a
    person record: a PIP letter via its version, a payment via its fixed cost …"""
    from casefiles.models import Dossier, Inburgeraar

    if model in (Dossier, Inburgeraar):
        return True
    if depth == 0:
        return False
    for field in model._meta.get_fields():
        target = getattr(field, "related_model", None)
        forward = getattr(field, "many_to_one", False) or (
            getattr(field, "one_to_one", False) and field.concrete
        )
        if target is not None and forward and _about_a_person(target, depth - 1):
            return True
    return False


def test_every_admin_model_about_a_person_is_case_content_and_logs(client, world, superuser):
    """Walks every model registered in /beheer/: a record about a person must be a
    CaseContentAdmin (no role, superuser read-only), and its pages write log rows."""
    from django.contrib import admin

    from casefiles.admin_base import CaseContentAdmin
    from pip_plans.services import brief_genereren
    from tests.pip_plans.factories import vastgestelde_pip

    brief_genereren(versie=vastgestelde_pip(world.dossier, world.werkcoach))
    checked = 0
    for model, model_admin in admin.site._registry.items():
        if not _about_a_person(model):
            continue
        assert isinstance(model_admin, CaseContentAdmin), model
        if not model.objects.exists():
            continue
        client.force_login(superuser)
        before = AccessLog.objects.filter(user_id=superuser.pk).count()
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200
        assert AccessLog.objects.filter(user_id=superuser.pk).count() > before, model
        checked += 1
    assert checked >= 3  # PIP version, gesprek, letter at least


# --- reference data of other apps: own gemeente only ---------------------------------------


def test_beheerder_changes_only_providers_of_its_own_gemeenten(client, world):
    from leerroutes.models import Aanbieder
    from tests.leerroutes.factories import AanbiederFactory

    eigen = AanbiederFactory(naam="Eigen school", gemeenten=[world.gemeente])
    gedeeld = AanbiederFactory(
        naam="Gedeelde school", gemeenten=[world.gemeente, world.andere_gemeente]
    )
    elders = AanbiederFactory(naam="School elders", gemeenten=[world.andere_gemeente])
    client.force_login(world.beheer)
    html = client.get(reverse("admin:leerroutes_aanbieder_changelist")).content.decode()
    assert "Eigen school" in html and "Gedeelde school" in html and "School elders" not in html
    assert (
        client.get(reverse("admin:leerroutes_aanbieder_change", args=[elders.pk])).status_code
        == 302
    )
    # a shared provider is read-only for it (no save button; a POST changes nothing)
    page = client.get(reverse("admin:leerroutes_aanbieder_change", args=[gedeeld.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    client.post(
        reverse("admin:leerroutes_aanbieder_change", args=[gedeeld.pk]), {"naam": "Gekaapt"}
    )
    assert Aanbieder.objects.get(pk=gedeeld.pk).naam == "Gedeelde school"
    page = client.get(reverse("admin:leerroutes_aanbieder_change", args=[eigen.pk]))
    assert 'name="_save"' in page.content.decode()
    gemeente_choices = page.context["adminform"].form.fields["gemeenten"].queryset
    assert list(gemeente_choices) == [world.gemeente]


def test_cost_types_per_gemeente(client, world):
    from ontzorgen.models import VasteLastSoort
    from ontzorgen.selectors import soorten_actief

    landelijk = VasteLastSoort.objects.create(code="test-huur", naam="Huur (landelijk)")
    eigen = VasteLastSoort.objects.create(
        code="wolden-afval", naam="Afvalstoffenheffing", gemeente=world.gemeente
    )
    elders = VasteLastSoort.objects.create(
        code="dalfsen-x", naam="Dalfsen-soort", gemeente=world.andere_gemeente
    )
    assert set(soorten_actief(gemeente=world.gemeente)) >= {landelijk, eigen}
    assert elders not in set(soorten_actief(gemeente=world.gemeente))
    client.force_login(world.beheer)
    html = client.get(reverse("admin:ontzorgen_vastelastsoort_changelist")).content.decode()
    assert "Afvalstoffenheffing" in html and "Dalfsen-soort" not in html
    client.post(
        reverse("admin:ontzorgen_vastelastsoort_change", args=[landelijk.pk]),
        {"code": "test-huur", "naam": "Gewijzigd", "volgorde": 1, "actief": "on"},
    )
    assert VasteLastSoort.objects.get(pk=landelijk.pk).naam == "Huur (landelijk)"
    response = client.post(
        reverse("admin:ontzorgen_vastelastsoort_add"),
        {
            "code": "wolden-nieuw",
            "naam": "Nieuw",
            "volgorde": 5,
            "actief": "on",
            "gemeente": world.andere_gemeente.pk,
        },
    )
    assert response.status_code == 200  # not a gemeente it works for
    assert not VasteLastSoort.objects.filter(code="wolden-nieuw").exists()
