"""Celery tasks of the leerroutes app: thin wrappers around services."""

from celery import shared_task


@shared_task(name="leerroutes.tasks.signalen_sweep")
def signalen_sweep() -> int:
    """Daily: keep the MAP / termijn / no-hours / afschalen signals in step (idempotent)."""
    from .services import signalen_sweep as sweep

    return sweep()


@shared_task(name="leerroutes.tasks.signalen_dossier")
def signalen_dossier(dossier_pk: int) -> list[str]:
    """Refresh the signals of one dossier (e.g. after an import)."""
    from casefiles.models import Dossier

    from .services import signalen_bijwerken

    dossier = Dossier.objects.filter(pk=dossier_pk).first()
    if dossier is None:
        return []
    return signalen_bijwerken(dossier=dossier)


@shared_task(name="leerroutes.tasks.urensamenvatting_compacteren")
def urensamenvatting_compacteren() -> dict[str, int]:
    """Nightly: fold the hours summary's delta rows into one row per key (idempotent;
    the figures do not change, only the number of rows the dashboard reads)."""
    from . import urensamenvatting

    return urensamenvatting.compacteren()
