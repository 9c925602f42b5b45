"""Reads of DUO's notifications for the functioneel beheerder: ids only, scoped to the
user's gemeenten."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from casefiles.permissions import user_gemeente_ids

from .choices import NotificatieStatus
from .models import Notificatie

NIET_VERWERKT = (
    NotificatieStatus.ONTVANGEN,
    NotificatieStatus.MISLUKT,
    NotificatieStatus.GEEN_DOSSIER,
    NotificatieStatus.GEWEIGERD,
)
OPNIEUW_MOGELIJK = (
    NotificatieStatus.ONTVANGEN,
    NotificatieStatus.MISLUKT,
    NotificatieStatus.GEEN_DOSSIER,
)
"""A refused notification keeps no BSN: it cannot be processed again."""


def notificaties_niet_verwerkt(*, user) -> QuerySet[Notificatie]:
    """Unprocessed notifications of the user's gemeenten (ids only are shown); the
    view pages them (issue 16)."""
    return (
        Notificatie.objects.filter(
            gemeente_id__in=user_gemeente_ids(user), status__in=NIET_VERWERKT
        )
        .select_related("gemeente")
        .only(
            "id",
            "bericht_id",
            "gebeurtenis_id",
            "status",
            "resultaat",
            "ontvangen_op",
            "verwerkt_op",
            "dossier_id",
            "gemeente__naam",
        )
        .order_by("-ontvangen_op", "-id")
    )


def notificatie_get_voor_beheer(*, user, pk: int) -> Notificatie:
    n = Notificatie.objects.filter(pk=pk, gemeente_id__in=user_gemeente_ids(user)).first()
    if n is None:
        raise Http404
    return n
