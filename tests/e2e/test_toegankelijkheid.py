"""Item 8 of issue 15: axe-core (WCAG 2.1 A and AA) finds no critical or serious
violation on any page our users use — every GET page of our apps (taken from the
url_cases that the permission test also walks, so a new page is checked too), the
admin pages of the beleidsmedewerker and the functioneel beheerder, forms showing
errors, pages with flash messages and confirmation pages — and no page needs
horizontal scrolling at 320 CSS px (= 400 % zoom of a 1280 px window)."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.conftest import (
    assert_reflow,
    assert_toegankelijk,
    horizontaal_scrollen,
    login,
    screenshot,
)
from tests.test_url_permissions import collected_cases

pytestmark = pytest.mark.django_db(transaction=True)

DOWNLOADS = {
    "casefiles:document_download",
    "casefiles:werkvoorraad_export",
    "pip_plans:brief_download",
    "ontzorgen:batch_download",
    "ontzorgen:inhouding_csv",
    "ontzorgen:inhouding_pdf",
}
"""GET URLs that answer with a file, not a page (the walk also recognises a file by its
content type, so a new download cannot break it; this list only saves the request)."""

PAGINAS = [c for c in collected_cases() if c.method == "get" and c.name not in DOWNLOADS]


def _controleer(page, axe_bron, wat):
    assert_toegankelijk(page, axe_bron, wat)
    assert_reflow(page, wat)


def test_every_page_of_our_apps(page, world, axe_bron):
    """One browser session walks every page (one database, so no flush per page):
    each case gets a dossier of its own, so the objects one page's setup makes never
    disturb another's. All findings are reported together."""
    from dataclasses import replace

    from tests.conftest import deel_alles
    from tests.factories import DossierFactory

    fouten = []
    ingelogd = None
    for case in sorted(PAGINAS, key=lambda c: c.permitted):
        dossier = DossierFactory(
            gemeente=world.gemeente, werkcoach=world.werkcoach, consulent=world.consulent
        )
        w = replace(
            world,
            dossier=dossier,
            # the partner's pages need the new dossier shared, as the world's is
            deling=deel_alles(dossier=dossier, partner_org=world.partner_org, door=world.consulent),
            dossier_elders=DossierFactory(
                gemeente=world.andere_gemeente,
                werkcoach=world.werkcoach_elders,
                consulent=world.consulent_elders,
            ),
        )
        if case.setup:
            case.setup(w)
        url = case.url(w)
        if ingelogd != case.permitted:
            page.context.clear_cookies()
            login(page, getattr(w, case.permitted).username)
            ingelogd = case.permitted
        soort = page.request.get(url).headers.get("content-type", "")
        if not soort.startswith("text/html"):
            continue  # a file (CSV, PDF, XML), not a page: nothing to check with axe
        response = page.goto(url)
        if response.status != 200:
            fouten.append(f"{case.name}: HTTP {response.status}")
            continue
        for controle in (assert_toegankelijk, assert_reflow):
            try:
                controle(page, axe_bron, case.name) if controle is assert_toegankelijk else (
                    controle(page, case.name)
                )
            except AssertionError as exc:
                fouten.append(str(exc))
    assert not fouten, f"{len(fouten)} pagina's met fouten:\n" + "\n".join(fouten)


