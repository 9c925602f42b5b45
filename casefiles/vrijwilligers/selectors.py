"""Reads of the volunteer register, scoped to the user's gemeenten."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from casefiles.models import Dossier, Koppeling, Vrijwilliger
from casefiles.permissions import user_gemeente_ids


def vrijwilliger_list(*, user) -> QuerySet[Vrijwilliger]:
    if not user.has_perm("casefiles.view_vrijwilliger"):
        return Vrijwilliger.objects.none()
    return (
        Vrijwilliger.objects.filter(gemeente_id__in=user_gemeente_ids(user))
        .select_related("gemeente", "organisatie")
        .annotate(lopend=Count("koppelingen", filter=Q(koppelingen__eind__isnull=True)))
        .order_by("naam", "id")
    )


def vrijwilliger_aantal(*, user) -> int:
    """How many volunteers :func:`vrijwilliger_list` holds: the register's page count,
    one COUNT without the list's join."""
    if not user.has_perm("casefiles.view_vrijwilliger"):
        return 0
    return Vrijwilliger.objects.filter(gemeente_id__in=user_gemeente_ids(user)).count()


def vrijwilliger_get(*, user, pk: int) -> Vrijwilliger:
    try:
        return vrijwilliger_list(user=user).get(pk=pk)
    except Vrijwilliger.DoesNotExist as exc:
        raise Http404 from exc


def koppelbaar(*, dossier: Dossier) -> QuerySet[Vrijwilliger]:
    return Vrijwilliger.objects.filter(gemeente_id=dossier.gemeente_id, actief=True)


def koppelingen(*, dossier: Dossier) -> QuerySet[Koppeling]:
    return dossier.vrijwilliger_koppelingen.select_related("vrijwilliger").prefetch_related(
        "signalen"
    )


def koppeling_get(*, dossier: Dossier, pk: int) -> Koppeling:
    try:
        return koppelingen(dossier=dossier).get(pk=pk)
    except Koppeling.DoesNotExist as exc:
        raise Http404 from exc
