"""Rules of maatschappelijke begeleiding. Pure functions; every constant names its
source. The planned duration itself is a per-gemeente setting
(``Gemeente.mb_maanden``, default 18: De Wolden)."""

from __future__ import annotations

from datetime import date

from casefiles.rules import add_months as add_months  # one definition
from casefiles.rules import is_asiel

EINDE_TAAK_MAANDEN_VOORAF = 2
"""Two months before the planned end the consulent prepares the end and the warm
handover to regular services (welzijn, maatschappelijk werk). Source: gemeente
policy (seeds De Wolden: begeleiding is eindig en eindigt met een warme
overdracht); issue 6."""


def mag_begeleiding(doelgroep: str | None) -> bool:
    """Maatschappelijke begeleiding is for asielstatushouders and nareizigers only.
    Source: Wi art. 13; DESIGN.md §2 (offer per doelgroep)."""
    return is_asiel(doelgroep)


def geplande_eind(start: date, maanden: int) -> date:
    """The planned end: start + the gemeente's duration (``Gemeente.mb_maanden``)."""
    return add_months(start, maanden)


def einde_taak_datum(geplande_eind: date) -> date:
    return add_months(geplande_eind, -EINDE_TAAK_MAANDEN_VOORAF)
