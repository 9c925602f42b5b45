"""Tables at common laptop widths (1280 and 1440 CSS px): a column header never breaks
inside a word ("Gemeent e", "Aanta l") and is never cut off ("Dossie", "So"), no word
in a cell is split over two lines, and a table wider than its place scrolls inside its
own container (``.app-tabelrol``) instead of running out of it. Checked in Chromium on
the pages with tables: the ontzorgen overview (its half-width failures table was the
report), the werkvoorraad, dossier tabs, the DUO lists and the monitoring dashboard;
axe (WCAG 2.1 AA) on each as well."""

from __future__ import annotations

import os
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.e2e.conftest import assert_toegankelijk, login

pytestmark = pytest.mark.django_db(transaction=True)

BREEDTES = [(1280, 800), (1440, 900)]

TABELFOUTEN_JS = r"""() => {
  const fouten = [];
  const zichtbaar = (e) => e.getClientRects().length > 0 && !e.closest('.app-visually-hidden');
  const naam = (e) => {
    const t = e.closest('table');
    const sectie = e.closest('section, .app-card');
    const kop = sectie && sectie.querySelector('h1, h2, h3');
    return (t && t.id ? '#' + t.id : '') + (kop ? ' [' + kop.textContent.trim() + ']' : '');
  };
  // a word whose letters lie on more than one line was broken inside the word
  const gebrokenWoorden = (cel) => {
    const uit = [];
    const walker = document.createTreeWalker(cel, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      if (!node.parentElement || !zichtbaar(node.parentElement)) continue;
      const tekst = node.textContent;
      // a break after a hyphen ("Z-/route") is a break between word parts, allowed
      for (const m of tekst.matchAll(/[^\s\-\u2010\u2011]+/g)) {
        const r = document.createRange();
        r.setStart(node, m.index);
        r.setEnd(node, m.index + m[0].length);
        const regels = new Set([...r.getClientRects()].filter((b) => b.width > 0)
                                  .map((b) => Math.round(b.top)));
        if (regels.size > 1) uit.push(m[0]);
      }
    }
    return uit;
  };
  for (const tabel of document.querySelectorAll('main table')) {
    if (!zichtbaar(tabel)) continue;
    for (const th of tabel.querySelectorAll('thead th')) {
      if (!zichtbaar(th)) continue;
      const kop = th.textContent.trim().replace(/\s+/g, ' ');
      if (th.scrollWidth > th.clientWidth + 1) {
        fouten.push(`kop afgekapt: "${kop}" ${th.scrollWidth} > ${th.clientWidth} ${naam(th)}`);
      }
      for (const w of gebrokenWoorden(th)) fouten.push(`kop breekt in "${w}" ${naam(th)}`);
    }
    for (const td of tabel.querySelectorAll('tbody td, tbody th')) {
      if (!zichtbaar(td)) continue;
      for (const w of gebrokenWoorden(td)) fouten.push(`cel breekt in "${w}" ${naam(td)}`);
    }
    // wider than its place: only inside a container that scrolls
    let houder = tabel.parentElement;
    const scrollt = (e) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX);
    if (!scrollt(houder)) {
      const t = tabel.getBoundingClientRect(), h = houder.getBoundingClientRect();
      if (t.right > h.right + 1 || t.left < h.left - 1) {
        const px = Math.round(t.right - h.right);
        fouten.push(`tabel steekt ${px} px buiten zijn plek ${naam(tabel)}`);
      }
    }
  }
  const teBreed = document.documentElement.scrollWidth - document.documentElement.clientWidth;
  if (teBreed > 0) fouten.push(`pagina ${teBreed} px te breed`);
  return fouten;
}"""


def tabelfouten(page) -> list[str]:
    return page.evaluate(TABELFOUTEN_JS)


