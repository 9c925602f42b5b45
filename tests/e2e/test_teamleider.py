"""Teamleider journey (issue 12): log in, land on the team's caseload, assign a new
aanmelding to a werkcoach of the team; that werkcoach then finds it in "mijn
werkvoorraad". Also: a werkcoach enrols a second factor with a real TOTP code."""

import time

import pytest
from playwright.sync_api import expect

from casefiles.models import AccessLog
from tests.e2e.conftest import login, screenshot
from tests.factories import DossierFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_teamleider_assigns_a_new_aanmelding(page, world):
    nieuw = DossierFactory(gemeente=world.gemeente, werkcoach=None, consulent=None)
    naam = nieuw.inburgeraar.volledige_naam
    login(page, world.teamleider.username)
    expect(page.get_by_role("heading", name="Caseload van het team")).to_be_visible()
    row = page.get_by_role("row").filter(has_text=naam)
    expect(row.get_by_text("niet toegewezen")).to_be_visible()
    screenshot(page, "teamleider_caseload")
    row.get_by_role("link", name="Toewijzen").click()
    page.get_by_label("Werkcoach").select_option(label="Willem Medewerker")
    page.get_by_role("button", name="Toewijzing opslaan").click()
    expect(page.get_by_text("De toewijzing is opgeslagen.")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text=naam)).to_contain_text("Willem")
    assert AccessLog.objects.filter(
        user_id=world.teamleider.pk, dossier_id=nieuw.pk, onderdeel="team.caseload"
    ).exists()
    # the teamleider cannot open the dossier itself
    response = page.goto(f"/werkvoorraad/dossiers/{nieuw.pk}/")
    assert response.status == 403

    page.context.clear_cookies()
    login(page, world.werkcoach2.username)
    expect(page.get_by_role("link", name=naam)).to_be_visible()


def test_werkcoach_enrols_a_second_factor(page, world, settings):
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.OTP_REQUIRED = True
    login(page, world.werkcoach.username)
    expect(page.get_by_role("heading", name="Tweestapsverificatie instellen")).to_be_visible()
    screenshot(page, "tweestaps_instellen")
    device = TOTPDevice.objects.get(user=world.werkcoach, confirmed=False)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    page.get_by_label("Code uit uw authenticator-app").fill(f"{totp.token():06d}")
    page.get_by_role("button", name="Koppelen").click()
    expect(page.get_by_role("heading", name="Mijn werkvoorraad")).to_be_visible()
    assert TOTPDevice.objects.get(user=world.werkcoach).confirmed
