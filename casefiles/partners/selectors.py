"""Reads of partner access. A ketenpartner user sees a dossier only through an
active share (consent recorded, within its dates, not withdrawn) with an
organisation it works for; everything else is a 404 (its existence is not revealed).
"""

from __future__ import annotations

from datetime import date

from django.db.models import F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from casefiles.models import Contactmoment, Deling, Ketenpartner, PartnerMelding, Verwijzing


def partner_ids(user) -> list[int]:
    """Ids of the active partner organisations the user works for (cached on the
    user object); none without the ketenpartner permission."""
    if not user.is_authenticated or not user.has_perm("casefiles.partner_portaal"):
        return []
    cached = getattr(user, "_partner_ids", None)
    if cached is None:
        cached = list(
            Ketenpartner.objects.filter(medewerkers__user=user, actief=True).values_list(
                "pk", flat=True
            )
        )
        user._partner_ids = cached
    return cached


def _actief_q(today: date) -> Q:
    return Q(ingetrokken_op__isnull=True, geldig_van__lte=today, geldig_tot__gte=today)


def actieve_delingen(*, user, today: date | None = None) -> QuerySet[Deling]:
    """The active shares with the user's organisations (the partner's dossier list)."""
    today = today or timezone.localdate()
    return (
        Deling.objects.filter(_actief_q(today), partner_id__in=partner_ids(user))
        # partner and dossier of the same gemeente (the service refuses anything
        # else; the read guards it as well)
        .filter(partner__gemeente_id=F("dossier__gemeente_id"))
        .select_related("dossier__inburgeraar", "dossier__gemeente", "partner")
        .order_by("dossier__inburgeraar__achternaam", "dossier_id", "pk")
    )


def deling_get(*, user, dossier_pk: int, today: date | None = None) -> Deling:
    """The active share of one dossier with one of the user's organisations; 404
    otherwise (not shared, another organisation, consent withdrawn or expired)."""
    deling = actieve_delingen(user=user, today=today).filter(dossier_id=dossier_pk).first()
    if deling is None:
        raise Http404
    return deling


def meldingen(*, user) -> QuerySet[PartnerMelding]:
    return (
        PartnerMelding.objects.filter(partner_id__in=partner_ids(user))
        .select_related("partner", "verwijzing")
        .order_by("gelezen_op", "-aangemaakt_op")
    )


def melding_get(*, user, pk: int) -> PartnerMelding:
    try:
        return meldingen(user=user).get(pk=pk)
    except PartnerMelding.DoesNotExist as exc:
        raise Http404 from exc


def partner_verwijzingen(*, deling: Deling) -> QuerySet[Verwijzing]:
    """Referrals of the shared dossier to this organisation only."""
    return Verwijzing.objects.filter(dossier_id=deling.dossier_id, partner_id=deling.partner_id)


def partner_verwijzing_get(*, deling: Deling, pk: int) -> Verwijzing:
    try:
        return partner_verwijzingen(deling=deling).select_related("partner", "dossier").get(pk=pk)
    except Verwijzing.DoesNotExist as exc:
        raise Http404 from exc


def partner_contactmomenten(*, deling: Deling) -> QuerySet[Contactmoment]:
    """Contact moments of the shared dossier written by this organisation's users."""
    return Contactmoment.objects.filter(
        dossier_id=deling.dossier_id,
        medewerker__ketenpartner_accounts__partner_id=deling.partner_id,
    ).select_related("medewerker")


def delingen_van_dossier(*, dossier) -> QuerySet[Deling]:
    return dossier.delingen.select_related("partner", "gedeeld_door", "ingetrokken_door")


def deelbare_partners(*, dossier) -> QuerySet[Ketenpartner]:
    return Ketenpartner.objects.filter(gemeente_id=dossier.gemeente_id, actief=True)


def begeleiding_actief(*, deling: Deling):
    return deling.dossier.begeleidingen.filter(eind__isnull=True).first()


def begeleidingen(*, deling: Deling):
    return deling.dossier.begeleidingen.select_related("consulent").order_by("-start")
