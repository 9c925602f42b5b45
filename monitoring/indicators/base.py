"""The framework every indicator uses: filters, the population of dossiers, the
dossier's leerroute (defined once), DB-agnostic date functions and the median, and
the registry of indicators with their unit, target and direction."""

from __future__ import annotations

import contextvars
import functools
import inspect
import os
import re
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import (
    Aggregate,
    CharField,
    DateField,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, NullIf
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

from casefiles.models import Dossier, Gemeente
from inburgering.db import reads_alias

from .. import rules
from ..choices import Eenheid, Koers, Richting

# --- filters ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """What the indicator table is computed over. ``gemeente_ids`` is always the
    already-restricted set (see :meth:`for_user`); ``van``/``tot`` bound the events each
    indicator counts (its docstring says which date); ``cohort`` is the year the
    inburgeringsplicht started; ``doelgroep`` the current doelgroep; ``leerroute`` the
    dossier's leerroute (:func:`leerroute_expression`)."""

    gemeente_ids: tuple[int, ...]
    van: date
    tot: date
    cohort: int | None = None
    doelgroep: str = ""
    leerroute: str = ""

    @classmethod
    def for_user(cls, user, *, gemeente_ids=None, **kwargs) -> Filters:
        """Filters limited to the gemeenten the user works for (superusers: all).
        Asking for another gemeente silently yields nothing of it."""
        return cls(gemeente_ids=toegestane_gemeenten(user, gemeente_ids), **kwargs)

    @property
    def gemeenten(self) -> list[Gemeente]:
        return list(Gemeente.objects.filter(pk__in=self.gemeente_ids).order_by("naam"))


def toegestane_gemeenten(user, gevraagd=None) -> tuple[int, ...]:
    from casefiles.permissions import user_gemeente_ids

    if user.is_superuser:
        allowed = set(Gemeente.objects.values_list("pk", flat=True))
    else:
        allowed = set(user_gemeente_ids(user))
    if gevraagd:
        allowed &= {int(g) for g in gevraagd}
    return tuple(sorted(allowed))


# --- the dossier's leerroute, defined once ---------------------------------------------


def leerroute_expression(outer: str = "pk"):
    """The leerroute of a dossier: the route of its current PIP (the vastgestelde
    version with the highest number, pip_plans) or, when there is none, of its latest
    leerroute trajectory (leerroutes). ``outer`` names the dossier id in the outer query."""
    from leerroutes.models import Traject
    from pip_plans.choices import VersieStatus
    from pip_plans.models import PipVersie

    pip = (
        PipVersie.objects.filter(dossier_id=OuterRef(outer), status=VersieStatus.VASTGESTELD)
        .order_by("-nummer")
        .values("leerroute")[:1]
    )
    traject = (
        Traject.objects.filter(dossier_id=OuterRef(outer))
        .order_by("-datum_aanmelding", "-id")
        .values("route")[:1]
    )
    return Coalesce(
        NullIf(Subquery(pip, output_field=CharField()), Value("")),
        Subquery(traject, output_field=CharField()),
        output_field=CharField(),
    )


def dossiers(f: Filters) -> QuerySet:
    """The population: dossiers of the filtered gemeenten, cohort, doelgroep and
    leerroute. Every indicator starts from here (or from :func:`populatie_q` /
    :func:`record_populatie_q` for the records of these dossiers)."""
    qs = Dossier.objects.filter(gemeente_id__in=f.gemeente_ids)
    if f.cohort:
        qs = qs.filter(datum_start_plicht__year=f.cohort)
    if f.doelgroep:
        qs = qs.filter(doelgroep=f.doelgroep)
    if f.leerroute:
        qs = qs.alias(_route=leerroute_expression()).filter(_route=f.leerroute)
    return qs


def populatie_q(f: Filters, via: str = "dossier") -> Q:
    """The population of :func:`dossiers` as a condition on the related dossier
    ``via`` of a child record (e.g. a PipVersie's ``dossier``): the same filters,
    for queries that join the dossier anyway (one join instead of a join and a
    semi-join)."""
    return Q(**{f"{via}__gemeente_id__in": f.gemeente_ids}) & _dossier_filters_q(f, via)


def record_populatie_q(f: Filters) -> Q:
    """The population of :func:`dossiers` as a condition on a record that carries a
    copy of its dossier's gemeente (casefiles.GemeenteVanDossier): the gemeente filter
    on the record itself — no join with the dossiers, the dashboard's usual case — and
    the cohort, doelgroep and leerroute filters, when set, through its dossier."""
    return Q(gemeente_id__in=f.gemeente_ids) & _dossier_filters_q(f, "dossier")


def _dossier_filters_q(f: Filters, via: str) -> Q:
    """The filters of :func:`dossiers` other than the gemeente, on the dossier ``via``."""
    q = Q()
    if f.cohort:
        q &= Q(**{f"{via}__datum_start_plicht__year": f.cohort})
    if f.doelgroep:
        q &= Q(**{f"{via}__doelgroep": f.doelgroep})
    if f.leerroute:
        q &= Q(Exact(leerroute_expression(f"{via}_id"), f.leerroute))
    return q


@contextmanager
def planner_instellingen(**instellingen: str):
    """PostgreSQL planner settings (e.g. ``enable_hashagg="off"``) for the queries inside
    the block only, within the dashboard's transaction (``SET LOCAL``, restored
    afterwards); elsewhere nothing. For a query whose plan was measured to be faster
    than the one the planner's cost estimate picks (docs/monitoring.md); the figures do
    not depend on it."""
    conn = _verbinding()
    if conn.vendor != "postgresql" or not conn.in_atomic_block:
        yield
        return
    if not all(PLANNER_NAAM.match(n) and PLANNER_NAAM.match(w) for n, w in instellingen.items()):
        raise ValueError("onbekende planner-instelling")
    oud: dict[str, str] = {}
    with conn.cursor() as cursor:
        for naam, waarde in instellingen.items():
            cursor.execute("SELECT current_setting(%s)", [naam])
            oud[naam] = cursor.fetchone()[0]
            cursor.execute(f"SET LOCAL {naam} = {waarde}")
    try:
        yield
    finally:
        with conn.cursor() as cursor:
            for naam, waarde in oud.items():
                cursor.execute(f"SET LOCAL {naam} = {waarde}")


PLANNER_NAAM = re.compile(r"^[a-z_]+$")


def _verbinding():
    """The connection the dashboard's queries run on: the read replica inside
    ``replica_reads()`` when one is configured (docs/deploy.md), else the primary."""
    return connections[reads_alias()]


# --- queries shared by several indicators ----------------------------------------------

_gedeeld: ContextVar[dict | None] = ContextVar("monitoring_gedeeld", default=None)


def gedeeld(func):
    """Decorator for a query that several indicators read from (one aggregate over
    the same table with conditional aggregates, instead of one scan per indicator).
    Within one :func:`bereken` call it runs once per ``Filters``; called outside
    :func:`bereken` it simply runs. Nothing is kept after :func:`bereken` returns: every
    table is computed live."""

    @functools.wraps(func)
    def wrapper(f: Filters):
        memo = _gedeeld.get()
        if memo is None:
            return func(f)
        key = (func.__module__, func.__qualname__, f)
        if key not in memo:
            memo[key] = func(f)
        return memo[key]

    return wrapper


# --- DB-agnostic date arithmetic and the median ----------------------------------------


class DaysBetween(Func):
    """Whole days from ``start`` to ``end`` (two DateFields), as an integer, on both
    SQLite and PostgreSQL."""

    output_field = IntegerField()
    arity = 2

    def as_sql(
        self,
        compiler,
        connection,
        function=None,
        template=None,
        arg_joiner=None,
        **extra_context,
    ):
        end, start = (compiler.compile(e) for e in self.get_source_expressions())
        return f"({end[0]} - {start[0]})", [*end[1], *start[1]]

    def as_sqlite(self, compiler, connection, **extra_context):
        end, start = (compiler.compile(e) for e in self.get_source_expressions())
        sql = f"CAST(julianday({end[0]}) - julianday({start[0]}) AS INTEGER)"
        return sql, [*end[1], *start[1]]


def days_between(end, start) -> DaysBetween:
    return DaysBetween(end, start)


class AddMonths(Func):
    """A DateField plus a whole number of calendar months, as a date.
    PostgreSQL clips to the month's end (31 Aug + 6 = 28/29 Feb); SQLite rolls over
    (3 Mar). Only relevant at month ends; documented in docs/monitoring.md."""

    output_field = DateField()

    def __init__(self, expression, months: int, **extra):
        self.months = int(months)
        super().__init__(expression, **extra)

    def as_sql(
        self,
        compiler,
        connection,
        function=None,
        template=None,
        arg_joiner=None,
        **extra_context,
    ):
        sql, params = compiler.compile(self.get_source_expressions()[0])
        return f"CAST(({sql} + INTERVAL '{self.months} months') AS date)", params

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.get_source_expressions()[0])
        return f"date({sql}, '+{self.months} months')", params


