"""Rules of the core: regime, dossier status transitions, BSN checks.

Pure functions only: no ORM, no I/O. Every constant names its source.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.nl import bsn as stdnum_bsn

from .choices import Doelgroep, DossierStatus, Regime

WI2021_START = date(2022, 1, 1)
"""The Wet inburgering 2021 applies to everyone whose inburgeringsplicht started
on or after 1 January 2022; earlier plichtigen stay under the Wi 2013 (the
"ondertussengroep"). Source: Wi 2021, overgangsrecht (art. 48 e.v.)."""


TERMIJN_JAREN = 3
"""The inburgeringstermijn is three years, starting the day after the dagtekening
of the first PIP (in any gemeente); a later PIP — also one of another gemeente after
a move — never moves the start. Source: Wi 2021 art. 11 lid 1–3."""


def periode_laatste_dag(start: date, maanden: int) -> date:
    """The last day of a period of ``maanden`` calendar months that starts on
    ``start``: the day before the same calendar date that many months later. When that
    date does not exist (31 August + 18 months, 29 February + 3 years) the period ends
    when the next month begins, so its last day is the last day of the shorter month:
    no day is lost."""
    einde = add_months(start, maanden)
    if einde.day != start.day:  # clipped to the end of a shorter month
        einde = einde + timedelta(days=1)
    return einde - timedelta(days=1)


def termijn_laatste_dag(start: date) -> date:
    """The last day of the three-year termijn that starts on ``start`` (a start on
    29 February 2028 runs until 28 February 2031). DUO's Inburgeringstermijn
    ``einddatum`` is exclusive: it is this day + 1.
    Source: Wi 2021 art. 11; DUO Inburgeringstermijn API (einddatum "exclusief")."""
    return periode_laatste_dag(start, 12 * TERMIJN_JAREN)


def termijn_laatste_dag_uit_duo(einddatum: date) -> date:
    """Our last day of the termijn from DUO's exclusive ``einddatum``."""
    return einddatum - timedelta(days=1)


def regime_for(start_plicht: date | None) -> str:
    """WI2021 when the plicht started on/after 2022-01-01, else WI2013.

    Without a known start (not yet reported by DUO) a new dossier is WI2021:
    since 2022 every new plichtige falls under the new law.
    """
    if start_plicht is None or start_plicht >= WI2021_START:
        return Regime.WI2021
    return Regime.WI2013


ASIEL_DOELGROEPEN = frozenset({Doelgroep.ASIELSTATUSHOUDER, Doelgroep.NAREIZIGER})
"""Asielstatushouders including nareizigers form one doelgroep in the law
(Wi art. 13 and DESIGN.md §2: the gemeente buys their leerroute, offers
maatschappelijke begeleiding and ontzorgen)."""


def is_asiel(doelgroep: str | None) -> bool:
    """True for asielstatushouders and nareizigers (Wi art. 13)."""
    return doelgroep in ASIEL_DOELGROEPEN


DOSSIER_TRANSITIONS: dict[str, frozenset[str]] = {
    DossierStatus.AANGEMELD: frozenset(
        {DossierStatus.INTAKE, DossierStatus.VERHUISD, DossierStatus.BEEINDIGD}
    ),
    DossierStatus.INTAKE: frozenset(
        {DossierStatus.PIP, DossierStatus.VERHUISD, DossierStatus.BEEINDIGD}
    ),
    DossierStatus.PIP: frozenset(
        {
            DossierStatus.INTAKE,
            DossierStatus.UITVOERING,
            DossierStatus.VERHUISD,
            DossierStatus.BEEINDIGD,
        }
    ),
    DossierStatus.UITVOERING: frozenset(
        {DossierStatus.AFGEROND, DossierStatus.VERHUISD, DossierStatus.BEEINDIGD}
    ),
    DossierStatus.AFGEROND: frozenset({DossierStatus.UITVOERING}),
    DossierStatus.VERHUISD: frozenset(),
    DossierStatus.BEEINDIGD: frozenset({DossierStatus.AANGEMELD}),
}
"""The life of a dossier (DESIGN.md §4): aanmelding → brede intake → PIP →
uitvoering → afronding. A dossier can end early (verhuisd to another gemeente,
beëindigd e.g. on ontheffing or departure). Reopening is allowed from afgerond
(back to uitvoering, e.g. after a diploma was withdrawn) and from beëindigd (a
person who returns is registered anew). Verhuisd is final: the new gemeente
opens its own dossier."""

