"""Rules of the brede intake: the leerroute advice and the PIP deadline clock.

Pure functions only: no ORM, no I/O. Every constant names its source. The advice
never uses health data: it must be explainable in the PIP and the summary, which
never hold special-category data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from casefiles.choices import DossierStatus, Leerroute, Niveau, Regime

from .choices import Alfabetisering, LbtUitslag, Opleidingsniveau

# --- route advice -------------------------------------------------------------------

ONDERWIJSROUTE_MAX_LEEFTIJD = 28
"""Age guideline for the onderwijsroute: advised for people *younger than* 28.
The onderwijsroute is meant for young inburgeraars who can go on to regular
education (Wi art. 8; memorie van toelichting Wi 2021, Kamerstukken II 35 483,
nr. 3 §4.2: "in de regel jongeren tot 28 jaar"). A guideline, not a limit: each
gemeente sets it as ``Gemeente.onderwijsroute_max_leeftijd``; this is the default."""

OPLEIDING_RANG: dict[str, int] = {
    Opleidingsniveau.GEEN: 0,
    Opleidingsniveau.BASIS: 1,
    Opleidingsniveau.VO_ONDERBOUW: 2,
    Opleidingsniveau.VO: 3,
    Opleidingsniveau.BEROEPS: 4,
    Opleidingsniveau.HBO: 5,
    Opleidingsniveau.WO: 6,
}
"""Rank of the highest education followed (our ordering of the ISCED levels 0–7)."""

ONDERWIJS_MIN_OPLEIDING = Opleidingsniveau.VO
"""The onderwijsroute leads through a taalschakeltraject to mbo-2 or higher; it
asks for enough school experience to reach B1/B2 within about 1.5 years. We
require completed secondary education (ISCED 3) in the country of origin.
Source: Divosa, Handreiking leerbaarheid en leerroutes (2021), criteria
onderwijsroute; DESIGN.md §2 (leerroutes)."""

B1_ZONDER_TOETS_MIN_OPLEIDING = Opleidingsniveau.VO_ONDERBOUW
"""Without a leerbaarheidstoets result, some secondary schooling is our threshold
for a *provisional* B1 advice; below it (and for analfabeten) the provisional
advice is the Z-route. The toets (Wi art. 14, lid 2; Bi art. 5.2) should still be
taken: DUO's result is the main evidence (RvS ECLI:NL:RVS:2024:5413: a route
decision must be properly investigated)."""

TOEGESTANE_NIVEAUS: dict[str, tuple[str, ...]] = {
    Leerroute.B1: (Niveau.B1,),
    Leerroute.ONDERWIJS: (Niveau.B1,),
    Leerroute.Z: (Niveau.A2,),
}
"""Which taalniveau may go with which leerroute at the brede intake (first PIP).
DUO refuses: A2 with the onderwijsroute, B1 with the Z-route, and A2 in the
first PIP of a B1-route (afschalen to A2 comes later, Wi art. 17 / Bi art. 5.5).
The PIP carries only A2 or B1 (DUO PIP API, schema ``NiveauPip``: enum A2, B1), so
the onderwijsroute is recorded as B1 (a B2 ambition belongs in the goals) and the
Z-route as A2 (it has no exam, Bi art. 3.14). Source: DUO PIP API business rules;
DESIGN.md §2 (PIP changes)."""

DUO_ALFABETISERING: dict[str, str] = {
    Alfabetisering.ANALFABEET: "A",
    Alfabetisering.ANDERS: "AA",
    Alfabetisering.GEALFABETISEERD: "NVT",
}
"""DUO's ``indicatorAlfabetiseringsonderwijs`` in the PIP and Inburgeringsaanbod
APIs: A = onderwijs voor analfabeet, AA = onderwijs voor anders-gealfabetiseerde
(another script), NVT = niet van toepassing. Source: DUO PIP API (SDI014),
schema ``Alfabetiseringsonderwijs``."""


def duo_alfabetisering(alfabetisering: str | None) -> str:
    """DUO's code for the literacy finding; NVT while it is not known."""
    return DUO_ALFABETISERING.get(alfabetisering or "", "NVT")


