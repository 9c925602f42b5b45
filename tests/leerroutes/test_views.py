"""The Leerroute tab: what the werkcoach sees, forms keep input, query budgets."""

from datetime import date
from decimal import Decimal as D

import pytest
import time_machine
from django.urls import reverse

from casefiles.models import AccessLog
from leerroutes import services
from leerroutes.models import Examen, Urenregistratie
from tests.leerroutes.factories import AanbiederFactory, ExamenFactory, TrajectFactory, UrenFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)


@pytest.fixture
def traject(world):
    a = AanbiederFactory(gemeenten=[world.gemeente], naam="Taalhuis Test")
    return TrajectFactory(dossier=world.dossier, aanbieder=a, datum_start=date(2026, 1, 10))


@time_machine.travel(TODAY, tick=False)
def test_tab_toont_route_uren_en_examens(client, world, traject):
    UrenFactory(dossier=world.dossier, aanwezig=D(120), afwezig_ongeoorloofd=D(6))
    ExamenFactory(dossier=world.dossier, onderdeel="lezen", niveau="B1", resultaat="behaald")
    client.force_login(world.werkcoach)
    response = client.get(reverse("leerroutes:tab", kwargs={"dossier_pk": world.dossier.pk}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "B1-route" in html and "Taalhuis Test" in html
    assert "120" in html and "Examen spreken (B1)" in html
    assert (
        "Voorgesteld cohort: <strong>1 oktober 2026</strong>" in html
    )  # 10-1 + 6 months → oktober
    assert AccessLog.objects.filter(
        dossier_id=world.dossier.pk, onderdeel="leerroutes.overzicht"
    ).exists()


@time_machine.travel(TODAY, tick=False)
def test_z_route_voortgangsbalken(client, world):
    TrajectFactory(dossier=world.dossier, route="z", niveau="A1")
    UrenFactory(dossier=world.dossier, soort="participatie", aanwezig=D(200))
    client.force_login(world.werkcoach)
    html = client.get(
        reverse("leerroutes:tab", kwargs={"dossier_pk": world.dossier.pk})
    ).content.decode()
    assert 'aria-valuenow="25"' in html  # 200 of 800 participation hours
    assert "lr-w-25" in html


def test_consulent_ziet_maar_registreert_niet(client, world, traject):
    client.force_login(world.consulent)
    url = reverse("leerroutes:tab", kwargs={"dossier_pk": world.dossier.pk})
    html = client.get(url).content.decode()
    assert "Uren registreren" not in html
    response = client.post(
        reverse("leerroutes:uren_nieuw", kwargs={"dossier_pk": world.dossier.pk}),
        {
            "soort": "taal_knm",
            "periode_start": "2026-01-01",
            "periode_eind": "2026-01-31",
            "aanwezig": "10",
        },
    )
    assert response.status_code == 403


@time_machine.travel(TODAY, tick=False)
def test_fout_in_uren_houdt_invoer_vast(client, world, traject):
    client.force_login(world.werkcoach)
    response = client.post(
        reverse("leerroutes:uren_nieuw", kwargs={"dossier_pk": world.dossier.pk}),
        {
            "soort": "taal_knm",
            "periode_start": "2026-11-01",
            "periode_eind": "2026-11-07",
            "aanwezig": "99",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Onwaarschijnlijk veel uren" in html
    assert 'value="99"' in html
    assert not Urenregistratie.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_examen_registreren_via_tab(client, world, traject):
    client.force_login(world.werkcoach)
    response = client.post(
        reverse("leerroutes:examen_nieuw", kwargs={"dossier_pk": world.dossier.pk}),
        {"onderdeel": "spreken", "niveau": "", "datum": "2026-11-01", "resultaat": "behaald"},
    )
    assert "Kies het niveau van het examen." in response.content.decode()
    response = client.post(
        reverse("leerroutes:examen_nieuw", kwargs={"dossier_pk": world.dossier.pk}),
        {"onderdeel": "spreken", "niveau": "B1", "datum": "2026-11-01", "resultaat": "behaald"},
    )
    assert response.status_code == 302
    assert Examen.objects.get().poging == 1


@time_machine.travel(TODAY, tick=False)
def test_traject_bijwerken_view(client, world, traject):
    client.force_login(world.werkcoach)
    url = reverse("leerroutes:traject_bewerken", kwargs={"dossier_pk": world.dossier.pk})
    response = client.post(url, {"status": "onderbroken", "onderbreking_reden": ""})
    assert "Geef de reden van de onderbreking op." in response.content.decode()
    response = client.post(url, {"status": "onderbroken", "onderbreking_reden": "Verhuizing"})
    assert response.status_code == 302
    traject.refresh_from_db()
    assert traject.status == "onderbroken"


@time_machine.travel(TODAY, tick=False)
def test_stopping_a_traject_asks_first(client, world, traject):
    client.force_login(world.werkcoach)
    url = reverse("leerroutes:traject_bewerken", kwargs={"dossier_pk": world.dossier.pk})
    html = client.post(url, {"status": "gestopt"}).content.decode()
    assert "Traject gestopt?" in html and "definitief" in html
    traject.refresh_from_db()
    assert traject.status != "gestopt"
    assert client.post(url, {"status": "gestopt", "bevestigd": "1"}).status_code == 302
    traject.refresh_from_db()
    assert traject.status == "gestopt"


@time_machine.travel(TODAY, tick=False)
def test_map_en_pvt_pagina(client, world, traject):
    client.force_login(world.werkcoach)
    url = reverse("leerroutes:map_bewerken", kwargs={"dossier_pk": world.dossier.pk})
    response = client.get(url)
    assert 'value="2026-10-01"' in response.content.decode()  # suggested cohort pre-filled
    response = client.post(
        url,
        {
            "aanbieder": traject.aanbieder.pk,
            "status": "aangemeld",
            "cohort_start": "2026-10-01",
            "uren": "0",
        },
    )
    assert response.status_code == 302
    url = reverse("leerroutes:pvt_bewerken", kwargs={"dossier_pk": world.dossier.pk})
    response = client.post(
        url, {"status": "gestart", "uren": "8", "datum_ondertekening": "2026-11-01"}
    )
    assert "minstens 12 uur" in response.content.decode()


@time_machine.travel(TODAY, tick=False)
def test_tab_query_budget(client, world, traject, django_assert_max_num_queries):
    for m in range(1, 11):
        UrenFactory(
            dossier=world.dossier, periode_start=date(2026, m, 1), periode_eind=date(2026, m, 28)
        )
    for o in ("lezen", "luisteren", "schrijven", "spreken", "knm"):
        ExamenFactory(dossier=world.dossier, onderdeel=o, niveau="" if o == "knm" else "B1")
    services.pvt_opslaan(
        actor=world.werkcoach,
        dossier=world.dossier,
        aanbieder=None,
        status="gestart",
        start=None,
        uren=D(4),
        datum_ondertekening=None,
    )
    client.force_login(world.werkcoach)
    url = reverse("leerroutes:tab", kwargs={"dossier_pk": world.dossier.pk})
    client.get(url)
    with django_assert_max_num_queries(22):
        assert client.get(url).status_code == 200
    for m in range(1, 11):
        UrenFactory(
            dossier=world.dossier,
            soort="participatie",
            periode_start=date(2025, m, 1),
            periode_eind=date(2025, m, 28),
        )
    with django_assert_max_num_queries(22):
        assert client.get(url).status_code == 200
