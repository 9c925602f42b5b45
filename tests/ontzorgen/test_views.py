"""Views of ontzorgen: form errors that keep typed values, the tab and schedule,
query budgets, the access-logged SEPA download."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from casefiles.choices import AccessAction, Doelgroep
from casefiles.models import AccessLog
from ontzorgen import services
from ontzorgen.models import VasteLast
from tests.factories import DossierFactory
from tests.ontzorgen.factories import PlanFactory, plan_met_drie_lasten, soort


@pytest.fixture
def dossier(world):
    world.dossier.datum_start_bijstand = date(2027, 1, 1)
    world.dossier.save()
    return world.dossier


def _post_last(client, dossier, **over):
    data = {
        "soort": soort("huur").pk,
        "crediteur_naam": "Woonconcept",
        "iban": "NL39 RABO 0300 0652 64",
        "betalingskenmerk": "HUUR-1",
        "bedrag": "654,20",
        "betaaldag": "1",
        "start": "2027-01-01",
        "eind": "",
        "afbouw_maand": "2027-05",
        **over,
    }
    return client.post(
        reverse("ontzorgen:vastelast_nieuw", kwargs={"dossier_pk": dossier.pk}), data
    )


def test_vastelast_created_with_dutch_amount_and_month(client, world, dossier):
    PlanFactory(dossier=dossier)
    client.force_login(world.consulent)
    response = _post_last(client, dossier)
    assert response.status_code == 302
    last = VasteLast.objects.get()
    assert str(last.bedrag) == "654.20"
    assert last.iban == "NL39RABO0300065264"
    assert last.afbouw_maand == date(2027, 5, 1)


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"iban": "NL39RABO0300065265"}, "Dit is geen geldig IBAN"),
        ({"bedrag": "-12,50"}, "Het bedrag moet groter zijn dan € 0,00."),
        ({"eind": "2026-12-31"}, "Het einde kan niet voor de start liggen."),
    ],
)
def test_vastelast_errors_keep_typed_values(client, world, dossier, over, message):
    PlanFactory(dossier=dossier)
    client.force_login(world.consulent)
    response = _post_last(client, dossier, crediteur_naam="Woonstichting Zuidwolde", **over)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'value="Woonstichting Zuidwolde"' in html
    assert VasteLast.objects.count() == 0


def test_duplicate_active_type_is_a_form_error(client, world, dossier):
    plan = plan_met_drie_lasten(dossier)
    client.force_login(world.consulent)
    response = _post_last(client, dossier, afbouw_maand="", betalingskenmerk="TWEEDE")
    assert response.status_code == 200
    assert "Er is al een actieve vaste last &#x27;Huur&#x27;" in response.content.decode()
    assert 'value="TWEEDE"' in response.content.decode()
    assert plan.vaste_lasten.count() == 3


def test_tab_explains_refusal(client, world):
    world.dossier.doelgroep = Doelgroep.GEZINSMIGRANT
    world.dossier.save()
    client.force_login(world.werkcoach)
    response = client.get(reverse("ontzorgen:tab", kwargs={"dossier_pk": world.dossier.pk}))
    html = response.content.decode()
    assert "Geen financieel ontzorgen mogelijk" in html
    assert "Participatiewet art. 56a" in html


def test_tab_schedule_and_query_budget(client, world, dossier, django_assert_max_num_queries):
    plan = plan_met_drie_lasten(dossier)
    services.betalingen_genereren(maand=date(2027, 1, 1))
    services.betalingen_genereren(maand=date(2027, 2, 1))
    client.force_login(world.werkcoach)
    url = reverse("ontzorgen:tab", kwargs={"dossier_pk": dossier.pk})
    with django_assert_max_num_queries(20):
        response = client.get(url)
    html = response.content.decode()
    assert "januari 2027" in html and "juni 2027" in html
    assert "€ 654,20" in html
    assert html.count("ontz-mark--gepland") >= 6
    # The werkcoach reads only: no edit links.
    assert reverse("ontzorgen:plan_bewerken", kwargs={"dossier_pk": dossier.pk}) not in html
    # More lines and payments: the same number of queries.
    for m in range(3, 7):
        services.betalingen_genereren(maand=date(2027, m, 1))
    with django_assert_max_num_queries(20):
        client.get(url)
    assert plan.vaste_lasten.count() == 3


def test_overview_lists_failures_and_query_budget(
    client, world, dossier, django_assert_max_num_queries
):
    import time_machine

    plan_met_drie_lasten(dossier)
    for _ in range(3):
        other = DossierFactory(gemeente=world.gemeente, datum_start_bijstand=date(2027, 1, 1))
        plan_met_drie_lasten(other)
    with time_machine.travel(date(2027, 2, 10)):
        services.betalingen_genereren(maand=date(2027, 2, 1))
        client.force_login(world.consulent)
        with django_assert_max_num_queries(15):
            response = client.get(reverse("ontzorgen:overzicht"))
    html = response.content.decode()
    assert "Betalingen van februari 2027" in html
    assert "SEPA-batch maken" in html
    assert html.count("Woonconcept") >= 4


def test_download_is_access_logged_per_dossier_and_named_by_batch_id(client, world, dossier):
    plan_met_drie_lasten(dossier)
    services.betalingen_genereren(maand=date(2027, 2, 1))
    batch = services.batch_export(
        actor=world.consulent, gemeente=dossier.gemeente, uitvoerdatum=date(2027, 2, 1)
    )
    client.force_login(world.consulent)
    url = reverse("ontzorgen:batch_download", kwargs={"batch_pk": batch.pk})
    assert url == f"/ontzorgen/batches/{batch.pk}/sepa.xml"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="sepa-batch-{batch.pk}.xml"'
    assert response.content.startswith(b"<?xml")
    log = AccessLog.objects.filter(action=AccessAction.EXPORT, onderdeel="ontzorgen.sepa")
    assert list(log.values_list("dossier_id", flat=True)) == [dossier.pk]
    # The werkcoach reads but may not download payment files.
    client.force_login(world.werkcoach)
    assert client.get(url).status_code == 403