@dataclass(frozen=True)
class RouteFeiten:
    """The intake facts the advice uses. Deliberately no health data."""

    lbt_uitslag: str = ""
    alfabetisering: str = ""
    opleiding_niveau: str = ""
    leeftijd: int | None = None
    beoogde_opleiding: str = ""
    onderwijsroute_max_leeftijd: int = ONDERWIJSROUTE_MAX_LEEFTIJD


@dataclass(frozen=True)
class RouteAdvies:
    route: str
    redenen: list[str] = field(default_factory=list)
    voorlopig: bool = False


def _onderwijs_bezwaren(f: RouteFeiten) -> list[str]:
    """Why the onderwijsroute does not fit; empty when it does."""
    bezwaren = []
    if f.leeftijd is None:
        bezwaren.append("De leeftijd is onbekend, dus de richtleeftijd is niet te toetsen.")
    elif f.leeftijd >= f.onderwijsroute_max_leeftijd:
        bezwaren.append(
            f"Met {f.leeftijd} jaar valt de persoon buiten de richtleeftijd voor de "
            f"onderwijsroute (jonger dan {f.onderwijsroute_max_leeftijd})."
        )
    if not f.beoogde_opleiding.strip():
        bezwaren.append("Er is geen studiewens voor een opleiding op mbo-2 of hoger vastgelegd.")
    if OPLEIDING_RANG.get(f.opleiding_niveau, -1) < OPLEIDING_RANG[ONDERWIJS_MIN_OPLEIDING]:
        bezwaren.append(
            "De vooropleiding is lager dan afgerond voortgezet onderwijs; de onderwijsroute "
            "vraagt die basis."
        )
    if f.alfabetisering == Alfabetisering.ANALFABEET:
        bezwaren.append("Iemand die analfabeet is, kan de onderwijsroute niet op tijd afronden.")
    return bezwaren


def _alfa_reden(f: RouteFeiten) -> list[str]:
    if f.alfabetisering == Alfabetisering.ANDERS:
        return [
            "De persoon is anders-gealfabetiseerd: het aanbod bevat alfabetiseringsonderwijs "
            "in het Latijnse schrift (DUO-code AA)."
        ]
    if f.alfabetisering == Alfabetisering.ANALFABEET:
        return [
            "De persoon is analfabeet: het aanbod begint met alfabetiseringsonderwijs (DUO-code A)."
        ]
    return []


