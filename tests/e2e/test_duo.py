"""Browser journey: the werkcoach vaststelt a PIP; it goes to the (fake) DUO at once
and the PIP page says "Verzonden naar DUO"; DUO returns it on GET /personen/{bsn}/PIP;
the DUO tab lists the message with DUO's answer."""

import pytest

from tests.duo.conftest import fake_duo  # noqa: F401  (the fake DUO of duo-fake)
from tests.duo.out.conftest import duo_server  # noqa: F401
from tests.e2e.conftest import assert_toegankelijk, login, screenshot


@pytest.fixture
def eager_tasks():
    """The outbox job runs in process (CI has Redis but no worker for browser tests)."""
    from inburgering.celery import app

    old = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = old


def test_vaststellen_in_the_browser_reaches_duo(page, world, duo_server, eager_tasks, axe_bron):  # noqa: F811
    from duo.client import DuoClient
    from tests.pip_plans.factories import concept

    versie = concept(world.dossier)
    login(page, "wc")
    page.goto(f"/pip/dossier/{world.dossier.pk}/versie/{versie.pk}/")
    page.get_by_role("button", name="Vaststellen als beschikking").click()
    page.get_by_role("button", name="Ja, vaststellen als beschikking").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("is vastgesteld").is_visible()
    assert page.get_by_text("Verzonden naar DUO").is_visible()
    screenshot(page, "duo-pip-verzonden")
    assert_toegankelijk(page, axe_bron, "PIP-pagina met DUO-status")

    bsn = world.dossier.inburgeraar.bsn
    antwoord = DuoClient(world.gemeente).get(f"/personen/{bsn}/PIP", ref="e2e")
    assert antwoord.status == 200
    versie.refresh_from_db()
    assert antwoord.body["pip"]["dagtekeningPip"] == versie.dagtekening.isoformat()

    page.get_by_role("link", name="DUO", exact=True).click()
    page.wait_for_load_state("networkidle")
    rij = page.locator("tr", has_text="PIP registreren")
    assert "Verzonden naar DUO" in rij.inner_text()
    assert "HTTP 201" in rij.inner_text()
    screenshot(page, "duo-tab")
    assert_toegankelijk(page, axe_bron, "tab DUO")


def test_refused_pip_is_retried_by_the_beheerder(page, world, duo_server, eager_tasks, axe_bron):  # noqa: F811
    """DUO refuses the PIP (it knows a later start of the plicht); the werkcoach sees
    DUO's reason on the PIP page; after DUO's data is corrected the functioneel
    beheerder retries the message from the list and the PIP reaches DUO."""
    from datetime import timedelta

    from django.utils import timezone

    from tests.pip_plans.factories import concept

    person = duo_server.person(world.dossier.inburgeraar.bsn)
    echte_start = person.plicht_start
    person.plicht_start = timezone.localdate() + timedelta(days=1)
    versie = concept(world.dossier)
    versie_url = f"/pip/dossier/{world.dossier.pk}/versie/{versie.pk}/"
    login(page, "wc")
    page.goto(versie_url)
    page.get_by_role("button", name="Vaststellen als beschikking").click()
    page.get_by_role("button", name="Ja, vaststellen als beschikking").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("DUO heeft deze PIP geweigerd").is_visible()
    screenshot(page, "duo-pip-geweigerd")

    person.plicht_start = echte_start
    page.context.clear_cookies()
    login(page, "beheer")
    page.goto("/duo/beheer/mislukt/")
    assert page.get_by_role("cell", name="Geweigerd door DUO").is_visible()
    assert world.dossier.inburgeraar.bsn not in page.content()
    assert_toegankelijk(page, axe_bron, "mislukte berichten aan DUO")
    page.get_by_role("button", name="Opnieuw versturen").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("staat opnieuw klaar voor DUO").is_visible()
    assert page.get_by_text("Er zijn geen mislukte berichten.").is_visible()

    page.context.clear_cookies()
    login(page, "wc")
    page.goto(versie_url)
    assert page.get_by_text("Verzonden naar DUO").is_visible()
