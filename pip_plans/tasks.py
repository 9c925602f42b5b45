"""Celery tasks of the PIP app: thin wrappers around services."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="pip_plans.tasks.pip_brief_genereren")
def pip_brief_genereren(versie_pk: int) -> int | None:
    """Make the beschikking PDF of a vastgestelde version (idempotent: same content,
    no new file). Returns the PipBrief id."""
    from .choices import VersieStatus
    from .models import PipVersie
    from .services import brief_genereren

    versie = PipVersie.objects.filter(pk=versie_pk).first()
    if versie is None or versie.status == VersieStatus.CONCEPT:
        return None
    return brief_genereren(versie=versie).pk


@shared_task(name="pip_plans.tasks.herinneringen_sweep")
def herinneringen_sweep() -> dict[str, int]:
    """Daily: reminders before and alerts after voortgangsgesprekken, once each."""
    from .services import herinneringen_versturen

    return herinneringen_versturen()
