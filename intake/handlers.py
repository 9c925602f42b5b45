"""Signal receivers: keep the PIP deadline task in step with the dossier's dates."""

from __future__ import annotations


def dossier_dates_changed(sender, dossier, **kwargs) -> None:
    """casefiles.signals.dossier_dates_changed (sent by ``dossier_update``)."""
    from .services import pip_deadline_sync

    pip_deadline_sync(dossier=dossier)


def dossier_created(sender, instance, created, raw=False, **kwargs) -> None:
    """post_save of a new Dossier: start the clock when a start date is known."""
    if not created or raw:
        return
    from .services import pip_deadline_start

    pip_deadline_start(dossier=instance)
