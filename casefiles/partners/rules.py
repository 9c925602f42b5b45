"""Rules of partner access. Pure functions; every constant names its source."""

from __future__ import annotations

from datetime import date

from casefiles.choices import DeelOnderdeel

NOOIT_GEDEELD = ("intake.gezondheid", "pip.handhaving", "ontzorgen")
"""Parts of a dossier that are never shared with a ketenpartner, whatever the consent
says: special-category health data (AVG art. 9), handhaving and payments. Source:
issue 18 and DESIGN.md §5 (a ketenpartner sees only the shared parts). They are not
in :class:`casefiles.choices.DeelOnderdeel`, so they cannot be chosen."""

TERUGKOPPELING_TAAK_DAGEN = 5
"""A partner's report on a referral reaches the consulent as a task due within five
working days. Source: gemeente policy (seeds De Wolden: partners and gemeente work
"vanuit 1 plan"); issue 18."""


def onderdelen_geldig(onderdelen: list[str]) -> bool:
    """At least one part, and only parts that can be shared."""
    return bool(onderdelen) and set(onderdelen) <= set(DeelOnderdeel.values)


def deling_actief(*, geldig_van: date, geldig_tot: date, ingetrokken: bool, op: date) -> bool:
    """A share gives access from ``geldig_van`` up to and including ``geldig_tot``,
    until it is withdrawn."""
    return not ingetrokken and geldig_van <= op <= geldig_tot
