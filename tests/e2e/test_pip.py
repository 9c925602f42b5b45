"""Browser journey of a werkcoach: draft a PIP from the intake, add a goal,
vaststellen, download the letter, start a change and compare the versions."""

import pytest
from pypdf import PdfReader

from tests.e2e.conftest import login, screenshot


@pytest.fixture
def eager_tasks():
    """The letter task runs in process (CI has Redis but no worker for browser tests)."""
    from inburgering.celery import app

    old = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = old


def test_werkcoach_drafts_checks_vaststelt_and_changes_a_pip(page, world, eager_tasks, tmp_path):
    from casefiles.choices import DossierStatus
    from casefiles.models import Dossier
    from tests.intake.factories import BredeIntakeFactory

    Dossier.objects.filter(pk=world.dossier.pk).update(status=DossierStatus.INTAKE)
    BredeIntakeFactory(
        dossier=world.dossier,
        afgerond=True,
        keuze_motivatie="Toets haalbaar; wil verpleegkundige worden.",
    )
    login(page, "wc")
    page.goto(f"/pip/dossier/{world.dossier.pk}/")
    page.get_by_role("button", name="PIP opstellen vanuit de intake").click()
    # Drafted from the intake: route and motivation are filled in.
    assert page.locator("#id_pip-leerroute").input_value() == "b1"
    assert "verpleegkundige" in page.locator("#id_pip-motivatie").input_value()
    # The draft has one provisional goal per life domain: write the real goals.
    doelen = page.locator("fieldset.pip-doel")
    for i in range(doelen.count() - 1):
        veld = doelen.nth(i).get_by_label("Doel", exact=True)
        assert veld.input_value().startswith("Doel voor ")
        veld.fill(f"Concreet doel {i + 1} met de inburgeraar afgesproken")
    nieuw = page.locator("fieldset.pip-doel").last
    nieuw.get_by_label("Levensdomein").select_option("werk")
    nieuw.get_by_label("Doel", exact=True).fill("Een taalstage in de zorg vinden")
    nieuw.get_by_label("Acties").fill("Gesprek met het werkgeversservicepunt.")
    nieuw.get_by_label("Wie doet wat").fill("Werkcoach zoekt; inburgeraar solliciteert.")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Alle controles zijn in orde").is_visible()
    assert page.get_by_text("Een taalstage in de zorg vinden").is_visible()
    screenshot(page, "pip-concept")
    page.get_by_role("button", name="Vaststellen als beschikking").click()
    # A confirmation page says what will happen: the termijn, the gesprekken, the letter.
    page.get_by_role("heading", name="PIP versie 1 vaststellen als beschikking?").wait_for()
    assert page.get_by_text("De inburgeringstermijn start op").is_visible()
    assert page.get_by_text("De beschikking (brief, pdf) wordt gemaakt").is_visible()
    screenshot(page, "pip-vaststellen-bevestigen")
    page.get_by_role("button", name="Ja, vaststellen als beschikking").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("is vastgesteld").is_visible()
    screenshot(page, "pip-vastgesteld")
    with page.expect_download() as info:
        page.get_by_role("link", name="Beschikking downloaden").click()
    pad = tmp_path / "brief.pdf"
    info.value.save_as(pad)
    reader = PdfReader(str(pad))
    tekst = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Een taalstage in de zorg vinden" in tekst and "bezwaar" in tekst
    # Change: a new concept, then the side-by-side view.
    page.goto(f"/pip/dossier/{world.dossier.pk}/")
    page.get_by_label("Toelichting").fill("Stage erbij")
    page.get_by_role("button", name="Wijzigen (nieuw concept)").click()
    page.locator("#id_pip-motivatie").fill("Toets haalbaar. Stage toegevoegd.")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.get_by_role("link", name="Vergelijk met versie 1").click()
    assert page.locator("tr.pip-diff--anders").count() >= 2
    screenshot(page, "pip-vergelijk")
