"""Reads of maatschappelijke begeleiding (the dossier is already scoped by
casefiles.permissions.dossier_view)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from casefiles.models import Dossier, Ketenpartner, MaatschappelijkeBegeleiding, Verwijzing


def begeleidingen(*, dossier: Dossier) -> QuerySet[MaatschappelijkeBegeleiding]:
    return dossier.begeleidingen.select_related("consulent").order_by("-start", "-id")


def begeleiding_get(*, dossier: Dossier, pk: int) -> MaatschappelijkeBegeleiding:
    try:
        return dossier.begeleidingen.select_related("consulent", "dossier").get(pk=pk)
    except MaatschappelijkeBegeleiding.DoesNotExist as exc:
        raise Http404 from exc


def verwijzingen(*, dossier: Dossier) -> QuerySet[Verwijzing]:
    return dossier.verwijzingen.select_related("partner", "door").order_by("-datum", "-id")


def verwijzing_get(*, dossier: Dossier, pk: int) -> Verwijzing:
    try:
        return dossier.verwijzingen.select_related("partner", "dossier").get(pk=pk)
    except Verwijzing.DoesNotExist as exc:
        raise Http404 from exc


def partners(*, dossier: Dossier) -> QuerySet[Ketenpartner]:
    return Ketenpartner.objects.filter(gemeente_id=dossier.gemeente_id, actief=True)
