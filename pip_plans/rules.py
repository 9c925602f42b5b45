"""The law's numbers and pure checks for the PIP, its termijn, voortgangsgesprekken
and handhaving. No ORM, no I/O: every function takes plain facts.

Every constant names its source. DUO's rules for delivering a PIP come from the
DUO M2M interface description ("Het aanleveren van een PIP").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from casefiles import rules as core_rules
from casefiles.rules import TERMIJN_JAREN as TERMIJN_JAREN  # one definition
from casefiles.rules import GeenPlicht, periode_laatste_dag, termijn_laatste_dag
from casefiles.rules import add_months as add_months  # one definition

SCHAKELEN_MAANDEN = 18
"""Schakelen (changing leerroute) is possible within 1.5 years of the start of the
termijn; from the onderwijsroute to the B1-route it is always possible.
Source: Divosa Q&A schakelen tussen leerroutes (DESIGN.md §2); issue 11."""

SCHAKELEN: dict[tuple[str, str], bool] = {
    ("b1", "z"): True,
    ("z", "b1"): True,
    ("onderwijs", "z"): True,
    ("z", "onderwijs"): True,
    ("onderwijs", "b1"): False,
}
"""The route changes that are schakelen: (from, to) → whether the 1.5-year window
applies. B1 ↔ Z and onderwijs ↔ Z within the window, onderwijs → B1 at any time.
From the B1-route to the onderwijsroute is not among them. Source: Divosa Q&A
schakelen; issue 11 (the list of allowed changes)."""

AFSCHALEN_MIN_UREN = Decimal("600")
"""Afschalen from B1 to A2 (per exam part) only in the B1-route, after at least 600
attended course hours and demonstrable effort. Source: Wi 2021 art. 17; Bi 2021
art. 5.5."""

PVT_MIN_UREN = 12
"""The participatieverklaringstraject takes at least 12 hours, in every leerroute.
Source: Bi 2021 art. 3.1."""

B1_INTENSITEIT_MIN = 1
B1_INTENSITEIT_MAX = 9999
"""DUO geschatteIntensiteitB1Route: an integer 1–9999 hours, only for the B1-route
and only for asielmigranten. Source: DUO PIP API (openapi NiveauPip / PIP schema)."""

BOETE_MAX = Decimal("800.00")
"""The gemeente's bestuurlijke boete for breaking PIP obligations (including not
appearing at the brede intake) is at most € 800; a last resort, only after the
person was demonstrably informed. Source: Wet inburgering 2021, handhaving door
het college (DESIGN.md §2 'handhaving')."""

BEZWAAR_WEKEN = 6
"""Bezwaar against a beschikking within six weeks of the day after it was sent.
Source: Algemene wet bestuursrecht art. 6:7 and 6:8."""

HERINNERING_CLAIM_TIMEOUT = timedelta(minutes=15)
"""A reminder claim that was not marked sent within this time is considered lost
(the worker died between claim and send) and may be taken over by a later sweep.
Our own operational choice: far longer than one e-mail send takes."""


def termijn_for(dagtekening: date) -> tuple[date, date]:
    """(start, last day) of the inburgeringstermijn for the first PIP's dagtekening:
    start is the day after the dagtekening, the last day three years later minus one
    (Wi 2021 art. 11; casefiles.rules.termijn_laatste_dag). DUO may later extend it;
    that end date is stored as DUO gives it (minus one day: DUO's is exclusive)."""
    start = dagtekening + timedelta(days=1)
    return start, termijn_laatste_dag(start)


def schakelen_uiterlijk(termijn_start: date) -> date:
    """Last day on which schakelen is still allowed: 1.5 years after the start of
    the termijn, minus one day (casefiles.rules.periode_laatste_dag)."""
    return periode_laatste_dag(termijn_start, SCHAKELEN_MAANDEN)


def gesprek_data(
    *,
    vanaf: date,
    maanden: list[int],
    interval: int,
    tot: date | None,
) -> list[date]:
    """Dates of the voortgangsgesprekken: ``maanden`` after ``vanaf`` (gemeente
    policy, default 3, 6 and 12), then every ``interval`` months until ``tot``
    (the end of the termijn). Source: gemeente policy (Dalfsen: at least two in the
    first year, then every six months); *configurable* per gemeente."""
    data = sorted({add_months(vanaf, m) for m in maanden if m > 0})
    if tot is None:
        tot = add_months(vanaf, 12 * TERMIJN_JAREN)
    data = [d for d in data if d <= tot]
    if interval > 0:
        laatste_maand = max([m for m in maanden if m > 0], default=0)
        m = laatste_maand + interval
        while True:
            d = add_months(vanaf, m)
            if d > tot:
                break
            data.append(d)
            m += interval
    return data


def herinneringen_due(*, gepland_op: date, today: date, dagen_vooraf: int) -> list[str]:
    """Which reminders are due today for a planned gesprek: "vooraf" from
    ``dagen_vooraf`` days before until the day itself, "te_laat" from the day after.
    ``dagen_vooraf`` is the gemeente's ``herinnering_dagen`` (default 7)."""
    kinds = []
    if gepland_op - timedelta(days=dagen_vooraf) <= today <= gepland_op:
        kinds.append("vooraf")
    if today > gepland_op:
        kinds.append("te_laat")
    return kinds


# --- vaststellen ---------------------------------------------------------------------


@dataclass(frozen=True)
class Weigering:
    """One reason why a PIP cannot be vastgesteld: a code for tests, a clear Dutch
    message for the werkcoach, and the source of the rule."""

    code: str
    bericht: str
    bron: str


@dataclass
class VaststellingFeiten:
    """Everything the vaststellen check needs, as plain values."""

    regime: str
    dagtekening: date | None
    vandaag: date
    leerroute: str
    niveau: str
    reden: str
    is_asiel: bool
    heeft_bijstand: bool
    datum_start_plicht: date | None = None
    datum_vestiging: date | None = None
    eerste_pip: bool = True
    vorige_dagtekening: date | None = None
    eerste_dagtekening: date | None = None
    vorige_leerroute: str = ""
    vorige_niveau: str = ""
    termijn_start: date | None = None
    cursus_uren: Decimal | None = None
    geschatte_intensiteit_b1: int | None = None
    pvt_uren: int | None = None
    heeft_map: bool = False
    heeft_mb: bool = False
    heeft_ontzorgen: bool = False
    participatiewet: str = ""
    motivatie: str = ""
    aantal_doelen: int = 0
    aantal_doelen_concepttekst: int = 0
    aanbieder_voor_gemeente: bool = True
    aanbieder_biedt_route: bool = True
    geen_plicht: GeenPlicht | None = None
    eerdere_pip_elders: bool = False
    elders_leerroute: str = ""
    heeft_postadres: bool = True
    extra: dict = field(default_factory=dict)

    @property
    def eerste_pip_persoon(self) -> bool:
        """The first PIP for the person in ANY gemeente (DUO's niveau rule)."""
        return self.eerste_pip and not self.eerdere_pip_elders


DUO = "DUO M2M, Het aanleveren van een PIP"

DOEL_CONCEPT_PREFIX = "Doel voor "
"""A PIP drafted from the intake gets one goal per life domain with this provisional
title; vaststellen refuses while one is left (a beschikking needs real goals)."""


def _fmt(d: date) -> str:
    maanden = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ]
    return f"{d.day} {maanden[d.month - 1]} {d.year}"


