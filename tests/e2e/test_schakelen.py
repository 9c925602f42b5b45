"""Browser journey (issue 11): a werkcoach switches a dossier from the B1-route to the
Z-route — schakelen within 1.5 years, at level A2 — from the screen; the leerroute
trajectory follows (a new Z trajectory at A2, the B1 trajectory kept as history) and
the termijn does not move. A refused change shows one clear reason."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.e2e.conftest import login, screenshot


@pytest.fixture
def eager_tasks():
    """The letter task runs in process (CI has Redis but no worker for browser tests)."""
    from inburgering.celery import app

    old = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = old


def test_werkcoach_switches_from_b1_to_z_route(page, world, eager_tasks):
    from casefiles.models import Dossier
    from leerroutes.models import Traject
    from pip_plans.models import PipVersie
    from tests.pip_plans.factories import vastgestelde_pip

    d = world.dossier
    eerste = timezone.localdate() - timedelta(days=20)
    vastgestelde_pip(d, world.werkcoach, dagtekening=eerste)
    d.refresh_from_db()
    termijn = (d.termijn_start, d.termijn_eind)

    login(page, "wc")
    page.goto(f"/pip/dossier/{d.pk}/")
    page.get_by_label("Reden van de wijziging").select_option("schakelen")
    page.get_by_label("Toelichting").fill(
        "Leerbaarheid lager dan gedacht; advies aanbieder Z-route."
    )
    page.get_by_role("button", name="Wijzigen (nieuw concept)").click()
    page.wait_for_load_state("networkidle")

    # First try the Z-route with level B1: refused with one clear reason.
    page.locator("#id_pip-leerroute").select_option("z")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_load_state("networkidle")
    weigeringen = page.locator(".pip-weigeringen li")
    assert weigeringen.count() == 1
    assert "Niveau B1 kan niet samen met de Z-route" in weigeringen.first.inner_text()

    # Level A2 with a route change is schakelen, not afschalen.
    page.get_by_role("link", name="Concept bewerken").click()
    page.locator("#id_pip-niveau").select_option("A2")
    page.locator("#id_pip-motivatie").fill(
        "Leerbaarheidstoets en 6 maanden les: B1 niet haalbaar. Advies aanbieder: Z-route."
    )
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Alle controles zijn in orde").is_visible()
    screenshot(page, "schakelen-b1-z-concept")
    page.get_by_role("button", name="Vaststellen als beschikking").click()
    # The confirmation page (issue 15) says what will happen; the termijn is not restarted.
    page.get_by_role("heading", name="PIP versie 2 vaststellen als beschikking?").wait_for()
    assert page.get_by_text("Het leerroutetraject volgt de PIP: Z-route, niveau A2.").is_visible()
    assert not page.get_by_text("De inburgeringstermijn start op").count()
    screenshot(page, "schakelen-b1-z-bevestigen")
    page.get_by_role("button", name="Ja, vaststellen als beschikking").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("is vastgesteld").is_visible()

    v2 = PipVersie.objects.get(dossier=d, nummer=2)
    assert (v2.status, v2.reden, v2.leerroute, v2.niveau) == ("vastgesteld", "schakelen", "z", "A2")
    assert (
        Dossier.objects.filter(pk=d.pk).values_list("termijn_start", "termijn_eind").get()
        == termijn
    )
    trajecten = {t.route: t for t in Traject.objects.filter(dossier=d)}
    assert trajecten["b1"].status == "gestopt"
    assert (trajecten["z"].niveau, trajecten["z"].vorige_id) == ("A2", trajecten["b1"].pk)

    page.goto(f"/leerroutes/dossiers/{d.pk}/")
    assert page.get_by_text("Z-route", exact=True).first.is_visible()
    assert page.get_by_text("Eerdere trajecten (1)").is_visible()
    screenshot(page, "schakelen-b1-z-leerroute")
