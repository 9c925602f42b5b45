"""Werkcoach journey: log in, find a dossier, open it, add a contactmoment."""

import re

import pytest
from playwright.sync_api import expect

from casefiles.models import AccessLog, Contactmoment
from tests.e2e.conftest import login, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_werkcoach_finds_dossier_and_adds_contactmoment(page, world):
    persoon = world.dossier.inburgeraar
    login(page, world.werkcoach.username)
    expect(page.get_by_role("heading", name="Mijn werkvoorraad")).to_be_visible()
    screenshot(page, "werkvoorraad")

    page.get_by_label("Zoek op naam, BSN of V-nummer").fill(persoon.achternaam)
    page.get_by_role("button", name="Zoeken").click()
    assert persoon.bsn not in page.url and persoon.achternaam not in page.url
    page.get_by_role("link", name=persoon.volledige_naam).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(persoon.volledige_naam)
    expect(page.get_by_text(f"******{persoon.bsn[-3:]}")).to_be_visible()
    screenshot(page, "dossier_overzicht")

    page.get_by_role("link", name="Contactmomenten").click()
    # An error first: the form keeps what was typed.
    page.get_by_label("Verslag").fill("Uitleg over de brede intake gegeven.")
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_text("Controleer de gegevens.")).to_be_visible()
    expect(page.get_by_label("Verslag")).to_have_value("Uitleg over de brede intake gegeven.")

    page.get_by_label("Onderwerp").fill("Uitleg brede intake")
    page.get_by_label("Soort contact").select_option("telefoon")
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_text("Het contactmoment is vastgelegd.")).to_be_visible()
    expect(page.get_by_role("heading", name="Uitleg brede intake")).to_be_visible()
    screenshot(page, "contactmomenten")

    cm = Contactmoment.objects.get(dossier=world.dossier)
    assert (cm.onderwerp, cm.soort, cm.medewerker_id) == (
        "Uitleg brede intake",
        "telefoon",
        world.werkcoach.pk,
    )
    assert AccessLog.objects.filter(
        dossier_id=world.dossier.pk, action="create", onderdeel="dossier.contactmomenten"
    ).exists()


def test_keyboard_skip_link_and_focus(page, world):
    login(page, world.werkcoach.username)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Direct naar de inhoud")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    assert re.search(r"#inhoud$", page.url)


def test_beleidsmedewerker_cannot_open_a_dossier(page, world):
    login(page, world.beleid.username)
    response = page.goto(f"/werkvoorraad/dossiers/{world.dossier.pk}/")
    assert response.status == 403
