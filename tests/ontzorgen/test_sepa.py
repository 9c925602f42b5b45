"""SEPA export: the file validates against the official pain.001.001.03 XSD and its
control sums equal the sum of its payments (parsed from the XML)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import sepaxml
from django.core.exceptions import ValidationError
from lxml import etree

from ontzorgen import services
from ontzorgen.choices import BetalingStatus
from tests.ontzorgen.factories import plan_met_drie_lasten

XSD = Path(sepaxml.__file__).parent / "schemas" / "pain.001.001.03.xsd"
NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}


def parse_and_validate(xml: bytes):
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    doc = etree.fromstring(xml)
    schema.assertValid(doc)
    return doc


@pytest.fixture
def batch(world):
    d = world.dossier
    d.datum_start_bijstand = date(2027, 1, 1)
    d.save()
    plan_met_drie_lasten(d)
    # A second dossier with a rent paid on the same day.
    from tests.factories import DossierFactory

    other = DossierFactory(gemeente=d.gemeente, datum_start_bijstand=date(2027, 1, 1))
    plan_met_drie_lasten(other)
    services.betalingen_genereren(maand=date(2027, 2, 1))
    return services.batch_export(
        actor=world.consulent, gemeente=d.gemeente, uitvoerdatum=date(2027, 2, 1)
    )


def test_batch_file_validates_against_xsd(batch):
    doc = parse_and_validate(batch.xml.encode("utf-8"))
    assert doc.findtext("p:CstmrCdtTrfInitn/p:PmtInf/p:ReqdExctnDt", namespaces=NS) == "2027-02-01"
    assert (
        doc.findtext("p:CstmrCdtTrfInitn/p:PmtInf/p:DbtrAcct/p:Id/p:IBAN", namespaces=NS)
        == batch.gemeente.iban
    )


def test_control_sum_equals_sum_of_payments(batch):
    doc = parse_and_validate(batch.xml.encode("utf-8"))
    amounts = [
        Decimal(x.text) for x in doc.iterfind(".//p:CdtTrfTxInf/p:Amt/p:InstdAmt", namespaces=NS)
    ]
    header = Decimal(doc.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:CtrlSum", namespaces=NS))
    pmtinf = sum(Decimal(x.text) for x in doc.iterfind(".//p:PmtInf/p:CtrlSum", namespaces=NS))
    db_sum = sum(b.bedrag for b in batch.betalingen.all())
    assert header == pmtinf == sum(amounts) == db_sum == batch.totaal == Decimal("1308.40")
    assert doc.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:NbOfTxs", namespaces=NS) == "2"
    e2e = {x.text for x in doc.iterfind(".//p:EndToEndId", namespaces=NS)}
    assert e2e == {b.end_to_end_id for b in batch.betalingen.all()}


def test_export_marks_payments_and_takes_only_that_date(batch):
    assert {b.status for b in batch.betalingen.all()} == {BetalingStatus.GEEXPORTEERD}
    from ontzorgen.models import Betaling

    assert Betaling.objects.filter(status=BetalingStatus.GEPLAND).count() == 4  # days 5 and 25
    with pytest.raises(ValidationError, match="geen geplande betalingen"):
        services.batch_export(actor=None, gemeente=batch.gemeente, uitvoerdatum=date(2027, 2, 1))


def test_export_refused_without_debtor_account(world):
    world.gemeente.iban = ""
    world.gemeente.save()
    with pytest.raises(ValidationError, match="betaalrekening"):
        services.batch_export(actor=None, gemeente=world.gemeente, uitvoerdatum=date(2027, 2, 1))


def test_invalid_xml_is_refused_at_export_time():
    from ontzorgen import sepa

    with pytest.raises(sepa.SepaValidationError):
        sepa.validate(b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"/>')
