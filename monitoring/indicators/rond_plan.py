"""Indicators around the plan (issue 18): children in voorschoolse educatie, and the
other costs against their budgets. Database aggregates only; small numbers are
suppressed by the framework (``n``)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from casefiles.choices import GezinslidRelatie, VveStatus
from casefiles.rules import add_months

from .. import rules
from ..choices import Eenheid, Richting
from .base import G_BEGELEIDING, Filters, Waarde, dossiers, indicator


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