def test_login_page_and_failed_login(page, world, axe_bron):
    page.goto("/inloggen/")
    _controleer(page, axe_bron, "inloggen")
    page.get_by_label("Gebruikersnaam").fill("wc")
    page.get_by_label("Wachtwoord").fill("fout-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_text("klopt niet")).to_be_visible()
    _controleer(page, axe_bron, "inloggen met fout")


def test_forms_with_errors_and_flash_messages(page, world, axe_bron):
    d = world.dossier
    login(page, "wc")
    # A form with errors: the error summary gets the focus and links to the field.
    page.goto(reverse("casefiles:contactmomenten", kwargs={"dossier_pk": d.pk}))
    page.get_by_role("button", name="Vastleggen").click()
    samenvatting = page.locator("[data-foutoverzicht]")
    expect(samenvatting).to_be_focused()
    samenvatting.get_by_role("link").first.click()
    expect(page.locator("#id_onderwerp")).to_be_focused()
    _controleer(page, axe_bron, "contactmoment met fouten")
    # A flash message.
    page.get_by_label("Onderwerp").fill("Kennismaking")
    page.get_by_label("Soort contact").select_option("telefoon")
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_text("Het contactmoment is vastgelegd.")).to_be_visible()
    _controleer(page, axe_bron, "contactmomenten met melding")
    # New dossier with errors (two forms on one page).
    page.goto(reverse("casefiles:dossier_nieuw"))
    page.get_by_role("button", name="Dossier aanmaken").click()
    expect(page.locator("[data-foutoverzicht]").first).to_be_focused()
    _controleer(page, axe_bron, "nieuw dossier met fouten")
    # Status change: the confirmation page, then the flash message.
    page.goto(reverse("casefiles:dossier_detail", kwargs={"dossier_pk": d.pk}))
    page.get_by_label("Nieuwe status").select_option("beeindigd")
    page.get_by_role("button", name="Status wijzigen…").click()
    expect(page.get_by_role("heading", name="Status wijzigen naar 'Beëindigd'?")).to_be_focused()
    _controleer(page, axe_bron, "bevestigen statuswijziging")
    screenshot(page, "bevestigen_status")
    page.get_by_role("button", name="Ja, status wijzigen naar 'Beëindigd'").click()
    expect(page.get_by_text("De status is gewijzigd.")).to_be_visible()
    _controleer(page, axe_bron, "dossier met melding")
    # The week and the werkvoorraad.
    page.goto(reverse("casefiles:week"))
    _controleer(page, axe_bron, "mijn week")
    page.goto(reverse("casefiles:werkvoorraad") + "?wie=alle&sort=-naam")
    _controleer(page, axe_bron, "werkvoorraad gesorteerd")


def test_pages_with_errors_of_the_other_apps(page, world, axe_bron):
    from tests.intake.factories import BredeIntakeFactory

    d = world.dossier
    intake = BredeIntakeFactory(dossier=d, lopend=True)
    login(page, "wc")
    page.goto(reverse("intake:detail", kwargs={"dossier_pk": d.pk, "intake_pk": intake.pk}))
    page.locator("#id_algemeen-tolk_ingezet").check()
    page.get_by_role("button", name="Intake opslaan").click()
    expect(page.locator("[data-foutoverzicht]")).to_be_focused()
    _controleer(page, axe_bron, "intake met fout")
    page.goto(reverse("pip_plans:handhaving_nieuw", kwargs={"dossier_pk": d.pk}))
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.locator("[data-foutoverzicht]")).to_be_focused()
    _controleer(page, axe_bron, "handhaving met fouten")


def test_consulent_pages_with_errors(page, world, axe_bron):
    from datetime import date

    from tests.ontzorgen.factories import plan_met_drie_lasten

    d = world.dossier
    d.datum_start_bijstand = date(2026, 9, 1)
    d.save()
    plan_met_drie_lasten(d)
    login(page, "cmb")
    page.goto(reverse("ontzorgen:vastelast_nieuw", kwargs={"dossier_pk": d.pk}))
    page.get_by_label("Bedrag per maand").fill("-5")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.locator("[data-foutoverzicht]")).to_be_focused()
    _controleer(page, axe_bron, "vaste last met fouten")
    page.goto(reverse("ontzorgen:overzicht"))
    _controleer(page, axe_bron, "overzicht ontzorgen")


