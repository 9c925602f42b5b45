"""Two werkcoaches in two browsers edit the same concept-PIP: the second save gets a
clear Dutch conflict, sees the colleague's text and keeps its own typing; saving
again keeps the second version deliberately."""

from tests.e2e.conftest import login, screenshot


def test_two_werkcoaches_edit_the_same_concept(browser, live_server, page, world):
    from pip_plans.models import PipVersie
    from tests.pip_plans.factories import concept

    v = concept(world.dossier)
    url = f"/pip/dossier/{world.dossier.pk}/versie/{v.pk}/bewerken/"
    ctx_b = browser.new_context(base_url=live_server.url, locale="nl-NL")
    ctx_b.set_default_timeout(15_000)
    page_b = ctx_b.new_page()
    try:
        login(page, "wc")
        login(page_b, "wc2")
        page.goto(url)
        page_b.goto(url)
        page.locator("#id_pip-motivatie").fill("Toets hoog; besproken met Wendy.")
        page.get_by_role("button", name="Opslaan", exact=True).click()
        page.wait_for_load_state("networkidle")
        assert PipVersie.objects.get(pk=v.pk).motivatie == "Toets hoog; besproken met Wendy."

        page_b.locator("#id_pip-motivatie").fill("Advies taalschool; besproken met Willem.")
        page_b.get_by_role("button", name="Opslaan", exact=True).click()
        page_b.wait_for_load_state("networkidle")
        assert page_b.get_by_text("Iemand anders heeft dit intussen opgeslagen.").is_visible()
        conflict = page_b.locator("table.app-bewerkconflict")
        assert "Toets hoog; besproken met Wendy." in conflict.inner_text()
        assert (
            page_b.locator("#id_pip-motivatie").input_value()
            == "Advies taalschool; besproken met Willem."
        )
        assert PipVersie.objects.get(pk=v.pk).motivatie == "Toets hoog; besproken met Wendy."
        screenshot(page_b, "bewerkconflict-pip")

        page_b.get_by_role("button", name="Opslaan", exact=True).click()
        page_b.wait_for_load_state("networkidle")
        assert (
            PipVersie.objects.get(pk=v.pk).motivatie == "Advies taalschool; besproken met Willem."
        )
    finally:
        ctx_b.close()
