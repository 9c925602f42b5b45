"""Celery tasks of casefiles: the outbox relay and the task that runs one outbox job.
Thin wrappers around :mod:`casefiles.outbox`."""

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