class AddDays(Func):
    """A DateField plus a whole number of days, as a date (SQLite and PostgreSQL)."""

    output_field = DateField()

    def __init__(self, expression, days: int, **extra):
        self.days = int(days)
        super().__init__(expression, **extra)

    def as_sql(
        self,
        compiler,
        connection,
        function=None,
        template=None,
        arg_joiner=None,
        **extra_context,
    ):
        sql, params = compiler.compile(self.get_source_expressions()[0])
        return f"CAST(({sql} + {self.days}) AS date)", params

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.get_source_expressions()[0])
        return f"date({sql}, '{self.days:+d} days')", params


class PercentileMedian(Aggregate):
    """PostgreSQL's ``percentile_cont(0.5) WITHIN GROUP (ORDER BY …)``."""

    function = "PERCENTILE_CONT"
    name = "PercentileMedian"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def median(qs: QuerySet, expression) -> tuple[float | None, int]:
    """(median, n) of ``expression`` over ``qs`` without loading the rows: on
    PostgreSQL one ``percentile_cont`` aggregate; elsewhere one COUNT and one
    ORDER BY … LIMIT/OFFSET query that fetches only the middle one or two values."""
    from django.db.models import Count

    qs = qs.annotate(_m=expression).filter(_m__isnull=False)
    if connection.vendor == "postgresql":
        r = qs.aggregate(med=PercentileMedian("_m"), n=Count("pk"))
        return r["med"], r["n"]
    n = qs.count()
    if n == 0:
        return None, 0
    lo = (n - 1) // 2
    middle = list(qs.order_by("_m").values_list("_m", flat=True)[lo : lo + 2 - n % 2])
    return sum(middle) / len(middle), n


