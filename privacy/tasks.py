"""Celery tasks of privacy: the nightly retention job. Thin wrappers around services."""

from __future__ import annotations

import logging

from celery import shared_task

logger = logging.getLogger(__name__)


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
