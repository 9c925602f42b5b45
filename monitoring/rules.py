"""The numbers the dashboard judges by: targets of the seeds, the small-number
rule, and pure date helpers for quarters. No ORM, no I/O; every constant names its
source (DESIGN.md §2 and the seeds: De Wolden §10, Dalfsen §3.3, Purmerend §7)."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from casefiles.choices import ActiviteitSoort, Leerroute, UitstroomSoort

from .choices import Eenheid, Koers, Richting

SUPPRESSIE_GRENS = 5
"""Counts below 5 leave the team only as "<5", and so does every figure computed
from such a count (a percentage, mean or median of fewer than 5 persons).
Source: DESIGN.md §2 'small numbers' (our design choice, like DUO's own reports)."""

SUPPRESSIE_TEKST = "<5"
"""What is shown instead of a suppressed figure (DESIGN.md §2)."""

SECUNDAIR_TEKST = "×"
"""Shown instead of a figure hidden by secondary suppression: the figure itself is not
small, but shown beside the others it would let a hidden small number be recomputed
from the total (e.g. WI2021 33 beside a total of 34 reveals WI2013 = 1). The sign ×
is the one CBS uses for "geheim". Source: our design choice (DESIGN.md §2 'small
numbers'), following statistical disclosure control practice (CBS, Eurostat)."""

OPTELLENDE_INDICATOREN = frozenset(
    {
        "inburgeraars_doelgroep",
        "inburgeraars_regime",
        "inburgeraars_status",
        "instroom_kwartaal",
        "route_verdeling",
        "trajecten_afgerond",
        "ladder_intake",
        "ladder_nu",
        "uitstroom",
        "handhaving",
        "ontzorgen",
    }
)
"""Indicators whose categories (may) add up to a total that is shown or can be derived
elsewhere (the number of dossiers is the sum of every doelgroep, regime and status;
shares add up to 100 %). Their lines get secondary suppression
(:func:`secundaire_onderdrukking`); for indicators whose categories overlap it is
merely cautious."""


ROUTE_VERDELING_DOEL = {
    Leerroute.B1: Decimal(40),
    Leerroute.Z: Decimal(40),
    Leerroute.ONDERWIJS: Decimal(20),
}
"""Regional expectation of the distribution over the leerroutes: 40 % B1-route,
40 % Z-route, 20 % onderwijsroute. Source: De Wolden §10 (regio Zuidwest-Drenthe),
DESIGN.md §2 / issue 7."""

RICHTWAARDE_MARGE = Decimal(10)
"""A distribution share is 'op koers' when it lies within 10 percentage points of
the regional expectation. Our own choice (the seeds give no margin)."""

PIP_OP_TIJD_DOEL = Decimal(95)
"""Default target: 95 % of PIPs vastgesteld within the legal term. Configurable per
gemeente (Gemeente.pip_op_tijd_doel). Source: DESIGN.md §2 'PIP deadline'."""

ROUTE_RESULTAAT_DOEL = {
    Leerroute.B1: Decimal(75),
    Leerroute.ONDERWIJS: Decimal(90),
    Leerroute.Z: Decimal(60),
}
"""De Wolden's route outcome targets: B1-route → paid work 75 %, onderwijsroute →
vervolgopleiding 90 %, Z-route → maatschappelijk actief 60 %. Source: De Wolden §10."""

WERK_UITSTROOM = frozenset(
    {
        UitstroomSoort.BETAALD_WERK_VOLTIJD,
        UitstroomSoort.BETAALD_WERK_DEELTIJD,
        UitstroomSoort.EIGEN_BEDRIJF,
    }
)
"""Uitstroom that counts as paid work (incl. an own business). Source: De Wolden §10."""

ROUTE_RESULTAAT_UITSTROOM = {
    Leerroute.B1: WERK_UITSTROOM,
    Leerroute.ONDERWIJS: frozenset({UitstroomSoort.REGULIERE_OPLEIDING}),
    Leerroute.Z: frozenset(
        {UitstroomSoort.MAATSCHAPPELIJK_ACTIEF, UitstroomSoort.REGULIERE_OPLEIDING} | WERK_UITSTROOM
    ),
}
"""Which uitstroom meets each route's target. For the Z-route anyone who works or
studies is at least maatschappelijk actief. Source: De Wolden §10 (our reading)."""

PARTICIPATIE_SOORTEN = frozenset(
    {
        ActiviteitSoort.TAALSTAGE,
        ActiviteitSoort.VRIJWILLIGERSWERK,
        ActiviteitSoort.WERKERVARINGSPLEK,
        ActiviteitSoort.BETAALD_WERK,
        ActiviteitSoort.OPLEIDING,
    }
)
"""Activities that count as 'participating': taalstage, vrijwilligerswerk, werk
(incl. werkervaringsplek) and studie. Source: Dalfsen §3.3."""

PARTICIPATIE_NA_MAANDEN = 6
"""Participation is measured 6 months after vestiging in the gemeente. Source: Dalfsen §3.3."""

PARTICIPATIE_DOEL = Decimal(75)
"""75 % participates 6 months after vestiging. Source: Dalfsen §3.3."""

MAANDEN_TOT_VOLDAAN_DOEL = Decimal(30)
"""On average the inburgeringsplicht is voldaan within 30 months of the start of the
termijn. Source: Dalfsen §3.3."""

DAGEN_PER_MAAND = Decimal("30.4375")
"""Average length of a month in days (365.25 / 12), to express day counts in months."""

MB_NORM_MAANDEN = 18
"""Maatschappelijke begeleiding ends after 18 months (then handover). Configurable per
gemeente (Gemeente.mb_maanden). Source: De Wolden §10, DESIGN.md §2."""

GESPREK_MARGE_DAGEN = 14
"""A voortgangsgesprek counts as held on time when held no later than 14 days after
the planned date. Our own choice; the planned dates themselves are gemeente policy
(Dalfsen §3.3: at least two in the first year, then every six months)."""

ONTZORGEN_MINIMUM_MAANDEN = 6
"""Ontzorgen runs at least the first 6 months of bijstand. Source: Pw art. 56a."""


def afronden(waarde: Decimal | float | int | None, decimalen: int = 1) -> Decimal | None:
    """Round half up to ``decimalen`` places (figures for the council)."""
    if waarde is None:
        return None
    q = Decimal(1).scaleb(-decimalen)
    return Decimal(str(waarde)).quantize(q, rounding=ROUND_HALF_UP)


def percentage(teller: int | None, noemer: int | None) -> Decimal | None:
    """100 × teller / noemer, one decimal; None without a denominator."""
    if not noemer:
        return None
    return afronden(Decimal(teller or 0) * 100 / Decimal(noemer))


def is_onderdrukt(n: int | None) -> bool:
    """True when a figure rests on fewer than SUPPRESSIE_GRENS persons/records.
    ``n`` is the smallest count the figure was computed from (the count itself, or
    the numerator and denominator of a percentage, or the persons behind a mean)."""
    return n is not None and n < SUPPRESSIE_GRENS


def secundaire_onderdrukking(aantallen: list[int | None]) -> set[int]:
    """The cells of one line of categories that add up to a total which must ALSO be
    hidden, so no hidden small number can be recomputed from the total: as long as
    some cell is hidden (fewer than SUPPRESSIE_GRENS) and fewer than two cells are
    hidden, or the hidden cells together hold fewer than SUPPRESSIE_GRENS (their sum
    is known from the total), the smallest shown cell is hidden as well. When the
    hidden cells hold nobody at all (all 0), the total reveals only that: no person
    to protect, nothing more is hidden. ``aantallen`` are the counts behind each cell
    (None: no figure); returns their indexes."""
    primair = {i for i, n in enumerate(aantallen) if n is not None and is_onderdrukt(n)}
    if not primair or sum(aantallen[i] or 0 for i in primair) == 0:
        return set()
    verborgen = set(primair)
    zichtbaar = sorted(
        (n, i) for i, n in enumerate(aantallen) if n is not None and i not in verborgen
    )
    while zichtbaar and (
        len(verborgen) < 2 or sum(aantallen[i] or 0 for i in verborgen) < SUPPRESSIE_GRENS
    ):
        _n, i = zichtbaar.pop(0)
        verborgen.add(i)
    return verborgen - primair


def weergave(waarde, n: int | None, eenheid: str = Eenheid.AANTAL) -> str:
    """THE one function that turns a figure into text for the screen and for every
    export: "<5" when suppressed, "" when there is no figure, else Dutch notation
    (decimal comma, thousands dot; € for amounts)."""
    if is_onderdrukt(n):
        return SUPPRESSIE_TEKST
    if waarde is None:
        return ""
    if eenheid == Eenheid.AANTAL:
        return f"{int(waarde):,}".replace(",", ".")
    if eenheid == Eenheid.EURO:
        tekst = f"{Decimal(waarde):,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
        return f"€ {tekst}"
    tekst = f"{afronden(waarde):,}".replace(",", "_").replace(".", ",").replace("_", ".")
    return tekst


def koers(waarde, doel, richting: str, n: int | None = None) -> str:
    """On track / off track: compare the realisation with the target according to
    the indicator's direction. No judgement for a suppressed or missing figure."""
    if waarde is None or doel is None or richting == Richting.GEEN or is_onderdrukt(n):
        return Koers.ONBEKEND
    waarde, doel = Decimal(str(waarde)), Decimal(str(doel))
    if richting == Richting.HOGER:
        ok = waarde >= doel
    elif richting == Richting.LAGER:
        ok = waarde <= doel
    else:
        ok = abs(waarde - doel) <= RICHTWAARDE_MARGE
    return Koers.OP_KOERS if ok else Koers.NIET_OP_KOERS


def kwartaal_van(d: date) -> tuple[int, int]:
    """(year, quarter 1–4) of a date."""
    return d.year, (d.month - 1) // 3 + 1


def kwartaal_start(jaar: int, kwartaal: int) -> date:
    return date(jaar, 3 * (kwartaal - 1) + 1, 1)


def kwartaal_eind(jaar: int, kwartaal: int) -> date:
    if kwartaal == 4:
        return date(jaar, 12, 31)
    volgende = kwartaal_start(jaar, kwartaal + 1)
    return date.fromordinal(volgende.toordinal() - 1)


def kwartaal_label(jaar: int, kwartaal: int) -> str:
    return f"{jaar}-K{kwartaal}"