# --- results and the registry ----------------------------------------------------------


@dataclass
class Waarde:
    """One figure an indicator function returns. ``n`` is the smallest count the
    figure rests on (for suppression); ``doel`` overrides the indicator's target for
    this category."""

    waarde: Decimal | int | float | None
    n: int | None
    categorie: str = ""
    categorie_label: str = ""
    doel: Decimal | None = None
    eenheid: str | None = None


@dataclass(frozen=True)
class Indicator:
    key: str
    label: StrOrPromise
    eenheid: str
    richting: str
    groep: StrOrPromise
    func: Callable[[Filters], list[Waarde]]
    doel: Decimal | dict | None = None
    bron: str = ""

    @property
    def definitie(self) -> str:
        return inspect.getdoc(self.func) or ""


@dataclass
class Rij:
    """One line of the indicator table (an indicator, or one category of it)."""

    indicator: Indicator
    waarde: Decimal | int | float | None
    n: int | None
    categorie: str = ""
    categorie_label: str = ""
    doel: Decimal | None = None
    eenheid_override: str | None = None
    secundair: bool = False
    """Hidden by secondary suppression (rules.secundaire_onderdrukking)."""

    @property
    def eenheid(self) -> str:
        return self.eenheid_override or self.indicator.eenheid

    @property
    def sleutel(self) -> str:
        return f"{self.indicator.key}.{self.categorie}" if self.categorie else self.indicator.key

    @property
    def label(self) -> str:
        if self.categorie_label:
            return f"{self.indicator.label}: {self.categorie_label}"
        return str(self.indicator.label)

    @property
    def onderdrukt(self) -> bool:
        return rules.is_onderdrukt(self.n) or self.secundair

    @property
    def weergave(self) -> str:
        if self.secundair and not rules.is_onderdrukt(self.n):
            return rules.SECUNDAIR_TEKST
        return rules.weergave(self.waarde, self.n, self.eenheid)

    @property
    def achtervoegsel(self) -> str:
        """The unit after a figure, the same for the realisation and its target."""
        achtervoegsels: dict[str, str] = {
            Eenheid.PROCENT: " %",
            Eenheid.DAGEN: " " + str(_("dagen")),
            Eenheid.MAANDEN: " " + str(_("mnd")),
            Eenheid.UREN: " " + str(_("uur")),
        }
        return achtervoegsels.get(self.eenheid, "")

    @property
    def doel_weergave(self) -> str:
        if self.doel is None:
            return ""
        return rules.weergave(self.doel, None, self.eenheid)

    @property
    def koers(self) -> str:
        if self.secundair:
            return Koers.ONBEKEND
        return rules.koers(self.waarde, self.doel, self.indicator.richting, self.n)

    @property
    def oordeel(self) -> str:
        """The Oordeel column, never empty: op koers / achter where there is a target;
        else why there is no judgement."""
        if self.doel is None or self.indicator.richting == Richting.GEEN:
            return str(_("geen doel"))
        if self.koers == Koers.OP_KOERS:
            return str(Koers.OP_KOERS.label)
        if self.koers == Koers.NIET_OP_KOERS:
            return str(Koers.NIET_OP_KOERS.label)
        if self.onderdrukt:
            return str(_("geen oordeel (te weinig personen)"))
        return str(_("geen oordeel (nog geen gegevens)"))

    @property
    def exporteerbare_waarde(self):
        """The value for a spreadsheet cell: the number, or "<5" / "×" when suppressed."""
        if self.onderdrukt:
            return rules.SUPPRESSIE_TEKST if rules.is_onderdrukt(self.n) else self.weergave
        return self.waarde