def _ontzorgen_werk(world) -> None:
    """Failed payments with a long reason, evaluations, a batch ready for the bank and
    this month's payments, for the consulent's gemeente."""
    from casefiles.choices import TaakBron
    from ontzorgen import rules
    from ontzorgen.models import Batch, BetalingStatus
    from tests.factories import DossierFactory, TaakFactory
    from tests.ontzorgen.factories import BetalingFactory, soort

    today = timezone.localdate()
    for code in ("huur", "energie", "zorgverzekering"):
        soort(code)  # a transactional test before may have flushed the seeded types
    for i, reden in enumerate(
        [
            "AC04 Rekeningnummer opgeheven: de bank kent deze rekening niet meer",
            "MS03 Reden niet gespecificeerd door de bank van de ontvanger",
            "AM04 Onvoldoende saldo",
        ]
    ):
        BetalingFactory(
            vaste_last__plan__dossier__gemeente=world.gemeente,
            vaste_last__soort=soort("zorgverzekering" if i else "huur"),
            maand=rules.maand_start(today),
            uitvoerdatum=today,
            status=BetalingStatus.MISLUKT if i != 1 else BetalingStatus.GESTORNEERD,
            reden=reden,
        )
        TaakFactory(dossier=DossierFactory(gemeente=world.gemeente), bron=TaakBron.ONTZORGEN)
    BetalingFactory(  # planned: ready for the bank
        vaste_last__plan__dossier__gemeente=world.gemeente,
        maand=rules.maand_start(today),
        uitvoerdatum=today + timedelta(days=3),
    )
    batch = Batch.objects.create(
        gemeente=world.gemeente,
        uitvoerdatum=today + timedelta(days=1),
        msg_id=f"ONTZ-E2E-{world.gemeente.pk}",
        aantal=1,
        totaal=Decimal("654.20"),
        xml="<Document/>",
        geexporteerd_door=world.consulent,
    )
    BetalingFactory(
        vaste_last__plan__dossier__gemeente=world.gemeente,
        maand=rules.maand_start(today),
        uitvoerdatum=today,
        batch=batch,
        status=BetalingStatus.GEEXPORTEERD,
    )


def _pagina(page, axe_bron, url: str, wat: str, fouten: list[str]) -> None:
    for breedte, hoogte in BREEDTES:
        page.set_viewport_size({"width": breedte, "height": hoogte})
        response = page.goto(url)
        assert response.status == 200, f"{wat}: HTTP {response.status}"
        fouten += [f"{wat} @ {breedte} px: {f}" for f in tabelfouten(page)]
        if map_ := os.environ.get("TABELLEN_SCREENSHOTS"):  # to look at, never committed
            os.makedirs(map_, exist_ok=True)
            naam = "".join(c if c.isalnum() else "_" for c in wat)
            page.screenshot(path=os.path.join(map_, f"{naam}_{breedte}.png"), full_page=True)
    assert_toegankelijk(page, axe_bron, wat)


def test_ontzorgen_overview_tables_at_laptop_widths(page, world, axe_bron):
    _ontzorgen_werk(world)
    login(page, "cmb")
    fouten: list[str] = []
    _pagina(page, axe_bron, reverse("ontzorgen:overzicht"), "overzicht ontzorgen", fouten)
    assert not fouten, "\n".join(fouten)


def _dossier_werk(world) -> None:
    """Rows for the tables of the dossier's tabs: messages to DUO (one with a long
    reason), hour registrations and an exam, tasks, an ontzorgen plan."""
    from datetime import date

    from duo.models import BerichtStatus, DuoBericht
    from tests.factories import TaakFactory
    from tests.leerroutes.factories import ExamenFactory, UrenFactory
    from tests.ontzorgen.factories import plan_met_drie_lasten

    d = world.dossier
    for i, status in enumerate((BerichtStatus.VERZONDEN, BerichtStatus.GEWEIGERD)):
        DuoBericht.objects.create(
            gemeente=world.gemeente,
            dossier=d,
            soort="pip",
            methode="POST",
            api="PIP",
            dedup_key=f"e2e-tabel:{d.pk}:{i}",
            status=status,
            http_status=201 if i == 0 else 403,
            reden="" if i == 0 else "Datum dagtekening ligt voor de vestigingsdatum van de persoon",
        )
    for week in range(3):
        start = date(2026, 9, 7) + timedelta(weeks=week)
        UrenFactory(dossier=d, periode_start=start, periode_eind=start + timedelta(days=6))
    ExamenFactory(dossier=d)
    for _ in range(2):
        TaakFactory(dossier=d, toegewezen_aan=world.werkcoach)
    d.datum_start_bijstand = date(2026, 9, 1)
    d.save()
    plan_met_drie_lasten(d)