def vaststellen_weigeringen(f: VaststellingFeiten) -> list[Weigering]:  # noqa: C901, PLR0912
    """Every reason why this PIP version cannot be vastgesteld (empty: it can).

    All refusals are returned at once, so the werkcoach can fix them in one go."""
    w: list[Weigering] = []
    geen = f.geen_plicht or core_rules.geen_plicht(regime=f.regime, op=f.dagtekening or f.vandaag)
    if geen is not None:
        # No plicht: no PIP at all. This one reason says it all; the others would
        # only distract (Wi art. 3–6, 15).
        return [Weigering(geen.code, geen.bericht, geen.bron)]
    if f.dagtekening is None:
        w.append(Weigering("dagtekening_leeg", "Vul de dagtekening van de PIP in.", DUO))
    else:
        if f.dagtekening > f.vandaag:
            w.append(
                Weigering(
                    "dagtekening_toekomst",
                    "De dagtekening ligt in de toekomst. Een PIP wordt vastgesteld op de dag "
                    "zelf of met een dagtekening in het verleden.",
                    "Awb art. 3:40 (een besluit treedt in werking na bekendmaking)",
                )
            )
        if f.datum_start_plicht and f.dagtekening < f.datum_start_plicht:
            w.append(
                Weigering(
                    "voor_start_plicht",
                    f"De dagtekening ligt voor de start van de inburgeringsplicht "
                    f"({_fmt(f.datum_start_plicht)}).",
                    DUO,
                )
            )
        if f.datum_vestiging and f.dagtekening < f.datum_vestiging:
            w.append(
                Weigering(
                    "voor_vestiging",
                    f"De dagtekening ligt voor de vestiging in de gemeente "
                    f"({_fmt(f.datum_vestiging)}).",
                    DUO,
                )
            )
        for label, vorige in (
            ("de vorige PIP", f.vorige_dagtekening),
            ("de eerste PIP", f.eerste_dagtekening),
        ):
            if vorige and f.dagtekening < vorige:
                w.append(
                    Weigering(
                        "voor_vorige_pip",
                        f"De dagtekening ligt voor de dagtekening van {label} ({_fmt(vorige)}).",
                        DUO,
                    )
                )
                break
    if not f.leerroute:
        w.append(Weigering("leerroute_leeg", "Kies een leerroute.", "Wi 2021 art. 15"))
    if f.leerroute in ("b1", "onderwijs") and not f.niveau:
        w.append(
            Weigering(
                "niveau_leeg",
                "Kies het niveau (A2 of B1) dat bij deze leerroute hoort.",
                DUO,
            )
        )
    if f.leerroute == "onderwijs" and f.niveau == "A2":
        w.append(Weigering("a2_onderwijs", "Niveau A2 kan niet samen met de onderwijsroute.", DUO))
    if f.leerroute == "z" and f.niveau == "B1":
        w.append(Weigering("b1_z", "Niveau B1 kan niet samen met de Z-route.", DUO))
    if f.leerroute == "b1" and f.niveau == "A2" and f.eerste_pip_persoon:
        w.append(
            Weigering(
                "a2_eerste_b1",
                "In de eerste PIP van de B1-route is het niveau altijd B1. Niveau A2 kan "
                "alleen later, na afschalen.",
                DUO + " (de eerste PIP van de persoon, in welke gemeente ook)",
            )
        )
    if f.geschatte_intensiteit_b1 is not None:
        if f.leerroute != "b1" or not f.is_asiel:
            w.append(
                Weigering(
                    "intensiteit_niet_toegestaan",
                    "De geschatte intensiteit van de B1-route geldt alleen voor de B1-route "
                    "bij asielstatushouders. Laat dit veld leeg.",
                    DUO,
                )
            )
        elif not B1_INTENSITEIT_MIN <= f.geschatte_intensiteit_b1 <= B1_INTENSITEIT_MAX:
            w.append(
                Weigering(
                    "intensiteit_bereik",
                    "De geschatte intensiteit ligt tussen 1 en 9999 uur.",
                    DUO,
                )
            )
    if f.pvt_uren is not None and f.pvt_uren < PVT_MIN_UREN:
        w.append(
            Weigering(
                "pvt_uren",
                f"Het participatieverklaringstraject duurt minstens {PVT_MIN_UREN} uur.",
                "Bi 2021 art. 3.1",
            )
        )
    if f.heeft_map and f.leerroute == "onderwijs":
        w.append(
            Weigering(
                "map_onderwijs",
                "In de onderwijsroute is er geen Module Arbeidsmarkt en Participatie (MAP). "
                "Haal de MAP-afspraken weg.",
                "Wi 2021 art. 8",
            )
        )
    if (f.heeft_mb or f.heeft_ontzorgen) and not f.is_asiel:
        w.append(
            Weigering(
                "alleen_asiel",
                "Maatschappelijke begeleiding en ontzorgen zijn alleen voor "
                "asielstatushouders en nareizigers.",
                "Wi 2021 art. 13; Participatiewet art. 56a",
            )
        )
    if f.heeft_bijstand and not f.participatiewet.strip():
        w.append(
            Weigering(
                "participatiewet_leeg",
                "Deze persoon heeft bijstand. Zet de verplichtingen uit de Participatiewet "
                "in het PIP.",
                "Wi 2021 art. 15",
            )
        )
    if not f.motivatie.strip():
        w.append(
            Weigering(
                "motivatie_leeg",
                "Schrijf op waarom voor deze leerroute is gekozen (leerbaarheidstoets, "
                "advies, intake).",
                "Wi 2021 art. 15; RvS ECLI:NL:RVS:2024:5413",
            )
        )
    if not f.aanbieder_voor_gemeente:
        w.append(
            Weigering(
                "aanbieder_gemeente",
                "Deze taalaanbieder werkt niet voor uw gemeente. Kies een andere aanbieder.",
                "Wi 2021 art. 13 (de gemeente koopt de leerroute in)",
            )
        )
    elif not f.aanbieder_biedt_route:
        w.append(
            Weigering(
                "aanbieder_route",
                "Deze taalaanbieder biedt deze leerroute niet aan. Kies een andere aanbieder.",
                "DUO M2M, Inburgeringsaanbod (erkende instelling per route)",
            )
        )
    if f.aantal_doelen == 0:
        w.append(
            Weigering(
                "geen_doelen",
                "Voeg minstens één doel toe, met acties en wie wat doet.",
                "Wi 2021 art. 15",
            )
        )
    if f.aantal_doelen_concepttekst:
        w.append(
            Weigering(
                "doelen_concepttekst",
                "Nog niet alle doelen zijn ingevuld: vervang de voorlopige tekst "
                f"'{DOEL_CONCEPT_PREFIX}…' door het echte doel.",
                "Wi 2021 art. 15 (het PIP bevat de afspraken en doelen)",
            )
        )
    w.extend(_wijziging_weigeringen(f))
    if not f.heeft_postadres:
        w.append(
            Weigering(
                "postadres",
                "Het postadres van de inburgeraar ontbreekt. De beschikking wordt naar de "
                "inburgeraar gestuurd: vul straat, huisnummer, postcode en woonplaats in bij "
                "'Gegevens wijzigen'.",
                "Awb art. 3:41 (bekendmaking door toezending)",
            )
        )
    return w


