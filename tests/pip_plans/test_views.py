"""The PIP pages: the journey through views, refusals shown, query budgets, the diff."""

from datetime import date

import pytest
from django.urls import reverse

from casefiles.models import AccessLog
from pip_plans import services
from pip_plans.choices import VersieStatus
from pip_plans.models import PipVersie
from tests.factories import DossierFactory
from tests.pip_plans.factories import PipDoelFactory, vastgestelde_pip


@pytest.fixture
def wc(client, world):
    client.force_login(world.werkcoach)
    return client


def test_tab_lists_everything_within_a_query_budget(
    frozen, world, wc, django_assert_max_num_queries
):
    v = vastgestelde_pip(world.dossier, world.werkcoach, dagtekening=date(2026, 3, 1))
    services.brief_genereren(versie=v)
    services.handhaving_create(
        actor=world.werkcoach,
        dossier=world.dossier,
        soort="waarschuwing",
        verplichting="leerroute",
        reden="Afwezig",
        datum=date(2026, 3, 5),
    )
    url = reverse("pip_plans:tab", kwargs={"dossier_pk": world.dossier.pk})
    with django_assert_max_num_queries(25):
        response = wc.get(url)
    html = response.content.decode()
    assert "Huidige PIP" in html and "Versie 1" in html
    assert "Beschikking versie 1" in html
    assert "Waarschuwing" in html
    assert "Voortgangsgesprekken" in html


def test_tab_explains_wi2013(frozen, world, wc):
    d = DossierFactory(
        gemeente=world.gemeente,
        datum_start_plicht=date(2021, 6, 1),
        datum_vestiging=date(2021, 6, 1),
    )
    html = wc.get(reverse("pip_plans:tab", kwargs={"dossier_pk": d.pk})).content.decode()
    assert "geen PIP-beschikking" in html
    assert "PIP opstellen" not in html


def test_draft_edit_and_vaststellen_through_views(frozen, world, wc):
    d = world.dossier
    r = wc.post(reverse("pip_plans:concept_nieuw", kwargs={"dossier_pk": d.pk}))
    v = PipVersie.objects.get(dossier=d)
    assert r.status_code == 302
    edit = reverse("pip_plans:versie_bewerken", kwargs={"dossier_pk": d.pk, "versie_pk": v.pk})
    data = {
        "pip-reden": "initieel",
        "pip-leerroute": "b1",
        "pip-niveau": "B1",
        "pip-alfabetisering": "NVT",
        "pip-motivatie": "Toets hoog",
        "pip-pvt_uren": "12",
        "doel-TOTAL_FORMS": "1",
        "doel-INITIAL_FORMS": "0",
        "doel-MIN_NUM_FORMS": "0",
        "doel-MAX_NUM_FORMS": "30",
        "doel-0-levensdomein": "taal",
        "doel-0-doel": "Nederlands leren",
        "doel-0-acties": "Naar school",
        "doel-0-wie": "",
        "doel-0-streefdatum": "",
    }
    assert wc.post(edit, data).status_code == 302
    v.refresh_from_db()
    assert v.motivatie == "Toets hoog" and v.doelen.count() == 1
    detail = reverse("pip_plans:versie", kwargs={"dossier_pk": d.pk, "versie_pk": v.pk})
    assert "Alle controles zijn in orde" in wc.get(detail).content.decode()
    url = reverse("pip_plans:vaststellen", kwargs={"dossier_pk": d.pk, "versie_pk": v.pk})
    # First a confirmation page that says what will happen; nothing is changed yet.
    r = wc.post(url, {"dagtekening": "2026-03-10"})
    tekst = r.content.decode()
    assert r.status_code == 200 and "vaststellen als beschikking?" in tekst
    termijn = "De inburgeringstermijn start op 11 maart 2026 en loopt tot en met 10 maart 2029"
    assert termijn in tekst
    assert "De beschikking (brief, pdf) wordt gemaakt" in tekst
    assert 'name="dagtekening" value="2026-03-10"' in tekst
    v.refresh_from_db()
    assert v.status == VersieStatus.CONCEPT
    r = wc.post(url, {"dagtekening": "2026-03-10", "bevestigd": "1"}, follow=True)
    v.refresh_from_db()
    assert v.status == VersieStatus.VASTGESTELD
    assert "is vastgesteld" in r.content.decode()
    # The edit page of a vastgestelde version refuses and sends back.
    r = wc.post(edit, data)
    assert r.status_code == 302
    assert AccessLog.objects.filter(dossier_id=d.pk, onderdeel="pip.vaststellen").exists()