def test_werkvoorraad_and_dossier_tabs_at_laptop_widths(page, world, axe_bron):
    _dossier_werk(world)
    login(page, "wc")
    fouten: list[str] = []
    _pagina(page, axe_bron, reverse("casefiles:werkvoorraad"), "werkvoorraad", fouten)
    _pagina(page, axe_bron, reverse("casefiles:week"), "mijn week", fouten)
    page.goto(reverse("casefiles:dossier_detail", kwargs={"dossier_pk": world.dossier.pk}))
    tabs = page.locator(".app-tabs a").evaluate_all(
        "links => links.map(a => [a.textContent.trim(), a.getAttribute('href')])"
    )
    assert len(tabs) > 5
    for label, url in tabs:
        _pagina(page, axe_bron, url, f"tab {label}", fouten)
    page.context.clear_cookies()
    login(page, "cmb")
    _pagina(
        page,
        axe_bron,
        reverse("ontzorgen:tab", kwargs={"dossier_pk": world.dossier.pk}),
        "tab ontzorgen",
        fouten,
    )
    assert not fouten, "\n".join(fouten)


def test_duo_lists_and_monitoring_dashboard_at_laptop_widths(page, world, axe_bron):
    from tests.duo.out.url_cases import _geweigerd
    from tests.factories import DossierFactory

    for _ in range(3):
        _geweigerd(world)
    DossierFactory.create_batch(6, gemeente=world.gemeente, status="intake")
    login(page, "beheer")
    fouten: list[str] = []
    _pagina(page, axe_bron, reverse("duo:mislukt"), "mislukte berichten aan DUO", fouten)
    _pagina(page, axe_bron, reverse("duo_inbound:beheer"), "notificaties van DUO", fouten)
    page.context.clear_cookies()
    page.goto("/beheer/")
    page.get_by_label("Gebruikersnaam").fill(world.beleid.username)
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-123")
    page.locator("#login-form [type=submit]").click()
    _pagina(page, axe_bron, "/beheer/monitoring/indicatorsnapshot/dashboard/", "dashboard", fouten)
    assert not fouten, "\n".join(fouten)


def test_a_table_wider_than_its_place_scrolls_in_a_named_focusable_region(page, world):
    """Where a table does not fit (here: the werkvoorraad's column beside the tasks,
    with a long unbroken word), it scrolls inside .app-tabelrol, which then takes the
    keyboard focus and carries a name; the page itself does not scroll sideways."""
    from tests.factories import DossierFactory, InburgeraarFactory

    DossierFactory(
        gemeente=world.gemeente,
        werkcoach=world.werkcoach,
        inburgeraar=InburgeraarFactory(
            gemeente=world.gemeente, achternaam="Wolfeschlegelsteinhausenbergerdorff" * 2
        ),
    )
    login(page, "wc")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(reverse("casefiles:werkvoorraad"))
    rol = page.locator("#werkvoorraad-tabel .app-tabelrol")
    assert rol.evaluate("r => r.scrollWidth > r.clientWidth")
    assert rol.get_attribute("tabindex") == "0"
    assert rol.get_attribute("role") == "region"
    assert rol.get_attribute("aria-label") == "Tabel: Dossiers in de werkvoorraad"
    assert page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    # a table that fits adds no stop to the tab order
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(reverse("casefiles:week"))
    for r in page.locator(".app-tabelrol").all():
        assert r.get_attribute("tabindex") is None
