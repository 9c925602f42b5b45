"""Indicators on the other apps' records: the PIP clock (intake, pip_plans),
voortgangsgesprekken and handhaving (pip_plans), hours, trajecten and costs
(leerroutes, with the budget tables of this app) and ontzorgen. Each function is a
database aggregate; no loops over dossiers."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import connection
from django.db.models import (
    Aggregate,
    Case,
    Count,
    DateField,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    When,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casefiles.choices import Leerroute, Regime
from casefiles.models import Gemeente

from .. import rules
from ..choices import Eenheid, Richting
from .base import (
    G_BEGELEIDING,
    G_GELD,
    G_PIP,
    G_ROUTES,
    G_VOORTGANG,
    AddDays,
    AddMonths,
    DaysBetween,
    Filters,
    PercentileMedian,
    Waarde,
    gedeeld,
    in_periode,
    indicator,
    median,
    planner_instellingen,
    populatie_q,
    record_populatie_q,
)


def _pip_termijn_dagen() -> int:
    from intake.rules import PIP_TERMIJN

    return PIP_TERMIJN.days


def _eerste_pip():
    """Subquery: dagtekening of the dossier's first vastgestelde PIP (also when that
    version was later withdrawn or replaced)."""
    from pip_plans.models import PipVersie

    return (
        PipVersie.objects.filter(dossier_id=OuterRef("pk"), vastgesteld_op__isnull=False)
        .order_by("nummer")
        .values("dagtekening")[:1]
    )


def pip_klok_sql(duo: str, vestiging: str):
    """SQL for :func:`intake.rules.pip_klok_start`: the later of DUO's notice (SS139)
    and the BRP registration, or the one that is known (PostgreSQL's GREATEST skips
    NULLs, SQLite's MAX does not: the COALESCE makes both behave alike)."""
    return Coalesce(Greatest(F(duo), F(vestiging)), F(duo), F(vestiging))


def pip_deadline_sql(klok: str, dossier_ref: str):
    """SQL for :func:`intake.rules.pip_deadline` over the annotated clock start
    ``klok`` (:func:`pip_klok_sql`): 10 weeks after it, or 2 weeks after third-party
    information arrived when it was requested, has arrived on or after the request
    and that is later (the most recently requested information of the dossier's
    intakes, as ``intake.selectors.pip_deadline_info`` reads it). NULL without a
    clock start. Tests prove it gives the rule's answer (tests/monitoring)."""
    from intake.models import BredeIntake
    from intake.rules import INFO_DERDEN_TERMIJN

    tien_weken = AddDays(F(klok), _pip_termijn_dagen())
    derden = Subquery(
        BredeIntake.objects.filter(
            dossier_id=OuterRef(dossier_ref), info_derden_opgevraagd_op__isnull=False
        )
        .order_by("-info_derden_opgevraagd_op", "-id")
        .annotate(
            _verlengd=Case(
                When(
                    info_derden_ontvangen_op__gte=F("info_derden_opgevraagd_op"),
                    then=AddDays(F("info_derden_ontvangen_op"), INFO_DERDEN_TERMIJN.days),
                ),
                default=None,
                output_field=DateField(),
            )
        )
        .values("_verlengd")[:1],
        output_field=DateField(),
    )
    return Case(
        When(Q(**{f"{klok}__isnull": True}), then=None),
        default=Coalesce(Greatest(tien_weken, derden), tien_weken),
        output_field=DateField(),
    )


def _pip_populatie(f: Filters):
    """The first vastgestelde PIP of each Wi 2021 dossier, when its dagtekening lies
    in the period (a version with no earlier vastgestelde version of the same dossier:
    an anti-join, not a subquery per dossier), annotated with that date (_pip), the
    start of the 10-week clock (_klok: the later of DUO's notice SS139 and the
    vestiging) and the legal deadline (_deadline): intake.rules.pip_deadline as SQL,
    including the 2-week extension after information from third parties."""
    from pip_plans.models import PipVersie

    eerder = PipVersie.objects.filter(
        dossier_id=OuterRef("dossier_id"),
        vastgesteld_op__isnull=False,
        nummer__lt=OuterRef("nummer"),
    )
    klok = pip_klok_sql("dossier__datum_duo_melding", "dossier__datum_vestiging")
    return (
        PipVersie.objects.filter(
            populatie_q(f),  # joins the dossier once (also for the regime and the clock)
            vastgesteld_op__isnull=False,
            dossier__regime=Regime.WI2021,
            **in_periode(f, "dagtekening"),
        )
        .exclude(Exists(eerder))
        .annotate(_pip=F("dagtekening"), _klok=klok)
        .annotate(_deadline=pip_deadline_sql("_klok", "dossier_id"))
    )


def _pip_doel(f: Filters) -> Decimal:
    doelen = set(
        Gemeente.objects.filter(pk__in=f.gemeente_ids).values_list("pip_op_tijd_doel", flat=True)
    )
    return Decimal(doelen.pop()) if len(doelen) == 1 else rules.PIP_OP_TIJD_DOEL


@indicator(
    "pip_op_tijd",
    _("PIP vastgesteld binnen de wettelijke termijn"),
    eenheid=Eenheid.PROCENT,
    richting=Richting.HOGER,
    doel=rules.PIP_OP_TIJD_DOEL,
    groep=G_PIP,
    bron="Bi art. 5.3 (10 weken); doel 95 % (Gemeente.pip_op_tijd_doel)",
)
def pip_op_tijd(f: Filters) -> list[Waarde]:
    """Of the Wi 2021 dossiers whose first PIP was vastgesteld (dagtekening) in the
    period and that have a deadline, the share vastgesteld on or before the legal
    deadline of intake.rules.pip_deadline: 10 weeks after the later of DUO's notice
    (SS139) and the vestiging, or 2 weeks after awaited third-party information
    arrived when that is later (Bi art. 5.3). Target: the gemeente's
    pip_op_tijd_doel (default 95 %; several gemeenten with different targets: 95 %)."""
    agg = _pip_klok(f)
    return [
        Waarde(rules.percentage(agg["ok"], agg["n"]), min(agg["ok"], agg["n"]), doel=_pip_doel(f))
    ]


@gedeeld
def _pip_klok(f: Filters) -> dict:
    """ONE aggregate over :func:`_pip_populatie` for both PIP indicators: with a
    deadline (n) and on time (ok); on PostgreSQL also the median days from the clock
    start to the dagtekening (med, over n_med dossiers with a clock start)."""
    dagen = DaysBetween(F("_pip"), F("_klok"))
    # the deadline is NULL exactly when the clock start is (pip_deadline_sql): counting
    # on the clock start keeps the third-party subquery out of this filter (once per PIP)
    met_deadline = Q(_klok__isnull=False)
    aggs: dict[str, Aggregate] = {
        "n": Count("pk", filter=met_deadline),
        "ok": Count("pk", filter=met_deadline & Q(_pip__lte=F("_deadline"))),
    }
    qs = _pip_populatie(f)
    if connection.vendor == "postgresql":
        qs = qs.annotate(_dagen=dagen)
        # percentile_cont and COUNT(expression) skip NULLs, as median() does
        aggs.update(med=PercentileMedian("_dagen"), n_med=Count("_dagen"))
        # the PIPs of the period look up their dossier, task and earlier versions by
        # index (nested loops) instead of hashing or sorting every dossier and every
        # vastgestelde version: the planner's estimate prefers those, measured slower
        # (docs/monitoring.md)
        with planner_instellingen(enable_hashjoin="off", enable_mergejoin="off"):
            return qs.aggregate(**aggs)
    agg = qs.aggregate(**aggs)
    agg["med"], agg["n_med"] = median(_pip_populatie(f), dagen)
    return agg


@indicator(
    "pip_mediaan_dagen",
    _("Mediaan dagen tot de PIP"),
    eenheid=Eenheid.DAGEN,
    richting=Richting.LAGER,
    groep=G_PIP,
    bron="Bi art. 5.3 (10 weken = 70 dagen)",
)
def pip_mediaan_dagen(f: Filters) -> list[Waarde]:
    """Median number of days from the start of the PIP clock (the later of DUO's
    notice SS139 and the vestiging) to the dagtekening of the first PIP, over the same dossiers as
    'PIP vastgesteld binnen de wettelijke termijn'. Target: at most 70 days."""
    agg = _pip_klok(f)  # median of DaysBetween(_pip, _klok), see median()
    return [Waarde(rules.afronden(agg["med"]), agg["n_med"], doel=Decimal(_pip_termijn_dagen()))]


@indicator(
    "gesprekken_op_tijd",
    _("Voortgangsgesprekken op tijd gehouden"),
    eenheid=Eenheid.PROCENT,
    richting=Richting.HOGER,
    groep=G_VOORTGANG,
    bron="Dalfsen §3.3 (minstens 2 gesprekken in het eerste jaar, dan elk half jaar)",
)
def gesprekken_op_tijd(f: Filters) -> list[Waarde]:
    """Of the voortgangsgesprekken planned in the period that are due (held, or the
    planned date plus 14 days has passed; vervallen ones are left out), the share
    held no later than 14 days after the planned date."""
    from pip_plans.choices import GesprekStatus
    from pip_plans.models import Voortgangsgesprek

    marge = rules.GESPREK_MARGE_DAGEN
    grens = timezone.localdate() - timedelta(days=marge)
    agg = (
        Voortgangsgesprek.objects.filter(record_populatie_q(f), **in_periode(f, "gepland_op"))
        .exclude(status=GesprekStatus.VERVALLEN)
        .filter(Q(status=GesprekStatus.GEHOUDEN) | Q(gepland_op__lt=grens))
        .annotate(_te_laat=DaysBetween(F("gehouden_op"), F("gepland_op")))
        .aggregate(
            n=Count("pk"),
            ok=Count("pk", filter=Q(status=GesprekStatus.GEHOUDEN, _te_laat__lte=marge)),
        )
    )
    return [Waarde(rules.percentage(agg["ok"], agg["n"]), min(agg["ok"], agg["n"]))]


@indicator(
    "handhaving",
    _("Handhaving"),
    groep=G_VOORTGANG,
    bron="Wi 2021 (bestuurlijke boete tot € 800); DESIGN.md §2",
)
def handhaving(f: Filters) -> list[Waarde]:
    """Handhaving decisions (pip_plans.Handhaving) dated in the period per kind
    (waarschuwing, bestuurlijke boete), and the open ones: decisions of any date
    not yet bekendgemaakt (no bekendgemaakt_op) — stand at computing time."""
    from pip_plans.choices import HandhavingSoort
    from pip_plans.models import Handhaving

    periode = Q(datum__gte=f.van, datum__lte=f.tot)
    agg = Handhaving.objects.filter(record_populatie_q(f)).aggregate(
        w=Count("pk", filter=periode & Q(soort=HandhavingSoort.WAARSCHUWING)),
        b=Count("pk", filter=periode & Q(soort=HandhavingSoort.BOETE)),
        open=Count("pk", filter=Q(bekendgemaakt_op__isnull=True)),
    )
    return [
        Waarde(agg["w"], agg["w"], "waarschuwing", str(_("waarschuwingen"))),
        Waarde(agg["b"], agg["b"], "boete", str(_("bestuurlijke boetes"))),
        Waarde(agg["open"], agg["open"], "open", str(_("open (nog niet bekendgemaakt)"))),
    ]


@indicator(
    "trajecten_afgerond",
    _("Afgeronde leerroutetrajecten"),
    groep=G_ROUTES,
    bron="De Wolden §10; Purmerend §7",
)
def trajecten_afgerond(f: Filters) -> list[Waarde]:
    """Leerroute trajecten at a provider (leerroutes.Traject) with status 'afgerond'
    and an end date in the period, per leerroute."""

    agg = _traject_tellingen(f)
    return [Waarde(agg[f"af_{r}"], agg[f"af_{r}"], r.value, str(r.label)) for r in Leerroute]


@gedeeld
def _traject_tellingen(f: Filters) -> dict:
    """ONE aggregate over the population's leerroute trajecten for both traject
    indicators: afgerond with an end date in the period (af_<route>), and registered
    in the period (n_), with their recorded costs (k_) and how many lack costs (z_)."""
    from leerroutes.choices import TrajectStatus
    from leerroutes.models import Traject

    afgerond = Q(status=TrajectStatus.AFGEROND, **in_periode(f, "datum_eind"))
    aangemeld = Q(**in_periode(f, "datum_aanmelding"))
    qs = Traject.objects.filter(record_populatie_q(f)).filter(afgerond | aangemeld)
    return qs.aggregate(
        **{f"af_{r}": Count("pk", filter=afgerond & Q(route=r.value)) for r in Leerroute},
        **{f"k_{r}": Sum("kosten", filter=aangemeld & Q(route=r.value)) for r in Leerroute},
        **{f"n_{r}": Count("pk", filter=aangemeld & Q(route=r.value)) for r in Leerroute},
        **{
            f"z_{r}": Count("pk", filter=aangemeld & Q(route=r.value, kosten__isnull=True))
            for r in Leerroute
        },
    )


@indicator(
    "uren_per_persoon",
    _("Gemiddeld aantal uren per persoon"),
    eenheid=Eenheid.UREN,
    groep=G_ROUTES,
    bron="Bi art. 3.14 (Z-route 800 + 800 uur); Purmerend §7",
)
def uren_per_persoon(f: Filters) -> list[Waarde]:
    """Attended hours (leerroutes.Urenregistratie.aanwezig) of registration periods
    starting in the period, divided by the number of persons with such hours, per
    kind (leerroutes.rules.UREN_GROEPEN): language (taal en KNM bij de aanbieder + taal
    tijdens de intake), social participation (participatie-uren of the Z-route, MAP,
    PVT) and taalstage/werk."""
    from leerroutes.rules import UREN_GROEPEN as soorten

    labels = {
        "taal": _("taal en KNM"),
        "participatie": _("maatschappelijke participatie"),
        "stage_werk": _("taalstage en werk"),
    }
    agg: dict = {f"u_{k}_tot": None for k in soorten} | {f"p_{k}": 0 for k in soorten}
    for r in _uren_per_soort(f):
        for k, v in soorten.items():
            if r["soort"] in v:
                agg[f"u_{k}_tot"] = (agg[f"u_{k}_tot"] or Decimal(0)) + (r["u"] or Decimal(0))
                agg[f"p_{k}"] += r["p"]
    out = []
    for key in soorten:
        personen, totaal = agg[f"p_{key}"], agg[f"u_{key}_tot"] or Decimal(0)
        gem = rules.afronden(Decimal(totaal) / personen) if personen else None
        out.append(Waarde(gem, personen, key, str(labels[key])))
    return out


def _uren_per_soort(f: Filters, *, samenvatting: bool | None = None):
    """Per kind of hours: the attended hours (``u``) of the rows starting in the period
    and the persons with attended hours (``p``).

    A person's first row with attended hours in the period is the row whose predecessor
    (vorige_aanwezig_start, the per-dossier rollup kept on write) starts before the
    period: counting those counts the persons in one pass, without grouping every row
    per person; exactly one row per person and hour group is its first, so the persons
    of a group are the sum over its kinds.

    Without cohort, doelgroep or leerroute filter (the dashboard's usual view) this
    reads the summary per (gemeente, soort, periode_start, vorige_aanwezig_start) that
    the database keeps on write (leerroutes.UrenSamenvatting): tens of thousands of
    rows instead of every hour row of the period. With such a filter it reads the hour
    rows of the filtered dossiers. Both give the same figures (tested);
    ``samenvatting`` forces one way (tests)."""
    from leerroutes.models import Urenregistratie, UrenSamenvatting

    if samenvatting is None:
        samenvatting = not (f.cohort or f.doelgroep or f.leerroute)
    if samenvatting:
        eerste = Q(vorige_aanwezig_start__isnull=True) | Q(vorige_aanwezig_start__lt=f.van)
        return (
            UrenSamenvatting.objects.filter(
                gemeente_id__in=f.gemeente_ids, **in_periode(f, "periode_start")
            )
            .values("soort")
            .annotate(u=Sum("uren"), p=Coalesce(Sum("rijen", filter=eerste), 0))
            .order_by()
        )
    eerste = Q(aanwezig__gt=0) & (
        Q(vorige_aanwezig_start__isnull=True) | Q(vorige_aanwezig_start__lt=f.van)
    )
    return (
        Urenregistratie.objects.filter(record_populatie_q(f), **in_periode(f, "periode_start"))
        .values("soort")
        .annotate(u=Sum("aanwezig"), p=Count("soort", filter=eerste))
        .order_by()
    )


def _overlap_fractie(van: date, tot: date, jaar: int) -> Decimal:
    """Share of year ``jaar`` covered by [van, tot] (the budget counts pro rata)."""
    begin, eind = max(van, date(jaar, 1, 1)), min(tot, date(jaar, 12, 31))
    if eind < begin:
        return Decimal(0)
    return Decimal((eind - begin).days + 1) / Decimal(
        (date(jaar, 12, 31) - date(jaar, 1, 1)).days + 1
    )


@indicator(
    "kosten_leerroute",
    _("Kosten leerroutes tegen het budget"),
    eenheid=Eenheid.EURO,
    richting=Richting.LAGER,
    groep=G_GELD,
    bron="Divosa (± € 10.000 per traject, onderwijsroute ≥ € 17.000); budgettabel per jaar",
)
def kosten_leerroute(f: Filters) -> list[Waarde]:
    """Costs of the leerroute trajecten registered (datum_aanmelding) in the period,
    per leerroute: the recorded costs (Traject.kosten) plus, for trajecten without
    recorded costs, the price per traject of the budget table. Target: the budget of
    the budget table for the gemeenten and years in the period, pro rata to the part of
    each year the period covers. Suppressed when fewer than 5 trajecten."""
    from ..models import BudgetRegel

    agg = _traject_tellingen(f)
    budget: dict[str, Decimal] = {r.value: Decimal(0) for r in Leerroute}
    prijs: dict[str, list[Decimal]] = {r.value: [] for r in Leerroute}
    regels = BudgetRegel.objects.filter(
        gemeente_id__in=f.gemeente_ids, jaar__gte=f.van.year, jaar__lte=f.tot.year
    ).values_list("jaar", "leerroute", "budget", "prijs_per_traject")
    heeft_budget = set()
    for jaar, route, bedrag, p in regels:  # a handful of budget rows, not dossiers
        budget[route] += bedrag * _overlap_fractie(f.van, f.tot, jaar)
        prijs[route].append(p)
        heeft_budget.add(route)
    out = []
    for r in Leerroute:
        gem_prijs = sum(prijs[r.value]) / len(prijs[r.value]) if prijs[r.value] else Decimal(0)
        kosten = (agg[f"k_{r}"] or Decimal(0)) + agg[f"z_{r}"] * gem_prijs
        doel = rules.afronden(budget[r.value], 2) if r.value in heeft_budget else None
        out.append(Waarde(rules.afronden(kosten, 2), agg[f"n_{r}"], r.value, str(r.label), doel))
    return out


@indicator(
    "ontzorgen",
    _("Financieel ontzorgen"),
    groep=G_BEGELEIDING,
    bron="Pw art. 56a (minimaal 6 maanden)",
)
def ontzorgen(f: Filters) -> list[Waarde]:
    """Ontzorgingsplannen (ontzorgen.Ontzorgingsplan): active at the end of the period
    (started, not ended); ended in the period at the statutory minimum (end on or
    before 6 months after the start); and extended (planned end later than 6 months
    after the start) among the plans that ran during the period."""
    from ontzorgen.models import Ontzorgingsplan

    minimum = AddMonths("start", rules.ONTZORGEN_MINIMUM_MAANDEN)
    loopt_in_periode = Q(start__lte=f.tot) & (Q(eind__isnull=True) | Q(eind__gte=f.van))
    agg = (
        Ontzorgingsplan.objects.filter(record_populatie_q(f))
        .annotate(_min=minimum)
        .aggregate(
            actief=Count(
                "pk", filter=Q(start__lte=f.tot) & (Q(eind__isnull=True) | Q(eind__gt=f.tot))
            ),
            na_6m=Count("pk", filter=Q(eind__gte=f.van, eind__lte=f.tot) & Q(eind__lte=F("_min"))),
            verlengd=Count("pk", filter=loopt_in_periode & Q(geplande_eind__gt=F("_min"))),
        )
    )
    return [
        Waarde(agg["actief"], agg["actief"], "actief", str(_("actief"))),
        Waarde(agg["na_6m"], agg["na_6m"], "na_6_maanden", str(_("beëindigd na 6 maanden"))),
        Waarde(agg["verlengd"], agg["verlengd"], "verlengd", str(_("verlengd"))),
    ]
