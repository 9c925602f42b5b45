"""Reads of ontzorgen used by views. Scoping to the user's gemeenten happens here."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from casefiles.choices import TaakBron, TaakStatus
from casefiles.models import Dossier, Gemeente, Ketenpartner, Taak
from casefiles.permissions import user_gemeente_ids

from . import rules
from .choices import BetalingStatus
from .models import Batch, Betaling, Ontzorgingsplan, VasteLast, VasteLastSoort


def plan_for_dossier(*, dossier: Dossier) -> Ontzorgingsplan | None:
    """The dossier's plan with its lines and their payments (3 queries)."""
    return (
        Ontzorgingsplan.objects.filter(dossier=dossier)
        .select_related("budgetbeheer_partner")
        .prefetch_related(
            Prefetch(
                "vaste_lasten",
                queryset=VasteLast.objects.select_related("soort").prefetch_related(
                    Prefetch("betalingen", queryset=Betaling.objects.order_by("maand"))
                ),
            )
        )
        .first()
    )


def vastelast_get(*, dossier: Dossier, pk: int) -> VasteLast:
    try:
        return VasteLast.objects.select_related("plan", "soort").get(pk=pk, plan__dossier=dossier)
    except VasteLast.DoesNotExist as exc:
        raise Http404 from exc


def betaling_get(*, dossier: Dossier, pk: int) -> Betaling:
    try:
        return Betaling.objects.select_related("vaste_last__soort").get(
            pk=pk, vaste_last__plan__dossier=dossier
        )
    except Betaling.DoesNotExist as exc:
        raise Http404 from exc


def soorten_actief(*, gemeente=None) -> QuerySet[VasteLastSoort]:
    """Active cost types: the national ones and those of ``gemeente``."""
    return _soorten_actief().filter(Q(gemeente__isnull=True) | Q(gemeente=gemeente))


def _soorten_actief() -> QuerySet[VasteLastSoort]:
    return VasteLastSoort.objects.filter(actief=True)


def budgetbeheer_partners(*, gemeente: Gemeente) -> QuerySet[Ketenpartner]:
    return Ketenpartner.objects.filter(gemeente=gemeente, actief=True)


def betaalschema(*, plan: Ontzorgingsplan, today: date | None = None) -> dict:
    """The schedule: months × lines. Each cell holds the payment of that month (if
    created) and whether the rules say the gemeente pays the line that month.
    Uses the prefetched lines and payments: no extra queries."""
    today = today or timezone.localdate()
    lasten = list(plan.vaste_lasten.all())
    laatste = rules.maand_start(plan.einddatum)
    if plan.einddatum == laatste:  # the end is exclusive: nothing paid in that month
        laatste = rules.add_months(laatste, -1)
    per_last = {last.pk: {b.maand: b for b in last.betalingen.all()} for last in lasten}
    laatste = max([laatste, *(m for d in per_last.values() for m in d)])
    rijen = []
    huidige = rules.maand_start(today)
    for maand in rules.maanden(plan.start, laatste):
        cellen = []
        totaal = Decimal("0.00")
        for last in lasten:
            actief = rules.regel_actief_in_maand(
                maand=maand,
                start=last.start,
                eind=last.eind,
                afbouw_maand=last.afbouw_maand,
                plan_start=plan.start,
                plan_eind=plan.einddatum,
            )
            betaling = per_last[last.pk].get(maand)
            if betaling is not None:
                totaal += betaling.bedrag
            elif actief:
                totaal += last.bedrag
            cellen.append(
                {
                    "betaling": betaling,
                    "actief": actief,
                    "verleden": maand < huidige,
                    "naam": last.soort.naam,
                }
            )
        rijen.append({"maand": maand, "cellen": cellen, "totaal": totaal})
    return {"lasten": lasten, "rijen": rijen, "huidige": huidige}


# --- the consulent's overview and batches --------------------------------------------------


def betalingen_scope(*, user) -> QuerySet[Betaling]:
    if not user.has_perm("ontzorgen.view_betaling"):
        return Betaling.objects.none()
    return Betaling.objects.filter(gemeente_id__in=user_gemeente_ids(user))