REGISTRY: dict[str, Indicator] = {}

G_INBURGERAARS = _("Inburgeraars")
G_PIP = _("Intake en PIP")
G_ROUTES = _("Leerroutes")
G_PARTICIPATIE = _("Participatie")
G_UITKOMSTEN = _("Uitkomsten")
G_VOORTGANG = _("Voortgang en handhaving")
G_BEGELEIDING = _("Ontzorgen en begeleiding")
G_GELD = _("Geld")
GROEPEN = [
    G_INBURGERAARS,
    G_PIP,
    G_ROUTES,
    G_PARTICIPATIE,
    G_UITKOMSTEN,
    G_VOORTGANG,
    G_BEGELEIDING,
    G_GELD,
]
"""The sections of the indicator table, in the order the dashboard shows them."""


def _volgorde(ind: Indicator) -> int:
    groepen = [str(g) for g in GROEPEN]
    groep = str(ind.groep)
    return groepen.index(groep) if groep in groepen else len(groepen)


def indicator(
    key: str,
    label: StrOrPromise,
    *,
    eenheid: str = Eenheid.AANTAL,
    richting: str = Richting.GEEN,
    doel: Decimal | dict | None = None,
    groep: StrOrPromise,
    bron: str = "",
):
    """Register an indicator function (defined once; its docstring is its definition)."""

    def deco(func):
        REGISTRY[key] = Indicator(key, label, eenheid, richting, groep, func, doel, bron)
        return func

    return deco


def rijen(ind: Indicator, waarden: list[Waarde]) -> list[Rij]:
    result = []
    for w in waarden:
        doel: Decimal | None = w.doel
        if doel is None and (w.eenheid is None or w.eenheid == ind.eenheid):
            # The indicator's target is in the indicator's unit: never compare it with
            # a line of another unit (a count under a % indicator). Like with like.
            doel = ind.doel.get(w.categorie) if isinstance(ind.doel, dict) else ind.doel
        result.append(Rij(ind, w.waarde, w.n, w.categorie, w.categorie_label, doel, w.eenheid))
    if ind.key in rules.OPTELLENDE_INDICATOREN:
        for i in rules.secundaire_onderdrukking([r.n for r in result]):
            result[i].secundair = True
    return result