def route_advies(f: RouteFeiten) -> RouteAdvies:
    """The leerroute advice with its reasons in Dutch.

    Criteria, in order (sources at the constants above):

    1. Leerbaarheidstoets "B1-route niet haalbaar" → Z-route.
    2. Leerbaarheidstoets "B1-route haalbaar" → onderwijsroute when every
       onderwijsroute criterion holds (younger than the gemeente's richtleeftijd,
       a studiewens at mbo-2 or higher, completed secondary education, not
       analfabeet); otherwise the B1-route, with the reasons why not onderwijs.
    3. No usable toets result → a *provisional* advice from the other facts:
       analfabeet or less than some secondary schooling → Z-route; otherwise the
       onderwijsroute when all its criteria hold, else the B1-route.
    """
    redenen: list[str] = []
    onderwijs_bezwaren = _onderwijs_bezwaren(f)
    if f.lbt_uitslag == LbtUitslag.NIET_HAALBAAR:
        redenen.append("De leerbaarheidstoets van DUO geeft als uitslag: B1-route niet haalbaar.")
        return RouteAdvies(Leerroute.Z, redenen + _alfa_reden(f))
    if f.lbt_uitslag == LbtUitslag.HAALBAAR:
        redenen.append("De leerbaarheidstoets van DUO geeft als uitslag: B1-route haalbaar.")
        if not onderwijs_bezwaren:
            redenen.append(
                f"De persoon is jonger dan {f.onderwijsroute_max_leeftijd}, heeft voortgezet "
                f"onderwijs afgerond en wil doorstromen naar een opleiding "
                f"({f.beoogde_opleiding.strip()}): de onderwijsroute past."
            )
            return RouteAdvies(Leerroute.ONDERWIJS, redenen + _alfa_reden(f))
        redenen.append("De onderwijsroute past niet: " + " ".join(onderwijs_bezwaren))
        return RouteAdvies(Leerroute.B1, redenen + _alfa_reden(f))

    redenen.append(
        "Er is nog geen bruikbare uitslag van de leerbaarheidstoets; dit advies is voorlopig. "
        "Laat de toets alsnog afnemen."
    )
    rang = OPLEIDING_RANG.get(f.opleiding_niveau, -1)
    if f.alfabetisering == Alfabetisering.ANALFABEET or (
        f.opleiding_niveau and rang < OPLEIDING_RANG[B1_ZONDER_TOETS_MIN_OPLEIDING]
    ):
        if f.alfabetisering == Alfabetisering.ANALFABEET:
            redenen.append("De persoon is analfabeet.")
        if f.opleiding_niveau and rang < OPLEIDING_RANG[B1_ZONDER_TOETS_MIN_OPLEIDING]:
            redenen.append("De persoon heeft weinig schoolervaring (hoogstens basisonderwijs).")
        redenen.append("Het B1-niveau binnen drie jaar is daarom niet waarschijnlijk.")
        return RouteAdvies(Leerroute.Z, redenen + _alfa_reden(f), voorlopig=True)
    if not f.opleiding_niveau:
        redenen.append("De vooropleiding is nog niet vastgelegd.")
    if not onderwijs_bezwaren:
        redenen.append(
            "De persoon voldoet aan de criteria voor de onderwijsroute (leeftijd, vooropleiding, "
            f"studiewens: {f.beoogde_opleiding.strip()})."
        )
        return RouteAdvies(Leerroute.ONDERWIJS, redenen + _alfa_reden(f), voorlopig=True)
    if f.opleiding_niveau:
        redenen.append("Met deze vooropleiding is het B1-niveau waarschijnlijk haalbaar.")
    return RouteAdvies(Leerroute.B1, redenen + _alfa_reden(f), voorlopig=True)


def niveau_toegestaan(route: str, niveau: str) -> bool:
    """Whether DUO accepts this route with this level at the first PIP."""
    return niveau in TOEGESTANE_NIVEAUS.get(route, ())


def route_niveau_opties() -> list[tuple[str, str]]:
    """(route, niveau) pairs that may be chosen, in a fixed order."""
    return [(r, n) for r, niveaus in TOEGESTANE_NIVEAUS.items() for n in niveaus]


# --- PIP deadline clock ---------------------------------------------------------------

PIP_TERMIJN = timedelta(weeks=10)
"""The PIP is vastgesteld within 10 weeks, counted from the *later* of DUO's notice
that the clock started (event SS139) and the registration in the gemeente's BRP: the
gemeente cannot start before the person lives there, and DUO's notice can come
after the registration (e.g. when the person left the AZC). Source: Bi art. 5.3;
DUO Gebeurtenissen SS139 ("ook als de persoon al eerder aan de gemeente gekoppeld
is, maar ... nu in de gemeente verblijft") and attentiesignaal SS126."""

INFO_DERDEN_TERMIJN = timedelta(weeks=2)
"""When the gemeente needs information from third parties for the PIP and waited
for it, the PIP may instead be vastgesteld within 2 weeks after it arrives, when
that is later than the 10 weeks. Source: Bi art. 5.3 (see DESIGN.md §2)."""

PIP_KLOK_STATUSSEN = frozenset({DossierStatus.AANGEMELD, DossierStatus.INTAKE, DossierStatus.PIP})
"""The deadline task is kept in step while the first PIP is still to come: from
aanmelding until the PIP is vastgesteld (DESIGN.md §4)."""

