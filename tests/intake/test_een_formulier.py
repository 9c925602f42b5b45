"""Item 2 of issue 15: the brede intake as ONE form. Saved as a whole through the
per-section services; an error anywhere saves nothing and keeps every section's
typing; a section nobody changed is not written (so another user's change to it
stays); completeness per section; deleting a work-history line and completing the
intake ask for confirmation first."""

from decimal import Decimal

import pytest
from django.urls import reverse

from casefiles.models import Gebeurtenis
from intake.choices import IntakeStatus
from intake.models import BredeIntake
from tests.intake.factories import BredeIntakeFactory, WerkervaringFactory

pytestmark = pytest.mark.django_db


def _url(name, intake, **kw):
    return reverse(name, kwargs={"dossier_pk": intake.dossier_id, "intake_pk": intake.pk, **kw})


def _waarde(bound):
    value = bound.value()
    if bound.widget_type == "checkbox":
        return "on" if value else None
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _formulier(client, intake) -> dict:
    """The POST the page would send unchanged: every field of every part as shown."""
    ctx = client.get(_url("intake:detail", intake)).context
    forms = [s["form"] for s in ctx["secties"]]
    forms += [ctx["domeinform"], ctx["werkform"], ctx["keuzeform"]]
    data = {}
    for form in forms:
        for bound in form:
            waarde = _waarde(bound)
            if waarde is not None:
                data[bound.html_name] = waarde
                if bound.field.show_hidden_initial:
                    data[bound.html_initial_name] = waarde
    return data


@pytest.fixture
def intake(world):
    return BredeIntakeFactory(dossier=world.dossier, lopend=True)


@pytest.fixture
def wc(client, world):
    client.force_login(world.werkcoach)
    return client


def test_one_save_writes_every_changed_section_through_its_service(wc, intake):
    data = _formulier(wc, intake)
    data.update(
        {
            "leerbaarheidstoets-lbt_uitslag": "haalbaar",
            "netwerk-sociaal_netwerk": "Buren",
            "algemeen-uren": "2,5",  # decimal comma
            "ld-score_taal": "3",
            "werk-beroep": "Bakker",
            "werk-jaren": "3",
            "werk-land": "Eritrea",
        }
    )
    response = wc.post(_url("intake:opslaan", intake), data)
    assert response.status_code == 302
    intake.refresh_from_db()
    assert (intake.lbt_uitslag, intake.sociaal_netwerk, intake.uren) == (
        "haalbaar",
        "Buren",
        Decimal("2.5"),
    )
    assert intake.werkervaring.get().beroep == "Bakker"
    assert intake.levensdomeinen.get(domein="taal").score == 3
    titels = set(Gebeurtenis.objects.filter(dossier=intake.dossier).values_list("titel", flat=True))
    assert "Brede intake: onderdeel 'Leerbaarheidstoets' bijgewerkt" in titels
    assert "Brede intake: onderdeel 'Sociaal netwerk' bijgewerkt" in titels
    assert "Brede intake: onderdeel 'Financiën' bijgewerkt" not in titels  # unchanged


