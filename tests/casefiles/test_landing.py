"""Item 4 of issue 15: every role lands on its own start page after logging in;
nobody sees "Geen toegang" after a normal login."""

import pytest
from django.urls import reverse

from casefiles.choices import Rol
from casefiles.views import LANDINGSPAGINA
from tests.factories import UserFactory

WACHTWOORD = "geheim-wachtwoord-123"


def _login(client, user, next_url=None):
    data = {"username": user.username, "password": WACHTWOORD}
    url = reverse("login") + (f"?next={next_url}" if next_url else "")
    return client.post(url, data)


def test_every_role_has_a_landing_page():
    """A role added to Rol without a landing page fails here (one line in LANDINGSPAGINA)."""
    assert {rol for rol, _url in LANDINGSPAGINA} == set(Rol.values)


@pytest.mark.parametrize(
    "wie, verwacht, kop",
    [
        ("werkcoach", "casefiles:werkvoorraad", "Mijn werkvoorraad"),
        ("consulent", "casefiles:werkvoorraad", "Mijn werkvoorraad"),
        ("beleid", "admin:index", "Beleidsdashboard inburgering"),
        ("beheer", "admin:index", "Beheer"),
    ],
)
def test_role_lands_on_its_page_without_geen_toegang(client, world, wie, verwacht, kop):
    response = _login(client, getattr(world, wie))
    assert response.status_code == 302
    assert response["Location"] == reverse(verwacht)
    response = client.get(response["Location"])
    assert response.status_code == 200
    html = response.content.decode()
    assert kop in html and "Geen toegang" not in html


@pytest.mark.parametrize("wie", ["beleid", "beheer"])
def test_next_to_a_page_the_role_cannot_open_goes_to_its_landing_page(client, world, wie):
    """Opening the start page while logged out sends ?next=… to the login; for a
    beleidsmedewerker that page would be a 403: it lands on the dashboard instead."""
    response = _login(client, getattr(world, wie), next_url=reverse("casefiles:werkvoorraad"))
    assert response["Location"] == reverse("admin:index")
    assert client.get(response["Location"]).status_code == 200


def test_next_is_kept_when_the_user_may_open_it(client, world):
    url = reverse("casefiles:dossier_detail", kwargs={"dossier_pk": world.dossier.pk})
    response = _login(client, world.werkcoach, next_url=url)
    assert response["Location"] == url


def test_start_page_for_a_visitor_is_the_login_page_without_next(client, db):
    response = client.get(reverse("home"))
    assert response["Location"] == reverse("login")


def test_user_without_a_role_gets_an_explanation_not_a_403(client, db):
    user = UserFactory(rol=None, gemeenten=[])
    response = _login(client, user)
    response = client.get(response["Location"], follow=True)
    assert response.status_code == 200
    assert "U heeft nog geen rol" in response.content.decode()
