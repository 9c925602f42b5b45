"""Outbox handlers of the privacy app."""

from casefiles import outbox

from .inzage import correctie
from .inzage.services import OUTBOX_KIND, inzage_genereren


@outbox.handler(OUTBOX_KIND)
def privacy_inzage(*, verzoek_id: int) -> None:
    """Make the inzage export of a request (idempotent: a done request is skipped)."""
    inzage_genereren(verzoek_id=verzoek_id)


@outbox.handler(correctie.BRIEF_KIND)
def privacy_correctie_brief(*, verzoek_id: int) -> None:
    """The letter about a correction request (idempotent: one letter per request)."""
    correctie.correctie_brief_maken(verzoek_id=verzoek_id)
