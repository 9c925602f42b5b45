"""Celery tasks of monitoring (thin wrappers around services)."""

from celery import shared_task


@shared_task(name="monitoring.tasks.snapshot_nachtelijk")
def snapshot_nachtelijk() -> int:
    """Nightly: close past quarters and refresh the running quarter's snapshot."""
    from .services import snapshots_bijwerken

    return snapshots_bijwerken()
