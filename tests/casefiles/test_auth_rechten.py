"""A user's permissions in one query (casefiles.auth_rechten): the same answers as
Django's ModelBackend, fresh per request, logins and sessions untouched."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from casefiles.choices import Rol
from tests.factories import GemeenteFactory, UserFactory, staff

pytestmark = pytest.mark.django_db


def _vers(user):
    """The user as the next request loads it (no permission cache yet)."""
    return get_user_model().objects.get(pk=user.pk)


def test_same_set_as_model_backend_with_own_and_group_permissions():
    user = staff(Rol.WERKCOACH, GemeenteFactory())
    user.user_permissions.add(Permission.objects.get(codename="assign_dossier"))
    verwacht = ModelBackend().get_all_permissions(_vers(user))
    assert "casefiles.assign_dossier" in verwacht
    assert "casefiles.view_dossier" in verwacht
    assert _vers(user).get_all_permissions() == verwacht


def test_first_check_of_a_request_is_one_query(django_assert_num_queries):
    user = _vers(staff(Rol.WERKCOACH, GemeenteFactory()))
    with django_assert_num_queries(1):  # ModelBackend alone: 2
        assert user.has_perm("casefiles.view_dossier")
        assert user.has_perm("casefiles.add_contactmoment")
        assert not user.has_perm("casefiles.assign_dossier")
        assert user.has_module_perms("casefiles")


def test_a_role_taken_away_counts_from_the_next_request():
    user = staff(Rol.WERKCOACH, GemeenteFactory())
    assert _vers(user).has_perm("casefiles.view_dossier")
    user.groups.remove(Group.objects.get(name=Rol.WERKCOACH))
    assert not _vers(user).has_perm("casefiles.view_dossier")


def test_superuser_and_inactive_user_as_before():
    baas = UserFactory(is_superuser=True)
    assert _vers(baas).has_perm("casefiles.assign_dossier")
    assert "casefiles.assign_dossier" in _vers(baas).get_all_permissions()
    weg = staff(Rol.WERKCOACH, GemeenteFactory(), is_active=False)
    assert not _vers(weg).has_perm("casefiles.view_dossier")
    assert _vers(weg).get_all_permissions() == set()


def test_login_page_and_session_still_name_model_backend(client):
    user = staff(Rol.WERKCOACH, GemeenteFactory(), username="rechten")
    user.set_password("Een-lang-wachtwoord-2026")
    user.save()
    r = client.post(
        reverse("login"), {"username": "rechten", "password": "Een-lang-wachtwoord-2026"}
    )
    assert r.status_code == 302
    assert client.session["_auth_user_backend"] == "django.contrib.auth.backends.ModelBackend"
    assert client.get(reverse("casefiles:werkvoorraad")).status_code == 200
