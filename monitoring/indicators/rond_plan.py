"""Indicators around the plan (issue 18): children in voorschoolse educatie, and the
other costs against their budgets. Database aggregates only; small numbers are
suppressed by the framework (``n``)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from casefiles.choices import Budgetsoort, GezinslidRelatie, VveStatus
from casefiles.rules import add_months

from .. import rules
from ..choices import Eenheid, Richting
from .base import (
    G_BEGELEIDING,
    G_GELD,
    Filters,
    Waarde,
    dossiers,
    in_periode,
    indicator,
    record_populatie_q,
)


@indicator(
    "kinderen_vve",
    _("Kinderen van 2½ tot 4 jaar in de voorschoolse educatie"),
    eenheid=Eenheid.PROCENT,
    richting=Richting.HOGER,
    groep=G_BEGELEIDING,
    bron="Seeds (% kinderen van 3-4 jaar in een voorschoolse voorziening); Wet OKE (VVE 2½–4)",
)
def kinderen_vve(f: Filters) -> list[Waarde]:
    """Children (household members, living in the household) of the dossiers in the
    population who are 2½ up to 4 years old at the end of the period
    (casefiles.gezin.rules VVE_VAN_MAANDEN/VVE_TOT_MAANDEN): how many, and the share
    with voorschoolse educatie (VVE)."""
    from casefiles.gezin.rules import VVE_TOT_MAANDEN, VVE_VAN_MAANDEN
    from casefiles.models import Gezinslid

    oudste = add_months(f.tot, -VVE_TOT_MAANDEN)  # born after: younger than 4
    jongste = add_months(f.tot, -VVE_VAN_MAANDEN)  # born on or before: at least 2½
    agg = Gezinslid.objects.filter(
        relatie=GezinslidRelatie.KIND,
        woont_in_huishouden=True,
        geboortedatum__gt=oudste,
        geboortedatum__lte=jongste,
        inburgeraar__dossiers__in=dossiers(f),
    ).aggregate(
        n=Count("pk", distinct=True),
        vve=Count("pk", filter=Q(vve_status=VveStatus.VVE), distinct=True),
    )
    return [
        Waarde(
            agg["n"], agg["n"], "kinderen", str(_("kinderen 2½–4 jaar")), eenheid=Eenheid.AANTAL
        ),
        Waarde(
            rules.percentage(agg["vve"], agg["n"]),
            min(agg["vve"], agg["n"]),
            "in_vve",
            str(_("in VVE")),
        ),
    ]


@indicator(
    "kosten_overig",
    _("Overige kosten tegen het budget"),
    eenheid=Eenheid.EURO,
    richting=Richting.LAGER,
    groep=G_GELD,
    bron="Seeds (reiskosten uit het participatiebudget, tolkenvoorziening, rijksbijdrage "
    "per persoon); budgettabel overige kosten per jaar",
)
def kosten_overig(f: Filters) -> list[Waarde]:
    """Other costs (casefiles.Kostenpost: reiskosten, tolk, kinderopvang during lessons,
    materials) dated in the period, per budget they are charged to. Target: the budget
    of the table "budgetten overige kosten" for the gemeenten and years in the period,
    pro rata to the part of each year the period covers. Suppressed when fewer than 5
    cost lines."""
    from casefiles.models import Kostenpost

    from ..models import KostenBudget
    from .trajecten import _overlap_fractie

    per_budget = {
        r["budget"]: r
        for r in Kostenpost.objects.filter(record_populatie_q(f), **in_periode(f, "datum"))
        .values("budget")
        .annotate(som=Sum("bedrag"), n=Count("pk"))
        .order_by()
    }
    budget: dict[str, Decimal] = {}
    for jaar, soort, bedrag in KostenBudget.objects.filter(
        gemeente_id__in=f.gemeente_ids, jaar__gte=f.van.year, jaar__lte=f.tot.year
    ).values_list("jaar", "budget", "bedrag"):  # a handful of budget rows, not dossiers
        budget[soort] = budget.get(soort, Decimal(0)) + bedrag * _overlap_fractie(
            f.van, f.tot, jaar
        )
    out = []
    for b in Budgetsoort:
        r = per_budget.get(b.value, {"som": Decimal(0), "n": 0})
        doel = rules.afronden(budget[b.value], 2) if b.value in budget else None
        out.append(
            Waarde(rules.afronden(r["som"] or Decimal(0), 2), r["n"], b.value, str(b.label), doel)
        )
    return out