def overzicht(*, user, today: date | None = None) -> dict:
    """This month's payments, open failures, the evaluations due and the batches, for
    the user's gemeenten: querysets the view pages, each on its own page parameter.
    A constant number of queries."""
    today = today or timezone.localdate()
    maand = rules.maand_start(today)
    scope = betalingen_scope(user=user).select_related(
        "vaste_last__soort", "vaste_last__plan__dossier__inburgeraar", "batch"
    )
    # this month's payments: a queryset, the view shows one page of it (issue 16)
    deze_maand = scope.filter(maand=maand).order_by("uitvoerdatum", "id")
    # failures and evaluations: querysets too, each paged by the view on its own
    # parameter (issue 16: a capped list silently hides work)
    mislukt = scope.filter(status__in=rules.STATUS_MET_TAAK).order_by("-maand", "id")
    evaluaties = (
        Taak.objects.filter(
            dossier__gemeente_id__in=user_gemeente_ids(user),
            bron=TaakBron.ONTZORGEN,
            status=TaakStatus.OPEN,
            deadline__lte=rules.add_months(today, 1),
        )
        .select_related("dossier__inburgeraar", "toegewezen_aan")
        .order_by("deadline", "id")
    )
    te_exporteren = te_exporteren_rijen(user=user, today=today)
    telling = scope.filter(maand=maand).aggregate(
        aantal=Count("id"),
        totaal=Sum("bedrag"),
        betaald=Count("id", filter=Q(status=BetalingStatus.BETAALD)),
        gepland=Count("id", filter=Q(status=BetalingStatus.GEPLAND)),
        geexporteerd=Count("id", filter=Q(status=BetalingStatus.GEEXPORTEERD)),
        mislukt=Count("id", filter=Q(status__in=rules.STATUS_MET_TAAK)),
    )
    return {
        "maand": maand,
        "deze_maand": deze_maand,
        "mislukt": mislukt,
        "evaluaties": evaluaties,
        "te_exporteren": te_exporteren,
        "telling": telling,
        "batches": batch_list(user=user),
    }


def te_exporteren_rijen(
    *, user, today: date | None = None, gemeente_id: int | None = None, uitvoerdatum=None
) -> list[dict]:
    """Planned payments waiting for a SEPA batch, per gemeente and planned execution
    date, with the date the file will carry (never in the past: the next banking day,
    with the reason) and whether the planned date has passed."""
    today = today or timezone.localdate()
    qs = betalingen_scope(user=user).filter(status=BetalingStatus.GEPLAND)
    if gemeente_id is not None:
        qs = qs.filter(gemeente_id=gemeente_id, uitvoerdatum=uitvoerdatum)
    rijen = list(
        qs.values("gemeente_id", "gemeente__naam", "uitvoerdatum")
        .annotate(aantal=Count("id"), totaal=Sum("bedrag"))
        .order_by("uitvoerdatum", "gemeente__naam")
    )
    for rij in rijen:
        rij["sepa"] = rules.sepa_uitvoerdatum(rij["uitvoerdatum"], today)
        rij["te_laat"] = rij["uitvoerdatum"] < today
    return rijen


def batch_list(*, user) -> QuerySet[Batch]:
    if not user.has_perm("ontzorgen.view_batch"):
        return Batch.objects.none()
    return Batch.objects.filter(gemeente_id__in=user_gemeente_ids(user)).select_related(
        "gemeente", "geexporteerd_door"
    )


def batch_get(*, user, pk: int) -> Batch:
    """One batch; 404 when it belongs to another gemeente."""
    try:
        return batch_list(user=user).get(pk=pk)
    except Batch.DoesNotExist as exc:
        raise Http404 from exc


def batch_betalingen(*, batch: Batch) -> QuerySet[Betaling]:
    return batch.betalingen.select_related(
        "vaste_last__soort", "vaste_last__plan__dossier__inburgeraar"
    ).order_by("id")


def batch_dossier_ids(*, batch: Batch) -> list[int]:
    return sorted(set(batch.betalingen.values_list("vaste_last__plan__dossier_id", flat=True)))


def gemeente_for_user(*, user, pk: int) -> Gemeente:
    if pk not in user_gemeente_ids(user):
        raise Http404
    return Gemeente.objects.get(pk=pk)
