"""Reads of inzage requests, scoped to the user's gemeenten."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from casefiles.models import Dossier, Gemeente, Inburgeraar
from casefiles.permissions import user_gemeente_ids

from ..models import InzageVerzoek


def gemeenten_voor_inzage(*, user) -> QuerySet[Gemeente]:
    """The gemeenten for which the user may answer inzage requests."""
    return Gemeente.objects.filter(pk__in=user_gemeente_ids(user)).order_by("naam")


def inburgeraar_voor_inzage(*, gemeente_ids: list[int], gemeente: Gemeente, bsn: str):
    """The person record with ``bsn`` in ``gemeente``, only when that gemeente is one
    of ``gemeente_ids``; ``None`` otherwise (another gemeente's person is "not found",
    its existence is not revealed)."""
    if gemeente.pk not in gemeente_ids:
        return None
    return Inburgeraar.objects.select_related("gemeente").filter(gemeente=gemeente, bsn=bsn).first()


def dossier_ids_van(inburgeraar) -> tuple[int, ...]:
    return tuple(
        Dossier.objects.filter(inburgeraar=inburgeraar, gemeente_id=inburgeraar.gemeente_id)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def inzage_verzoek_list(*, user) -> QuerySet[InzageVerzoek]:
    return (
        InzageVerzoek.objects.filter(gemeente_id__in=user_gemeente_ids(user))
        .select_related("gemeente", "inburgeraar", "aangevraagd_door")
        .order_by("-aangevraagd_op", "-pk")
    )


def inzage_verzoek_voor_download(*, user, pk: int) -> InzageVerzoek:
    """A request of the user's gemeenten that the user made themselves; 404 else."""
    verzoek = inzage_verzoek_list(user=user).filter(pk=pk, aangevraagd_door_id=user.pk).first()
    if verzoek is None:
        raise Http404
    return verzoek