def test_an_error_saves_nothing_and_keeps_every_sections_typing(wc, intake):
    data = _formulier(wc, intake)
    data.update(
        {
            "leerbaarheidstoets-lbt_uitslag": "haalbaar",
            "netwerk-sociaal_netwerk": "Buren",
            "algemeen-tolk_ingezet": "on",  # without a language: an error
            "algemeen-tolk_taal": "",
            "werk-beroep": "Bakker",
        }
    )
    response = wc.post(_url("intake:opslaan", intake), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-foutoverzicht" in html
    assert 'href="#id_algemeen-tolk_taal"' in html  # the summary links to the field
    assert 'href="#id_werk-jaren"' in html or 'href="#id_werk-land"' in html
    assert 'value="Buren"' not in html  # a textarea: the text is its content
    assert "\nBuren</textarea>" in html
    assert 'value="Bakker"' in html
    assert '<option value="haalbaar" selected>' in html
    intake.refresh_from_db()
    assert intake.lbt_uitslag == "" and intake.sociaal_netwerk == ""
    assert not intake.werkervaring.exists()


def test_an_unchanged_section_is_not_written_so_anothers_change_stays(wc, world, intake):
    data = _formulier(wc, intake)  # the page as loaded
    # Meanwhile a colleague saves the network section.
    BredeIntake.objects.filter(pk=intake.pk).update(sociaal_netwerk="Van de collega")
    data["financien-financien_toelichting"] = "Kleine schuld"
    assert wc.post(_url("intake:opslaan", intake), data).status_code == 302
    intake.refresh_from_db()
    assert intake.financien_toelichting == "Kleine schuld"
    assert intake.sociaal_netwerk == "Van de collega"


def test_the_same_section_changed_by_a_colleague_is_a_conflict_and_loses_nothing(wc, world, intake):
    """Issue 13 in the one form: both change the network section; the second save is
    refused with the colleague's text beside the typed one, nothing of the form is
    written, and saving again is a deliberate overwrite."""
    from intake import services

    data = _formulier(wc, intake)  # the page as loaded
    services.intake_sectie_opslaan(  # meanwhile a colleague saves the same section
        actor=world.werkcoach2,
        intake=BredeIntake.objects.get(pk=intake.pk),
        sectie="netwerk",
        data={"sociaal_netwerk": "Van de collega"},
    )
    data["netwerk-sociaal_netwerk"] = "Mijn tekst"
    data["financien-financien_toelichting"] = "Kleine schuld"
    response = wc.post(_url("intake:opslaan", intake), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Een collega heeft dit intussen gewijzigd" in html
    assert "Van de collega" in html and "Mijn tekst</textarea>" in html
    assert "Kleine schuld</textarea>" in html
    intake.refresh_from_db()
    assert intake.sociaal_netwerk == "Van de collega"
    assert intake.financien_toelichting == ""  # all or nothing
    # The form now carries the new version: saving again overwrites on purpose.
    ctx_form = next(s["form"] for s in response.context["secties"] if s["key"] == "netwerk")
    data["netwerk-bewerkversie"] = ctx_form["bewerkversie"].value()
    assert wc.post(_url("intake:opslaan", intake), data).status_code == 302
    intake.refresh_from_db()
    assert (intake.sociaal_netwerk, intake.financien_toelichting) == ("Mijn tekst", "Kleine schuld")


def test_completeness_per_section(wc, intake):
    BredeIntake.objects.filter(pk=intake.pk).update(
        lbt_uitslag="haalbaar", nl_lezen="A1", nl_spreken="A2"
    )
    WerkervaringFactory(intake=intake)
    ctx = wc.get(_url("intake:detail", intake)).context
    v = ctx["volledigheid"]
    assert v["leerbaarheidstoets"].volledig and v["leerbaarheidstoets"].tekst == "volledig"
    assert (v["talen"].ingevuld, v["talen"].totaal) == (2, 4)
    assert v["talen"].tekst == "2 van 4 ingevuld"
    assert v["werkervaring"].volledig
    assert not v["keuze"].volledig
    html = wc.get(_url("intake:detail", intake)).content.decode()
    assert "2 van 4 ingevuld" in html and html.count(">Intake opslaan</button>") == 1


def test_deleting_work_history_saves_first_then_asks(wc, intake):
    regel = WerkervaringFactory(intake=intake, beroep="Lasser")
    data = _formulier(wc, intake)
    data["netwerk-sociaal_netwerk"] = "Buren"
    data["actie"] = f"werk_verwijderen:{regel.pk}"
    response = wc.post(_url("intake:opslaan", intake), data)
    html = response.content.decode()
    assert response.status_code == 200 and "Werkervaring verwijderen?" in html
    assert "Lasser" in html
    intake.refresh_from_db()
    assert intake.sociaal_netwerk == "Buren"  # the typing was saved first
    assert intake.werkervaring.filter(pk=regel.pk).exists()  # not yet deleted
    url = _url("intake:werkervaring_verwijderen", intake, werk_pk=regel.pk)
    assert wc.post(url).status_code == 200  # without confirmation: the page again
    assert intake.werkervaring.filter(pk=regel.pk).exists()
    assert wc.post(url, {"bevestigd": "1"}).status_code == 302
    assert not intake.werkervaring.filter(pk=regel.pk).exists()


def test_completing_asks_for_confirmation(wc, intake):
    BredeIntake.objects.filter(pk=intake.pk).update(
        gekozen_route="b1", gekozen_niveau="B1", keuze_motivatie="Toets haalbaar."
    )
    url = _url("intake:status", intake)
    response = wc.post(url, {"actie": "afronden"})
    assert response.status_code == 200 and "Brede intake afronden?" in response.content.decode()
    intake.refresh_from_db()
    assert intake.status == IntakeStatus.LOPEND
    wc.post(url, {"actie": "afronden", "bevestigd": "1"})
    intake.refresh_from_db()
    assert intake.status == IntakeStatus.AFGEROND


def test_completing_without_a_route_refuses_without_asking(wc, intake):
    response = wc.post(_url("intake:status", intake), {"actie": "afronden"}, follow=True)
    assert "Leg eerst de gekozen leerroute" in response.content.decode()


def test_page_warns_before_leaving_unsaved_changes(wc, intake):
    html = wc.get(_url("intake:detail", intake)).content.decode()
    assert 'id="intake-formulier"' in html and "data-onopgeslagen" in html
