"""Browser journey: a werkcoach registers hours and an exam on the Leerroute tab and
sees the progress."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.e2e.conftest import login, screenshot
from tests.leerroutes.factories import AanbiederFactory, TrajectFactory


@pytest.fixture
def z_traject(transactional_db, world):
    aanbieder = AanbiederFactory(gemeenten=[world.gemeente], naam="Taalhuis Zuidwolde")
    return TrajectFactory(dossier=world.dossier, aanbieder=aanbieder, route="z", niveau="A1")


def test_werkcoach_registreert_uren_en_examen(page, world, z_traject):
    login(page, "wc")
    page.goto(f"/werkvoorraad/dossiers/{world.dossier.pk}/")
    page.get_by_role("navigation", name="Onderdelen van het dossier").get_by_role(
        "link", name="Leerroute"
    ).click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Leerroute", exact=True).is_visible()
    assert page.get_by_text("Taalhuis Zuidwolde").first.is_visible()

    today = timezone.localdate()
    start = today - timedelta(days=30)
    form = page.locator("#uren-form")
    form.get_by_label("Soort uren").select_option("participatie")
    form.get_by_label("Periode vanaf").fill(start.isoformat())
    form.get_by_label("Periode tot en met").fill(today.isoformat())
    form.get_by_label("Uren aanwezig").fill("160")
    form.get_by_label("Uren afwezig (ongeoorloofd)").fill("3")
    form.get_by_role("button", name="Uren opslaan").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("De uren zijn opgeslagen.").is_visible()
    bar = page.get_by_role("progressbar", name="Uren participatie (incl. brede intake)")
    assert bar.get_attribute("aria-valuenow") == "20"

    exam = page.locator("#examen-form")
    exam.get_by_label("Onderdeel").select_option("knm")
    exam.get_by_label("Examendatum").fill(today.isoformat())
    exam.get_by_label("Resultaat").select_option("behaald")
    exam.get_by_role("button", name="Examen opslaan").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Het examen is opgeslagen.").is_visible()
    assert page.get_by_role("cell", name="KNM").is_visible()
    screenshot(page, "leerroutes_tab")
