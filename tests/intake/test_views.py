"""Pages of the intake: health access and its log, sections saving on their own
(also via htmx), errors keeping what was typed, the print page and query budgets."""

from decimal import Decimal

import pytest
from django.urls import reverse

from casefiles.choices import AccessAction
from casefiles.models import AccessLog
from intake.choices import IntakeStatus
from intake.models import BredeIntake
from tests.intake.factories import BredeIntakeFactory, IntakeGezondheidFactory

pytestmark = pytest.mark.django_db


def _url(name, intake, **kw):
    return reverse(name, kwargs={"dossier_pk": intake.dossier_id, "intake_pk": intake.pk, **kw})


@pytest.fixture
def intake(world):
    i = BredeIntakeFactory(dossier=world.dossier, lopend=True)
    IntakeGezondheidFactory(intake=i)
    return i


# --- health ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who,status",
    [
        ("werkcoach", 200),  # assigned werkcoach
        ("consulent", 200),  # assigned consulent
        ("werkcoach2", 403),  # other werkcoach of the same gemeente
        ("werkcoach_elders", 404),  # other gemeente: the dossier does not exist for them
        ("beleid", 403),  # beleidsmedewerker: aggregates only
    ],
)
def test_health_access(client, world, intake, who, status):
    client.force_login(getattr(world, who))
    response = client.get(_url("intake:gezondheid", intake) + "?doel=intake")
    assert response.status_code == status
    if status == 200:
        assert "GEHEIM-MEDISCH" in response.content.decode()
    else:
        assert b"GEHEIM" not in response.content


def test_health_read_asks_purpose_first_and_logs_it(client, world, intake):
    client.force_login(world.werkcoach)
    url = _url("intake:gezondheid", intake)
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Doel van inzage" in body and "GEHEIM" not in body
    assert not AccessLog.objects.filter(onderdeel="intake.gezondheid").exists()

    response = client.get(url + "?doel=pip")
    assert "GEHEIM-MEDISCH" in response.content.decode()
    log = AccessLog.objects.get(onderdeel="intake.gezondheid")
    assert (log.user_id, log.dossier_id, log.action, log.doel, log.object_id) == (
        world.werkcoach.pk,
        world.dossier.pk,
        AccessAction.VIEW,
        "PIP opstellen of wijzigen",
        str(intake.pk),
    )


def test_health_unknown_purpose_shows_nothing(client, world, intake):
    client.force_login(world.werkcoach)
    response = client.get(_url("intake:gezondheid", intake) + "?doel=nieuwsgierig")
    assert b"GEHEIM" not in response.content


def test_health_write_logged_with_purpose(client, world, intake):
    client.force_login(world.werkcoach)
    response = client.post(
        _url("intake:gezondheid", intake),
        {"doel": "intake", "lichamelijk": "Nieuw", "psychisch": "", "gevolgen": ""},
    )
    assert response.status_code == 302
    intake.gezondheid.refresh_from_db()
    assert intake.gezondheid.lichamelijk == "Nieuw"
    assert AccessLog.objects.filter(
        onderdeel="intake.gezondheid", action=AccessAction.UPDATE, doel__startswith="Brede intake"
    ).exists()


def test_consulent_may_read_but_not_write_health(client, world, intake):
    client.force_login(world.consulent)
    response = client.post(
        _url("intake:gezondheid", intake), {"doel": "intake", "lichamelijk": "x"}
    )
    assert response.status_code == 403


def test_health_never_on_other_pages(client, world, intake):
    client.force_login(world.werkcoach)
    for url in (
        reverse("intake:tab", kwargs={"dossier_pk": world.dossier.pk}),
        _url("intake:detail", intake),
        _url("intake:samenvatting", intake),
        reverse("casefiles:dossier_detail", kwargs={"dossier_pk": world.dossier.pk}),
        reverse("casefiles:werkvoorraad"),
    ):
        assert b"GEHEIM" not in client.get(url).content, url