KLOK_DUO = "duo"
KLOK_BRP = "brp"
KLOK_DERDEN = "derden"


@dataclass(frozen=True)
class PipDeadline:
    """The legal PIP deadline, the date it counts from (``vanaf``) and what that
    date is (``bron``: DUO's notice, the BRP registration or third-party
    information), with the ground as a Dutch sentence."""

    deadline: date
    grondslag: str
    vanaf: date | None = None
    bron: str = ""


def pip_klok_start(*, duo_melding: date | None, vestiging: date | None) -> tuple[date, str] | None:
    """The day the 10 weeks count from: the later of DUO's notice (SS139) and the
    registration in the gemeente's BRP; the one that is known when only one is.
    On equal dates DUO's notice is named. Source: Bi art. 5.3."""
    if duo_melding and (vestiging is None or duo_melding >= vestiging):
        return duo_melding, KLOK_DUO
    if vestiging:
        return vestiging, KLOK_BRP
    return None


def info_derden_telt(info_opgevraagd: date | None, info_ontvangen: date | None) -> bool:
    """Third-party information extends the deadline only when it was requested
    (awaited) and has arrived on or after the request. Source: Bi art. 5.3."""
    return bool(info_opgevraagd and info_ontvangen and info_ontvangen >= info_opgevraagd)


def pip_deadline(
    *,
    regime: str,
    duo_melding: date | None,
    vestiging: date | None,
    info_opgevraagd: date | None = None,
    info_ontvangen: date | None = None,
) -> PipDeadline | None:
    """The date by which the (first) PIP must be vastgesteld, with its ground.

    The ONE definition of the Bi art. 5.3 deadline: the PIP clock task
    (``intake.services.pip_deadline_sync``), the intake tab and the dashboard
    indicator ``pip_op_tijd`` (``monitoring.indicators.trajecten``, the same rule as
    an SQL expression, proven equal by tests) all follow it.

    - 10 weeks after the *later* of DUO's notice (SS139) and the registration in the
      gemeente's BRP (vestiging); when only one is known, that one.
    - Third-party information: when it was requested (awaited) and has arrived, the
      deadline is 2 weeks after arrival if that is later than the 10 weeks; the
      extra term never shortens the 10 weeks. While it is still awaited the 10-week
      date stays the deadline (the extension only exists once it arrives).
    - No deadline under the Wi 2013 (no PIP beschikking) or without a start date.
    """
    if regime != Regime.WI2021:
        return None
    start = pip_klok_start(duo_melding=duo_melding, vestiging=vestiging)
    if start is None:
        return None
    vanaf, bron = start
    if bron == KLOK_DUO:
        grond = f"10 weken na de melding van DUO (SS139) van {vanaf:%d-%m-%Y}"
        if vestiging and vestiging < vanaf:
            grond += f", die later is dan de inschrijving in de BRP ({vestiging:%d-%m-%Y})"
    else:
        grond = f"10 weken na de inschrijving in de BRP van {vanaf:%d-%m-%Y}"
        if duo_melding:
            grond += f", die later is dan de melding van DUO ({duo_melding:%d-%m-%Y})"
    result = PipDeadline(vanaf + PIP_TERMIJN, grond, vanaf, bron)
    if info_derden_telt(info_opgevraagd, info_ontvangen):
        assert info_ontvangen is not None  # info_derden_telt checked it
        verlengd = info_ontvangen + INFO_DERDEN_TERMIJN
        if verlengd > result.deadline:
            result = PipDeadline(
                verlengd,
                f"2 weken na ontvangst van informatie van derden op {info_ontvangen:%d-%m-%Y}",
                info_ontvangen,
                KLOK_DERDEN,
            )
    return result


def pip_klok_loopt(*, status: str, termijn_start: date | None) -> bool:
    """Whether the deadline task should be kept open: no PIP vastgesteld yet
    (termijn_start is set by the first PIP, Wi art. 11) and still before uitvoering."""
    return termijn_start is None and status in PIP_KLOK_STATUSSEN


