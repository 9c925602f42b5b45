"""Privacyfunctionaris journey (issue 17): log in, land on the inzage requests, a
wrong BSN first (Dutch message, the typed value kept), then the right one; the export
is made by the outbox; download it once; the page is accessible (WCAG 2.1 AA, reflow)."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from casefiles import outbox
from tests.e2e.conftest import assert_reflow, assert_toegankelijk, login, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_privacy_officer_answers_an_inzage_request(page, world, axe_bron):
    persoon = world.dossier.inburgeraar
    login(page, world.privacy.username)
    expect(page.get_by_role("heading", name="Inzageverzoeken (AVG artikel 15)")).to_be_visible()
    assert_toegankelijk(page, axe_bron, "inzageverzoeken")

    page.get_by_label("BSN van de inburgeraar").fill("123456789")
    page.get_by_role("button", name="Export maken").click()
    expect(page.get_by_text("Dit is geen geldig BSN").first).to_be_visible()
    expect(page.get_by_label("BSN van de inburgeraar")).to_have_value("123456789")
    assert_toegankelijk(page, axe_bron, "inzageverzoeken met fout")

    page.get_by_label("BSN van de inburgeraar").fill(persoon.bsn)
    page.get_by_role("button", name="Export maken").click()
    expect(page.get_by_text("is vastgelegd")).to_be_visible()
    assert persoon.bsn not in page.url

    outbox.run_pending_here(kinds=["privacy.inzage"])  # as the worker does
    page.reload()
    row = page.get_by_role("row").filter(has_text=persoon.achternaam)
    expect(row).to_contain_text("Klaar om te downloaden")
    screenshot(page, "privacy_inzageverzoeken")
    assert_reflow(page, "inzageverzoeken")
    with page.expect_download() as info:
        row.get_by_role("button", name="Downloaden (één keer)").click()
    data = Path(info.value.path()).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        export = json.loads(zf.read("inzage.json"))
    assert export["secties"][0]["records"][0]["gegevens"]["bsn"] == persoon.bsn
    page.reload()
    row = page.get_by_role("row").filter(has_text=persoon.achternaam)
    expect(row).to_contain_text("Gedownload")
    expect(row.get_by_role("button")).to_have_count(0)
