"""Browser journey: the werkcoach vaststelt a PIP; it goes to the (fake) DUO at once
and the PIP page says "Verzonden naar DUO"; DUO returns it on GET /personen/{bsn}/PIP;
the DUO tab lists the message with DUO's answer."""

import pytest

from tests.duo.conftest import fake_duo  # noqa: F401  (the fake DUO of duo-fake)
from tests.duo.out.conftest import duo_server  # noqa: F401
from tests.e2e.conftest import login, screenshot


@pytest.fixture
def eager_tasks():
    """The outbox job runs in process (CI has Redis but no worker for browser tests)."""
    from inburgering.celery import app

    old = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = old


def test_vaststellen_in_the_browser_reaches_duo(page, world, duo_server, eager_tasks):  # noqa: F811
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
