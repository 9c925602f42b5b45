"""Issue 18 in the browser: the first steps, the family, a volunteer and other costs,
as a consulent works with them."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from casefiles.models import Kostenpost, Taak, Vrijwilliger
from tests.e2e.conftest import login, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_first_steps_family_volunteer_and_costs(page, world):
    dossier = world.dossier
    today = timezone.localdate()
    kind = dossier.inburgeraar.gezinsleden.create(
        relatie="kind", naam="Sara", geboortedatum=date(today.year - 6, 1, 15)
    )
    Vrijwilliger.objects.create(
        gemeente=world.gemeente, naam="Joke Bakker", vog_datum=today - timedelta(days=200)
    )
    login(page, world.consulent.username)
    base = f"/werkvoorraad/dossiers/{dossier.pk}/"
    page.goto(base)

    # first steps: make the checklist, arrange one step
    page.get_by_role("link", name="Eerste stappen").click()
    page.get_by_role("button", name="Startchecklist aanmaken").click()
    expect(page.get_by_text("Nog 9 van de 9 stappen te regelen.")).to_be_visible()
    page.get_by_role("link", name="Bijwerken DigiD aanvragen").click()
    page.get_by_label("Status").select_option(label="Geregeld")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Nog 8 van de 9 stappen te regelen.")).to_be_visible()
    assert Taak.objects.get(dossier=dossier, sleutel="startchecklist").titel == (
        "Eerste stappen: 8 nog te regelen"
    )

    # the family: a school for the child
    page.get_by_role("link", name="Gezin", exact=True).click()
    page.get_by_role("link", name="Bewerken Sara").click()
    page.get_by_label("School").fill("OBS De Wegwijzer")
    page.get_by_label("Leerplicht").select_option(label="Ingeschreven op een school")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Het gezinslid is opgeslagen.")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Sara")).to_contain_text("OBS De Wegwijzer")
    kind.refresh_from_db()
    assert kind.school == "OBS De Wegwijzer"

    # a volunteer: match and a signal that becomes a task
    page.get_by_role("link", name="Vrijwilligers", exact=True).last.click()
    page.get_by_label("Vrijwilliger", exact=True).select_option(label="Joke Bakker")
    page.get_by_label("Doel").fill("Wekelijks Nederlands oefenen")
    page.get_by_role("button", name="Koppelen").click()
    expect(page.get_by_text("De vrijwilliger is gekoppeld.")).to_be_visible()
    page.get_by_role("link", name="Signaal vastleggen").click()
    page.get_by_label("Wat signaleerde de vrijwilliger?").fill("Er liggen ongeopende brieven.")
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_text("Er liggen ongeopende brieven.")).to_be_visible()
    assert Taak.objects.filter(
        dossier=dossier, bron="vrijwilliger", toegewezen_aan=world.consulent
    ).exists()

    # other costs
    page.get_by_role("link", name="Kosten", exact=True).click()
    page.get_by_label("Soort kosten").select_option(label="Reiskosten")
    page.get_by_label("Ten laste van").select_option(label="Participatiebudget")
    page.get_by_label("Bedrag (€)").fill("46,80")
    page.get_by_label("Omschrijving").fill("Buskaart naar de taalschool")
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_text("De kosten zijn vastgelegd.")).to_be_visible()
    expect(page.get_by_role("cell", name="€ 46,80").first).to_be_visible()
    assert str(Kostenpost.objects.get().bedrag) == "46.80"
    screenshot(page, "kosten_tab")
