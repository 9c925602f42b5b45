"""Beleidsmedewerker journey: log into /beheer/, see the indicator table and a
chart (drawn under the Content Security Policy: no inline script or style), and
download the CSV."""

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot
from tests.factories import DossierFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_beleidsmedewerker_dashboard_chart_and_csv(page, world):
    DossierFactory.create_batch(7, gemeente=world.gemeente, status="intake")
    # Beside the 1 aangemeld (<5), the smallest other status (6) is hidden too (×), so
    # the 1 cannot be recomputed from the total number of dossiers.
    DossierFactory.create_batch(6, gemeente=world.gemeente, status="uitvoering")
    fouten = []
    page.on("console", lambda m: fouten.append(m.text) if m.type == "error" else None)

    page.goto("/beheer/")
    page.get_by_label("Gebruikersnaam").fill(world.beleid.username)
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-123")
    page.locator("#login-form [type=submit]").click()

    expect(page.get_by_role("heading", name="Beleidsdashboard inburgering")).to_be_visible()
    rij = page.locator('tr[data-sleutel="inburgeraars_status.intake"]')
    expect(rij).to_contain_text("7")
    expect(page.locator('tr[data-sleutel="inburgeraars_status.aangemeld"]')).to_contain_text("<5")
    expect(page.locator('tr[data-sleutel="inburgeraars_status.uitvoering"]')).to_contain_text("×")
    expect(page.locator("table.mon-tabel caption").first).to_be_visible()

    # Chart.js drew the charts from the json_script data
    expect(page.locator("html")).to_have_attribute("data-mon-grafieken", "klaar")
    canvas = page.locator("#mon-grafiek-ladder")
    assert canvas.evaluate("c => c.width") > 0
    assert not [f for f in fouten if "Content Security Policy" in f], fouten
    screenshot(page, "monitoring_dashboard")

    with page.expect_download() as info:
        page.get_by_role("link", name="Download CSV").click()
    inhoud = Path(info.value.path()).read_text(encoding="utf-8-sig")
    rows = {r["sleutel"]: r for r in csv.DictReader(io.StringIO(inhoud), delimiter=";")}
    assert rows["inburgeraars_status.intake"]["waarde"] == "7"
    assert rows["inburgeraars_status.aangemeld"]["waarde"] == "<5"
    assert rows["inburgeraars_status.uitvoering"]["waarde"] == "×"
