"""Rules about the household. Pure functions; every constant names its source."""

from __future__ import annotations

from datetime import date

from casefiles.rules import add_months

MEERDERJARIG = 18
"""From 18 a person can be inburgeringsplichtig: a child in the household who turns
18 is possibly a new plichtige (DUO decides). Source: Wet inburgering 2021 art. 3
lid 1; seeds ("een kind dat 18 jaar wordt")."""

SIGNAAL_18_VOORAF_DAGEN = 60
"""The signal comes two months before the 18th birthday, so the consulent can prepare
the household and check with DUO. Source: gemeente policy; issue 18."""

SIGNAAL_18_TERUG_DAGEN = 365
"""A child who turned 18 up to a year ago and was never signalled (registered late)
still gets a signal. Source: our design (the sweep catches up)."""

SCHOOLLEEFTIJD_JAREN = 4
"""From 4 a child may go to the basisschool. Source: Wet op het primair onderwijs
art. 39."""

LEERPLICHT_JAREN = 5
"""Leerplichtig from the first school day of the month after the 5th birthday.
Source: Leerplichtwet 1969 art. 3."""

SCHOOL_SIGNAAL_VOORAF_MAANDEN = 2
"""The school signal comes two months before the child turns 4. Source: gemeente
policy (seeds: "school en kinderopvang" is one of the first steps); issue 18."""

VVE_VAN_MAANDEN = 30
VVE_TOT_MAANDEN = 48
"""Voorschoolse educatie is for children from 2½ up to 4 years. Source: Wet OKE /
Wet kinderopvang (VVE-doelgroep 2½–4); seeds ("% kinderen van 3-4 jaar …
voorschoolse voorziening"); issue 18."""


def verjaardag(geboortedatum: date, jaren: int) -> date:
    """The birthday at ``jaren`` (29 February → 28 February in a common year)."""
    return add_months(geboortedatum, 12 * jaren)


def leerplicht_start(geboortedatum: date) -> date:
    """The first day of the month after the 5th birthday (Leerplichtwet art. 3)."""
    vijf = verjaardag(geboortedatum, LEERPLICHT_JAREN)
    return add_months(vijf.replace(day=1), 1)


def leeftijd_maanden(geboortedatum: date, op: date) -> int:
    maanden = (op.year - geboortedatum.year) * 12 + (op.month - geboortedatum.month)
    if op.day < geboortedatum.day:
        maanden -= 1
    return maanden


def in_vve_leeftijd(geboortedatum: date, op: date) -> bool:
    return VVE_VAN_MAANDEN <= leeftijd_maanden(geboortedatum, op) < VVE_TOT_MAANDEN


def geboren_tussen_voor_18_signaal(today: date) -> tuple[date, date]:
    """Birth dates whose 18th birthday lies from a year ago up to two months ahead."""
    from datetime import timedelta

    eerste = add_months(today - timedelta(days=SIGNAAL_18_TERUG_DAGEN), -12 * MEERDERJARIG)
    laatste = add_months(today + timedelta(days=SIGNAAL_18_VOORAF_DAGEN), -12 * MEERDERJARIG)
    return eerste, laatste


def geboren_voor_school_signaal(today: date) -> tuple[date, date]:
    """Birth dates of children from (4 years − 2 months) up to 18: of school age (or
    nearly), still within the kwalificatieplicht."""
    oudste = add_months(today, -12 * MEERDERJARIG)
    jongste = add_months(today, SCHOOL_SIGNAAL_VOORAF_MAANDEN - 12 * SCHOOLLEEFTIJD_JAREN)
    return oudste, jongste
