"""Issue 11: every allowed route change can be vastgesteld from the screen (the
'Vaststellen als beschikking' action of the version page), and a refused one shows
exactly one clear reason there."""

from datetime import date

import pytest
from django.urls import reverse

from pip_plans import services
from pip_plans.models import PipVersie
from tests.pip_plans.factories import vastgestelde_pip

D = date


def _wissel(world, van, van_niveau, naar, niveau):
    d = world.dossier
    vastgestelde_pip(
        d, world.werkcoach, dagtekening=D(2026, 3, 1), leerroute=van, niveau=van_niveau
    )
    nieuw = services.pip_wijzigen(actor=world.werkcoach, dossier=d, reden="schakelen")
    services.pip_concept_update(actor=world.werkcoach, versie=nieuw, leerroute=naar, niveau=niveau)
    return d, nieuw


@pytest.mark.parametrize(
    ("van", "van_niveau", "naar", "niveau", "bron"),
    [
        ("b1", "B1", "z", "A2", "Divosa: B1 → Z (A2 with a route change is schakelen)"),
        ("b1", "B1", "z", "", "DUO: Z-route without level"),
        ("z", "", "b1", "B1", "Divosa: Z → B1"),
        ("onderwijs", "B1", "z", "A2", "issue 11: onderwijs → Z"),
        ("z", "A2", "onderwijs", "B1", "issue 11: Z → onderwijs"),
        ("onderwijs", "B1", "b1", "B1", "Divosa: onderwijs → B1"),
    ],
)
def test_allowed_route_change_vastgesteld_from_the_screen(
    frozen, world, client, van, van_niveau, naar, niveau, bron
):
    d, nieuw = _wissel(world, van, van_niveau, naar, niveau)
    client.force_login(world.werkcoach)
    pagina = client.get(
        reverse("pip_plans:versie", kwargs={"dossier_pk": d.pk, "versie_pk": nieuw.pk})
    ).content.decode()
    assert "Alle controles zijn in orde" in pagina, bron
    url = reverse("pip_plans:vaststellen", kwargs={"dossier_pk": d.pk, "versie_pk": nieuw.pk})
    # The action first asks for confirmation (issue 15); nothing is vastgesteld yet.
    r = client.post(url, {"dagtekening": "2026-03-10"})
    assert r.status_code == 200 and "vaststellen als beschikking?" in r.content.decode(), bron
    assert PipVersie.objects.get(pk=nieuw.pk).status == "concept", bron
    r = client.post(url, {"dagtekening": "2026-03-10", "bevestigd": "1"})
    assert r.status_code == 302
    assert PipVersie.objects.get(pk=nieuw.pk).status == "vastgesteld", bron


def test_refused_route_change_shows_one_reason_on_the_screen(frozen, world, client):
    d, nieuw = _wissel(world, "b1", "B1", "onderwijs", "B1")
    client.force_login(world.werkcoach)
    r = client.post(
        reverse("pip_plans:vaststellen", kwargs={"dossier_pk": d.pk, "versie_pk": nieuw.pk}),
        {"dagtekening": "2026-03-10"},
        follow=True,
    )
    berichten = [str(m) for m in r.context["messages"]]
    assert berichten == [
        "De PIP is niet vastgesteld:",
        "Van de B1-route naar de onderwijsroute schakelen kan niet.",
    ]
    assert PipVersie.objects.get(pk=nieuw.pk).status == "concept"
