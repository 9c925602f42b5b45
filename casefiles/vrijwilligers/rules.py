"""Rules about volunteers. Pure functions; every constant names its source."""

from __future__ import annotations

from datetime import date

from casefiles.rules import add_months

VOG_GELDIG_JAREN = 3
"""A volunteer who works with inburgeraars has a Verklaring Omtrent het Gedrag (VOG)
not older than three years when a match starts. Source: gemeente policy (the usual
renewal period of volunteer organisations such as VluchtelingenWerk); issue 18
("a register … with a VOG date")."""

SIGNAAL_TAAK_DAGEN = 3
"""A volunteer's signal ("problemen worden gesignaleerd") reaches the consulent as a
task due within three days. Source: gemeente policy (seeds Dalfsen); issue 18."""


def vog_geldig(vog_datum: date | None, op: date) -> bool:
    """The VOG exists, is not from the future and is not older than three years."""
    return vog_datum is not None and vog_datum <= op < add_months(vog_datum, 12 * VOG_GELDIG_JAREN)
