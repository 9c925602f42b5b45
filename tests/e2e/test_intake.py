"""Browser journey: a werkcoach carries out a brede intake, sees the route advice with
its reasons, records a choice, completes the intake and finds the PIP deadline in
the werkvoorraad."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_werkcoach_completes_intake(page, world):
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

    # Leerbaarheidstoets: saved on its own (htmx), the advice follows.
    sectie = page.locator("#sectie-leerbaarheidstoets")
    sectie.get_by_label("Uitslag leerbaarheidstoets").select_option("haalbaar")
    sectie.get_by_label("Datum leerbaarheidstoets").fill(dossier.datum_vestiging.isoformat())
    sectie.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#sectie-leerbaarheidstoets").get_by_text("Opgeslagen")).to_be_visible()

    sectie = page.locator("#sectie-opleiding")
    sectie.get_by_label("Hoogst gevolgde opleiding").select_option("beroeps")
    sectie.get_by_label("Alfabetisering").select_option("anders")
    sectie.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#sectie-opleiding").get_by_text("Opgeslagen")).to_be_visible()

    # An error keeps what was typed.
    sectie = page.locator("#sectie-algemeen")
    sectie.get_by_label("Tolk ingezet").check()
    sectie.get_by_label("Bestede uren").fill("6.5")
    sectie.get_by_role("button", name="Opslaan").click()
    sectie = page.locator("#sectie-algemeen")
    expect(sectie.get_by_text("Geef aan in welke taal de tolk vertaalde.")).to_be_visible()
    expect(sectie.get_by_label("Bestede uren")).to_have_value("6.5")
    sectie.get_by_label("Taal van de tolk").fill("Arabisch")
    sectie.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#sectie-algemeen").get_by_text("Opgeslagen")).to_be_visible()

    werk = page.locator("#sectie-werkervaring")
    werk.get_by_label("Beroep of functie").fill("Elektricien")
    werk.get_by_label("Aantal jaren").fill("6")
    werk.get_by_label("Land").fill("Syrië")
    werk.get_by_role("button", name="Toevoegen").click()
    expect(
        page.locator("#sectie-werkervaring").get_by_role("cell", name="Elektricien", exact=True)
    ).to_be_visible()

    advies = page.locator("#advies")
    expect(advies).to_contain_text("B1-route")
    expect(advies).to_contain_text(
        "De leerbaarheidstoets van DUO geeft als uitslag: B1-route haalbaar."
    )
    expect(advies).to_contain_text("anders-gealfabetiseerd")
    screenshot(page, "intake_advies")

    # Choosing against the advice needs a reason.
    keuze = page.locator("#sectie-keuze")
    keuze.get_by_label("Gekozen leerroute en niveau").select_option("z:A2")
    keuze.get_by_label("Motivering van de keuze").fill("Wil eerst rustig wennen.")
    keuze.get_by_role("button", name="Keuze vastleggen").click()
    keuze = page.locator("#sectie-keuze")
    expect(keuze.get_by_text("Schrijf op waarom u afwijkt.")).to_be_visible()
    expect(keuze.get_by_label("Motivering van de keuze")).to_have_value("Wil eerst rustig wennen.")
    keuze.get_by_label("Gekozen leerroute en niveau").select_option("b1:B1")
    keuze.get_by_label("Motivering van de keuze").fill("Toets haalbaar en een mbo-vooropleiding.")
    keuze.get_by_role("button", name="Keuze vastleggen").click()
    expect(page.locator("#sectie-keuze")).to_contain_text("B1-route, niveau B1")

    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Intake afronden").click()
    expect(page.get_by_text("De status van de intake is gewijzigd.")).to_be_visible()
    expect(page.get_by_role("button", name="Heropenen")).to_be_visible()
    screenshot(page, "intake_afgerond")

    page.goto("/werkvoorraad/")
    expect(page.get_by_text("PIP vaststellen (wettelijke termijn)").first).to_be_visible()
    screenshot(page, "intake_werkvoorraad")