def test_print_with_health_only_for_assigned_and_logged(client, world, intake):
    url = _url("intake:samenvatting", intake) + "?doel=afdruk"
    client.force_login(world.werkcoach2)
    body = client.get(url).content.decode()
    assert "GEHEIM" not in body and "Zonder gezondheidsgegevens" in body
    client.force_login(world.werkcoach)
    body = client.get(url).content.decode()
    assert "GEHEIM-MEDISCH" in body and "bijzonder persoonsgegeven" in body
    assert AccessLog.objects.filter(
        onderdeel="intake.gezondheid", action=AccessAction.PRINT, user_id=world.werkcoach.pk
    ).exists()


# --- sections -----------------------------------------------------------------------------


def test_section_post_saves_only_that_section(client, world, intake):
    BredeIntake.objects.filter(pk=intake.pk).update(motivatie="Wil werken")
    client.force_login(world.werkcoach)
    response = client.post(
        _url("intake:sectie", intake, sectie="opleiding"),
        {"opleiding-opleiding_niveau": "vo", "opleiding-opleiding_land": "Syrië"},
    )
    assert response.status_code == 302
    intake.refresh_from_db()
    assert intake.opleiding_niveau == "vo" and intake.motivatie == "Wil werken"


def test_section_error_keeps_typed_values(client, world, intake):
    client.force_login(world.werkcoach)
    response = client.post(
        _url("intake:sectie", intake, sectie="algemeen"),
        {
            "algemeen-datum": intake.datum.isoformat(),
            "algemeen-locatie": "azc",
            "algemeen-uren": "7.5",
            "algemeen-tolk_ingezet": "on",
            "algemeen-locatie_toelichting": "AZC Zweeloo, kamer 12",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Geef aan in welke taal de tolk vertaalde." in body
    assert "AZC Zweeloo, kamer 12" in body and 'value="7.5"' in body
    intake.refresh_from_db()
    assert intake.uren != 7.5 and intake.locatie_toelichting == ""


def test_section_htmx_returns_partial(client, world, intake):
    client.force_login(world.werkcoach)
    response = client.post(
        _url("intake:sectie", intake, sectie="netwerk"),
        {"netwerk-sociaal_netwerk": "Taalmaatje"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="sectie-netwerk"' in body and "Opgeslagen" in body and "<html" not in body


def test_route_choice_against_advice_shows_error(client, world, intake):
    BredeIntake.objects.filter(pk=intake.pk).update(lbt_uitslag="haalbaar", opleiding_niveau="hbo")
    client.force_login(world.werkcoach)
    response = client.post(
        _url("intake:leerroute", intake),
        {"keuze-route_niveau": "z:A2", "keuze-keuze_motivatie": "Rustig aan"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Schrijf op waarom u afwijkt" in body and "Rustig aan" in body


def test_route_choice_offers_no_refused_combination(client, world, intake):
    client.force_login(world.werkcoach)
    body = client.get(_url("intake:detail", intake)).content.decode()
    assert 'value="b1:B1"' in body and 'value="z:A2"' in body
    assert 'value="onderwijs:A2"' not in body and 'value="z:B1"' not in body


def test_detail_shows_advice_with_reasons(client, world, intake):
    BredeIntake.objects.filter(pk=intake.pk).update(lbt_uitslag="niet_haalbaar")
    client.force_login(world.werkcoach)
    body = client.get(_url("intake:detail", intake)).content.decode()
    assert "Advies leerroute" in body and "Z-route" in body
    assert "B1-route niet haalbaar" in body


def test_afgeronde_intake_is_read_only(client, world):
    intake = BredeIntakeFactory(dossier=world.dossier, afgerond=True, sociaal_netwerk="Buren")
    client.force_login(world.werkcoach)
    body = client.get(_url("intake:detail", intake)).content.decode()
    assert "Heropenen" in body and "Keuze vastleggen" not in body and "Buren" in body


def test_nieuw_creates_intake(client, world):
    client.force_login(world.werkcoach)
    response = client.post(
        reverse("intake:nieuw", kwargs={"dossier_pk": world.dossier.pk}),
        {"datum": "2026-01-05", "locatie": "azc", "status": IntakeStatus.LOPEND},
    )
    intake = BredeIntake.objects.get(dossier=world.dossier)
    assert response.status_code == 302 and response["Location"].startswith(
        _url("intake:detail", intake)
    )


def test_tab_shows_pip_deadline(client, world):
    client.force_login(world.werkcoach)
    body = client.get(
        reverse("intake:tab", kwargs={"dossier_pk": world.dossier.pk})
    ).content.decode()
    assert "PIP-termijn" in body and "melding van DUO" in body


# --- query budgets ------------------------------------------------------------------------


def test_query_budgets(client, world, django_assert_max_num_queries):
    for _ in range(5):
        i = BredeIntakeFactory(dossier=world.dossier, afgerond=True)
    for n in range(5):
        i.werkervaring.create(beroep=f"Beroep {n}", jaren=1, land="Syrië")
    client.force_login(world.werkcoach)
    with django_assert_max_num_queries(25):
        assert (
            client.get(reverse("intake:tab", kwargs={"dossier_pk": world.dossier.pk})).status_code
            == 200
        )
    with django_assert_max_num_queries(25):
        assert client.get(_url("intake:detail", i)).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(_url("intake:samenvatting", i)).status_code == 200


def test_tab_asks_nothing_about_intakes_a_dossier_does_not_have(
    client, world, django_assert_max_num_queries
):
    """Issue 16: without intakes no summary, hours or third-party dates are read;
    with intakes the hours come with the summary (not asked a second time)."""
    client.force_login(world.werkcoach)
    url = reverse("intake:tab", kwargs={"dossier_pk": world.dossier.pk})
    client.get(url)  # the session and the content types, once
    with django_assert_max_num_queries(9):  # 13 before
        assert client.get(url).status_code == 200
    BredeIntakeFactory(dossier=world.dossier, afgerond=True, uren=Decimal("2.5"))
    BredeIntakeFactory(dossier=world.dossier, afgerond=True, uren=Decimal("1.5"))
    with django_assert_max_num_queries(13):  # 14 before
        body = client.get(url).content.decode()
    assert "Totaal bestede uren in brede intakes: 4,0" in body


def test_werkervaring_htmx_returns_updated_list(client, world, intake):
    client.force_login(world.werkcoach)
    response = client.post(
        _url("intake:werkervaring_toevoegen", intake),
        {"werk-beroep": "Elektricien", "werk-jaren": "6", "werk-land": "Syrië"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert "<td>Elektricien</td>" in body and "Nog geen werkervaring" not in body


def test_tab_shows_the_clock_stopped_once_the_pip_is_vastgesteld(client, world):
    """After vaststellen the PIP-deadline task is afgerond: the tab must not keep
    counting days 'te laat'."""
    from datetime import date

    from casefiles.models import Dossier, Taak
    from casefiles.services import taak_complete

    # A DUO notice long ago: without the fix the box would say "… dagen te laat".
    Dossier.objects.filter(pk=world.dossier.pk).update(
        datum_duo_melding=date(2024, 1, 1), datum_vestiging=date(2023, 12, 1)
    )
    client.force_login(world.werkcoach)
    url = reverse("intake:tab", kwargs={"dossier_pk": world.dossier.pk})
    assert "te laat" in client.get(url).content.decode()
    taak_complete(
        actor=world.werkcoach, taak=Taak.objects.get(dossier=world.dossier, sleutel="pip_deadline")
    )
    body = client.get(url).content.decode()
    assert "PIP vastgesteld" in body and "te laat" not in body


def test_tabs_show_the_date_the_pip_deadline_counts_from(client, world):
    """Bi art. 5.3: the later of DUO's notice and the BRP registration; the intake and
    PIP tabs say which one and when."""
    from datetime import date

    from casefiles.models import Dossier

    Dossier.objects.filter(pk=world.dossier.pk).update(
        datum_duo_melding=date(2026, 2, 20), datum_vestiging=date(2026, 3, 2)
    )
    client.force_login(world.werkcoach)
    for naam in ("intake:tab", "pip_plans:tab"):
        html = client.get(reverse(naam, kwargs={"dossier_pk": world.dossier.pk})).content.decode()
        assert "11 mei 2026" in html, naam
        assert "2 maart 2026" in html and "inschrijving in de BRP" in html, naam
