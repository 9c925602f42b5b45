"""Rules of the core: regime, dossier status transitions, BSN checks.

Pure functions only: no ORM, no I/O. Every constant names its source.
"""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.nl import bsn as stdnum_bsn

from .choices import Doelgroep, DossierStatus, Regime

WI2021_START = date(2022, 1, 1)
"""The Wet inburgering 2021 applies to everyone whose inburgeringsplicht started
on or after 1 January 2022; earlier plichtigen stay under the Wi 2013 (the
"ondertussengroep"). Source: Wi 2021, overgangsrecht (art. 48 e.v.)."""


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


def days_left(due: date, today: date) -> int:
    """Whole days from today until ``due`` (negative when overdue)."""
    return (due - today).days


def add_months(d: date, months: int) -> date:
    """``d`` plus ``months`` calendar months; the day is clipped to the end of a shorter
    month (31 January + 1 month = 28/29 February). The one definition every app uses
    (python-dateutil's ``relativedelta``)."""
    return d + relativedelta(months=months)