ROUTE_NAAM = {"b1": "B1-route", "onderwijs": "onderwijsroute", "z": "Z-route"}


def _eerste_in_gemeente(f: VaststellingFeiten) -> list[Weigering]:
    """The first PIP in this gemeente: 'Eerste PIP' for a person without any earlier
    PIP; 'Verhuizing' (same leerroute, same termijn) for a person who had a PIP in
    another gemeente (Wi art. 11 lid 2–3; DESIGN.md §4)."""
    if f.eerdere_pip_elders:
        if f.reden != "verhuizing":
            return [
                Weigering(
                    "reden_verhuizing",
                    "Deze persoon had al een PIP in een andere gemeente. Kies als reden "
                    "'Verhuizing': de termijn en de leerroute lopen door.",
                    "Wi 2021 art. 11 lid 2–3; Schulinck (verhuizing)",
                )
            ]
        if f.elders_leerroute and f.leerroute and f.leerroute != f.elders_leerroute:
            return [
                Weigering(
                    "verhuizing_andere_route",
                    f"Bij een verhuizing blijft de leerroute gelijk: de "
                    f"{ROUTE_NAAM.get(f.elders_leerroute, f.elders_leerroute)}. Een andere "
                    f"leerroute kiest u daarna met een PIP-wijziging 'Schakelen'.",
                    "Schulinck; Divosa Q&A (verhuizing houdt de leerroute)",
                )
            ]
        return []
    if f.reden == "verhuizing":
        return [
            Weigering(
                "verhuizing_zonder_gegevens",
                "Er is geen PIP van een vorige gemeente bekend. Leg eerst de gegevens van de "
                "vorige gemeente vast (dagtekening eerste PIP, termijn, leerroute), of kies "
                "als reden 'Eerste PIP'.",
                "Wi 2021 art. 11 lid 2–3",
            )
        ]
    if f.reden != "initieel":
        return [
            Weigering(
                "reden_eerste",
                "Dit is de eerste PIP in deze gemeente. Kies als reden 'Eerste PIP' of "
                "'Verhuizing'.",
                "Wi 2021 art. 15",
            )
        ]
    return []


