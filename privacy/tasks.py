"""Background work of the privacy app: the outbox handlers of inzage and correction,
and the nightly retention job. Thin wrappers around services."""

from __future__ import annotations

import logging

from celery import shared_task

from casefiles import outbox

from .inzage import correctie
from .inzage.services import OUTBOX_KIND, inzage_genereren

logger = logging.getLogger(__name__)


@outbox.handler(OUTBOX_KIND)
def privacy_inzage(*, verzoek_id: int) -> None:
    """Make the inzage export of a request (idempotent: a done request is skipped)."""
    inzage_genereren(verzoek_id=verzoek_id)


@outbox.handler(correctie.BRIEF_KIND)
def privacy_correctie_brief(*, verzoek_id: int) -> None:
    """The letter about a correction request (idempotent: one letter per request)."""
    correctie.correctie_brief_maken(verzoek_id=verzoek_id)


@shared_task(name="privacy.tasks.retentie_task")
def retentie_task() -> dict[str, int]:
    """The nightly retention job (privacy.retentie.services): anonymise what is past
    its period, delete unconfirmed import files. Idempotent. Logs counts only."""
    from .retentie.services import importbestanden_opruimen, retentie_uitvoeren

    verslag = retentie_uitvoeren()
    weg = importbestanden_opruimen()
    uitkomst = {
        "dossiers": verslag.aantal("dossier"),
        "pip": verslag.aantal("pip"),
        "personen": verslag.aantal_personen,
        "bestanden": verslag.bestanden,
        "importbestanden": len(weg),
    }
    logger.info("retentie: %s", uitkomst)
    return uitkomst
