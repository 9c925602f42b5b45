"""Outbox handlers of the DUO koppeling (thin: ids in, duo.outbound does the work)."""

from __future__ import annotations

from casefiles import outbox

from .outbound import OUTBOX_KIND, bericht_versturen


@outbox.handler(OUTBOX_KIND)
def duo_bericht(*, bericht_id: int) -> None:
    """Send one message to DUO (retried by the outbox while DUO is unreachable)."""
    bericht_versturen(bericht_id=bericht_id)
