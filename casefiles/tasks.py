"""Celery tasks of casefiles: the outbox relay, the task that runs one outbox job,
and the nightly household sweep. Thin wrappers around the services."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="casefiles.tasks.outbox_job", ignore_result=True, acks_late=True)
def outbox_job(job_id: int) -> str:
    """Run one outbox job (idempotent; see casefiles.outbox.run_job)."""
    from . import outbox

    return outbox.run_job(job_id)


@shared_task(name="casefiles.tasks.outbox_relay", ignore_result=True)
def outbox_relay() -> int:
    """Beat, every few seconds: hand due outbox rows to the workers."""
    from . import outbox

    return outbox.relay()


@shared_task(name="casefiles.tasks.gezin_signalen_task")
def gezin_signalen_task() -> int:
    """The nightly household sweep (casefiles.gezin.services): idempotent."""
    from casefiles.gezin.services import gezin_signalen_sweep

    return gezin_signalen_sweep()
