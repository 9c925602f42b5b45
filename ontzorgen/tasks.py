"""Celery tasks of ontzorgen: thin wrappers around the services."""

from __future__ import annotations

from datetime import date

from celery import shared_task
from django.utils import timezone

from . import rules, services


@shared_task(name="ontzorgen.tasks.betalingen_genereren_task")
def betalingen_genereren_task(maand_iso: str | None = None) -> int:
    """The monthly run: the payments of ``maand_iso`` (``YYYY-MM-DD``; default the
    coming month) for every active fixed cost. Idempotent; returns how many
    payments THIS run created."""
    maand = (
        date.fromisoformat(maand_iso) if maand_iso else rules.volgende_maand(timezone.localdate())
    )
    return len(services.betalingen_genereren(maand=maand))