WORK_MEM = "64MB"
"""PostgreSQL ``work_mem`` for the dashboard's transaction: enough to hash-aggregate the
hours per person (≈ 60.000 groups at 100.000 dossiers) in memory instead of an
external merge sort on disk (measured with ``bench_dashboard``; docs/monitoring.md)."""


TWEEDE_SESSIE: frozenset[str] = frozenset(
    {
        "uren_per_persoon",
        "route_resultaat",
        "gesprekken_op_tijd",
        "route_verdeling",
        "participatie_6m",
        "mb_duur",
        "ontzorgen",
        "handhaving",
        "uitstroom",
    }
)
"""On PostgreSQL these indicators are computed in a second database session while the
first computes the others (:func:`bereken`): the result per route, participation after
6 months, the route distribution, hours per person (since the hours summary a small
read) and a few small ones, chosen so that both sessions take about as long (measured
per statement; docs/monitoring.md): the first keeps the participatieladder, the PIP
clock, the trajecten and the dossier counts. Indicators that share a query
(:func:`gedeeld`) stay in one session. A performance choice, not a rule: the figures do
not depend on it."""

ISOLATIE = "REPEATABLE READ READ ONLY"
"""The dashboard's transactions on PostgreSQL: one snapshot for all their queries (under
READ COMMITTED every query would take its own), and nothing is written."""

SNAPSHOT_ID = re.compile(r"^[0-9A-F]+-[0-9A-F]+-[0-9]+$")
"""The form of a PostgreSQL snapshot id (``pg_export_snapshot()``)."""


def bereken(f: Filters, keys: list[str] | None = None, *, parallel: bool = True) -> list[Rij]:
    """The indicator table for ``f``: every registered indicator (or ``keys``) in
    registry order, read from one consistent snapshot of the database. Queries that
    several indicators share (:func:`gedeeld`) run once per call.

    On PostgreSQL, when no transaction is open yet (a request, a command or a task),
    the table is computed in two database sessions at the same time: this session in a
    REPEATABLE READ transaction that exports its snapshot, and a second one (a thread
    with its own connection) that imports it, so both read exactly the same data
    (``SET TRANSACTION SNAPSHOT``). The second session computes :data:`TWEEDE_SESSIE`.
    Inside an open transaction (e.g. a test case) or on SQLite, or with
    ``parallel=False``, everything runs in this session, in one transaction (on
    PostgreSQL REPEATABLE READ when :func:`bereken` opens it).

    On PostgreSQL the JIT compiler is switched off for these transactions: the
    planner's cost estimates of these aggregate queries (correlated subqueries) cross
    the JIT threshold, and compiling then takes longer (≈ 80 ms per query) than
    running the query itself (measured with ``bench_dashboard``). ``work_mem`` is
    raised for the transaction only (:data:`WORK_MEM`)."""
    if not f.gemeente_ids:
        return []
    gekozen = [
        (key, ind)
        for key, ind in sorted(REGISTRY.items(), key=lambda kv: _volgorde(kv[1]))
        if keys is None or key in keys
    ]
    tweede = [(key, ind) for key, ind in gekozen if key in TWEEDE_SESSIE]
    eerste = [(key, ind) for key, ind in gekozen if key not in TWEEDE_SESSIE]
    alias = reads_alias()  # the read replica inside replica_reads(), when configured
    conn = connections[alias]
    if (
        parallel
        and tweede
        and eerste
        and conn.vendor == "postgresql"
        and not conn.in_atomic_block
        and not connection.in_atomic_block
    ):
        uitkomst = _bereken_in_twee_sessies(f, eerste, tweede, alias)
    else:
        buitenste = not conn.in_atomic_block
        with transaction.atomic(using=alias):
            if buitenste and conn.vendor == "postgresql":
                with conn.cursor() as cursor:  # one snapshot for every query
                    cursor.execute(f"SET TRANSACTION ISOLATION LEVEL {ISOLATIE}")
            _sessie_instellen(conn)
            uitkomst = _indicatoren(f, gekozen)
    return [rij for key, _ind in gekozen for rij in uitkomst[key]]


def _sessie_instellen(conn) -> None:
    """The settings of the dashboard's transaction (see :func:`bereken`)."""
    if conn.vendor == "postgresql":
        with conn.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
            cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
            cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")


