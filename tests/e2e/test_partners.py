"""Issue 18's journey: a consulent records the inburgeraar's consent and shares parts
of the dossier with a VluchtelingenWerk coach, who then sees and updates only the
shared parts; after the consent is withdrawn the coach sees nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from casefiles.begeleiding import services as mb_services
from casefiles.models import AccessLog, Deling, Taak
from casefiles.services import contactmoment_create
from tests.e2e.conftest import login, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_consulent_shares_with_a_vluchtelingenwerk_coach(page, world):
    Deling.objects.filter(pk=world.deling.pk).delete()  # start without a share
    dossier = world.dossier
    naam = dossier.inburgeraar.volledige_naam
    today = timezone.localdate()
    mb_services.verwijzing_create(
        actor=world.consulent,
        dossier=dossier,
        partner=world.partner_org,
        datum=today,
        reden="Hulp bij post en administratie",
    )
    contactmoment_create(
        actor=world.werkcoach,
        dossier=dossier,
        onderwerp="Gesprek over schulden",
        soort="gesprek",
        verslag="Intern verslag van de gemeente",
    )

    # the consulent records the consent and shares two parts
    login(page, world.consulent.username)
    page.goto(f"/werkvoorraad/dossiers/{dossier.pk}/")
    page.get_by_role("link", name="Delen", exact=True).click()
    page.get_by_label("Delen met ketenpartner").select_option(label="VluchtelingenWerk De Wolden")
    page.get_by_label("Verwijzingen naar de partner").check()
    page.get_by_label("Contactmomenten van de partner").check()
    page.get_by_label("Vorm van de toestemming").select_option("schriftelijk")
    page.get_by_label("Toelichting toestemming").fill("Formulier getekend")
    page.get_by_label("Delen tot en met").fill((today + timedelta(days=180)).isoformat())
    page.get_by_role("button", name="Delen").click()
    expect(
        page.get_by_text("De toestemming is vastgelegd en het dossier is gedeeld.")
    ).to_be_visible()
    screenshot(page, "partner_delen")
    page.context.clear_cookies()

    # the coach sees the shared dossier and the new referral
    login(page, world.partner.username)
    expect(page.get_by_role("heading", name="Gedeelde dossiers")).to_be_visible()
    expect(page.get_by_text("Nieuwe verwijzing van gemeente De Wolden")).to_be_visible()
    page.get_by_role("link", name=naam).click()
    expect(page.get_by_role("heading", name=naam)).to_be_visible()
    expect(page.get_by_text("Hulp bij post en administratie")).to_be_visible()
    expect(page.get_by_text("Intern verslag van de gemeente")).to_have_count(0)
    expect(page.get_by_role("heading", name="Maatschappelijke begeleiding")).to_have_count(0)
    expect(page.get_by_text(dossier.inburgeraar.bsn)).to_have_count(0)
    screenshot(page, "partner_dossier")

    # it reports back on the referral …
    page.get_by_role("link", name="Terugkoppelen").click()
    page.get_by_label("Status").select_option(label="In behandeling")
    page.get_by_label("Terugkoppeling aan de gemeente").fill("Eerste huisbezoek gepland.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Uw terugkoppeling is naar de gemeente gestuurd.")).to_be_visible()
    # … and writes a contact moment
    page.get_by_role("link", name="Contactmoment vastleggen").click()
    page.get_by_label("Soort contact").select_option(label="Huisbezoek")
    page.get_by_label("Onderwerp").fill("Post doorgenomen")
    page.get_by_label("Verslag").fill("Brieven van de zorgverzekeraar samen gelezen.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Post doorgenomen")).to_be_visible()
    assert AccessLog.objects.filter(
        user_id=world.partner.pk, dossier_id=dossier.pk, ketenpartner_id=world.partner_org.pk
    ).exists()

    # nothing else of the dossier opens for the coach
    assert page.goto(f"/werkvoorraad/dossiers/{dossier.pk}/").status == 403
    assert page.goto(f"/intake/{dossier.pk}/").status == 403  # health: never
    assert page.goto(f"/ontzorgen/dossier/{dossier.pk}/").status == 403  # payments: never
    assert page.goto(f"/pip/dossier/{dossier.pk}/").status == 403  # incl. handhaving
    assert page.goto(f"/partners/gedeeld/{dossier.pk}/begeleiding/").status == 404
    assert page.goto(f"/partners/gedeeld/{world.dossier_elders.pk}/").status == 404
    page.context.clear_cookies()

    # the consulent sees the feedback and a task, then withdraws the share
    assert Taak.objects.filter(
        dossier=dossier, toegewezen_aan=world.consulent, bron="ketenpartner"
    ).exists()
    login(page, world.consulent.username)
    page.goto(f"/begeleiding/dossier/{dossier.pk}/")
    expect(page.get_by_text("Eerste huisbezoek gepland.")).to_be_visible()
    page.goto(f"/werkvoorraad/dossiers/{dossier.pk}/contactmomenten/")
    expect(page.get_by_text("Post doorgenomen")).to_be_visible()
    page.goto(f"/partners/dossier/{dossier.pk}/")
    page.get_by_role("link", name="Delen intrekken").click()
    page.get_by_label("Reden van de intrekking").fill("De inburgeraar trekt de toestemming in")
    page.get_by_role("button", name="Intrekken").click()
    expect(page.get_by_text("Het delen is ingetrokken")).to_be_visible()
    page.context.clear_cookies()

    login(page, world.partner.username)
    expect(page.get_by_text(naam)).to_have_count(0)
    assert page.goto(f"/partners/gedeeld/{dossier.pk}/").status == 404