ADMIN_BELEID = [
    "/beheer/",
    "/beheer/monitoring/indicatorsnapshot/dashboard/",
    "/beheer/monitoring/budgetregel/",
    "/beheer/monitoring/indicatorsnapshot/",
]
ADMIN_BEHEER = [
    "/beheer/",
    "/beheer/casefiles/gemeente/",
    "/beheer/casefiles/gemeente/{gemeente}/change/",
    "/beheer/auth/user/",
    "/beheer/auth/user/{beheer}/change/",
    "/beheer/auth/user/add/",
    "/beheer/casefiles/accesslog/",
    "/beheer/leerroutes/aanbieder/",
    "/beheer/leerroutes/aanbieder/add/",
    "/beheer/casefiles/ketenpartner/",
    "/beheer/ontzorgen/vastelastsoort/",
    # issue 12: teams, the roles, the security log
    "/beheer/casefiles/team/",
    "/beheer/casefiles/team/add/",
    "/beheer/casefiles/team/{team}/change/",
    "/beheer/auth/group/",
    "/beheer/casefiles/securityevent/",
    # issue 17: retention periods, anonymisations and the verwerkingsregister
    "/beheer/privacy/bewaartermijn/",
    "/beheer/privacy/bewaartermijn/add/",
    "/beheer/privacy/anonimisering/",
    "/beheer/privacy/verwerking/",
]


def _admin_login(page, username):
    page.goto("/beheer/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-123")
    page.locator("#login-form [type=submit]").click()
    page.wait_for_load_state("networkidle")


def test_admin_pages_of_the_beleidsmedewerker(page, world, axe_bron):
    from tests.factories import DossierFactory

    DossierFactory.create_batch(6, gemeente=world.gemeente, status="intake")
    page.goto("/beheer/login/")
    _controleer(page, axe_bron, "beheer: inloggen")
    _admin_login(page, "beleid")
    for url in ADMIN_BELEID:
        response = page.goto(url)
        assert response.status == 200, url
        _controleer(page, axe_bron, url)
    screenshot(page, "beheer_beleid")


def test_admin_pages_of_the_beheerder(page, world, axe_bron):
    from django.contrib.auth.models import Group, Permission

    from casefiles.choices import Rol

    # The functioneel beheerder maintains the reference data these pages show.
    extra = [
        ("leerroutes", "aanbieder"),
        ("ontzorgen", "vastelastsoort"),
    ]
    groep = Group.objects.get(name=Rol.BEHEER)
    for app, model in extra:
        groep.permissions.add(
            *Permission.objects.filter(content_type__app_label=app, content_type__model=model)
        )
    _admin_login(page, "beheer")
    for url in ADMIN_BEHEER:
        url = url.format(gemeente=world.gemeente.pk, beheer=world.beheer.pk, team=world.team.pk)
        response = page.goto(url)
        assert response.status == 200, url
        _controleer(page, axe_bron, url)
    # An admin form with errors: the beheerder maintains the letterhead and the payment
    # details of its gemeente (the name, CBS code and OIN are read-only for it, issue 12).
    page.goto(f"/beheer/casefiles/gemeente/{world.gemeente.pk}/change/")
    page.locator("#id_iban").fill("NL00BANK0123456789")
    page.locator("input[name=_save]").click()
    expect(page.locator(".errornote")).to_be_visible()
    _controleer(page, axe_bron, "beheer: gemeente met fout")
    screenshot(page, "beheer_fout")
    # A staff account with errors (issue 12's user form).
    page.goto("/beheer/auth/user/add/")
    page.locator("input[name=_save]").click()
    expect(page.locator(".errornote")).to_be_visible()
    _controleer(page, axe_bron, "beheer: nieuwe medewerker met fouten")


