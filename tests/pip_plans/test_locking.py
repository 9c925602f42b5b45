"""No lost updates on the PIP concept: two werkcoaches save the same concept."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from pip_plans import services
from tests.locking_helper import edit_conflict, form_data
from tests.pip_plans.factories import concept


def _clients(world):
    a, b = Client(), Client()
    a.force_login(world.werkcoach)
    b.force_login(world.werkcoach2)
    return a, b


def test_second_save_of_a_concept_gets_a_conflict_and_keeps_its_typing(frozen, world):
    v = concept(world.dossier)
    url = reverse("pip_plans:versie_bewerken", args=[world.dossier.pk, v.pk])
    a, b = _clients(world)
    edit_conflict(
        a,
        b,
        url,
        field="motivatie",
        a_value="Toets hoog; gekozen door Wendy.",
        b_value="Advies taalschool; gekozen door Willem.",
        keys=("form", "formset"),
        check_saved=lambda: type(v).objects.get(pk=v.pk).motivatie,
    )


def test_a_colleagues_change_of_a_goal_is_a_conflict_too(frozen, world):
    v = concept(world.dossier)
    url = reverse("pip_plans:versie_bewerken", args=[world.dossier.pk, v.pk])
    a, b = _clients(world)
    data_a = form_data(a.get(url).context["form"], a.get(url).context["formset"])
    data_b = form_data(*(b.get(url).context[k] for k in ("form", "formset")))
    data_a["doel-0-doel"] = "Werk vinden in de zorg"
    assert a.post(url, data_a).status_code == 302
    data_b["pip-motivatie"] = "Iets anders"
    r = b.post(url, data_b)
    assert r.status_code == 200 and "Iemand anders heeft dit" in r.content.decode()
    assert v.doelen.get().doel == "Werk vinden in de zorg"


def test_service_without_token_is_not_checked(frozen, world):
    v = concept(world.dossier)
    services.pip_concept_update(actor=world.werkcoach, versie=v, motivatie="Een")
    services.pip_concept_update(actor=world.werkcoach, versie=v, motivatie="Twee")
    v.refresh_from_db()
    assert (v.motivatie, v.lock_version) == ("Twee", 2)
