"""A new werkcoach's day without traps (issue 15), in Chromium: land on the
werkvoorraad, follow a counter to "Mijn week", open a dossier, find the status form
NOT preset, get a confirmation that names the deadlines that would lapse, cancel,
and — with JavaScript switched off — close and reopen a dossier through the
confirmation pages, the lapsed deadline coming back."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from casefiles.choices import TaakStatus
from tests.e2e.conftest import login, screenshot
from tests.factories import TaakFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_werkcoach_day(page, world):
    d = world.dossier
    from datetime import timedelta

    from django.utils import timezone

    TaakFactory(
        dossier=d, titel="Bel de taalschool", deadline=timezone.localdate() - timedelta(days=2)
    )
    login(page, "wc")
    expect(page.get_by_role("heading", name="Mijn werkvoorraad")).to_be_visible()
    page.get_by_role("link", name="1 te laat").click()
    expect(page.get_by_role("heading", name="Mijn week")).to_be_visible()
    expect(page.locator("#week-taken")).to_contain_text("Bel de taalschool")
    screenshot(page, "werkdag_week_te_laat")
    page.get_by_role("link", name=d.inburgeraar.volledige_naam).first.click()
    status = page.get_by_label("Nieuwe status")
    expect(status).to_have_value("")  # never preset to a consequential choice
    status.select_option("beeindigd")
    page.get_by_role("button", name="Status wijzigen…").click()
    expect(page.get_by_text("vervalt: Bel de taalschool")).to_be_visible()
    screenshot(page, "werkdag_bevestigen")
    page.get_by_role("link", name="Annuleren, niets wijzigen").click()
    d.refresh_from_db()
    assert d.status == "aangemeld"


def test_closing_and_reopening_work_without_javascript(browser, live_server, world):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        d = world.dossier
        taak = TaakFactory(dossier=d, titel="PVT-aanmelding controleren")
        login(page, "wc")
        page.goto(reverse("casefiles:dossier_detail", kwargs={"dossier_pk": d.pk}))
        page.get_by_label("Nieuwe status").select_option("beeindigd")
        page.get_by_role("button", name="Status wijzigen…").click()
        page.get_by_role("button", name="Ja, status wijzigen naar 'Beëindigd'").click()
        expect(page.get_by_text("De status is gewijzigd.")).to_be_visible()
        taak.refresh_from_db()
        assert taak.status == TaakStatus.VERVALLEN
        page.get_by_label("Nieuwe status").select_option("aangemeld")
        page.get_by_role("button", name="Status wijzigen…").click()
        expect(page.get_by_text("worden weer open")).to_be_visible()
        page.get_by_role("button", name="Ja, status wijzigen naar 'Aangemeld'").click()
        expect(page.get_by_text("De status is gewijzigd.")).to_be_visible()
        taak.refresh_from_db()
        assert taak.status == TaakStatus.OPEN
    finally:
        context.close()
