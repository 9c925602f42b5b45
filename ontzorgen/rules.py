"""Rules of financieel ontzorgen: who is eligible, how long, when payments and
tasks fall. Pure functions only (no ORM, no I/O); every constant names its source.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

from casefiles.rules import add_months as add_months  # one definition
from casefiles.rules import is_asiel

from .choices import BetalingStatus

MINIMUM_MAANDEN = 6
"""The gemeente pays the fixed costs (huur, energie/water, zorgverzekering) at least
during the first six months of bijstand. Source: Participatiewet art. 56a (Wet
inburgering 2021, wijziging Pw) and DESIGN.md §2 'ontzorgen'."""

EVALUATIE_NA_MAANDEN = 4
"""The evaluation of the plan (end, extend, or continue per line) is due at the
start of month 5 of the plan, i.e. four months after its start, so that a month
remains to arrange afbouw before the six-month minimum ends. Source: gemeente
policy ('stap voor stap afbouwen', seeds De Wolden/Drenthe); issue 6."""

NAZORG_NA_MAANDEN = 3
"""A check (nazorg) three months after the plan ended: does the inburgeraar pay
the fixed costs himself? Source: gemeente policy (seeds: 'na afbouw controleren');
issue 6."""

BETAALDAG_MIN = 1
BETAALDAG_MAX = 28
"""A payment day exists in every month only up to the 28th. Source: our design
choice (February); banks execute on the next business day anyway."""

STANDAARD_SOORTEN = [
    ("huur", "Huur", 10),
    ("energie", "Energie", 20),
    ("water", "Water", 30),
    ("zorgverzekering", "Zorgverzekering", 40),
    ("gemeentelijke_belastingen", "Gemeentelijke belastingen", 50),
    ("waterschapsbelasting", "Waterschapsbelasting", 60),
    ("internet_telefoon", "Internet en telefoon", 70),
]
"""The default cost types (configurable in the admin). Pw art. 56a names huur,
energie/water and zorgverzekering; the gemeentelijke lasten are common gemeente
policy (seeds)."""

BETALING_TRANSITIONS: dict[str, frozenset[str]] = {
    BetalingStatus.GEPLAND: frozenset({BetalingStatus.GEEXPORTEERD}),
    BetalingStatus.GEEXPORTEERD: frozenset({BetalingStatus.BETAALD, BetalingStatus.MISLUKT}),
    BetalingStatus.BETAALD: frozenset({BetalingStatus.GESTORNEERD}),
    BetalingStatus.MISLUKT: frozenset({BetalingStatus.GEPLAND}),
    BetalingStatus.GESTORNEERD: frozenset({BetalingStatus.GEPLAND}),
}
"""The life of a payment: planned by the monthly run, exported in a SEPA batch,
then paid or failed (the bank rejected it); a paid payment can be reversed by the
creditor's bank (storno). A failed or reversed payment can be planned again (a new
attempt in a later batch). Source: SEPA Credit Transfer rulebook (R-transactions:
reject, return, recall); our design."""

STATUS_MET_TAAK = frozenset({BetalingStatus.MISLUKT, BetalingStatus.GESTORNEERD})
"""A failure or a storno needs the consulent: the rent or premium is not paid.
Source: issue 6 ('a failure creates a task for the consulent')."""


def betaling_transition_allowed(current: str, new: str) -> bool:
    return new in BETALING_TRANSITIONS.get(current, frozenset())


@dataclass(frozen=True)
class Geschiktheid:
    """The outcome of the eligibility check, with the reasons in Dutch."""

    geschikt: bool
    redenen: list[str] = field(default_factory=list)


def geschiktheid(*, doelgroep: str | None, datum_start_bijstand: date | None) -> Geschiktheid:
    """Ontzorgen applies to holders of an asiel permit (asielstatushouders and
    nareizigers) who receive bijstand. Source: Participatiewet art. 56a;
    DESIGN.md §2 (offer per doelgroep)."""
    redenen = []
    if not is_asiel(doelgroep):
        redenen.append(
            "Financieel ontzorgen is alleen voor asielstatushouders en nareizigers "
            "(Participatiewet art. 56a); deze persoon heeft een andere doelgroep."
        )
    if datum_start_bijstand is None:
        redenen.append(
            "Er is geen startdatum bijstand bekend. Ontzorgen geldt alleen bij een "
            "bijstandsuitkering (Participatiewet art. 56a); vul eerst de start "
            "bijstand in bij de dossiergegevens."
        )
    return Geschiktheid(geschikt=not redenen, redenen=redenen)


def maand_start(d: date) -> date:
    return d.replace(day=1)


def maand_eind(d: date) -> date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def volgende_maand(d: date) -> date:
    return add_months(maand_start(d), 1)


def minimum_eind(start: date) -> date:
    """The earliest end of the plan: six months after the start of bijstand
    (the end date is exclusive: the plan covers start … minimum_eind − 1 day)."""
    return add_months(start, MINIMUM_MAANDEN)


def eind_is_toegestaan(start: date, eind: date) -> bool:
    return eind >= minimum_eind(start)


def evaluatie_datum(start: date) -> date:
    return add_months(start, EVALUATIE_NA_MAANDEN)


def nazorg_datum(eind: date) -> date:
    return add_months(eind, NAZORG_NA_MAANDEN)


def uitvoerdatum(maand: date, betaaldag: int) -> date:
    """The requested execution date of the payment for ``maand``."""
    return maand_start(maand).replace(day=max(BETAALDAG_MIN, min(BETAALDAG_MAX, betaaldag)))


def regel_actief_in_maand(
    *,
    maand: date,
    start: date,
    eind: date | None,
    afbouw_maand: date | None,
    plan_start: date,
    plan_eind: date | None,
) -> bool:
    """Does the gemeente pay this fixed cost in ``maand``?

    Yes when the line's period overlaps the month, the month is before the line's
    afbouw month (from then on the inburgeraar pays himself), and the plan itself
    runs in that month (plan_eind exclusive: the day after the last paid day).
    """
    first, last = maand_start(maand), maand_eind(maand)
    if start > last or (eind is not None and eind < first):
        return False
    if afbouw_maand is not None and first >= maand_start(afbouw_maand):
        return False
    return not (plan_start > last or (plan_eind is not None and plan_eind <= first))


def periodes_overlappen(
    a_start: date, a_eind: date | None, b_start: date, b_eind: date | None
) -> bool:
    """Two periods (ends inclusive, ``None`` = open) share at least one day."""
    return (b_eind is None or a_start <= b_eind) and (a_eind is None or b_start <= a_eind)


def maanden(van: date, tot: date) -> list[date]:
    """First days of the months from ``van`` up to and including ``tot``."""
    result, m = [], maand_start(van)
    while m <= tot:
        result.append(m)
        m = volgende_maand(m)
    return result


def bedrag_in_centen(bedrag) -> int:
    """A Decimal amount in euro as whole cents (SEPA libraries count in cents)."""
    from decimal import Decimal

    return int((Decimal(bedrag) * 100).to_integral_exact())


BETALING_TAAK_DAGEN = 3
"""A failed or reversed payment must be resolved within three working days so the
rent or premium is not late twice. Source: gemeente policy (our default)."""


# --- SEPA execution dates: TARGET2 banking days ---------------------------------------------


def target2_sluitingsdagen(jaar: int) -> frozenset[date]:
    """The days TARGET2 (the euro payment system behind SEPA) is closed besides
    Saturdays and Sundays: New Year's Day, Good Friday, Easter Monday, 1 May (Labour
    Day), 25 and 26 December. Source: ECB, TARGET2 calendar (TARGET closing days,
    unchanged since 2002). Easter per the Western (Gregorian) computus
    (python-dateutil)."""
    from datetime import timedelta

    from dateutil.easter import easter

    pasen = easter(jaar)
    return frozenset(
        {
            date(jaar, 1, 1),
            pasen - timedelta(days=2),
            pasen + timedelta(days=1),
            date(jaar, 5, 1),
            date(jaar, 12, 25),
            date(jaar, 12, 26),
        }
    )


def is_bankdag(d: date) -> bool:
    """True on a TARGET2 business day (Monday–Friday, not a closing day)."""
    return d.weekday() < 5 and d not in target2_sluitingsdagen(d.year)


def volgende_bankdag(d: date) -> date:
    """The first banking day after ``d`` (``d`` itself never)."""
    from datetime import timedelta

    d = d + timedelta(days=1)
    while not is_bankdag(d):
        d = d + timedelta(days=1)
    return d


@dataclass(frozen=True)
class SepaUitvoerdatum:
    """The requested execution date a SEPA file gets, and why it differs from the
    date the payments were planned on (empty when it does not)."""

    datum: date
    gepland: date
    reden: str = ""

    @property
    def verschoven(self) -> bool:
        return self.datum != self.gepland


def sepa_uitvoerdatum(gepland: date, vandaag: date) -> SepaUitvoerdatum:
    """A SEPA file never asks for an execution date in the past: a planned date
    before today becomes the next banking day after today; a date in the future
    that is no banking day becomes the next banking day. Banks reject or move a
    requested execution date in the past (SEPA Credit Transfer rulebook, AT-07
    'requested execution date'); TARGET2 closing days per
    :func:`target2_sluitingsdagen`."""
    if gepland < vandaag:
        return SepaUitvoerdatum(
            volgende_bankdag(vandaag),
            gepland,
            "de geplande uitvoerdatum ligt in het verleden; de eerstvolgende bankdag",
        )
    if not is_bankdag(gepland):
        return SepaUitvoerdatum(
            volgende_bankdag(gepland),
            gepland,
            "de geplande uitvoerdatum is geen bankdag (weekend of TARGET2-feestdag); "
            "de eerstvolgende bankdag",
        )
    return SepaUitvoerdatum(gepland, gepland)
