"""Browser journey of the consulent: set up ontzorgen with three fixed costs, create
the payments, export a SEPA batch and download it (validated against the XSD)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import sepaxml
from django.utils import timezone
from lxml import etree

from ontzorgen import rules
from tests.e2e.conftest import login, screenshot
from tests.ontzorgen.factories import soort

XSD = Path(sepaxml.__file__).parent / "schemas" / "pain.001.001.03.xsd"
NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}

LASTEN = [
    ("Huur", "Woonconcept", "NL39 RABO 0300 0652 64", "HUUR-2211", "654,20", "1"),
    ("Energie", "Vattenfall", "NL20INGB0001234567", "ENER-88", "142,50", "1"),
    ("Zorgverzekering", "Zilveren Kruis", "NL16ASNB0708381592", "ZK-123", "138,95", "25"),
]


@pytest.mark.django_db(transaction=True)
def test_consulent_sets_up_ontzorgen_and_exports_a_batch(page, world, tmp_path):
    for code in ("huur", "energie", "zorgverzekering"):
        soort(code)  # a transactional test before may have flushed the seeded types
    today = timezone.localdate()
    start = rules.add_months(rules.maand_start(today), -1)
    world.dossier.datum_start_bijstand = start
    world.dossier.save()

    login(page, "cmb")
    page.goto(f"/ontzorgen/dossier/{world.dossier.pk}/")
    page.get_by_role("link", name="Ontzorgingsplan starten").click()
    page.locator("#id_training_cursus").fill("Geldzaken op orde")
    page.get_by_role("button", name="Plan starten").click()
    page.get_by_text("Het ontzorgingsplan is aangemaakt.").wait_for()

    # A wrong IBAN first: a clear Dutch error and the typed values are kept.
    page.get_by_role("link", name="Vaste last toevoegen").click()
    page.locator("#id_soort").select_option(label="Huur")
    page.locator("#id_crediteur_naam").fill("Woonconcept")
    page.locator("#id_iban").fill("NL39RABO0300065265")
    page.locator("#id_betalingskenmerk").fill("HUUR-2211")
    page.locator("#id_bedrag").fill("654,20")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.get_by_text("Dit is geen geldig IBAN").first.wait_for()
    assert page.locator("#id_crediteur_naam").input_value() == "Woonconcept"

    for i, (label, naam, iban, kenmerk, bedrag, dag) in enumerate(LASTEN):
        if i:
            page.get_by_role("link", name="Vaste last toevoegen").click()
        page.locator("#id_soort").select_option(label=label)
        page.locator("#id_crediteur_naam").fill(naam)
        page.locator("#id_iban").fill(iban)
        page.locator("#id_betalingskenmerk").fill(kenmerk)
        page.locator("#id_bedrag").fill(bedrag)
        page.locator("#id_betaaldag").fill(dag)
        page.get_by_role("button", name="Opslaan", exact=True).click()
        page.get_by_text("De vaste last is toegevoegd.").wait_for()

    assert page.locator("#vaste-lasten tbody tr").count() == 3
    page.get_by_role("button", name="Betalingen aanmaken").click()
    page.get_by_text("6 betaling(en) gepland.").wait_for()
    screenshot(page, "ontzorgen_tab")

    page.get_by_role("link", name="Overzicht ontzorgen").click()
    page.locator("#te-exporteren").wait_for()
    screenshot(page, "ontzorgen_overzicht")
    page.get_by_role("button", name="SEPA-batch maken").first.click()
    # A confirmation page says what happens, with the execution date of the file:
    # the 1st of this month lies in the past, so the next banking day (issue 15).
    page.get_by_role("heading", name="SEPA-batch maken?").wait_for()
    assert page.get_by_text("Uitvoerdatum in het betaalbestand:").is_visible()
    screenshot(page, "ontzorgen_batch_bevestigen")
    page.get_by_role("button", name="Ja, batch maken").click()
    page.get_by_text("Download het SEPA-bestand").wait_for()
    with page.expect_download() as info:
        page.get_by_role("link", name="SEPA-bestand downloaden").click()
    download = info.value
    assert download.suggested_filename.startswith("sepa-batch-")
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    screenshot(page, "ontzorgen_batch")

    doc = etree.parse(str(target)).getroot()
    etree.XMLSchema(etree.parse(str(XSD))).assertValid(doc)
    amounts = [Decimal(x.text) for x in doc.iterfind(".//p:InstdAmt", namespaces=NS)]
    ctrl = Decimal(doc.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:CtrlSum", namespaces=NS))
    # Day 1 this month: huur + energie.
    assert ctrl == sum(amounts) == Decimal("796.70")
