"""Celery tasks of casefiles: thin wrappers around the services."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="casefiles.tasks.gezin_signalen_task")
def gezin_signalen_task() -> int:
    """The nightly household sweep (casefiles.gezin.services): idempotent."""
    from casefiles.gezin.services import gezin_signalen_sweep

    return gezin_signalen_sweep()
