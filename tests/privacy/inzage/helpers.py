"""Helpers of the inzage tests: a request made through the service and its job run."""

from __future__ import annotations

from django.utils import timezone

from casefiles import outbox
from casefiles.permissions import user_gemeente_ids
from privacy.inzage.services import OUTBOX_KIND, inzage_aanvragen


def verzoek_gereed(*, actor, inburgeraar):
    """An inzage request by ``actor`` for ``inburgeraar``, its export made (the outbox
    job run here, as a worker would)."""
    verzoek = inzage_aanvragen(
        actor=actor,
        gemeente_ids=user_gemeente_ids(actor),
        gemeente=inburgeraar.gemeente,
        bsn=inburgeraar.bsn,
        ontvangen_op=timezone.localdate(),
    )
    outbox.run_pending_here(kinds=[OUTBOX_KIND])
    verzoek.refresh_from_db()
    return verzoek
