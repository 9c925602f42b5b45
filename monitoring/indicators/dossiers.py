"""Indicators on the core's records (casefiles): inburgeraars, instroom, route
distribution, outcomes, participation, the participatieladder and maatschappelijke
begeleiding. Each function is ONE database aggregate (no loops over dossiers)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.db import models
from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Value,
)
from django.db.models.functions import Coalesce, TruncQuarter
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casefiles.choices import (
    Doelgroep,
    DossierStatus,
    Leerroute,
    Regime,
    UitstroomSoort,
)
from casefiles.models import (
    Activiteit,
    MaatschappelijkeBegeleiding,
    ParticipatieladderMeting,
    Uitstroom,
)
from casefiles.rules import add_months

from .. import rules
from ..choices import Eenheid, Richting
from .base import (
    G_BEGELEIDING,
    G_INBURGERAARS,
    G_PARTICIPATIE,
    G_ROUTES,
    G_UITKOMSTEN,
    AddMonths,
    DaysBetween,
    Filters,
    Waarde,
    dossiers,
    gedeeld,
    in_periode,
    indicator,
    leerroute_expression,
    record_populatie_q,
)

PER_VELD: dict[str, type[models.TextChoices]] = {
    "doelgroep": Doelgroep,
    "regime": Regime,
    "status": DossierStatus,
}
"""The dossier fields the 'stand nu' indicators count per value, with their choices."""

MAX_KWARTALEN = 40
"""Up to this many quarters in the period, instroom per quarter is counted in the
shared dossier query (one conditional count per quarter); a longer period falls back
to one GROUP BY query (a performance limit, not a rule)."""


def _instroom():
    """The instroom date of a dossier: koppeling (COA), else vestiging (BRP), else
    the start of the plicht."""
    return Coalesce("datum_koppeling", "datum_vestiging", "datum_start_plicht")


def _kwartalen(f: Filters) -> list[tuple[int, int]]:
    """The calendar quarters (year, quarter) that overlap the period."""
    out: list[tuple[int, int]] = []
    if f.tot < f.van:
        return out
    jaar, kw = rules.kwartaal_van(f.van)
    while rules.kwartaal_start(jaar, kw) <= f.tot:
        out.append((jaar, kw))
        jaar, kw = (jaar + 1, 1) if kw == 4 else (jaar, kw + 1)
    return out


@gedeeld
def _dossier_tellingen(f: Filters) -> dict:
    """The counts of every indicator that only reads the dossier row itself: per
    doelgroep, regime and status, instroom per quarter, plicht voldaan in the period and
    the mean days to voldaan. Each indicator's definition stays in its own function;
    this only shares the work, in three small queries instead of one aggregate with a
    conditional count per category (measured several times cheaper at 100.000
    dossiers, docs/monitoring.md): one GROUP BY of (gemeente, status, doelgroep,
    regime) over the population — a few dozen groups per gemeente, summed here per
    field —, the dossiers voldaan in
    the period (index range on (gemeente, datum_plicht_voldaan)) and the dossiers with
    instroom in the period."""
    agg: dict = {f"{veld}_{c.value}": 0 for veld, choices in PER_VELD.items() for c in choices}
    agg["n"] = 0
    # grouped by gemeente first, in the order of the index (gemeente, status, doelgroep,
    # regime): a streaming GROUP BY over an index-only scan, no hash table
    groepen = dossiers(f).values("gemeente_id", "status", "doelgroep", "regime")
    for rij in groepen.annotate(_n=Count("*")).order_by():
        agg["n"] += rij["_n"]
        for veld in PER_VELD:
            sleutel = f"{veld}_{rij[veld]}"
            if sleutel in agg:  # a value outside the choices counts in n only
                agg[sleutel] += rij["_n"]

    start = Coalesce("termijn_start", "datum_start_plicht")
    agg |= (
        dossiers(f)
        .filter(**in_periode(f, "datum_plicht_voldaan"))
        .annotate(_d=DaysBetween(F("datum_plicht_voldaan"), start))
        .aggregate(
            voldaan=Count("pk"),
            voldaan_dagen_gem=Avg("_d"),  # AVG and COUNT(expression) skip NULLs
            voldaan_dagen_n=Count("_d"),
        )
    )

    instroom = dossiers(f).annotate(_in=_instroom()).filter(_in__gte=f.van, _in__lte=f.tot)
    kwartalen = _kwartalen(f)
    if len(kwartalen) <= MAX_KWARTALEN:
        aggs = {}
        for jaar, kw in kwartalen:
            begin = max(f.van, rules.kwartaal_start(jaar, kw))
            eind = min(f.tot, rules.kwartaal_eind(jaar, kw))
            # COUNT(1): nothing outside the index is read (dossier_gemeente_instroom_idx)
            aggs[f"kw_{jaar}_{kw}"] = Count(Value(1), filter=Q(_in__gte=begin, _in__lte=eind))
        per_kw = instroom.aggregate(**aggs) if aggs else {}
        agg["instroom"] = [((j, k), per_kw[f"kw_{j}_{k}"]) for j, k in kwartalen]
    else:
        rows = (
            instroom.annotate(_kw=TruncQuarter("_in"))
            .values("_kw")
            .annotate(n=Count("pk"))
            .order_by("_kw")
        )
        agg["instroom"] = [(rules.kwartaal_van(r["_kw"]), r["n"]) for r in rows]
    return agg


def _counts_per(f: Filters, veld: str) -> list[Waarde]:
    agg = _dossier_tellingen(f)
    return [
        Waarde(agg[f"{veld}_{c.value}"], agg[f"{veld}_{c.value}"], c.value, str(c.label))
        for c in PER_VELD[veld]
    ]


@indicator(
    "inburgeraars_doelgroep",
    _("Inburgeraars (stand nu) per doelgroep"),
    groep=G_INBURGERAARS,
    bron="DESIGN.md §2 (doelgroep); De Wolden §10",
)
def inburgeraars_doelgroep(f: Filters) -> list[Waarde]:
    """Number of dossiers in the filtered gemeenten per current doelgroep (Dossier.doelgroep),
    at the moment of computing (the nightly snapshot keeps the stand per quarter).
    The period does not apply; cohort, doelgroep and leerroute filters do."""
    return _counts_per(f, "doelgroep")


@indicator(
    "inburgeraars_regime",
    _("Inburgeraars (stand nu) per regime"),
    groep=G_INBURGERAARS,
    bron="Wi 2021 overgangsrecht; DESIGN.md §2",
)
def inburgeraars_regime(f: Filters) -> list[Waarde]:
    """Number of dossiers per regime (Wi 2021 or Wi 2013 'ondertussengroep',
    Dossier.regime, derived from the start of the plicht), stand at computing time."""
    return _counts_per(f, "regime")


@indicator(
    "inburgeraars_status",
    _("Inburgeraars (stand nu) per status"),
    groep=G_INBURGERAARS,
    bron="DESIGN.md §4 (the dossier's life)",
)
def inburgeraars_status(f: Filters) -> list[Waarde]:
    """Number of dossiers per current status (aangemeld … afgerond, verhuisd,
    beëindigd), stand at computing time."""
    return _counts_per(f, "status")


@indicator(
    "instroom_kwartaal",
    _("Instroom per kwartaal"),
    groep=G_INBURGERAARS,
    bron="Purmerend §7; De Wolden §10 (taakstelling)",
)
def instroom_kwartaal(f: Filters) -> list[Waarde]:
    """Dossiers whose instroom date lies in the period, per calendar quarter. The
    instroom date is the koppeling by the COA, else the vestiging (BRP), else the
    start of the plicht — the first moment the gemeente is responsible."""
    out = []
    for (jaar, kw), n in _dossier_tellingen(f)["instroom"]:
        if not n:
            continue  # a quarter without instroom has no line (as with GROUP BY)
        label = rules.kwartaal_label(jaar, kw)
        out.append(Waarde(n, n, label, label))
    return out


@indicator(
    "route_verdeling",
    _("Verdeling over de leerroutes (nieuwe PIP's)"),
    eenheid=Eenheid.PROCENT,
    richting=Richting.RICHTWAARDE,
    doel=rules.ROUTE_VERDELING_DOEL,
    groep=G_ROUTES,
    bron="De Wolden §10: regionale verwachting 40 % B1, 40 % Z, 20 % onderwijs",
)
def route_verdeling(f: Filters) -> list[Waarde]:
    """Share of each leerroute among the dossiers whose inburgeringstermijn started
    in the period (termijn_start = the day after the first PIP's dagtekening, Wi
    art. 11), by the dossier's leerroute (current PIP, else latest trajectory).
    Compared with the regional expectation 40 % B1 / 40 % Z / 20 % onderwijs
    (on track within 10 percentage points)."""
    # GROUP BY the route: the route subqueries run once per dossier (a conditional
    # count per route would repeat them in every FILTER clause).
    per_route = dict(
        dossiers(f)
        .filter(**in_periode(f, "termijn_start"))
        .annotate(_route=leerroute_expression())
        .values("_route")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("_route", "n")
    )
    agg = {r.value: per_route.get(r.value, 0) for r in Leerroute}
    totaal = sum(n for route, n in per_route.items() if route is not None)
    return [
        Waarde(
            rules.percentage(agg[r.value], totaal), min(agg[r.value], totaal), r.value, str(r.label)
        )
        for r in (Leerroute.B1, Leerroute.Z, Leerroute.ONDERWIJS)
    ]


@indicator(
    "plicht_voldaan",
    _("Inburgeringsplicht voldaan (afgeronde trajecten)"),
    groep=G_UITKOMSTEN,
    bron="Dalfsen §3.3; De Wolden §10",
)
def plicht_voldaan(f: Filters) -> list[Waarde]:
    """Dossiers whose inburgeringsplicht was voldaan (Dossier.datum_plicht_voldaan)
    in the period."""
    n = _dossier_tellingen(f)["voldaan"]
    return [Waarde(n, n)]


@indicator(
    "uitstroom",
    _("Personen met uitstroom"),
    groep=G_UITKOMSTEN,
    bron="De Wolden §10; Purmerend §7",
)
def uitstroom(f: Filters) -> list[Waarde]:
    """Distinct persons (dossiers) with an uitstroom dated in the period: paid work
    (voltijd, deeltijd, eigen bedrijf), started regular education, maatschappelijk
    actief (Uitstroom.soort)."""
    qs = Uitstroom.objects.filter(record_populatie_q(f), **in_periode(f, "datum"))
    agg = qs.aggregate(
        werk=Count("dossier", distinct=True, filter=Q(soort__in=rules.WERK_UITSTROOM)),
        opleiding=Count(
            "dossier", distinct=True, filter=Q(soort=UitstroomSoort.REGULIERE_OPLEIDING)
        ),
        ma=Count("dossier", distinct=True, filter=Q(soort=UitstroomSoort.MAATSCHAPPELIJK_ACTIEF)),
    )
    return [
        Waarde(agg["werk"], agg["werk"], "werk", str(_("betaald werk"))),
        Waarde(agg["opleiding"], agg["opleiding"], "opleiding", str(_("reguliere opleiding"))),
        Waarde(agg["ma"], agg["ma"], "maatschappelijk_actief", str(_("maatschappelijk actief"))),
    ]


@indicator(
    "route_resultaat",
    _("Resultaat per leerroute"),
    eenheid=Eenheid.PROCENT,
    richting=Richting.HOGER,
    doel=rules.ROUTE_RESULTAAT_DOEL,
    groep=G_UITKOMSTEN,
    bron="De Wolden §10: B1 → betaald werk 75 %, onderwijs → vervolgopleiding 90 %, "
    "Z → maatschappelijk actief 60 %",
)
def route_resultaat(f: Filters) -> list[Waarde]:
    """Of the dossiers per leerroute whose plicht was voldaan in the period, the
    share with the route's target outcome at any time up to the end of the period:
    B1-route → paid work (target 75 %), onderwijsroute → regular (vervolg)opleiding
    (90 %), Z-route → maatschappelijk actief, or better: work or study (60 %)."""
    annotations = {}
    for route, soorten in rules.ROUTE_RESULTAAT_UITSTROOM.items():
        annotations[f"_ok_{route}"] = Exists(
            Uitstroom.objects.filter(dossier_id=OuterRef("pk"), soort__in=soorten, datum__lte=f.tot)
        )
    # GROUP BY route and outcomes: every subquery runs once per dossier.
    groepen = (
        dossiers(f)
        .filter(**in_periode(f, "datum_plicht_voldaan"))
        .annotate(_route=leerroute_expression(), **annotations)
        .values("_route", *annotations)
        .annotate(n=Count("pk"))
        .order_by()
    )
    agg = {f"{k}_{r}": 0 for r in Leerroute for k in ("n", "ok")}
    for g in groepen:  # a handful of (route, outcomes) groups, not dossiers
        route = g["_route"]
        if f"n_{route}" in agg:
            agg[f"n_{route}"] += g["n"]
            if g.get(f"_ok_{route}"):
                agg[f"ok_{route}"] += g["n"]
    labels = {
        Leerroute.B1: _("B1-route → betaald werk"),
        Leerroute.ONDERWIJS: _("onderwijsroute → vervolgopleiding"),
        Leerroute.Z: _("Z-route → maatschappelijk actief"),
    }
    return [
        Waarde(
            rules.percentage(agg[f"ok_{r}"], agg[f"n_{r}"]),
            min(agg[f"ok_{r}"], agg[f"n_{r}"]),
            r.value,
            str(labels[r]),
        )
        for r in (Leerroute.B1, Leerroute.ONDERWIJS, Leerroute.Z)
    ]


@indicator(
    "participatie_6m",
    _("Participeert 6 maanden na vestiging"),
    eenheid=Eenheid.PROCENT,
    richting=Richting.HOGER,
    doel=rules.PARTICIPATIE_DOEL,
    groep=G_PARTICIPATIE,
    bron="Dalfsen §3.3: 75 % participeert 6 maanden na vestiging",
)
def participatie_6m(f: Filters) -> list[Waarde]:
    """Of the dossiers whose date '6 months after vestiging' lies in the period (and
    not in the future), the share with a participation activity (taalstage,
    vrijwilligerswerk, werkervaringsplek, betaald werk, opleiding) running on that
    date (start on/before, no end or end on/after)."""
    vandaag = timezone.localdate()
    meetmoment = AddMonths("datum_vestiging", rules.PARTICIPATIE_NA_MAANDEN)
    actief = Activiteit.objects.filter(
        dossier_id=OuterRef("pk"),
        soort__in=rules.PARTICIPATIE_SOORTEN,
        start__lte=OuterRef("_mm"),
    ).filter(Q(eind__isnull=True) | Q(eind__gte=OuterRef("_mm")))
    # a range of vestiging dates that holds every dossier the exact condition below
    # keeps (the databases clip or roll over a month end by at most 3 days), so that
    # the index (gemeente, datum_vestiging) narrows the scan
    tot = min(f.tot, vandaag)
    marge = timedelta(days=7)
    agg = (
        dossiers(f)
        .filter(
            datum_vestiging__gte=add_months(f.van, -rules.PARTICIPATIE_NA_MAANDEN) - marge,
            datum_vestiging__lte=add_months(tot, -rules.PARTICIPATIE_NA_MAANDEN) + marge,
        )
        .annotate(_mm=meetmoment)
        .filter(_mm__gte=f.van, _mm__lte=tot)
        .annotate(_actief=Exists(actief))
        .aggregate(n=Count("pk"), ok=Count("pk", filter=Q(_actief=True)))
    )
    return [Waarde(rules.percentage(agg["ok"], agg["n"]), min(agg["ok"], agg["n"]))]


@indicator(
    "maanden_tot_voldaan",
    _("Gemiddeld aantal maanden tot de plicht is voldaan"),
    eenheid=Eenheid.MAANDEN,
    richting=Richting.LAGER,
    doel=rules.MAANDEN_TOT_VOLDAAN_DOEL,
    groep=G_UITKOMSTEN,
    bron="Dalfsen §3.3: gemiddeld binnen 30 maanden",
)
def maanden_tot_voldaan(f: Filters) -> list[Waarde]:
    """Mean months from the start of the inburgeringstermijn (else the start of the
    plicht) to the date the plicht was voldaan, over the dossiers voldaan in the
    period. Months = days / 30.4375."""
    agg = _dossier_tellingen(f)  # _d: days from termijn_start (else start plicht) to voldaan
    gem = agg["voldaan_dagen_gem"]
    gem = None if gem is None else Decimal(str(gem)) / rules.DAGEN_PER_MAAND
    return [Waarde(rules.afronden(gem), agg["voldaan_dagen_n"])]


@gedeeld
def _ladder_tellingen(f: Filters) -> dict:
    """ONE flat count over the population's participatieladder measurements for both
    ladder indicators, per step: the dossier's earliest intake measurement
    (``eerste_intake``) and its latest measurement on or before the end of the period
    — the one with ``datum <= tot`` whose next measurement (``volgende_datum``, by
    (datum, id)) lies after ``tot`` or does not exist. Both columns are a rollup kept on
    every write (casefiles.participatie.laddervolgorde), so no per-dossier grouping is
    needed: one pass over an index-only scan, ``GROUP BY trede`` (i<t>, n<t>)."""
    nu = Q(datum__lte=f.tot) & (Q(volgende_datum__isnull=True) | Q(volgende_datum__gt=f.tot))
    rijen = (
        ParticipatieladderMeting.objects.filter(record_populatie_q(f))
        .filter(Q(eerste_intake=True) | nu)
        .values("trede")
        .annotate(i=Count("trede", filter=Q(eerste_intake=True)), n=Count("trede", filter=nu))
        .order_by()
    )
    agg = {f"{p}{t}": 0 for p in "in" for t in range(1, 7)}
    for r in rijen:
        agg[f"i{r['trede']}"] = r["i"]
        agg[f"n{r['trede']}"] = r["n"]
    return agg


def _ladder(f: Filters, prefix: str) -> list[Waarde]:
    agg = _ladder_tellingen(f)
    return [
        Waarde(agg[f"{prefix}{t}"], agg[f"{prefix}{t}"], str(t), str(_("trede %(t)s") % {"t": t}))
        for t in range(1, 7)
    ]


@indicator(
    "ladder_intake",
    _("Participatieladder bij de intake"),
    groep=G_PARTICIPATIE,
    bron="De Wolden §10; Purmerend §7 (participatieladder)",
)
def ladder_intake(f: Filters) -> list[Waarde]:
    """Number of dossiers per step of the participatieladder (1–6) at the brede
    intake: the earliest measurement with source 'intake'."""
    return _ladder(f, "i")  # MIN of the intake measurements' keys per dossier


@indicator(
    "ladder_nu",
    _("Participatieladder nu (einde periode)"),
    groep=G_PARTICIPATIE,
    bron="De Wolden §10; Purmerend §7 (participatieladder)",
)
def ladder_nu(f: Filters) -> list[Waarde]:
    """Number of dossiers per step of the participatieladder (1–6) at the end of the
    period: the latest measurement on or before that date (any source)."""
    return _ladder(f, "n")  # MAX of the keys of measurements up to f.tot per dossier


def _mb_norm(f: Filters) -> Decimal:
    from casefiles.models import Gemeente

    normen = set(
        Gemeente.objects.filter(pk__in=f.gemeente_ids).values_list("mb_maanden", flat=True)
    )
    return Decimal(normen.pop()) if len(normen) == 1 else Decimal(rules.MB_NORM_MAANDEN)


@indicator(
    "mb_duur",
    _("Maatschappelijke begeleiding"),
    eenheid=Eenheid.MAANDEN,
    richting=Richting.LAGER,
    groep=G_BEGELEIDING,
    bron="De Wolden §10: maatschappelijke begeleiding duurt 18 maanden (configureerbaar)",
)
def mb_duur(f: Filters) -> list[Waarde]:
    """Maatschappelijke begeleiding against the norm (Gemeente.mb_maanden, default 18;
    with several gemeenten of different norms the default): the mean duration in
    months (days / 30.4375) of the begeleidingen that ended in the period, the number
    running at the end of the period, and how many of those already run longer than
    the norm."""
    norm = _mb_norm(f)
    qs = MaatschappelijkeBegeleiding.objects.filter(record_populatie_q(f))
    tot = Value(f.tot)
    agg = qs.annotate(
        _duur=DaysBetween(F("eind"), F("start")),
        _loopt=DaysBetween(tot, F("start")),
    ).aggregate(
        gem=Avg("_duur", filter=Q(eind__gte=f.van, eind__lte=f.tot)),
        n=Count("pk", filter=Q(eind__gte=f.van, eind__lte=f.tot)),
        actief=Count("pk", filter=Q(start__lte=f.tot) & (Q(eind__isnull=True) | Q(eind__gt=f.tot))),
        boven=Count(
            "pk",
            filter=Q(start__lte=f.tot)
            & (Q(eind__isnull=True) | Q(eind__gt=f.tot))
            & Q(_loopt__gt=norm * rules.DAGEN_PER_MAAND),
        ),
    )
    gem = None if agg["gem"] is None else Decimal(str(agg["gem"])) / rules.DAGEN_PER_MAAND
    return [
        Waarde(rules.afronden(gem), agg["n"], "duur", str(_("gemiddelde duur (beëindigd)")), norm),
        Waarde(
            agg["actief"], agg["actief"], "actief", str(_("lopend (aantal)")), None, Eenheid.AANTAL
        ),
        Waarde(
            agg["boven"],
            agg["boven"],
            "boven_norm",
            str(_("lopend langer dan de norm (aantal)")),
            None,
            Eenheid.AANTAL,
        ),
    ]
