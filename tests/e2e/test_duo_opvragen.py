"""The werkcoach's journey on "Bij DUO opvragen" in Chromium, against the fake DUO:
ask DUO, see DUO beside the dossier, adopt the doelgroep with one click; and the
beheerder's list. Each page passes axe-core (WCAG 2.1 AA) and reflows at 320 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from casefiles.choices import Doelgroep
from duo.inbound.models import Notificatie, NotificatieStatus
from tests.duo.conftest import CBS_DE_WOLDEN, OIN_DALFSEN, OIN_DE_WOLDEN, fake_duo
from tests.e2e.conftest import assert_reflow, assert_toegankelijk, login

# In tests/e2e, beside the session's one Chromium: a second sync Playwright started
# from another directory's copy of the fixture would run inside the first one's
# event loop and break every browser test after it.
__all__ = ["fake_duo"]  # the fake DUO of tests/duo, used here

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_werkcoach_asks_duo_and_adopts_the_doelgroep(page, world, fake_duo, axe_bron):
    world.gemeente.oin = OIN_DE_WOLDEN
    world.gemeente.save(update_fields=["oin"])
    world.andere_gemeente.oin = OIN_DALFSEN
    world.andere_gemeente.save(update_fields=["oin"])
    dossier = world.dossier
    fake_duo.seed_person(
        dossier.inburgeraar.bsn,
        gemeente=CBS_DE_WOLDEN,
        doelgroep="gezin",
        gedetailleerde_doelgroep="Gezinsvormer",
    )
    login(page, world.werkcoach.username)
    page.goto(f"/duo/opvragen/dossier/{dossier.pk}/")
    page.get_by_role("button", name="Bij DUO opvragen").click()
    tabel = page.get_by_role("table", name="Dossier en DUO naast elkaar")
    expect(tabel).to_contain_text("Gezinsmigrant (Gezinsvormer)")
    assert_toegankelijk(page, axe_bron, "duo_inbound:opvragen")
    assert_reflow(page, "duo_inbound:opvragen")
    page.get_by_role("button", name=re.compile(r"Overnemen\W*Doelgroep")).click()
    expect(page.get_by_text("Overgenomen van DUO: Doelgroep.")).to_be_visible()
    assert_toegankelijk(page, axe_bron, "duo_inbound:opvragen na overnemen")
    dossier.refresh_from_db()
    assert dossier.doelgroep == Doelgroep.GEZINSMIGRANT


def test_beheerder_list(page, world, axe_bron):
    import uuid
    from datetime import UTC, datetime

    Notificatie.objects.create(
        bericht_id=uuid.uuid4(),
        gemeente=world.gemeente,
        gebeurtenis_id="SS199",
        registratie_moment=datetime.now(UTC),
        bsn="999990019",
        status=NotificatieStatus.MISLUKT,
        resultaat="DUO kent geen inburgeringsplicht van de persoon.",
    )
    login(page, world.beheer.username)
    page.goto("/duo/opvragen/beheer/")
    expect(page.get_by_role("cell", name="SS199")).to_be_visible()
    assert_toegankelijk(page, axe_bron, "duo_inbound:beheer")
    assert_reflow(page, "duo_inbound:beheer")
    page.get_by_role("button", name="Opnieuw verwerken").click()
    expect(page.get_by_text("wordt opnieuw verwerkt")).to_be_visible()