def leeftijd_op(geboortedatum: date | None, op: date) -> int | None:
    if geboortedatum is None:
        return None
    return (
        op.year
        - geboortedatum.year
        - ((op.month, op.day) < (geboortedatum.month, geboortedatum.day))
    )


OPLEIDING_IN_GEWONE_WOORDEN: dict[str, str] = {
    Opleidingsniveau.GEEN: "U bent (bijna) niet naar school geweest.",
    Opleidingsniveau.BASIS: "U heeft de basisschool gedaan.",
    Opleidingsniveau.VO_ONDERBOUW: "U bent naar de middelbare school gegaan.",
    Opleidingsniveau.VO: "U heeft de middelbare school afgemaakt.",
    Opleidingsniveau.BEROEPS: "U heeft een beroepsopleiding gedaan.",
    Opleidingsniveau.HBO: "U heeft een opleiding op hbo-niveau gedaan.",
    Opleidingsniveau.WO: "U heeft aan de universiteit gestudeerd.",
}
"""The education of the intake in short B1 sentences for the letter."""


def leerroute_uitleg_b1(route: str, f: RouteFeiten) -> list[str]:
    """ "Waarom deze leerroute?" for the PIP letter: short sentences at B1 level, built
    only from the facts of the intake (the leerbaarheidstoets, school, literacy, age,
    study wish) — never from internal notes or system text, never from health data.
    Letters to inburgeraars are written at B1 level (CONVENTIONS.md); a beschikking
    must say why (Awb art. 3:46; RvS ECLI:NL:RVS:2024:5413 for the route choice)."""
    zinnen: list[str] = []
    if f.lbt_uitslag == "haalbaar":
        zinnen.append(
            "U heeft de leerbaarheidstoets van DUO gedaan. Daaruit blijkt dat u Nederlands "
            "kunt leren tot niveau B1."
        )
    elif f.lbt_uitslag == "niet_haalbaar":
        zinnen.append(
            "U heeft de leerbaarheidstoets van DUO gedaan. Daaruit blijkt dat niveau B1 "
            "nu te moeilijk voor u is."
        )
    if f.opleiding_niveau in OPLEIDING_IN_GEWONE_WOORDEN:
        zinnen.append(OPLEIDING_IN_GEWONE_WOORDEN[f.opleiding_niveau])
    if f.alfabetisering == "analfabeet":
        zinnen.append("U kunt nog niet lezen en schrijven. Dat leert u eerst.")
    elif f.alfabetisering == "anders":
        zinnen.append("U kunt lezen en schrijven in een ander schrift. U leert eerst ons schrift.")
    if route == "onderwijs":
        if f.beoogde_opleiding.strip():
            zinnen.append(f"U wilt graag deze opleiding doen: {f.beoogde_opleiding.strip()}.")
        if f.leeftijd is not None and f.leeftijd < f.onderwijsroute_max_leeftijd:
            zinnen.append(
                f"U bent jonger dan {f.onderwijsroute_max_leeftijd} jaar. Daarom past de "
                "onderwijsroute bij u."
            )
        zinnen.append("In de onderwijsroute leert u Nederlands en gaat u daarna naar school.")
    elif route == "z":
        zinnen.append(
            "In de Z-route leert u Nederlands in uw eigen tempo. U doet ook mee in de "
            "maatschappij, bijvoorbeeld met vrijwilligerswerk."
        )
    elif route == "b1":
        zinnen.append(
            "In de B1-route leert u Nederlands tot niveau B1. Met dat niveau kunt u "
            "werken of verder leren."
        )
    if len(zinnen) <= 1:
        zinnen.insert(
            0,
            "Wij hebben met u gepraat over uw school, uw werk en wat u wilt leren.",
        )
    zinnen.append("Daarom kiezen wij deze leerroute voor u.")
    return zinnen
