"""SEPA Credit Transfer files (ISO 20022 ``pain.001.001.03``) built with the
``sepaxml`` library and validated against the official XSD that ships with it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import sepaxml
from lxml import etree

from . import rules

SCHEMA = "pain.001.001.03"
XSD_PATH = Path(sepaxml.__file__).parent / "schemas" / f"{SCHEMA}.xsd"
NAMESPACE = f"urn:iso:std:iso:20022:tech:xsd:{SCHEMA}"


class SepaValidationError(Exception):
    """The generated file does not validate against the XSD."""


@lru_cache(maxsize=1)
def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD_PATH)))


def validate(xml: bytes) -> None:
    """Raise :class:`SepaValidationError` when ``xml`` is not a valid pain.001.001.03."""
    schema = _schema()
    doc = etree.fromstring(xml)
    if not schema.validate(doc):
        raise SepaValidationError(str(schema.error_log.last_error))


def build_pain001(
    *,
    msg_id: str,
    debtor_name: str,
    debtor_iban: str,
    debtor_bic: str,
    uitvoerdatum: date,
    betalingen: list[dict],
) -> bytes:
    """One file with one payment-information block (one execution date).

    ``betalingen``: dicts with ``name``, ``iban``, ``bedrag`` (Decimal), ``kenmerk``
    and ``endtoend_id``. Returns the XML bytes, validated against the XSD.
    """
    from sepaxml import SepaTransfer

    config = {
        "name": debtor_name,
        "IBAN": debtor_iban.replace(" ", "").upper(),
        "batch": True,
        "currency": "EUR",
    }
    if debtor_bic:
        config["BIC"] = debtor_bic
    transfer = SepaTransfer(config, schema=SCHEMA, clean=True)
    transfer.msg_id = msg_id
    # The header was built in the constructor; put our own message id in it.
    transfer._xml.find(transfer.root_el).find("GrpHdr").find("MsgId").text = msg_id
    for b in betalingen:
        transfer.add_payment(
            {
                "name": b["name"],
                "IBAN": b["iban"],
                "amount": rules.bedrag_in_centen(b["bedrag"]),
                "execution_date": uitvoerdatum,
                "description": b["kenmerk"],
                "endtoend_id": b["endtoend_id"],
            }
        )
    xml = transfer.export(validate=False)
    validate(xml)
    return xml


def control_sum(xml: bytes) -> Decimal:
    """The group header's control sum (CtrlSum) of a pain.001 file."""
    doc = etree.fromstring(xml)
    return Decimal(
        doc.findtext(
            f"{{{NAMESPACE}}}CstmrCdtTrfInitn/{{{NAMESPACE}}}GrpHdr/{{{NAMESPACE}}}CtrlSum"
        )
    )
