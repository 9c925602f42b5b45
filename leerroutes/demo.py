"""Demo data for leerroutes and participation: providers, and for the demo dossiers in
uitvoering/afgerond a trajectory with hours, exams, MAP, PVT, activities and outcomes.

Idempotent: providers are matched on their DUO code; a dossier that already has demo
hours is skipped. Works whether or not the PIP demo already created a trajectory.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casefiles import demo as casefiles_demo
from casefiles.choices import (
    ActiviteitSoort,
    Contractsoort,
    DossierStatus,
    LadderBron,
    Leerroute,
    Niveau,
    UitstroomSoort,
)
from casefiles.models import Dossier, Gemeente
from casefiles.participatie import services as participatie

from . import rules, selectors, services
from .choices import Erkenning, ExamenResultaat, MapPvtStatus, TrajectStatus, UrenBron, UrenSoort
from .models import Aanbieder, Urenregistratie

AANBIEDERS = [
    {
        "duo_code": "DEMO01",
        "naam": "Taalhuis Zuidwolde (demo)",
        "gemeenten": ["1690"],
        "locaties": "Zuidwolde, Ruinen",
        "contactpersonen": "Planning: planning@taalhuis.example.invalid",
    },
    {
        "duo_code": "DEMO02",
        "naam": "Vechtdal Taal (demo)",
        "gemeenten": ["0148"],
        "locaties": "Dalfsen, Nieuwleusen",
        "contactpersonen": "Trajectbegeleiding: info@vechtdaltaal.example.invalid",
    },
    {
        "duo_code": "DEMO03",
        "naam": "NT2 Noord-Oost (demo)",
        "gemeenten": ["1690", "0148"],
        "locaties": "Zwolle, Hoogeveen",
        "contactpersonen": "Accountmanager: accounts@nt2noordoost.example.invalid",
        "biedt_onderwijs": True,
        "erkenning": Erkenning.TAALSCHAKEL,
    },
]


def _aanbieders() -> dict[str, Aanbieder]:
    result = {}
    for spec in AANBIEDERS:
        spec = dict(spec)
        gemeenten = spec.pop("gemeenten")
        a, _ = Aanbieder.objects.get_or_create(
            duo_code=spec["duo_code"],
            defaults={
                **spec,
                "contract_start": date(2025, 1, 1),
                "contract_eind": date(2028, 12, 31),
                "prijs_b1": Decimal("11600.00"),
                "prijs_z": Decimal("10400.00"),
                "prijs_onderwijs": Decimal("17000.00"),
                "prijs_map": Decimal("900.00"),
                "prijs_pvt": Decimal("350.00"),
            },
        )
        a.gemeenten.add(*Gemeente.objects.filter(cbs_code__in=gemeenten))
        result[spec["duo_code"]] = a
    return result


def seed_demo(*, actor_for, stdout=None) -> int:
    aanbieders = _aanbieders()
    today = timezone.localdate()
    n = 0
    dossiers = (
        casefiles_demo.demo_dossiers()
        .filter(status__in=[DossierStatus.UITVOERING, DossierStatus.AFGEROND])
        .select_related("gemeente", "inburgeraar")
        .order_by("pk")
    )
    for i, dossier in enumerate(dossiers):
        if Urenregistratie.objects.filter(dossier=dossier, bron=UrenBron.DEMO).exists():
            continue
        eigen = aanbieders["DEMO01" if dossier.gemeente.cbs_code == "1690" else "DEMO02"]
        aanbieder = aanbieders["DEMO03"] if i % 3 == 2 else eigen
        try:
            with transaction.atomic():
                _seed_dossier(dossier, actor_for(dossier.gemeente), aanbieder, i, today)
            n += 1
        except ValidationError as exc:  # pragma: no cover - demo must never stop the seed
            if stdout is not None:
                stdout.write(
                    f"Leerroutes-demo: dossier {dossier.pk} overgeslagen ({exc.messages[0]})"
                )
    if stdout is not None:
        stdout.write(f"Leerroutes-demo: {len(aanbieders)} aanbieders, {n} dossiers aangevuld.")
    return n


def _months(start: date, end: date):
    """(first day, last day) of each whole month from ``start`` up to ``end``."""
    d = start.replace(day=1)
    while True:
        nxt = rules.add_months(d, 1)
        last = nxt - timedelta(days=1)
        if last > end:
            return
        yield max(d, start), last
        d = nxt


def _seed_dossier(dossier: Dossier, actor, aanbieder: Aanbieder, i: int, today: date) -> None:
    afgerond = dossier.status == DossierStatus.AFGEROND
    traject = selectors.traject_actueel(dossier=dossier)
    if traject is None:
        route = Leerroute.Z if (dossier.is_asiel and i % 4 == 1) else Leerroute.B1
        niveau = Niveau.A1 if route == Leerroute.Z else Niveau.B1
        basis = dossier.termijn_start or dossier.datum_vestiging or today - timedelta(days=400)
        traject = services.traject_aanmelden(
            actor=actor,
            dossier=dossier,
            route=route,
            niveau=niveau,
            aanbieder=aanbieder if aanbieder.biedt_route(route) else None,
            datum_aanmelding=min(basis + timedelta(days=14), today - timedelta(days=60)),
        )
    start = min(
        max(traject.datum_aanmelding, dossier.termijn_start or traject.datum_aanmelding)
        + timedelta(days=21),
        today - timedelta(days=45),
    )
    if traject.status in (TrajectStatus.AANGEMELD, TrajectStatus.WACHTLIJST):
        services.traject_bijwerken(
            actor=actor, traject=traject, status=TrajectStatus.GESTART, datum_start=start
        )
    start = traject.datum_start or start
    # Hours: leave the last month open for one in five, so the "no hours" signal shows.
    tot = today.replace(day=1) - timedelta(days=1)
    if i % 5 == 4:
        tot = rules.add_months(tot, -1)
    per_maand = Decimal(70 if traject.route == Leerroute.B1 else 45)
    for van, eind in _months(start, tot):
        deel = Decimal((eind - van).days + 1) / Decimal(30)
        services.uren_registreren(
            actor=actor,
            dossier=dossier,
            soort=UrenSoort.TAAL_KNM,
            periode_start=van,
            periode_eind=eind,
            aanwezig=((per_maand - (i % 3) * 4) * deel).quantize(Decimal("1")),
            afwezig_geoorloofd=(4 * deel).quantize(Decimal("1")),
            afwezig_ongeoorloofd=Decimal(i % 3),
            aanbieder=traject.aanbieder,
            bron=UrenBron.DEMO,
            stil=True,
        )
        if traject.route == Leerroute.Z:
            services.uren_registreren(
                actor=actor,
                dossier=dossier,
                soort=UrenSoort.PARTICIPATIE,
                periode_start=van,
                periode_eind=eind,
                aanwezig=(40 * deel).quantize(Decimal("1")),
                bron=UrenBron.DEMO,
                stil=True,
            )
    maanden = (today - start).days // 30
    if traject.route in (Leerroute.B1, Leerroute.ONDERWIJS) and maanden >= 8:
        examdag = start + timedelta(days=240)
        onderdelen = ["lezen", "luisteren", "knm", "schrijven", "spreken"]
        for k, onderdeel in enumerate(onderdelen):
            behaald = afgerond or k < 3
            services.examen_registreren(
                actor=actor,
                dossier=dossier,
                onderdeel=onderdeel,
                niveau="" if onderdeel == "knm" else traject.niveau,
                datum=min(examdag + timedelta(days=7 * k), today - timedelta(days=3)),
                resultaat=ExamenResultaat.BEHAALD if behaald else ExamenResultaat.NIET_BEHAALD,
                bron=UrenBron.DEMO,
                stil=True,
            )
    # MAP (B1 and Z) and PVT
    if rules.map_toegestaan(traject.route):
        cohort = rules.map_cohort_suggestie(
            route=traject.route,
            route_start=start,
            startmaanden=traject.aanbieder.startmaanden if traject.aanbieder else (),
        )
        if cohort and cohort <= today:
            eind = cohort + timedelta(days=35)
            services.map_opslaan(
                actor=actor,
                dossier=dossier,
                aanbieder=traject.aanbieder,
                status=MapPvtStatus.GESTART,
                cohort_start=cohort,
                uren=Decimal(15),
                datum_eindgesprek=eind if eind <= today else None,
                resultaat="Wil in de zorg werken; werkervaringsplek gezocht."
                if eind <= today
                else "",
                today=today,
            )
    pvt_start = start + timedelta(days=60)
    if pvt_start <= today:
        ondertekend = pvt_start + timedelta(days=42)
        services.pvt_opslaan(
            actor=actor,
            dossier=dossier,
            aanbieder=traject.aanbieder
            if traject.aanbieder and traject.aanbieder.biedt_pvt
            else None,
            status=MapPvtStatus.GESTART,
            start=pvt_start,
            uren=Decimal(12) if ondertekend <= today else Decimal(6),
            datum_ondertekening=ondertekend if ondertekend <= today else None,
            today=today,
        )
    # Participation and outcomes
    soort = [
        ActiviteitSoort.TAALSTAGE,
        ActiviteitSoort.VRIJWILLIGERSWERK,
        ActiviteitSoort.TAALMAATJE,
        ActiviteitSoort.WERKERVARINGSPLEK,
    ][i % 4]
    participatie.activiteit_create(
        actor=actor,
        dossier=dossier,
        soort=soort,
        organisatie=["Zorgcentrum De Schoor", "Voedselbank", "VluchtelingenWerk", "Kringloop"][
            i % 4
        ],
        start=start + timedelta(days=90),
        uren_per_week=Decimal(8),
    )
    participatie.ladder_meting_create(
        actor=actor, dossier=dossier, datum=start, trede=2, bron=LadderBron.INTAKE
    )
    participatie.ladder_meting_create(
        actor=actor,
        dossier=dossier,
        datum=min(start + timedelta(days=180), today),
        trede=5 if afgerond else 3,
        bron=LadderBron.VOORTGANGSGESPREK,
    )
    if afgerond:
        werkstart = today - timedelta(days=20)
        participatie.activiteit_create(
            actor=actor,
            dossier=dossier,
            soort=ActiviteitSoort.BETAALD_WERK,
            organisatie="Bouwbedrijf Van der Veen",
            start=werkstart,
            uren_per_week=Decimal(24),
            contract=Contractsoort.TIJDELIJK,
        )
        participatie.uitstroom_create(
            actor=actor,
            dossier=dossier,
            soort=UitstroomSoort.BETAALD_WERK_DEELTIJD,
            datum=werkstart,
            toelichting="24 uur per week, tijdelijk contract",
        )
    if afgerond and traject.status == TrajectStatus.GESTART:
        services.traject_bijwerken(
            actor=actor,
            traject=traject,
            status=TrajectStatus.AFGEROND,
            datum_eind=max(start, today - timedelta(days=30)),
        )
    services.signalen_bijwerken(dossier=dossier, today=today)