ACTIVE_STATUSES = frozenset(
    {DossierStatus.AANGEMELD, DossierStatus.INTAKE, DossierStatus.PIP, DossierStatus.UITVOERING}
)


def transition_allowed(current: str, new: str) -> bool:
    return new in DOSSIER_TRANSITIONS.get(current, frozenset())


def bsn_is_valid(value: str) -> bool:
    """The BSN check: 9 digits passing the elfproef (stdnum.nl.bsn).

    Source: Wet algemene bepalingen burgerservicenummer; the elfproef as
    published by the Rijksdienst voor Identiteitsgegevens.
    """
    try:
        stdnum_bsn.validate(value)
    except StdnumValidationError:
        return False
    return True


def bsn_normalise(value: str) -> str:
    """Strip spaces, dots and dashes; pad 8-digit numbers with a leading zero as
    stdnum does (old BSNs were issued with 8 significant digits)."""
    return stdnum_bsn.compact(value)


def mask_bsn(value: str) -> str:
    """Show only the last three digits of a BSN on screen (``******123``)."""
    if not value:
        return ""
    return "*" * (len(value) - 3) + value[-3:]


DEADLINE_WAARSCHUWING_DAGEN = 7
"""A deadline this many days away or closer (and not yet passed) shows as a warning
badge ("nog 3 dagen") in the werkvoorraad and on the dossier pages."""


def days_left(due: date, today: date) -> int:
    """Whole days from today until ``due`` (negative when overdue)."""
    return (due - today).days


def add_months(d: date, months: int) -> date:
    """``d`` plus ``months`` calendar months; the day is clipped to the end of a shorter
    month (31 January + 1 month = 28/29 February). The one definition every app uses
    (python-dateutil's ``relativedelta``)."""
    return d + relativedelta(months=months)


# --- the inburgeringsplicht: who has none (any more) -------------------------------

AOW_LEEFTIJD: tuple[tuple[date, int, int], ...] = (
    (date(1955, 6, 1), 66, 4),
    (date(1956, 3, 1), 66, 7),
    (date(1957, 1, 1), 66, 10),
    (date(1961, 1, 1), 67, 0),
)
"""The AOW age by date of birth: (born before, years, months). Born before 1 June 1955:
66 years and 4 months (or less; all of them reached it before the Wi 2021 began);
before 1 March 1956: 66 + 7 months (AOW in 2022); before 1 January 1957: 66 + 10
months (2023); before 1 January 1961: 67 (2024–2027); born later: AOW_LEEFTIJD_LATER.
Source: Algemene Ouderdomswet art. 7a; SVB, tabel AOW-leeftijd per geboortedatum."""

AOW_LEEFTIJD_LATER = (67, 3)
"""67 years and 3 months for everyone born on or after 1 January 1961: the AOW age
fixed by law for 2028 and the years after it that were fixed when this was written.
Later years are fixed each year five years ahead (AOW art. 7a lid 2): update this
constant when the law fixes a higher age. Source: AOW art. 7a; SVB."""


def aow_datum(geboortedatum: date) -> date:
    """The day the person reaches the AOW age; the inburgeringsplicht ends then
    (Wi art. 3 lid 1: plichtig "die de AOW-leeftijd nog niet heeft bereikt")."""
    jaren, maanden = AOW_LEEFTIJD_LATER
    for geboren_voor, j, m in AOW_LEEFTIJD:
        if geboortedatum < geboren_voor:
            jaren, maanden = j, m
            break
    return geboortedatum + relativedelta(years=jaren, months=maanden)


