"""Browser journey: a werkcoach carries out a brede intake in ONE form (sections as
an accordion with completeness), makes a mistake without losing anything typed in
other sections, is warned before leaving unsaved changes, sees the route advice with
its reasons, records a choice, completes the intake after a confirmation page and
finds the PIP deadline in the werkvoorraad."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def _open(page, sectie):
    details = page.locator(f"#sectie-{sectie}")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    return details


def test_werkcoach_completes_intake(page, world):
    from intake.models import BredeIntake

    dossier = world.dossier
    login(page, "wc")
    page.goto(f"/werkvoorraad/dossiers/{dossier.pk}/")
    page.get_by_role("navigation", name="Onderdelen van het dossier").get_by_role(
        "link", name="Intake"
    ).click()
    expect(page.get_by_role("heading", name="PIP-termijn")).to_be_visible()
    page.get_by_role("link", name="Nieuwe intake").click()

    page.get_by_label("Startdatum").fill(dossier.datum_vestiging.isoformat())
    page.get_by_label("Locatie").select_option("azc")
    page.get_by_label("Status").select_option("lopend")
    page.get_by_role("button", name="Intake aanmaken").click()
    expect(page.get_by_role("heading", name=re.compile("Brede intake van"))).to_be_visible()
    # One form, one save button; the step list shows the completeness per section.
    expect(page.get_by_role("button", name="Intake opslaan")).to_have_count(1)
    stappen = page.get_by_role("navigation", name="Onderdelen van de intake")
    expect(stappen).to_contain_text("Leerbaarheidstoets 0 van 1 ingevuld")

    # Type in several sections, with one mistake (interpreter without a language).
    sectie = _open(page, "leerbaarheidstoets")
    sectie.get_by_label("Uitslag leerbaarheidstoets").select_option("haalbaar")
    sectie.get_by_label("Datum leerbaarheidstoets").fill(dossier.datum_vestiging.isoformat())
    sectie = _open(page, "opleiding")
    sectie.get_by_label("Hoogst gevolgde opleiding").select_option("beroeps")
    sectie.get_by_label("Alfabetisering").select_option("anders")
    werk = _open(page, "werkervaring")
    werk.get_by_label("Beroep of functie").fill("Elektricien")
    werk.get_by_label("Aantal jaren").fill("6")
    werk.get_by_label("Land").fill("Syrië")
    sectie = _open(page, "algemeen")
    sectie.get_by_label("Tolk ingezet").check()
    sectie.get_by_label("Bestede uren").fill("6,5")  # decimal comma
    expect(page.get_by_text("U heeft wijzigingen die nog niet zijn opgeslagen.")).to_be_visible()
    page.get_by_role("button", name="Intake opslaan").click()

    # The error summary has the focus and links to the field; nothing typed is lost.
    samenvatting = page.locator("[data-foutoverzicht]")
    expect(samenvatting).to_be_focused()
    link = samenvatting.get_by_role("link", name=re.compile("Taal van de tolk"))
    expect(link).to_contain_text("Geef aan in welke taal de tolk vertaalde.")
    screenshot(page, "intake_fout")
    expect(page.locator("#id_leerbaarheidstoets-lbt_uitslag")).to_have_value("haalbaar")
    expect(page.locator("#id_opleiding-alfabetisering")).to_have_value("anders")
    expect(page.locator("#id_werk-beroep")).to_have_value("Elektricien")
    expect(page.locator("#id_algemeen-uren")).to_have_value("6,5")
    assert BredeIntake.objects.get(dossier=dossier).lbt_uitslag == ""  # nothing saved yet
    link.click()
    expect(page.locator("#id_algemeen-tolk_taal")).to_be_focused()
    page.locator("#id_algemeen-tolk_taal").fill("Arabisch")
    page.get_by_role("button", name="Intake opslaan").click()
    expect(page.get_by_text(re.compile("De intake is opgeslagen"))).to_be_visible()
    intake = BredeIntake.objects.get(dossier=dossier)
    assert (intake.lbt_uitslag, intake.uren, intake.tolk_taal) == (
        "haalbaar",
        Decimal("6.5"),
        "Arabisch",
    )
    assert intake.werkervaring.get().beroep == "Elektricien"
    expect(stappen).to_contain_text("Leerbaarheidstoets volledig")

    advies = page.locator("#advies")
    expect(advies).to_contain_text("B1-route")
    expect(advies).to_contain_text(
        "De leerbaarheidstoets van DUO geeft als uitslag: B1-route haalbaar."
    )
    expect(advies).to_contain_text("anders-gealfabetiseerd")
    screenshot(page, "intake_advies")

    # Leaving with unsaved changes asks first (and staying keeps the typing).
    _open(page, "netwerk").get_by_label("Sociaal netwerk").fill("Buren en een taalmaatje")
    dialogen = []

    def blijf(dialog):
        dialogen.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", blijf)
    page.get_by_role("link", name="Alle intakes").click()
    page.wait_for_timeout(300)
    assert dialogen == ["beforeunload"]
    expect(page.locator("#id_netwerk-sociaal_netwerk")).to_have_value("Buren en een taalmaatje")
    page.remove_listener("dialog", blijf)

    # Choosing against the advice needs a reason; the other typing is kept.
    keuze = _open(page, "keuze")
    keuze.get_by_label("Gekozen leerroute en niveau").select_option("z:A2")
    keuze.get_by_label("Motivering van de keuze").fill("Wil eerst rustig wennen.")
    page.get_by_role("button", name="Intake opslaan").click()
    keuze = page.locator("#sectie-keuze")
    expect(keuze.get_by_text("Schrijf op waarom u afwijkt.")).to_be_visible()
    expect(keuze.get_by_label("Motivering van de keuze")).to_have_value("Wil eerst rustig wennen.")
    expect(page.locator("#id_netwerk-sociaal_netwerk")).to_have_value("Buren en een taalmaatje")
    keuze.get_by_label("Gekozen leerroute en niveau").select_option("b1:B1")
    keuze.get_by_label("Motivering van de keuze").fill("Toets haalbaar en een mbo-vooropleiding.")

    # Save and complete: a confirmation page says what happens.
    page.get_by_role("button", name="Opslaan en afronden…").click()
    expect(page.get_by_role("heading", name="Brede intake afronden?")).to_be_visible()
    screenshot(page, "intake_afronden_bevestigen")
    page.get_by_role("button", name="Ja, intake afronden").click()
    expect(page.get_by_text("De status van de intake is gewijzigd.")).to_be_visible()
    expect(page.get_by_role("button", name="Heropenen")).to_be_visible()
    expect(page.locator("#sectie-keuze")).to_contain_text("B1-route, niveau B1")
    intake.refresh_from_db()
    assert intake.sociaal_netwerk == "Buren en een taalmaatje"
    screenshot(page, "intake_afgerond")

    page.goto("/werkvoorraad/")
    expect(page.get_by_text("PIP vaststellen (wettelijke termijn)").first).to_be_visible()
    screenshot(page, "intake_werkvoorraad")