def schakelen_weigering(
    *, van: str, naar: str, dagtekening: date | None, termijn_start: date | None
) -> Weigering | None:
    """Why this route change cannot be vastgesteld as schakelen, or None (SCHAKELEN;
    the window ends on schakelen_uiterlijk(termijn_start), inclusive)."""
    if (van, naar) not in SCHAKELEN:
        return Weigering(
            "schakelen_niet_toegestaan",
            f"Van de {ROUTE_NAAM.get(van, van)} naar de {ROUTE_NAAM.get(naar, naar)} "
            f"schakelen kan niet.",
            "Divosa Q&A schakelen; issue 11",
        )
    if SCHAKELEN[(van, naar)] and termijn_start and dagtekening:
        grens = schakelen_uiterlijk(termijn_start)
        if dagtekening > grens:
            return Weigering(
                "schakelen_te_laat",
                f"Schakelen van de {ROUTE_NAAM[van]} naar de {ROUTE_NAAM[naar]} kan tot en met "
                f"{_fmt(grens)}: anderhalf jaar na de start van de inburgeringstermijn. "
                f"Alleen van de onderwijsroute naar de B1-route kan altijd.",
                "Divosa Q&A schakelen (1,5 jaar)",
            )
    return None


def _wijziging_weigeringen(f: VaststellingFeiten) -> list[Weigering]:
    """The reason of a version and what changes with it. Each refusal names one
    thing to do and never refers to another refusal:

    - another route than the previous PIP is schakelen (also when the level goes
      from B1 to A2 with it: B1 → Z at A2 is schakelen, not afschalen);
    - B1 → A2 within the B1-route is afschalen (≥ 600 hours, Wi art. 17)."""
    if f.eerste_pip:
        return _eerste_in_gemeente(f)
    w: list[Weigering] = []
    route_anders = bool(f.vorige_leerroute) and f.leerroute != f.vorige_leerroute
    if f.reden == "initieel":
        w.append(
            Weigering(
                "reden_initieel",
                "Er is al een vastgestelde PIP. Kies een reden voor de wijziging.",
                "Wi 2021 art. 15",
            )
        )
    elif route_anders and f.reden not in ("schakelen", "afschalen"):
        w.append(
            Weigering(
                "route_zonder_schakelen",
                f"De leerroute verandert van de "
                f"{ROUTE_NAAM.get(f.vorige_leerroute, f.vorige_leerroute)} naar de "
                f"{ROUTE_NAAM.get(f.leerroute, f.leerroute)}. Dat is schakelen: kies als "
                f"reden 'Schakelen'.",
                "Schulinck; Divosa Q&A schakelen",
            )
        )
    if f.reden == "schakelen":
        if not route_anders:
            w.append(
                Weigering(
                    "schakelen_zelfde_route",
                    "Bij schakelen kiest u een andere leerroute dan in de vorige PIP.",
                    "Divosa Q&A schakelen",
                )
            )
        else:
            weigering = schakelen_weigering(
                van=f.vorige_leerroute,
                naar=f.leerroute,
                dagtekening=f.dagtekening,
                termijn_start=f.termijn_start,
            )
            if weigering is not None:
                w.append(weigering)
    niveau_omlaag = (
        not route_anders and f.leerroute == "b1" and f.vorige_niveau == "B1" and f.niveau == "A2"
    )
    if niveau_omlaag and f.reden not in ("afschalen", "initieel"):
        w.append(
            Weigering(
                "niveau_omlaag_zonder_afschalen",
                "Het niveau gaat in de B1-route van B1 naar A2. Dat is afschalen: kies als "
                "reden 'Afschalen'.",
                "Wi 2021 art. 17",
            )
        )
    if f.reden == "afschalen":
        if f.leerroute != "b1" or f.vorige_leerroute != "b1":
            w.append(
                Weigering(
                    "afschalen_niet_b1",
                    "Afschalen kan alleen binnen de B1-route. Een andere leerroute kiest u "
                    "met de reden 'Schakelen'.",
                    "Wi 2021 art. 17; Bi 2021 art. 5.5",
                )
            )
        elif f.niveau != "A2":
            w.append(
                Weigering(
                    "afschalen_niveau",
                    "Bij afschalen wordt het niveau A2.",
                    "Wi 2021 art. 17",
                )
            )
        elif f.cursus_uren is None:
            w.append(
                Weigering(
                    "afschalen_uren_onbekend",
                    f"Het aantal gevolgde lesuren is niet bekend. Afschalen kan pas na "
                    f"minstens {AFSCHALEN_MIN_UREN} uur les; leg eerst de uren vast bij de "
                    f"leerroute.",
                    "Wi 2021 art. 17; Bi 2021 art. 5.5",
                )
            )
        elif f.cursus_uren < AFSCHALEN_MIN_UREN:
            w.append(
                Weigering(
                    "afschalen_te_weinig_uren",
                    f"Afschalen kan pas na minstens {AFSCHALEN_MIN_UREN} uur les. Nu zijn "
                    f"er {f.cursus_uren.normalize():f} uur gevolgd.",
                    "Wi 2021 art. 17; Bi 2021 art. 5.5",
                )
            )
    return w