def test_form_with_error_keeps_input(frozen, world, wc):
    d = world.dossier
    wc.post(reverse("pip_plans:concept_nieuw", kwargs={"dossier_pk": d.pk}))
    v = PipVersie.objects.get(dossier=d)
    edit = reverse("pip_plans:versie_bewerken", kwargs={"dossier_pk": d.pk, "versie_pk": v.pk})
    r = wc.post(
        edit,
        {
            "pip-reden": "initieel",
            "pip-leerroute": "b1",
            "pip-niveau": "B1",
            "pip-alfabetisering": "NVT",
            "pip-motivatie": "Mijn getypte motivatie",
            "pip-geschatte_intensiteit_b1": "0",
            "doel-TOTAL_FORMS": "0",
            "doel-INITIAL_FORMS": "0",
            "doel-MIN_NUM_FORMS": "0",
            "doel-MAX_NUM_FORMS": "30",
        },
    )
    html = r.content.decode()
    assert r.status_code == 200
    assert "Mijn getypte motivatie" in html and "app-errorsummary" in html


def test_vaststellen_refusal_shows_messages(frozen, world, wc):
    d = world.dossier
    v = PipVersie.objects.create(dossier=d, nummer=1, leerroute="onderwijs", niveau="A2")
    r = wc.post(
        reverse("pip_plans:vaststellen", kwargs={"dossier_pk": d.pk, "versie_pk": v.pk}),
        {"dagtekening": "2026-03-10"},
        follow=True,
    )
    html = r.content.decode()
    assert "Niveau A2 kan niet samen met de onderwijsroute." in html
    assert "Voeg minstens één doel toe" in html


def test_diff_side_by_side(frozen, world, wc, django_assert_max_num_queries):
    d = world.dossier
    v1 = vastgestelde_pip(d, world.werkcoach, dagtekening=date(2026, 3, 1))
    v2 = services.pip_wijzigen(actor=world.werkcoach, dossier=d, reden="wijziging")
    services.pip_concept_update(actor=world.werkcoach, versie=v2, motivatie="Nieuwe motivatie")
    PipDoelFactory(versie=v2, levensdomein="werk", doel="Werkervaringsplek")
    url = reverse("pip_plans:vergelijk", kwargs={"dossier_pk": d.pk}) + f"?a={v1.pk}&b={v2.pk}"
    with django_assert_max_num_queries(20):
        html = wc.get(url).content.decode()
    assert "Nieuwe motivatie" in html and "Werkervaringsplek" in html
    assert html.count("pip-diff--anders") >= 3  # reden, motivatie, new goal


def test_gesprek_record_view(frozen, world, wc):
    v = vastgestelde_pip(world.dossier, world.werkcoach, dagtekening=date(2026, 3, 1))
    g = v.gesprekken.first()
    doel = v.doelen.first()
    url = reverse("pip_plans:gesprek", kwargs={"dossier_pk": world.dossier.pk, "gesprek_pk": g.pk})
    assert "Uitkomst per doel" in wc.get(url).content.decode()
    r = wc.post(
        url,
        {
            "gehouden_op": "2026-03-10",
            "gevoerd_door": world.werkcoach.pk,
            "tolk": "on",
            "tolk_taal": "",
            f"uitkomst_{doel.pk}": "op_koers",
        },
    )
    assert r.status_code == 200 and "Geef aan in welke taal" in r.content.decode()
    data = {
        "gehouden_op": "2026-03-10",
        "gevoerd_door": world.werkcoach.pk,
        "tolk": "on",
        "tolk_taal": "Tigrinya",
        f"uitkomst_{doel.pk}": "op_koers",
        "notities": "Goed gesprek",
    }
    r = wc.post(url, data)  # first the confirmation: a recorded gesprek is final
    assert "Voortgangsgesprek vastleggen?" in r.content.decode()
    g.refresh_from_db()
    assert g.status == "gepland"
    r = wc.post(url, {**data, "bevestigd": "1"})
    assert r.status_code == 302
    g.refresh_from_db()
    assert g.status == "gehouden" and g.uitkomsten.get().uitkomst == "op_koers"


def test_handhaving_view_shows_field_errors(frozen, world, wc):
    url = reverse("pip_plans:handhaving_nieuw", kwargs={"dossier_pk": world.dossier.pk})
    r = wc.post(
        url,
        {
            "soort": "boete",
            "verplichting": "pvt",
            "reden": "Niet gekomen",
            "datum": "2026-03-10",
            "bedrag": "900",
        },
    )
    html = r.content.decode()
    assert r.status_code == 200
    assert "Een bestuurlijke boete van de gemeente is maximaal € 800,00." in html
    assert "Niet gekomen" in html


def test_consulent_sees_but_cannot_vaststellen(frozen, world, client):
    client.force_login(world.consulent)
    assert (
        client.get(reverse("pip_plans:tab", kwargs={"dossier_pk": world.dossier.pk})).status_code
        == 200
    )
    assert (
        client.post(
            reverse("pip_plans:concept_nieuw", kwargs={"dossier_pk": world.dossier.pk})
        ).status_code
        == 403
    )