def _indicatoren(f: Filters, gekozen: list[tuple[str, Indicator]]) -> dict[str, list[Rij]]:
    """Compute the indicators ``gekozen`` in the current session, sharing queries."""
    token = _gedeeld.set({})
    try:
        return {key: rijen(ind, ind.func(f)) for key, ind in gekozen}
    finally:
        _gedeeld.reset(token)


def _bereken_in_twee_sessies(
    f: Filters,
    eerste: list[tuple[str, Indicator]],
    tweede: list[tuple[str, Indicator]],
    alias: str = DEFAULT_DB_ALIAS,
) -> dict[str, list[Rij]]:
    """:func:`bereken` on PostgreSQL in two sessions that share one snapshot, both on
    ``alias`` (the primary, or the read replica inside ``replica_reads()``)."""
    conn = connections[alias]
    with transaction.atomic(using=alias):
        with conn.cursor() as cursor:
            # the first statement of the transaction: its snapshot holds until the end
            cursor.execute(f"SET TRANSACTION ISOLATION LEVEL {ISOLATIE}")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        _sessie_instellen(conn)
        # the thread runs in a copy of this context, so that replica_reads() (a context
        # variable the database router reads) holds there too
        tweede_sessie = _tweede_sessie_thread().submit(
            contextvars.copy_context().run, _in_tweede_sessie, f, tweede, snapshot, alias
        )
        uitkomst = _indicatoren(f, eerste)
        uitkomst.update(tweede_sessie.result())
    return uitkomst


_thread_slot = threading.Lock()
_thread: tuple[int, ThreadPoolExecutor] | None = None


def _tweede_sessie_thread() -> ThreadPoolExecutor:
    """The one thread of this process that runs second sessions, so that its database
    connection is reused like a request's (``CONN_MAX_AGE``) instead of opened for every
    dashboard (≈ 10 ms). Made anew in a forked child (threads do not survive a fork)."""
    global _thread  # noqa: PLW0603 - one per process
    with _thread_slot:
        if _thread is None or _thread[0] != os.getpid():
            _thread = (os.getpid(), ThreadPoolExecutor(1, thread_name_prefix="dashboard"))
        return _thread[1]


def _in_tweede_sessie(
    f: Filters, gekozen: list[tuple[str, Indicator]], snapshot: str, alias: str = DEFAULT_DB_ALIAS
) -> dict[str, list[Rij]]:
    """Runs in the second-session thread, so with that thread's own connection (Django
    keeps one per thread). The connection is kept between calls as a request's is:
    checked before use and closed when broken or older than ``CONN_MAX_AGE`` (with
    ``CONN_MAX_AGE = 0``, or psycopg's pool, after every call). Imports the first
    session's snapshot."""
    if not SNAPSHOT_ID.match(snapshot):  # it is written into the statement below
        raise ValueError("onverwachte snapshot-id")
    conn = connections[alias]
    conn.close_if_unusable_or_obsolete()
    try:
        with transaction.atomic(using=alias):
            with conn.cursor() as cursor:
                cursor.execute(f"SET TRANSACTION ISOLATION LEVEL {ISOLATIE}")
                cursor.execute(f"SET TRANSACTION SNAPSHOT '{snapshot}'")
            _sessie_instellen(conn)
            return _indicatoren(f, gekozen)
    finally:
        if conn.settings_dict.get("CONN_MAX_AGE") == 0 or getattr(conn, "pool", None):
            conn.close()
        else:
            conn.close_if_unusable_or_obsolete()


def in_periode(f: Filters, veld: str) -> dict:
    """Lookup kwargs: ``veld`` within [van, tot]."""
    return {f"{veld}__gte": f.van, f"{veld}__lte": f.tot}


__all__ = [
    "F",
    "AddDays",
    "AddMonths",
    "DaysBetween",
    "Filters",
    "Indicator",
    "REGISTRY",
    "Rij",
    "Waarde",
    "bereken",
    "dossiers",
    "gedeeld",
    "in_periode",
    "indicator",
    "leerroute_expression",
    "median",
    "populatie_q",
    "record_populatie_q",
]