# --- handhaving ----------------------------------------------------------------------


def handhaving_weigeringen(
    *,
    soort: str,
    bedrag: Decimal | None,
    datum: date,
    vandaag: date,
    datum_overtreding: date | None,
    eerdere_waarschuwing: date | None,
    boete_zonder_waarschuwing: bool,
) -> dict[str, str]:
    """Field → Dutch message for every reason a handhaving record is not allowed.

    A boete is at most € 800 (BOETE_MAX) and needs an earlier waarschuwing unless
    the gemeente's policy (``boete_zonder_waarschuwing``) says otherwise (the boete
    is a last resort, only after the person was demonstrably informed)."""
    fouten: dict[str, str] = {}
    if datum > vandaag:
        fouten["datum"] = "De datum van het besluit ligt in de toekomst."
    if datum_overtreding and datum_overtreding > datum:
        fouten["datum_overtreding"] = "De overtreding kan niet na het besluit liggen."
    if soort == "waarschuwing":
        if bedrag:
            fouten["bedrag"] = "Een waarschuwing heeft geen bedrag."
        return fouten
    if bedrag is None or bedrag <= 0:
        fouten["bedrag"] = "Vul het bedrag van de boete in."
    elif bedrag > BOETE_MAX:
        fouten["bedrag"] = "Een bestuurlijke boete van de gemeente is maximaal € 800,00."
    if not boete_zonder_waarschuwing and (
        eerdere_waarschuwing is None or eerdere_waarschuwing >= datum
    ):
        fouten["soort"] = (
            "Een boete kan pas na een eerdere schriftelijke waarschuwing. Leg eerst een "
            "waarschuwing vast."
        )
    return fouten
