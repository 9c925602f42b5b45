"""Reads of participation activities, outcomes and participatieladder measurements.
The dossier is already scoped (casefiles.permissions.dossier_view)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from casefiles.models import Activiteit, ParticipatieladderMeting, Uitstroom


def activiteit_list(*, dossier) -> QuerySet[Activiteit]:
    return Activiteit.objects.filter(dossier=dossier).order_by("-start", "-id")


def activiteit_get(*, dossier, pk: int) -> Activiteit:
    from django.http import Http404

    try:
        return Activiteit.objects.get(dossier=dossier, pk=pk)
    except Activiteit.DoesNotExist as exc:
        raise Http404 from exc


def uitstroom_list(*, dossier) -> QuerySet[Uitstroom]:
    return Uitstroom.objects.filter(dossier=dossier).order_by("-datum", "-id")


def ladder_list(*, dossier) -> QuerySet[ParticipatieladderMeting]:
    return ParticipatieladderMeting.objects.filter(dossier=dossier).order_by("-datum", "-id")


@dataclass
class ParticipatieSamenvatting:
    lopend: list[Activiteit]
    meer_lopend: bool  # more running activities than the summary shows
    uitstroom: Uitstroom | None
    trede: ParticipatieladderMeting | None
    vorige_trede: ParticipatieladderMeting | None


SAMENVATTING_LOPEND = 10
"""Running activities in the summary; when there are more it says so and links to the
Participatie tab, which lists them all."""


def participatie_samenvatting(*, dossier, today: date | None = None) -> ParticipatieSamenvatting:
    """At a glance: running activities, the latest outcome and the ladder trend."""
    today = today or timezone.localdate()
    lopend = list(
        activiteit_list(dossier=dossier).filter(Q(eind__isnull=True) | Q(eind__gte=today))[
            : SAMENVATTING_LOPEND + 1
        ]
    )
    metingen = list(ladder_list(dossier=dossier)[:2])
    return ParticipatieSamenvatting(
        lopend=lopend[:SAMENVATTING_LOPEND],
        meer_lopend=len(lopend) > SAMENVATTING_LOPEND,
        uitstroom=uitstroom_list(dossier=dossier).first(),
        trede=metingen[0] if metingen else None,
        vorige_trede=metingen[1] if len(metingen) > 1 else None,
    )