def test_account_pages(page, world, axe_bron, settings):
    """Issue 12's pages for staff: logging in (with an error), the lock-out page, asking
    for a new password, enrolling and verifying the second factor, changing one's own
    password (with errors)."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def code(device) -> str:
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        totp.time = time.time()
        return f"{totp.token():06d}"

    page.goto(reverse("login"))
    _controleer(page, axe_bron, "inloggen")
    login(page, "wc", "fout-wachtwoord")
    expect(page.get_by_text("klopt niet")).to_be_visible()
    _controleer(page, axe_bron, "inloggen met fout")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(page, "wc2", "fout-wachtwoord")
    expect(page.get_by_role("heading", name="Inloggen is tijdelijk geblokkeerd")).to_be_visible()
    _controleer(page, axe_bron, "geblokkeerd")
    page.goto(reverse("password_reset"))
    _controleer(page, axe_bron, "wachtwoord vergeten")
    page.get_by_role("button").last.click()
    _controleer(page, axe_bron, "wachtwoord vergeten met fout")
    page.goto(reverse("password_reset_done"))
    _controleer(page, axe_bron, "wachtwoord vergeten: verstuurd")
    page.goto(reverse("password_reset_confirm", kwargs={"uidb64": "MA", "token": "ongeldig"}))
    _controleer(page, axe_bron, "wachtwoord instellen: ongeldige link")

    settings.OTP_REQUIRED = True
    login(page, "wc")
    expect(page.get_by_role("heading", name="Tweestapsverificatie instellen")).to_be_visible()
    _controleer(page, axe_bron, "tweestaps instellen")
    # no code: an error without a failed attempt (django-otp throttles after one)
    page.get_by_role("button", name="Koppelen").click()
    expect(page.locator("[data-foutoverzicht]")).to_be_visible()
    _controleer(page, axe_bron, "tweestaps instellen met fout")
    device = TOTPDevice.objects.get(user=world.werkcoach, confirmed=False)
    page.get_by_label("Code uit uw authenticator-app").fill(code(device))
    page.get_by_role("button", name="Koppelen").click()
    expect(page.get_by_role("heading", name="Mijn werkvoorraad")).to_be_visible()
    page.goto(reverse("wachtwoord_wijzigen"))
    _controleer(page, axe_bron, "wachtwoord wijzigen")
    page.get_by_role("button", name="Wachtwoord wijzigen").click()
    expect(page.locator("[data-foutoverzicht]")).to_be_visible()
    _controleer(page, axe_bron, "wachtwoord wijzigen met fouten")
    page.context.clear_cookies()
    login(page, "wc")
    page.goto(reverse("tweestaps_verifieren"))
    expect(page.get_by_label("Code uit uw authenticator-app")).to_be_visible()
    _controleer(page, axe_bron, "tweestaps verifieren")
    screenshot(page, "tweestaps_verifieren")


def test_the_checks_can_fail(page, axe_bron):
    """The axe and reflow checks find a real violation (so a green run means something)."""
    page.set_content(
        '<html lang="nl"><head><title>t</title></head><body><main><h1>t</h1>'
        '<input type="text" id="zonder-label"><div style="width: 900px">breed</div>'
        "</main></body></html>"
    )
    with pytest.raises(AssertionError, match="label"):
        assert_toegankelijk(page, axe_bron, "proef")
    with pytest.raises(AssertionError, match="horizontaal scrollen"):
        assert_reflow(page, "proef")


def test_key_pages_at_desktop_and_375_px(page, world, axe_bron):
    """The werkvoorraad, PIP and ontzorgen pages (which needed horizontal scrolling
    before) at 1280 and 375 px: no horizontal scrolling; screenshots to look at."""
    from datetime import date

    from casefiles.models import Dossier
    from tests.factories import TaakFactory
    from tests.ontzorgen.factories import plan_met_drie_lasten
    from tests.pip_plans.factories import vastgestelde_pip

    d = world.dossier
    vastgestelde_pip(d, world.werkcoach)
    Dossier.objects.filter(pk=d.pk).update(datum_start_bijstand=date(2026, 9, 1))
    d.refresh_from_db()
    plan_met_drie_lasten(d)
    TaakFactory(dossier=d, titel="Bel de taalaanbieder over de start van de lessen")
    paginas = {
        "werkvoorraad": ("wc", reverse("casefiles:werkvoorraad")),
        "week": ("wc", reverse("casefiles:week") + "?toon=open"),
        "dossier": ("wc", reverse("casefiles:dossier_detail", kwargs={"dossier_pk": d.pk})),
        "pip": ("wc", reverse("pip_plans:tab", kwargs={"dossier_pk": d.pk})),
        "ontzorgen": ("cmb", reverse("ontzorgen:tab", kwargs={"dossier_pk": d.pk})),
        "ontzorgen_overzicht": ("cmb", reverse("ontzorgen:overzicht")),
    }
    ingelogd = None
    for naam, (wie, url) in paginas.items():
        if wie != ingelogd:
            page.context.clear_cookies()
            login(page, wie)
            ingelogd = wie
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(url)
        screenshot(page, f"breed_{naam}")
        page.set_viewport_size({"width": 375, "height": 800})
        page.wait_for_timeout(200)
        assert horizontaal_scrollen(page) <= 0, naam
        screenshot(page, f"smal_{naam}")


def test_paged_lists_and_their_links(page, world, axe_bron):
    """Issue 16: a page with several paged lists (the ontzorgen overview) and the
    persons of a withholding instruction, with their page links shown: no axe
    violation, no horizontal scroll, and paging one list keeps the other's page and
    returns to the list's heading."""
    from datetime import date

    from casefiles.choices import TaakBron
    from ontzorgen import inhouding, rules
    from ontzorgen.choices import BetalingStatus
    from tests.factories import DossierFactory, TaakFactory
    from tests.ontzorgen.factories import BetalingFactory

    today = date.today()
    for _ in range(30):
        BetalingFactory(
            vaste_last__plan__dossier__gemeente=world.gemeente,
            maand=rules.maand_start(today),
            status=BetalingStatus.MISLUKT,
            reden="Rekening opgeheven",
        )
        TaakFactory(dossier=DossierFactory(gemeente=world.gemeente), bron=TaakBron.ONTZORGEN)
    for _ in range(55):
        BetalingFactory(
            vaste_last__plan__dossier__gemeente=world.gemeente,
            maand=date(2027, 1, 1),
            status=BetalingStatus.BETAALD,
        )
    opdracht = inhouding.inhouding_maken(
        actor=world.consulent, gemeente=world.gemeente, maand=date(2027, 1, 1)
    )
    login(page, world.consulent.username)

    page.goto(reverse("ontzorgen:overzicht") + "?pagina_evaluaties=2")
    _controleer(page, axe_bron, "ontzorgen-overzicht met paginalinks")
    nav = page.get_by_role("navigation", name="Pagina's van de mislukte betalingen")
    expect(nav).to_contain_text("Pagina 1 van 2 (30 mislukte betalingen)")
    nav.get_by_role("link", name="Volgende").click()
    page.wait_for_load_state("networkidle")
    assert "pagina_mislukt=2" in page.url and "pagina_evaluaties=2" in page.url
    assert page.url.endswith("#kop-mislukt")
    expect(nav).to_contain_text("Pagina 2 van 2 (30 mislukte betalingen)")
    expect(
        page.get_by_role("navigation", name="Pagina's van de evaluaties en nazorg")
    ).to_contain_text("Pagina 2 van 2")

    page.goto(reverse("ontzorgen:inhouding_detail", kwargs={"opdracht_pk": opdracht.pk}))
    _controleer(page, axe_bron, "inhoudingsopdracht met paginalinks")
    personen = page.get_by_role("navigation", name="Pagina's van de personen in deze opdracht")
    personen.get_by_role("link", name="Volgende").click()
    page.wait_for_load_state("networkidle")
    expect(personen).to_contain_text("Pagina 2 van 2 (55 personen)")
    assert page.locator("table.app-table tbody tr").count() == 5
