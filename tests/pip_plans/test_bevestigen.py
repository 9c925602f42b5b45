"""Item 1 of issue 15 for the PIP: deleting a concept, intrekken and handhaving ask
for confirmation first; a refusal comes before the confirmation, never after it."""

import pytest
from django.urls import reverse

from pip_plans.choices import VersieStatus
from pip_plans.models import Handhaving, PipVersie
from tests.pip_plans.factories import concept, vastgestelde_pip


@pytest.fixture
def wc(client, world):
    client.force_login(world.werkcoach)
    return client


def _url(name, v):
    return reverse(name, kwargs={"dossier_pk": v.dossier_id, "versie_pk": v.pk})


def test_deleting_a_concept_asks_first(frozen, world, wc):
    v = concept(world.dossier)
    html = wc.post(_url("pip_plans:versie_verwijderen", v)).content.decode()
    assert "Concept-PIP versie 1 verwijderen?" in html and "niet ongedaan" in html
    assert PipVersie.objects.filter(pk=v.pk).exists()
    wc.post(_url("pip_plans:versie_verwijderen", v), {"bevestigd": "1"})
    assert not PipVersie.objects.filter(pk=v.pk).exists()


def test_intrekken_asks_first(frozen, world, wc):
    v = vastgestelde_pip(world.dossier, world.werkcoach)
    html = wc.post(_url("pip_plans:intrekken", v), {"reden": "Bezwaar gegrond"}).content.decode()
    assert "intrekken?" in html and "Bezwaar gegrond" in html
    v.refresh_from_db()
    assert v.status == VersieStatus.VASTGESTELD
    wc.post(_url("pip_plans:intrekken", v), {"reden": "Bezwaar gegrond", "bevestigd": "1"})
    v.refresh_from_db()
    assert v.status == VersieStatus.INGETROKKEN


def test_vaststellen_with_refusals_shows_them_not_a_confirmation(frozen, world, wc):
    v = PipVersie.objects.create(dossier=world.dossier, nummer=1, leerroute="z", niveau="B1")
    response = wc.post(_url("pip_plans:vaststellen", v), {"dagtekening": "2026-03-10"}, follow=True)
    html = response.content.decode()
    assert "vaststellen als beschikking?" not in html and "De PIP is niet vastgesteld" in html


def test_a_boete_asks_first_and_a_refused_one_never_gets_that_far(frozen, world, wc):
    url = reverse("pip_plans:handhaving_nieuw", kwargs={"dossier_pk": world.dossier.pk})
    data = {
        "soort": "waarschuwing",
        "verplichting": "pvt",
        "reden": "Niet gekomen",
        "datum": "2026-03-10",
    }
    html = wc.post(url, data).content.decode()
    assert "Handhaving vastleggen?" in html
    assert not Handhaving.objects.exists()
    wc.post(url, {**data, "bevestigd": "1"})
    assert Handhaving.objects.count() == 1
    # A boete above the maximum is refused on the form, before any confirmation.
    te_hoog = {**data, "soort": "boete", "bedrag": "900", "datum": "2026-03-10"}
    html = wc.post(url, te_hoog).content.decode()
    assert "Handhaving vastleggen?" not in html and "data-foutoverzicht" in html
    assert Handhaving.objects.count() == 1


def test_handhaving_form_is_not_preset(frozen, world, wc):
    url = reverse("pip_plans:handhaving_nieuw", kwargs={"dossier_pk": world.dossier.pk})
    form = wc.get(url).context["form"]
    assert form["soort"].value() in (None, "") and form.fields["soort"].choices[0][0] == ""