@dataclass(frozen=True)
class GeenPlicht:
    """Why the person has no inburgeringsplicht on a date: a code for tests, one clear
    Dutch sentence for the werkcoach, and the source."""

    code: str
    bericht: str
    bron: str


@dataclass(frozen=True)
class PlichtEindeFeit:
    """DUO's decision that the plicht ended (casefiles.PlichtEinde) as plain facts:
    no plicht after ``einddatum_plicht``; for a tijdelijke vrijstelling only until
    ``einddatum_vrijstelling`` (inclusive)."""

    reden: str
    reden_label: str
    einddatum_plicht: date
    einddatum_vrijstelling: date | None = None


def _datum_nl(d: date) -> str:
    maanden = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ]
    return f"{d.day} {maanden[d.month - 1]} {d.year}"


def geen_plicht(
    *,
    regime: str,
    op: date,
    geboortedatum: date | None = None,
    datum_plicht_voldaan: date | None = None,
    plicht_eindes: Iterable[PlichtEindeFeit] = (),
) -> GeenPlicht | None:
    """The reason the person has no inburgeringsplicht under the Wi 2021 on ``op`` (a
    dagtekening, a decision date, today), or None when the plicht holds. One reason,
    the first that applies, in this order:

    1. Wi 2013 regime: no PIP beschikking and no gemeente boete — handhaving there is
       DUO's (Wi 2021, overgangsrecht art. 48 e.v.);
    2. the AOW age reached on or before ``op`` (Wi art. 3 lid 1; AOW art. 7a);
    3. plicht voldaan before ``op`` (the day it was voldaan is its last day; Wi art. 7–9);
    4. DUO decided the plicht ended (ontheffing, vrijstelling, vertrek, overlijden, …)
       and ``op`` lies after its last day — for a tijdelijke vrijstelling only until
       it ends (Wi art. 3–6; DUO Inburgeringsplicht API, RedenGeenInburgeringsplicht).

    No minimum age: a plicht that starts at 16 or 17 on request stays possible (Wi
    art. 3 lid 2; DUO SS101 "op verzoek inburgeringsplichtig gemaakt")."""
    if regime == Regime.WI2013:
        return GeenPlicht(
            "wi2013",
            "Deze persoon valt onder de Wet inburgering 2013. De gemeente stelt voor hem "
            "of haar geen PIP vast en legt geen boete op: de handhaving is daar aan DUO.",
            "Wi 2021, overgangsrecht",
        )
    if geboortedatum is not None:
        aow = aow_datum(geboortedatum)
        if op >= aow:
            return GeenPlicht(
                "aow",
                f"Deze persoon heeft op {_datum_nl(aow)} de AOW-leeftijd bereikt. Daarmee is "
                f"de inburgeringsplicht geëindigd.",
                "Wi 2021 art. 3 lid 1; AOW art. 7a",
            )
    if datum_plicht_voldaan is not None and op > datum_plicht_voldaan:
        return GeenPlicht(
            "voldaan",
            f"De inburgeringsplicht is voldaan op {_datum_nl(datum_plicht_voldaan)}.",
            "Wi 2021 art. 7–9",
        )
    for feit in sorted(plicht_eindes, key=lambda f: f.einddatum_plicht):
        if op <= feit.einddatum_plicht:
            continue
        if feit.einddatum_vrijstelling is not None and op > feit.einddatum_vrijstelling:
            continue
        return GeenPlicht(
            f"einde_{feit.reden}",
            f"Volgens DUO is de inburgeringsplicht geëindigd ({feit.reden_label.lower()}); "
            f"de laatste dag was {_datum_nl(feit.einddatum_plicht)}.",
            "Wi 2021 art. 3–6 (DUO beslist)",
        )
    return None
