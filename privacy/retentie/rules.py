"""The retention rules: default periods per kind of record, with their sources, and
the pure date arithmetic. No ORM, no I/O.

Sources (see docs/privacy.md, "Bewaartermijnen en anonimiseren"):

- **Selectielijst gemeenten en intergemeentelijke organen 2020** (VNG, vastgesteld
  onder de Archiefwet 1995), procescategorie 8 "Verstrekken van voorzieningen",
  resultaat 8.1: an inburgeringstraject is kept **10 years** after the traject was
  closed, then destroyed. The list predates the Wet inburgering 2021.
- **Wet inburgering 2021** (with the Besluit inburgering 2021): per the VNG's
  handreiking gegevensuitwisseling Wet inburgering, the gemeente keeps the personal
  data of the inburgering **5 years** after the inburgeringsplicht ended (also by
  death), and a specific law goes before the selectielijst. We take 5 years as the
  default for both kinds. The exact article and whether the 5 years also bind the
  beschikking itself must be confirmed by the gemeente's archivist: a gemeente that
  follows selectielijst 8.1 for the PIP sets 10 years in the admin — that choice is
  municipal policy, not a fixed rule.
- The 24 hours for unconfirmed import files are **our design choice** (AVG art. 5
  lid 1 sub c and e, data minimisation and storage limitation): a preview that was
  not confirmed within a day is not going to be, and the file holds BSNs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from casefiles.rules import add_months

from .choices import Bewaarsoort


@dataclass(frozen=True)
class Standaard:
    jaren: int
    bron: str


STANDAARD_TERMIJNEN: dict[str, Standaard] = {
    Bewaarsoort.DOSSIER: Standaard(
        5,
        "Wet inburgering 2021 (VNG-handreiking gegevensuitwisseling): 5 jaar na einde "
        "inburgeringsplicht; gaat voor Selectielijst gemeenten 2020 resultaat 8.1 (10 jaar)",
    ),
    Bewaarsoort.PIP: Standaard(
        5,
        "Wet inburgering 2021 (VNG-handreiking): 5 jaar na einde inburgeringsplicht. "
        "Selectielijst gemeenten 2020 resultaat 8.1 noemt 10 jaar (gemeentelijke keuze)",
    ),
}
"""Default retention in years per kind, counted from the dossier's einddatum
(:func:`einddatum_toelichting`)."""

MIN_JAREN = 1
MAX_JAREN = 20
"""Bounds a gemeente can set (a typo of 500 years, or 0, is refused)."""

IMPORT_BEWAARUREN = 24
"""An uploaded import file that was not confirmed within this many hours is deleted
(design choice: AVG art. 5 lid 1 sub c/e)."""

CHUNK = 500
"""Dossiers anonymised per transaction (a constant number of statements per chunk)."""


def grensdatum(vandaag: date, jaren: int) -> date:
    """The latest einddatum whose period of ``jaren`` years has passed on ``vandaag``:
    the period has passed when ``einddatum + jaren <= vandaag`` (the day on which the
    period ends, the record may go)."""
    return add_months(vandaag, -12 * jaren)


def einddatum_toelichting() -> str:
    """What the period is counted from (shown in the admin and the docs)."""
    return (
        "De termijn loopt vanaf de einddatum van het dossier: de laatste van (1) de dag "
        "waarop het dossier werd afgesloten (afgerond, verhuisd of beëindigd; zonder "
        "statuswijziging in de tijdlijn: de laatste wijziging), (2) de datum "
        "waarop de inburgeringsplicht is voldaan en (3) de laatste dag van de "
        "inburgeringsplicht volgens DUO's besluit."
    )
