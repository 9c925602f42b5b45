"""Rules of the first-steps checklist. Pure functions; every constant names its source."""

from __future__ import annotations

from datetime import date, timedelta

from casefiles.choices import StartstapStatus

STANDAARD_STAPPEN: list[tuple[str, str, int]] = [
    ("bijstand", "Bijstandsuitkering aanvragen", 1),
    ("energie", "Gas, water en elektra regelen", 1),
    ("bankrekening", "Bankrekening openen", 2),
    ("zorgverzekering", "Zorgverzekering afsluiten", 2),
    (
        "toeslagen",
        "Toeslagen aanvragen (zorg-, huur- en kinderopvangtoeslag, kindgebonden budget)",
        4,
    ),
    ("huisarts", "Inschrijven bij een huisarts en tandarts", 4),
    ("school_kinderopvang", "School en kinderopvang regelen", 4),
    ("ggd", "GGD-intake", 6),
    ("digid", "DigiD aanvragen", 4),
]
"""The default list (code, name, weeks after the start in which it should be done):
the De Wolden list of the first weeks — "bijstandsuitkering, zorgverzekering en
toeslagen, regelen gas/water/elektra, school en kinderopvang" (seeds De Wolden,
maatschappelijke begeleiding) — plus bank account, huisarts, GGD intake and DigiD
(issue 18). The weeks are gemeente policy; each gemeente configures its own list
(StartstapSjabloon); without one this list is used."""

KLAAR = frozenset({StartstapStatus.GEREGELD, StartstapStatus.NVT})
"""A step is done when arranged or not needed; until then it stays in the
werkvoorraad."""


def deadline(start: date, weken: int) -> date:
    return start + timedelta(weeks=weken)


def is_klaar(status: str) -> bool:
    return status in KLAAR
