"""The screens of issue 11 in the core: the person's facts from the previous gemeente
(verhuizing), DUO's decision that the plicht ended and the doelgroep change. Bad
input keeps what was typed; query budgets; the medical ground is only shown to the
assigned staff."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from casefiles.models import AccessLog, PlichtEinde, Taak
from tests.factories import Rol, staff

pytestmark = pytest.mark.django_db
D = date


def _url(name, d):
    return reverse(f"casefiles:{name}", kwargs={"dossier_pk": d.pk})


@pytest.mark.parametrize("name", ["inburgeringsfeiten", "plicht_einde", "doelgroep_wijzigen"])
def test_query_budget_and_access_log(client, world, django_assert_max_num_queries, name):
    client.force_login(world.werkcoach)
    before = AccessLog.objects.count()
    with django_assert_max_num_queries(20):
        response = client.get(_url(name, world.dossier))
    assert response.status_code == 200
    assert AccessLog.objects.count() == before + 1


@time_machine.travel(D(2026, 3, 10), tick=False)
def test_plicht_einde_form_keeps_input_and_explains(client, world):
    client.force_login(world.werkcoach)
    response = client.post(
        _url("plicht_einde", world.dossier),
        {
            "reden": "ontheffing",
            "grond": "DIP",
            "datum_oordeel": "2026-03-01",
            "einddatum_plicht": "2026-03-01",
            "bron": "duo_brief",
            "kenmerk": "DUO-2026-123",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kies de grond die DUO in het besluit noemt." in html
    assert 'value="DUO-2026-123"' in html
    assert not PlichtEinde.objects.exists()


@time_machine.travel(D(2026, 3, 10), tick=False)
def test_plicht_einde_through_the_screen_closes_the_pip_clock(client, world):
    client.force_login(world.werkcoach)
    besluit = {
        "reden": "ontheffing",
        "grond": "MED",
        "datum_oordeel": "2026-03-01",
        "einddatum_plicht": "2026-03-01",
        "bron": "duo_brief",
    }
    # A legal step: first a confirmation page that names the deadlines that close
    # (issue 15), without the (medical) ground; nothing is recorded yet.
    response = client.post(_url("plicht_einde", world.dossier), besluit)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Besluit van DUO over de inburgeringsplicht vastleggen?" in html
    assert "laatste dag van de plicht 1 maart 2026" in html
    assert "wordt gesloten: PIP vaststellen (wettelijke termijn)" in html
    assert "medisch" not in html.split("Dit gebeurt als u bevestigt")[1].split("</ul>")[0]
    assert not PlichtEinde.objects.exists()
    assert Taak.objects.get(dossier=world.dossier, sleutel="pip_deadline").status == "open"
    response = client.post(_url("plicht_einde", world.dossier), {**besluit, "bevestigd": "1"})
    assert response.status_code == 302
    taak = Taak.objects.get(dossier=world.dossier, sleutel="pip_deadline")
    assert taak.status == "vervallen"
    # the assigned werkcoach sees the medical ground; a colleague does not
    html = client.get(_url("dossier_detail", world.dossier)).content.decode()
    assert "Ontheffing: medisch" in html and "Geen inburgeringsplicht" in html
    collega = staff(Rol.WERKCOACH, world.gemeente, username="wc3")
    client.force_login(collega)
    html = client.get(_url("dossier_detail", world.dossier)).content.decode()
    assert "Ontheffing: medisch" not in html
    assert "alleen zichtbaar voor de toegewezen werkcoach en consulent" in html
    # the PIP tab no longer offers a PIP
    html = client.get(reverse("pip_plans:tab", kwargs={"dossier_pk": world.dossier.pk})).content
    assert "PIP opstellen" not in html.decode() and "Geen inburgeringsplicht" in html.decode()


@time_machine.travel(D(2026, 3, 10), tick=False)
def test_feiten_screen_sets_the_persons_termijn(client, world):
    client.force_login(world.werkcoach)
    response = client.post(
        _url("inburgeringsfeiten", world.dossier),
        {
            "bron": "vorige_gemeente",
            "vorige_gemeentecode": "0148",
            "eerste_pip_dagtekening": "2025-06-01",
            "eerste_pip_leerroute": "b1",
            "termijn_startdatum": "2025-06-01",
            "huidige_leerroute": "z",
            "huidig_niveau": "B1",
        },
    )
    # two faults, each next to its field; nothing saved
    assert response.status_code == 200
    form = response.context["form"]
    assert "termijn_startdatum" in form.errors and "huidig_niveau" in form.errors
    world.dossier.refresh_from_db()
    assert world.dossier.termijn_start is None
    response = client.post(
        _url("inburgeringsfeiten", world.dossier),
        {
            "bron": "vorige_gemeente",
            "eerste_pip_dagtekening": "2025-06-01",
            "eerste_pip_leerroute": "b1",
            "huidige_leerroute": "b1",
            "huidig_niveau": "B1",
        },
    )
    assert response.status_code == 302
    world.dossier.refresh_from_db()
    assert (world.dossier.termijn_start, world.dossier.termijn_eind) == (
        D(2025, 6, 2),
        D(2028, 6, 1),
    )


@time_machine.travel(D(2026, 3, 10), tick=False)
def test_doelgroep_screen_refuses_a_future_date(client, world):
    client.force_login(world.werkcoach)
    response = client.post(
        _url("doelgroep_wijzigen", world.dossier),
        {"doelgroep": "gezinsmigrant", "geldig_vanaf": "2026-04-01", "bron": "DUO SS124"},
    )
    assert response.status_code == 200
    assert "De datum ligt in de toekomst." in response.content.decode()
    world.dossier.refresh_from_db()
    assert world.dossier.doelgroep == "asielstatushouder"
