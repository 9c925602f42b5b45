"""The law's numbers and pure logic for leerroutes, exams, MAP, PVT and hours.

Pure functions only: no ORM, no I/O. Every constant names its source
(Wi = Wet inburgering 2021, Bi = Besluit inburgering 2021, DUO = DUO's M2M
business rules, seeds = the gemeenten's policy documents).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from casefiles.choices import Doelgroep, Leerroute, Niveau
from casefiles.rules import add_months as add_months  # one definition
from casefiles.rules import is_asiel, periode_laatste_dag

from .choices import ExamenOnderdeel, TrajectStatus, UrenSoort

# --- Z-route ------------------------------------------------------------------------

Z_UREN_TAAL_ASIEL = Decimal(800)
"""Z-route for asielstatushouders and nareizigers: at least 800 hours of Dutch
language and KNM. Source: Bi art. 3.14; DESIGN.md §2."""

Z_UREN_PARTICIPATIE_ASIEL = Decimal(800)
"""Z-route for asielstatushouders and nareizigers: AND at least 800 hours of
participation activities; the hours of the brede intake count. Source: Bi art. 3.14;
DUO Gevolgde-uren API (ParticipatieactiviteitenBredeIntake: "De uren uit Brede
Intake tellen mee (Besluit, artikel 3.14)")."""

Z_UREN_TAAL_OVERIG = Decimal(800)
"""Z-route for gezinsmigranten and overige migranten: 800 hours of Dutch language and
KNM. Participation hours do not count for them: only for asielstatushouders do the
participation activities (and the brede intake) form the second 800 hours.
Source: Bi art. 3.14; issue 11."""


@dataclass(frozen=True)
class ZDrempel:
    """What a Z-route needs for one doelgroep: hours per counter (None = no separate
    count) and whether the participation and language hours add up to one total."""

    taal: Decimal | None
    participatie: Decimal | None
    totaal: Decimal | None


def z_drempels(doelgroep: str) -> ZDrempel:
    """Z-route thresholds per doelgroep (Bi art. 3.14): asielstatushouders and
    nareizigers 800 hours language/KNM and 800 hours participation; gezinsmigranten
    and overige migranten 800 hours language/KNM (participation does not count)."""
    if is_asiel(doelgroep):
        return ZDrempel(taal=Z_UREN_TAAL_ASIEL, participatie=Z_UREN_PARTICIPATIE_ASIEL, totaal=None)
    return ZDrempel(taal=Z_UREN_TAAL_OVERIG, participatie=None, totaal=None)


@dataclass
class Voortgang:
    """One progress bar: label, hours done, hours needed, percentage 0–100."""

    label: str
    gedaan: Decimal
    nodig: Decimal

    @property
    def procent(self) -> int:
        if not self.nodig:
            return 100
        return min(100, int(self.gedaan * 100 / self.nodig))

    @property
    def voldaan(self) -> bool:
        return self.gedaan >= self.nodig


def z_voortgang(*, doelgroep: str, taal: Decimal, participatie: Decimal) -> list[Voortgang]:
    """The Z-route progress bars for this doelgroep (Bi art. 3.14): participation only
    for asielstatushouders and nareizigers."""
    d = z_drempels(doelgroep)
    bars = [Voortgang("Uren taal en KNM", taal, d.taal or Decimal(0))]
    if d.participatie is not None:
        bars.append(
            Voortgang("Uren participatie (incl. brede intake)", participatie, d.participatie)
        )
    return bars


def traject_niveau(route: str, niveau: str) -> str:
    """The level of a trajectory when the PIP leaves it empty: B1 for the B1-route and
    the onderwijsroute (DUO: "Als het Niveau niet wordt aangeleverd dan wordt Niveau B1
    vastgesteld"), A2 for the Z-route (B1 never goes with the Z-route; the Z-route
    works towards A2 without an exam, Bi art. 3.14). Schakelen B1 → Z therefore starts
    a Z trajectory at A2. Source: DUO M2M README (PIP, Niveau); Bi art. 3.14."""
    if niveau:
        return niveau
    return Niveau.A2 if route == Leerroute.Z else Niveau.B1


# --- exams, voldaan and afschalen ------------------------------------------------------

TAALONDERDELEN = (
    ExamenOnderdeel.LEZEN,
    ExamenOnderdeel.LUISTEREN,
    ExamenOnderdeel.SCHRIJVEN,
    ExamenOnderdeel.SPREKEN,
)
"""The four language skills examined in the B1-route and the onderwijsroute; KNM
comes on top and has no level. Source: Wi art. 7; Bi art. 3.2."""

NIVEAU_ORDE: dict[str, int] = {Niveau.A0: 0, Niveau.A1: 1, Niveau.A2: 2, Niveau.B1: 3, Niveau.B2: 4}
"""ERK levels in order, to compare an exam result with the required level."""

AFSCHALEN_MIN_UREN = Decimal(600)
"""Afschalen (B1 → A2 per exam part) only after at least 600 course hours and
demonstrable effort. Source: Wi art. 17; Bi art. 5.5."""

AFSCHALEN_NAAR = Niveau.A2
"""Afschalen lowers a part from B1 to A2. Source: Wi art. 17."""


def niveau_voldoet(behaald: str, nodig: str) -> bool:
    return NIVEAU_ORDE.get(behaald, -1) >= NIVEAU_ORDE.get(nodig, 99)


def vereist_niveau(*, route: str, niveau: str, onderdeel: str, afgeschaald: Iterable[str]) -> str:
    """The level a part must be passed at: the PIP's level (B1 for the B1-route, B1 or
    B2 for the onderwijsroute), or A2 for a part that was afgeschaald (Wi art. 17)."""
    if route == Leerroute.B1 and onderdeel in set(afgeschaald):
        return AFSCHALEN_NAAR
    if route == Leerroute.ONDERWIJS:
        return niveau if niveau in (Niveau.B1, Niveau.B2) else Niveau.B1
    return Niveau.B1


def behaalde_onderdelen(
    *,
    route: str,
    niveau: str,
    afgeschaald: Iterable[str],
    uitslagen: Iterable[tuple[str, str, bool]],
) -> set[str]:
    """Parts passed at (at least) the required level. ``uitslagen`` are
    (onderdeel, niveau, behaald) for every exam taken."""
    afgeschaald = list(afgeschaald)
    gehaald: set[str] = set()
    for onderdeel, exam_niveau, behaald in uitslagen:
        if not behaald:
            continue
        if onderdeel == ExamenOnderdeel.KNM:
            gehaald.add(onderdeel)
            continue
        nodig = vereist_niveau(
            route=route, niveau=niveau, onderdeel=onderdeel, afgeschaald=afgeschaald
        )
        if niveau_voldoet(exam_niveau, nodig):
            gehaald.add(onderdeel)
    return gehaald


@dataclass
class RouteStand:
    """Is the leerroute itself done, and if not, what is still open (Dutch)."""

    voldaan: bool
    open: list[str] = field(default_factory=list)


def route_voldaan(
    *,
    route: str,
    niveau: str,
    doelgroep: str,
    afgeschaald: Iterable[str] = (),
    uitslagen: Iterable[tuple[str, str, bool]] = (),
    uren_taal: Decimal = Decimal(0),
    uren_participatie: Decimal = Decimal(0),
    z_eindgesprek: date | None = None,
) -> RouteStand:
    """Whether the leerroute is done (Wi art. 7–9; Bi art. 3.14).

    - B1-route: lezen, luisteren, schrijven, spreken at B1 (or A2 for an afgeschaald
      part) and KNM passed.
    - Onderwijsroute: the four skills at the PIP's level (B1 or B2) and KNM (DESIGN.md
      §2: the taalschakeltraject ends with exams at B1/B2).
    - Z-route: the hours of the doelgroep and the eindgesprek; no exam required.
    """
    open_: list[str] = []
    if route == Leerroute.Z:
        for bar in z_voortgang(doelgroep=doelgroep, taal=uren_taal, participatie=uren_participatie):
            if not bar.voldaan:
                open_.append(f"{bar.label}: {bar.gedaan:.0f} van {bar.nodig:.0f}")
        if z_eindgesprek is None:
            open_.append("Eindgesprek Z-route")
        return RouteStand(voldaan=not open_, open=open_)
    gehaald = behaalde_onderdelen(
        route=route, niveau=niveau, afgeschaald=afgeschaald, uitslagen=uitslagen
    )
    for onderdeel in (*TAALONDERDELEN, ExamenOnderdeel.KNM):
        if onderdeel not in gehaald:
            if onderdeel == ExamenOnderdeel.KNM:
                open_.append("Examen KNM")
            else:
                nodig = vereist_niveau(
                    route=route, niveau=niveau, onderdeel=onderdeel, afgeschaald=afgeschaald
                )
                open_.append(f"Examen {ExamenOnderdeel(onderdeel).label.lower()} ({nodig})")
    return RouteStand(voldaan=not open_, open=open_)


@dataclass
class AfschalenAdvies:
    mogelijk: bool
    reden: str
    onderdelen: list[str] = field(default_factory=list)


def afschalen_mogelijk(
    *,
    route: str,
    cursus_uren: Decimal,
    gehaald: Iterable[str],
    afgeschaald: Iterable[str] = (),
) -> AfschalenAdvies:
    """May afschalen be considered? Only in the B1-route, after ≥ 600 course hours,
    per language part not yet passed and not already afgeschaald (Wi art. 17,
    Bi art. 5.5). The decision itself is a new PIP version."""
    if route != Leerroute.B1:
        return AfschalenAdvies(False, "Afschalen kan alleen in de B1-route.")
    if cursus_uren < AFSCHALEN_MIN_UREN:
        return AfschalenAdvies(
            False,
            f"Nog geen {AFSCHALEN_MIN_UREN:.0f} lesuren gevolgd ({cursus_uren:.0f}).",
        )
    gehaald, afgeschaald = set(gehaald), set(afgeschaald)
    onderdelen = [o.value for o in TAALONDERDELEN if o not in gehaald and o not in afgeschaald]
    if not onderdelen:
        return AfschalenAdvies(False, "Er zijn geen onderdelen meer om af te schalen.")
    return AfschalenAdvies(True, "Afschalen kan worden overwogen.", onderdelen)


EXAMEN_PRIJS = Decimal("50.00")
"""An exam costs € 50 per attempt. Source: DUO (tarieven inburgeringsexamen)."""

EXAMEN_GRATIS_POGINGEN_ASIEL = 2
"""Asielstatushouders get 2 free attempts per exam part. Source: DUO."""


def examen_kosten(*, doelgroep: str, poging: int) -> Decimal:
    """What the inburgeraar pays for this attempt (DUO)."""
    if is_asiel(doelgroep) and poging <= EXAMEN_GRATIS_POGINGEN_ASIEL:
        return Decimal("0.00")
    return EXAMEN_PRIJS


# --- MAP and PVT ------------------------------------------------------------------------

MAP_ROUTES = frozenset({Leerroute.B1, Leerroute.Z})
"""MAP belongs to the B1-route and the Z-route only (the onderwijsroute has none).
Source: Wi art. 8; DESIGN.md §2."""

MAP_MAANDEN_NA_START: dict[str, int] = {Leerroute.B1: 6, Leerroute.Z: 9}
"""A MAP cohort fits ~6 months into the B1-route and ~9 months into the Z-route.
Source: seeds (a provider's carousel in Drenthe); DESIGN.md §2."""

MAP_STARTMAANDEN_STANDAARD = (2, 6, 10)
"""Default carousel start months: February, June, October. Source: seeds;
Aanbieder.map_startmaanden (configurable per provider)."""

PVT_MIN_UREN = Decimal(12)
"""The PVT takes at least 12 hours and ends with signing the participatieverklaring.
Source: Bi art. 3.1."""


def map_cohort_suggestie(
    *, route: str, route_start: date | None, startmaanden: Iterable[int] = ()
) -> date | None:
    """The first carousel start (1st of a start month) on/after ~6 months into the
    B1-route or ~9 months into the Z-route; None for the onderwijsroute or without a
    start date (Wi art. 8; seeds)."""
    if route not in MAP_ROUTES or route_start is None:
        return None
    maanden = sorted(set(startmaanden) & set(range(1, 13))) or list(MAP_STARTMAANDEN_STANDAARD)
    vanaf = add_months(route_start, MAP_MAANDEN_NA_START[route])
    for jaar in (vanaf.year, vanaf.year + 1):
        for m in maanden:
            kandidaat = date(jaar, m, 1)
            if kandidaat >= vanaf:
                return kandidaat
    return None  # pragma: no cover - two years always contain a start month


def map_toegestaan(route: str) -> bool:
    return route in MAP_ROUTES


def pvt_compleet(*, uren: Decimal, datum_ondertekening: date | None) -> bool:
    """PVT is done with ≥ 12 hours and a signed participatieverklaring (Bi art. 3.1)."""
    return uren >= PVT_MIN_UREN and datum_ondertekening is not None


def binnen_termijn(
    datum: date | None, termijn_start: date | None, termijn_eind: date | None
) -> bool:
    """True when ``datum`` lies within the inburgeringstermijn (Wi art. 11). Without a
    known termijn nothing can be checked yet: True."""
    if datum is None:
        return True
    if termijn_start and datum < termijn_start:
        return False
    return not (termijn_eind and datum > termijn_eind)


@dataclass(frozen=True)
class Fout:
    """One refusal: a code for tests, one clear Dutch sentence, the source."""

    code: str
    bericht: str
    bron: str


DUO_MAP_PVT = "DUO M2M README, MAP en PVT"


def verwijtbaar_nee_uiterlijk(termijn_eind: date) -> date:
    """The last date on which 'Verwijtbaar: nee' may go with a date after the termijn:
    the termijn ended within the two months before it (DUO: "'Nee' alleen als de
    einddatum van de inburgeringstermijn binnen twee maanden valt"). The two months
    start on DUO's (exclusive) einddatum, the day after our last day."""
    return periode_laatste_dag(termijn_eind + timedelta(days=1), VERWIJTBAAR_VENSTER_MAANDEN)


def datum_termijn_weigeringen(  # noqa: C901
    *,
    datum: date | None,
    wat: str,
    termijn_start: date | None,
    termijn_eind: date | None,
    verwijtbaar: str,
    today: date,
    heeft_pip: bool = True,
    z_afgerond_op: date | None = None,
    plicht_voldaan_via_z: bool = False,
) -> list[Fout]:
    """Every condition of DUO on the MAP eindgesprek date and the PVT signing date with
    'Verwijtbaar (Ja/Nee)' (DUO M2M README, sections MAP and PVT). ``termijn_eind``
    is the last day of the termijn (DUO's exclusive einddatum − 1):

    - the gemeente has a current PIP; the plicht is not yet voldaan via the Z-route;
    - withdrawing the date (empty) is not possible once the Z-route is afgerond;
    - not before the start of the termijn; not after the Z-route was afgerond; not in
      the future;
    - no verwijtbaar: no overschrijding (the date lies within the termijn);
    - a date before the end of the termijn: no verwijtbaar at all;
    - 'Ja' only with an overschrijding; 'Nee' only with an overschrijding of at most
      two months (the termijn ended within the two months before the date)."""
    fouten: list[Fout] = []
    if not heeft_pip and datum is not None:
        fouten.append(
            Fout(
                "geen_pip",
                f"De {wat} kan pas worden vastgelegd na een vastgestelde PIP.",
                DUO_MAP_PVT,
            )
        )
    if plicht_voldaan_via_z:
        fouten.append(
            Fout(
                "voldaan_via_z",
                "De inburgeringsplicht is al voldaan via de Z-route; deze datum verandert "
                "niet meer.",
                DUO_MAP_PVT,
            )
        )
    if datum is None:
        if verwijtbaar:
            fouten.append(
                Fout(
                    "verwijtbaar_zonder_datum",
                    f"Verwijtbaar kan alleen worden opgegeven met een {wat}.",
                    DUO_MAP_PVT,
                )
            )
        if z_afgerond_op is not None:
            fouten.append(
                Fout(
                    "intrekken_na_z",
                    f"De Z-route is afgerond op {z_afgerond_op:%d-%m-%Y}: de {wat} kan niet meer "
                    "worden gewist.",
                    DUO_MAP_PVT,
                )
            )
        return fouten
    if datum > today:
        fouten.append(Fout("toekomst", f"De {wat} kan niet in de toekomst liggen.", DUO_MAP_PVT))
    if termijn_start and datum < termijn_start:
        fouten.append(
            Fout(
                "voor_termijn",
                f"De {wat} ligt voor de start van de inburgeringstermijn "
                f"({termijn_start:%d-%m-%Y}).",
                DUO_MAP_PVT,
            )
        )
    if z_afgerond_op is not None and datum > z_afgerond_op:
        fouten.append(
            Fout(
                "na_z_afgerond",
                f"De {wat} ligt na de afronding van de Z-route ({z_afgerond_op:%d-%m-%Y}).",
                DUO_MAP_PVT,
            )
        )
    if termijn_eind is None:
        if verwijtbaar:
            fouten.append(
                Fout(
                    "verwijtbaar_zonder_termijn",
                    "Verwijtbaar hoort alleen bij een overschrijding van de inburgeringstermijn; "
                    "er is nog geen termijn.",
                    DUO_MAP_PVT,
                )
            )
        return fouten
    overschreden = datum > termijn_eind
    if overschreden and not verwijtbaar:
        fouten.append(
            Fout(
                "verwijtbaar_nodig",
                f"De {wat} ligt na het einde van de inburgeringstermijn "
                f"({termijn_eind:%d-%m-%Y}): geef aan of dit verwijtbaar is.",
                DUO_MAP_PVT,
            )
        )
    elif not overschreden and verwijtbaar:
        fouten.append(
            Fout(
                "verwijtbaar_binnen_termijn",
                f"De {wat} ligt binnen de inburgeringstermijn (tot en met "
                f"{termijn_eind:%d-%m-%Y}): laat 'verwijtbaar' leeg.",
                DUO_MAP_PVT,
            )
        )
    elif verwijtbaar == "nee" and datum > verwijtbaar_nee_uiterlijk(termijn_eind):
        fouten.append(
            Fout(
                "nee_te_laat",
                f"'Verwijtbaar: nee' kan alleen als de termijn binnen twee maanden voor de "
                f"{wat} eindigde (tot en met {verwijtbaar_nee_uiterlijk(termijn_eind):%d-%m-%Y}). "
                f"Kies 'ja'.",
                DUO_MAP_PVT,
            )
        )
    return fouten


def datum_termijn_fouten(**kwargs) -> list[str]:
    """The Dutch messages of :func:`datum_termijn_weigeringen`."""
    return [f.bericht for f in datum_termijn_weigeringen(**kwargs)]


DUO_BOETE_MAP_PVT = Decimal("340.00")
"""DUO's boete for a MAP or PVT not finished in time through the person's fault
(verwijtbaar: ja): € 340 each. Not for asielstatushouders since the Raad van State's
ruling of 9 July 2025 (the gemeente offers their MAP and PVT). Source: DUO
(handhaving); RvS 9-7-2025; DESIGN.md §2 (handhaving)."""


def duo_boete_map_pvt(*, verwijtbaar: str, doelgroep: str) -> tuple[Decimal | None, str]:
    """The DUO boete that may follow a MAP eindgesprek or PVT signing after the termijn
    with 'verwijtbaar: ja', for the doelgroep on the relevant date (the last day of
    the termijn, when the obligation was broken): (amount or None, explanation)."""
    if verwijtbaar != "ja":
        return None, "Geen boete: niet verwijtbaar of binnen de termijn."
    if is_asiel(doelgroep):
        return None, (
            "Geen DUO-boete voor MAP of PVT: de persoon was asielstatushouder op het einde "
            "van de termijn (Raad van State, 9 juli 2025)."
        )
    return DUO_BOETE_MAP_PVT, "DUO kan een boete van € 340 opleggen (verwijtbaar)."


VERWIJTBAAR_VENSTER_MAANDEN = 2
"""DUO: 'Verwijtbaar (Ja/Nee)' may be 'Nee' only when the termijn ends within two
months. Source: DUO M2M README (MAP, PVT)."""


# --- signals ------------------------------------------------------------------------------

MAP_UITNODIGING_DAGEN_VOOR = 14
"""Invite for the MAP 2 weeks before the cohort starts. Source: seeds (issue 5)."""

TERMIJN_SIGNALEN_MAANDEN = (6, 2)
"""Warn when the inburgeringstermijn ends in 6 and in 2 months; 2 months is DUO's
'verwijtbaar' window. Source: issue 5; DUO M2M README (MAP, PVT)."""

GEEN_UREN_SIGNAAL_DAGEN = 28
"""No hours registered for 4 weeks while the trajectory runs: ask the provider.
Source: seeds ("we hebben geen zicht op de voortgang", Dalfsen)."""


def termijn_signaal_datums(termijn_eind: date | None) -> dict[int, date]:
    """{months: date} on which the termijn-ends-soon signals fall due."""
    if termijn_eind is None:
        return {}
    return {m: add_months(termijn_eind, -m) for m in TERMIJN_SIGNALEN_MAANDEN}


def geen_uren_sinds(*, laatste: date | None, today: date) -> bool:
    return laatste is not None and (today - laatste).days >= GEEN_UREN_SIGNAAL_DAGEN


# --- hours sanity (import) ----------------------------------------------------------------

MAX_UREN_PER_DAG = Decimal(10)
"""Sanity limit: more than 10 hours of lessons/activities per calendar day in a
reported period is treated as a typing error. Source: gemeente policy (import check)."""

MAX_UREN_PER_WEEK = Decimal(40)
"""Sanity limit: more than 40 hours per week. Source: gemeente policy (import check)."""


def max_uren_periode(start: date, eind: date) -> Decimal:
    """The most hours a period can plausibly hold."""
    dagen = (eind - start).days + 1
    weken = -(-dagen // 7)
    return min(MAX_UREN_PER_DAG * dagen, MAX_UREN_PER_WEEK * weken)


# --- trajectory status and DUO inburgeringsaanbod ----------------------------------------

TRAJECT_OVERGANGEN: Mapping[str, frozenset[str]] = {
    TrajectStatus.AANGEMELD: frozenset(
        {TrajectStatus.WACHTLIJST, TrajectStatus.GESTART, TrajectStatus.GESTOPT}
    ),
    TrajectStatus.WACHTLIJST: frozenset({TrajectStatus.GESTART, TrajectStatus.GESTOPT}),
    TrajectStatus.GESTART: frozenset(
        {TrajectStatus.ONDERBROKEN, TrajectStatus.AFGEROND, TrajectStatus.GESTOPT}
    ),
    TrajectStatus.ONDERBROKEN: frozenset({TrajectStatus.GESTART, TrajectStatus.GESTOPT}),
    TrajectStatus.AFGEROND: frozenset(),
    TrajectStatus.GESTOPT: frozenset(),
}
"""The life of a trajectory at the provider (issue 5): aangemeld → (wachtlijst) →
gestart ⇄ onderbroken → afgerond or gestopt. Afgerond and gestopt are final: a new
route (schakelen) is a new trajectory."""


def traject_overgang_toegestaan(huidig: str, nieuw: str) -> bool:
    return huidig == nieuw or nieuw in TRAJECT_OVERGANGEN.get(huidig, frozenset())


def aanbod_fouten(
    *,
    doelgroep: str,
    heeft_pip: bool,
    pip_dagtekening: date | None,
    datum_aanbod: date | None,
    aanvang_taalschakeltraject: date | None,
    einde_cursus: date | None,
    termijn_start: date | None,
    termijn_eind: date | None,
) -> list[str]:
    """DUO's conditions on the inburgeringsaanbod (DUO M2M README, Inburgeringsaanbod):
    only for asielmigranten with a PIP; no date before the dagtekening of the current
    PIP; the aanvang taalschakeltraject not before the einde cursus nor before the datum
    inburgeringsaanbod; aanvang taalschakeltraject and einde cursus within the termijn."""
    datums = [d for d in (datum_aanbod, aanvang_taalschakeltraject, einde_cursus) if d]
    if not datums:
        return []
    fouten: list[str] = []
    if doelgroep not in (Doelgroep.ASIELSTATUSHOUDER, Doelgroep.NAREIZIGER):
        fouten.append("Een inburgeringsaanbod is er alleen voor asielstatushouders.")
    if not heeft_pip:
        fouten.append("Een inburgeringsaanbod kan pas na een vastgesteld PIP.")
    if pip_dagtekening and any(d < pip_dagtekening for d in datums):
        fouten.append(
            "De data van het inburgeringsaanbod liggen niet voor de dagtekening van het PIP."
        )
    if aanvang_taalschakeltraject:
        if datum_aanbod and aanvang_taalschakeltraject < datum_aanbod:
            fouten.append(
                "De aanvang van het taalschakeltraject ligt niet voor de datum inburgeringsaanbod."
            )
        if einde_cursus and aanvang_taalschakeltraject < einde_cursus:
            fouten.append("De aanvang van het taalschakeltraject ligt niet voor het einde cursus.")
    for d, naam in (
        (aanvang_taalschakeltraject, "aanvang taalschakeltraject"),
        (einde_cursus, "einde cursus"),
    ):
        if d and not binnen_termijn(d, termijn_start, termijn_eind):
            fouten.append(f"De {naam} valt buiten de inburgeringstermijn.")
    return fouten


def traject_kosten(*, doelgroep: str, prijs: Decimal | None) -> Decimal | None:
    """The gemeente buys the leerroute for asielstatushouders and nareizigers only;
    gezinsmigranten pay themselves (DUO loan). Source: Wi art. 13; DESIGN.md §2."""
    if prijs is None or not is_asiel(doelgroep):
        return None
    return prijs


__all__ = [
    "add_months",
    "afschalen_mogelijk",
    "aanbod_fouten",
    "binnen_termijn",
    "datum_termijn_fouten",
    "examen_kosten",
    "map_cohort_suggestie",
    "route_voldaan",
    "z_drempels",
    "z_voortgang",
]


UREN_GROEPEN: dict[str, frozenset[str]] = {
    "taal": frozenset({UrenSoort.TAAL_KNM, UrenSoort.INTAKE_TAAL}),
    "participatie": frozenset({UrenSoort.PARTICIPATIE, UrenSoort.MAP, UrenSoort.PVT}),
    "stage_werk": frozenset({UrenSoort.TAALSTAGE_WERK}),
}
"""The kinds of hours the policy dashboard reports together (monitoring, "uren per
persoon"): language (taal en KNM at the provider, taal during the intake), social
participation (Z-route participation, MAP, PVT) and taalstage/work. Municipal
reporting convention (Purmerend §7; Bi art. 3.14 for the Z-route's 800 + 800 hours)."""
