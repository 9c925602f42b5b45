"""Reads of what we sent to DUO, scoped: per dossier (the dossier was already fetched
through the user's scope by ``dossier_view``) or per gemeente of the user."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from casefiles.permissions import user_gemeente_ids

from ..models import BerichtStatus, DuoBericht


def dossier_berichten(*, dossier) -> QuerySet[DuoBericht]:
    """The messages of one dossier, newest first, with their outbox job; the DUO tab
    pages them (issue 16: a cap would hide the older messages without saying so)."""
    return (
        DuoBericht.objects.filter(dossier=dossier)
        .select_related("outbox_job")
        .order_by("-aangemaakt_op", "-id")
    )


def dossier_wachtend_aantal(*, dossier) -> int:
    """How many messages of the dossier wait to be sent (of every page: the outbox has
    not given them up)."""
    return (
        DuoBericht.objects.filter(dossier=dossier, status=BerichtStatus.WACHT)
        .exclude(outbox_job__status="failed")
        .count()
    )


def pip_bericht(*, versie) -> DuoBericht | None:
    """The PIP message of a vastgestelde version (None when none was recorded)."""
    return (
        DuoBericht.objects.filter(dossier_id=versie.dossier_id, soort="pip", object_id=versie.pk)
        .select_related("outbox_job")
        .first()
    )


MISLUKT = Q(status__in=[BerichtStatus.GEWEIGERD, BerichtStatus.ONGELDIG]) | Q(
    status=BerichtStatus.WACHT, outbox_job__status="failed"
)
"""Messages that need the beheerder: refused by DUO, not valid under DUO's rules, or
given up by the outbox (DUO unreachable after every attempt)."""


def mislukte_berichten(*, user) -> QuerySet[DuoBericht]:
    """Failed messages of the user's gemeenten (ids only are shown); the view pages
    them (issue 16: a day without DUO fails thousands, a cap would hide them)."""
    return (
        DuoBericht.objects.filter(MISLUKT, gemeente_id__in=user_gemeente_ids(user))
        .select_related("gemeente", "outbox_job")
        .order_by("-aangemaakt_op", "-id")
    )


def bericht_get_voor_beheer(*, user, pk: int) -> DuoBericht:
    """One message of the user's gemeenten; another gemeente's id is a 404."""
    b = (
        DuoBericht.objects.filter(pk=pk, gemeente_id__in=user_gemeente_ids(user))
        .select_related("gemeente", "outbox_job")
        .first()
    )
    if b is None:
        raise Http404
    return b


def geweigerd_aantal(*, gemeente_ids) -> int:
    """How many messages DUO refused (for the dashboard)."""
    return DuoBericht.objects.filter(
        gemeente_id__in=list(gemeente_ids), status=BerichtStatus.GEWEIGERD
    ).count()
