"""Celery tasks and outbox handlers of the PIP app: thin wrappers around services."""

from __future__ import annotations

from celery import shared_task

from casefiles import outbox


@outbox.handler("pip.brief")
def brief_handler(*, versie_id: int) -> None:
    """Outbox job: the beschikking PDF of a vastgestelde version (idempotent: the
    same content gives no new file)."""
    pip_brief_genereren(versie_id)


@outbox.handler("pip.herinnering")
def herinnering_handler(*, herinnering_id: int) -> None:
    """Outbox job: one reminder e-mail (task, timeline line), at most once per row."""
    from .services import herinnering_versturen

    herinnering_versturen(herinnering_id=herinnering_id)


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
    """Daily: queue the reminders before and alerts after voortgangsgesprekken, once
    each (the e-mails go out through the outbox)."""
    from .services import herinneringen_versturen

    return herinneringen_versturen()
