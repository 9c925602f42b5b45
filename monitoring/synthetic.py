"""Synthetic dossiers for scale tests and benchmarks (``generate_synthetic``).

Every dossier is created through ``casefiles.services.dossier_create`` (so the
inburgeraar, doelgroep history, timeline, access log and the intake app's PIP-clock
task are made as in real use) and moved through its stages with
``casefiles.services.dossier_change_status``. The high-volume child rows — PIP
versions, trajecten, hours, activities, outcomes, ladder measurements, begeleiding,
ontzorgen plans, gesprekken, handhaving — are written with ``bulk_create`` per batch:
going through the per-row services (PDF beschikkingen, payment runs, reminders)
would take hours for 100 000 dossiers. Everything is fictional: names from a short
list, BSNs from the 8xx xxx xxx range (elfproef-valid, never used by the demo data
or the test factories), gemeenten with CBS codes 9001 and up.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from casefiles import services as core
from casefiles.choices import (
    ActiviteitSoort,
    Doelgroep,
    DossierStatus,
    LadderBron,
    Leerroute,
    TaakStatus,
    UitstroomSoort,
)
from casefiles.models import (
    Activiteit,
    Dossier,
    Gemeente,
    Inburgeraar,
    MaatschappelijkeBegeleiding,
    ParticipatieladderMeting,
    Taak,
    Uitstroom,
)

SYNTH_CBS_START = 9001
"""Synthetic gemeenten have CBS codes 9001, 9002, … (no real gemeente uses 9xxx)."""

BSN_PREFIX_START = 80_000_000
"""Synthetic BSNs are the elfproef-valid 9-digit numbers 80000000x … 89999999x."""

VOORNAMEN = ["Amal", "Yonas", "Selam", "Omar", "Nour", "Dawit", "Rania", "Tesfay", "Lina", "Sami"]
ACHTERNAMEN = ["Synthetisch", "Proefpersoon", "Testdata", "Voorbeeld", "Fictief"]


def bsn_from_prefix(prefix: int) -> str | None:
    """The BSN with these 8 leading digits that passes the elfproef, if any."""
    digits = f"{prefix:08d}"
    s = sum(int(d) * w for d, w in zip(digits, range(9, 1, -1), strict=True))
    check = s % 11
    return None if check > 9 else f"{digits}{check}"


def synthetic_bsns(start_prefix: int):
    p = start_prefix
    while True:
        bsn = bsn_from_prefix(p)
        p += 1
        if bsn:
            yield bsn


def add_months(d: date, months: int) -> date:
    from casefiles.rules import add_months as am

    return am(d, months)


@dataclass
class Omgeving:
    actor: object
    aanbieder: object
    gemeenten: list
    vandaag: date


def omgeving(gemeenten: int) -> Omgeving:
    from leerroutes.models import Aanbieder

    actor, _ = get_user_model().objects.get_or_create(
        username="synthetisch.generator",
        defaults={"first_name": "Synthetische", "last_name": "generator", "is_active": False},
    )
    aanbieder, _ = Aanbieder.objects.get_or_create(
        duo_code="SYNTH1",
        defaults={
            "naam": "Synthetische taalaanbieder",
            "biedt_onderwijs": True,
            "prijs_b1": Decimal("11600"),
            "prijs_z": Decimal("10000"),
            "prijs_onderwijs": Decimal("17000"),
        },
    )
    lijst = []
    for i in range(gemeenten):
        code = f"{SYNTH_CBS_START + i:04d}"
        g, _ = Gemeente.objects.get_or_create(
            cbs_code=code, defaults={"naam": f"Synthetische gemeente {i + 1}"}
        )
        lijst.append(g)
    return Omgeving(actor, aanbieder, lijst, timezone.localdate())


def volgende_bsn_prefix() -> int:
    hoogste = Inburgeraar.objects.filter(bsn__gte="800000000", bsn__lte="899999999").aggregate(
        m=Max("bsn")
    )["m"]
    return int(hoogste[:8]) + 1 if hoogste else BSN_PREFIX_START


def _dag(rng: random.Random, start: date, eind: date) -> date:
    if eind <= start:
        return start
    return start + timedelta(days=rng.randint(0, (eind - start).days))


STADIA = [
    (DossierStatus.AANGEMELD, 6),
    (DossierStatus.INTAKE, 8),
    (DossierStatus.PIP, 6),
    (DossierStatus.UITVOERING, 52),
    (DossierStatus.AFGEROND, 22),
    (DossierStatus.VERHUISD, 4),
    (DossierStatus.BEEINDIGD, 2),
]
PAD = {
    DossierStatus.AANGEMELD: [],
    DossierStatus.INTAKE: [DossierStatus.INTAKE],
    DossierStatus.PIP: [DossierStatus.INTAKE, DossierStatus.PIP],
    DossierStatus.UITVOERING: [DossierStatus.INTAKE, DossierStatus.PIP, DossierStatus.UITVOERING],
    DossierStatus.AFGEROND: [
        DossierStatus.INTAKE,
        DossierStatus.PIP,
        DossierStatus.UITVOERING,
        DossierStatus.AFGEROND,
    ],
    DossierStatus.VERHUISD: [DossierStatus.INTAKE, DossierStatus.VERHUISD],
    DossierStatus.BEEINDIGD: [DossierStatus.BEEINDIGD],
}


def _feiten(env: Omgeving, rng: random.Random) -> tuple[str, bool, dict]:
    """(final stage, asiel?, key dates) of one synthetic person."""
    vandaag = env.vandaag
    stadia, gewichten = zip(*STADIA, strict=True)
    doelgroep = rng.choices(
        [
            Doelgroep.ASIELSTATUSHOUDER,
            Doelgroep.NAREIZIGER,
            Doelgroep.GEZINSMIGRANT,
            Doelgroep.OVERIGE_MIGRANT,
        ],
        [55, 10, 28, 7],
    )[0]
    asiel = doelgroep in (Doelgroep.ASIELSTATUSHOUDER, Doelgroep.NAREIZIGER)
    stadium = rng.choices(stadia, gewichten)[0]
    oud = {DossierStatus.AANGEMELD: 60, DossierStatus.INTAKE: 90, DossierStatus.PIP: 120}.get(
        stadium
    )
    if oud:
        start = vandaag - timedelta(days=rng.randint(5, oud))
    elif stadium == DossierStatus.AFGEROND:
        start = _dag(rng, date(2022, 1, 1), vandaag - timedelta(days=600))
    else:
        start = _dag(rng, date(2022, 1, 1), vandaag - timedelta(days=150))
    if rng.random() < 0.04 and stadium in (DossierStatus.UITVOERING, DossierStatus.AFGEROND):
        start = _dag(rng, date(2020, 6, 1), date(2021, 12, 31))  # Wi 2013
    vestiging = start + timedelta(days=rng.randint(0, 45))
    datums = {
        "gemeente": rng.choice(env.gemeenten),
        "doelgroep": doelgroep,
        "datum_start_plicht": start,
        "datum_duo_melding": start + timedelta(days=rng.randint(0, 20)),
        "datum_vestiging": min(vestiging, vandaag),
        "datum_koppeling": start - timedelta(days=rng.randint(10, 90)) if asiel else None,
        "datum_start_bijstand": vestiging if asiel and rng.random() < 0.8 else None,
    }
    return stadium, asiel, datums


def _persoon(bsns, rng: random.Random) -> dict:
    return {
        "bsn": next(bsns),
        "voornamen": rng.choice(VOORNAMEN),
        "achternaam": rng.choice(ACHTERNAMEN),
        "geboortedatum": date(rng.randint(1960, 2004), rng.randint(1, 12), rng.randint(1, 28)),
        "geslacht": rng.choice(["M", "V"]),
        "land_van_herkomst": rng.choice(["Syrië", "Eritrea", "Turkije", "Marokko", "Oekraïne"]),
    }


def _datums(datums: dict) -> dict:
    return {k: v for k, v in datums.items() if k.startswith("datum_")}


def _dossiers_via_services(env: Omgeving, feiten, bsns, rng) -> list[Dossier]:
    """Through the services: dossier_create (with the intake app's PIP-clock task,
    timeline and access log) and dossier_change_status along the dossier's life."""
    result = []
    for stadium, _asiel, datums in feiten:
        dossier = core.dossier_create(
            actor=env.actor,
            gemeente=datums["gemeente"],
            persoon=_persoon(bsns, rng),
            doelgroep=datums["doelgroep"],
            datums=_datums(datums),
            bron="synthetisch",
        )
        for status in PAD[stadium]:
            core.dossier_change_status(actor=env.actor, dossier=dossier, status=status)
        result.append(dossier)
    return result


def _dossiers_bulk(env: Omgeving, feiten, bsns, rng) -> list[Dossier]:
    """The same records in bulk (for benchmarks at 100 000): inburgeraar, dossier in
    its final status, doelgroep period and the PIP-clock task with the deadline of
    intake.rules.pip_deadline — without timeline, access-log and history rows."""
    from casefiles import rules as core_rules
    from casefiles.models import DoelgroepPeriode
    from intake.rules import pip_deadline

    personen = [Inburgeraar(**_persoon(bsns, rng), gemeente=f[2]["gemeente"]) for f in feiten]
    Inburgeraar.objects.bulk_create(personen, batch_size=1000)
    dossiers = []
    for (stadium, _asiel, datums), persoon in zip(feiten, personen, strict=True):
        d = Dossier(
            gemeente=datums["gemeente"],
            inburgeraar=persoon,
            doelgroep=datums["doelgroep"],
            status=stadium,
            **_datums(datums),
        )
        d.regime = core_rules.regime_for(d.datum_start_plicht)
        dossiers.append(d)
    Dossier.objects.bulk_create(dossiers, batch_size=1000)
    perioden, taken = [], []
    for d in dossiers:
        perioden.append(
            DoelgroepPeriode(
                dossier=d,
                doelgroep=d.doelgroep,
                bron="synthetisch",
                geldig_vanaf=d.datum_start_plicht,
            )
        )
        info = pip_deadline(
            regime=d.regime, duo_melding=d.datum_duo_melding, vestiging=d.datum_vestiging
        )
        if info is None:
            continue
        klaar = d.status in (DossierStatus.VERHUISD, DossierStatus.BEEINDIGD)
        taken.append(
            Taak(
                dossier=d,
                titel="PIP vaststellen",
                deadline=info.deadline,
                bron="pip_deadline",
                sleutel="pip_deadline",
                status=TaakStatus.VERVALLEN if klaar else TaakStatus.OPEN,
            )
        )
    DoelgroepPeriode.objects.bulk_create(perioden, batch_size=1000)
    Taak.objects.bulk_create(taken, batch_size=1000)
    return dossiers


def _met_gemeente(records: list) -> list:
    """``bulk_create`` skips ``save()``: set the copy of the dossier's gemeente that
    these records carry (casefiles.GemeenteVanDossier) from the dossier in memory."""
    for r in records:
        r.gemeente_id = r.dossier.gemeente_id
    return records


def batch_maken(env: Omgeving, aantal: int, bsns, rng: random.Random, *, bulk: bool = False) -> int:  # noqa: C901, PLR0912, PLR0915
    """Create ``aantal`` dossiers with their whole history, in one transaction."""
    from casefiles.participatie import laddervolgorde
    from leerroutes import urensamenvatting, urenvolgorde
    from leerroutes.choices import TrajectStatus, UrenBron, UrenSoort
    from leerroutes.models import Traject, Urenregistratie
    from ontzorgen.models import Ontzorgingsplan
    from pip_plans.choices import GesprekStatus, HandhavingSoort, Verplichting, VersieStatus
    from pip_plans.models import Handhaving, PipVersie, Voortgangsgesprek

    vandaag = env.vandaag
    pips, plannen = [], []
    later: list[tuple] = []  # (dossier, facts) for rows that need the PIP's pk
    kinderen = {
        "traject": [],
        "act": [],
        "uit": [],
        "ladder": [],
        "mb": [],
        "ontz": [],
        "hh": [],
    }
    taken_klaar: list[int] = []
    dossier_updates: list[Dossier] = []
    with transaction.atomic():
        feiten = [_feiten(env, rng) for _ in range(aantal)]
        maak = _dossiers_bulk if bulk else _dossiers_via_services
        for (stadium, asiel, datums), dossier in zip(
            feiten, maak(env, feiten, bsns, rng), strict=True
        ):
            vestiging = datums["datum_vestiging"]

            # brede intake: the ladder at intake
            if stadium != DossierStatus.AANGEMELD:
                kinderen["ladder"].append(
                    ParticipatieladderMeting(
                        dossier=dossier,
                        datum=min(vestiging + timedelta(days=rng.randint(5, 40)), vandaag),
                        trede=rng.choices([1, 2, 3, 4, 5], [15, 35, 30, 15, 5])[0],
                        bron=LadderBron.INTAKE,
                    )
                )
            if stadium not in (DossierStatus.UITVOERING, DossierStatus.AFGEROND):
                continue
            if dossier.regime != "WI2021":
                continue

            # the first PIP
            klok = datums["datum_duo_melding"]
            dagtekening = klok + timedelta(days=max(14, min(160, int(rng.gauss(52, 16)))))
            dagtekening = min(dagtekening, vandaag - timedelta(days=1))
            route = rng.choices([Leerroute.B1, Leerroute.Z, Leerroute.ONDERWIJS], [40, 38, 22])[0]
            niveau = {"b1": "B1", "onderwijs": "B1", "z": ""}[route]
            pips.append(
                PipVersie(
                    dossier=dossier,
                    nummer=1,
                    status=VersieStatus.VASTGESTELD,
                    dagtekening=dagtekening,
                    leerroute=route,
                    niveau=niveau,
                    ontzorgen=asiel and bool(datums["datum_start_bijstand"]),
                    motivatie="Synthetische data",
                    vastgesteld_op=timezone.make_aware(
                        datetime.combine(dagtekening, datetime.min.time())
                    ),
                    aangemaakt_door=env.actor,
                    vastgesteld_door=env.actor,
                )
            )
            taken_klaar.append(dossier.pk)
            dossier.termijn_start = dagtekening + timedelta(days=1)
            dossier.termijn_eind = add_months(dossier.termijn_start, 36)
            voldaan = None
            if stadium == DossierStatus.AFGEROND:
                voldaan = min(
                    add_months(dossier.termijn_start, rng.randint(14, 40)),
                    vandaag - timedelta(days=rng.randint(1, 60)),
                )
                voldaan = max(voldaan, dossier.termijn_start + timedelta(days=200))
                dossier.datum_plicht_voldaan = voldaan
            dossier_updates.append(dossier)

            # leerroute trajectory, hours
            aanmelding = min(dagtekening + timedelta(days=rng.randint(3, 30)), vandaag)
            tstart = min(aanmelding + timedelta(days=rng.randint(7, 45)), vandaag)
            teind = voldaan if voldaan and voldaan > tstart else None
            prijs = {"b1": Decimal("11600"), "z": Decimal("10000"), "onderwijs": Decimal("17000")}[
                route
            ]
            traject = Traject(
                dossier=dossier,
                route=route,
                niveau=niveau or "A1",
                aanbieder=env.aanbieder,
                status=TrajectStatus.AFGEROND if teind else TrajectStatus.GESTART,
                datum_aanmelding=aanmelding,
                datum_start=tstart,
                datum_eind=teind,
                pip_dagtekening=dagtekening,
                kosten=None if rng.random() < 0.1 else prijs + rng.randint(-800, 800),
            )
            kinderen["traject"].append(traject)
            later.append((dossier, traject, tstart, teind or vandaag, route, dagtekening))

            # participation, outcomes, ladder now
            if rng.random() < 0.72:
                soort = rng.choice(
                    [
                        ActiviteitSoort.TAALSTAGE,
                        ActiviteitSoort.VRIJWILLIGERSWERK,
                        ActiviteitSoort.WERKERVARINGSPLEK,
                        ActiviteitSoort.BETAALD_WERK,
                        ActiviteitSoort.OPLEIDING,
                    ]
                )
                astart = min(vestiging + timedelta(days=rng.randint(20, 260)), vandaag)
                aeind = astart + timedelta(days=rng.randint(90, 500))
                kinderen["act"].append(
                    Activiteit(
                        dossier=dossier,
                        soort=soort,
                        start=astart,
                        eind=aeind if aeind < vandaag else None,
                        uren_per_week=Decimal(rng.choice([4, 8, 12, 16, 24, 32])),
                    )
                )
            if voldaan:
                kans = {"b1": 0.72, "onderwijs": 0.86, "z": 0.58}[route]
                if rng.random() < kans:
                    soort = {
                        "b1": rng.choice(
                            [
                                UitstroomSoort.BETAALD_WERK_VOLTIJD,
                                UitstroomSoort.BETAALD_WERK_DEELTIJD,
                            ]
                        ),
                        "onderwijs": UitstroomSoort.REGULIERE_OPLEIDING,
                        "z": UitstroomSoort.MAATSCHAPPELIJK_ACTIEF,
                    }[route]
                    kinderen["uit"].append(
                        Uitstroom(dossier=dossier, soort=soort, datum=_dag(rng, tstart, voldaan))
                    )
            kinderen["ladder"].append(
                ParticipatieladderMeting(
                    dossier=dossier,
                    datum=_dag(rng, dagtekening, vandaag),
                    trede=rng.choices([2, 3, 4, 5, 6], [10, 30, 30, 15, 15])[0],
                    bron=LadderBron.VOORTGANGSGESPREK,
                )
            )
            if asiel:
                mbstart = vestiging
                geplande = add_months(mbstart, 18)
                eind = add_months(mbstart, rng.randint(10, 24))
                kinderen["mb"].append(
                    MaatschappelijkeBegeleiding(
                        dossier=dossier,
                        start=mbstart,
                        geplande_eind=geplande,
                        eind=eind if eind < vandaag else None,
                        consulent=None,
                    )
                )
                if datums["datum_start_bijstand"]:
                    ostart = datums["datum_start_bijstand"]
                    verlengd = rng.random() < 0.25
                    gepland = add_months(ostart, 9 if verlengd else 6)
                    plannen.append(
                        Ontzorgingsplan(
                            dossier=dossier,
                            start=ostart,
                            geplande_eind=gepland,
                            verlenging_reden="Synthetisch: verlengd" if verlengd else "",
                            eind=gepland if gepland <= vandaag else None,
                        )
                    )
            if rng.random() < 0.03:
                boete = rng.random() < 0.25
                kinderen["hh"].append(
                    Handhaving(
                        dossier=dossier,
                        soort=HandhavingSoort.BOETE if boete else HandhavingSoort.WAARSCHUWING,
                        verplichting=Verplichting.LEERROUTE,
                        reden="Synthetisch",
                        datum=_dag(rng, tstart, vandaag),
                        bedrag=Decimal(250) if boete else None,
                        bekendgemaakt_op=None if rng.random() < 0.3 else vandaag,
                    )
                )

        PipVersie.objects.bulk_create(pips, batch_size=1000)
        pip_by_dossier = {p.dossier_id: p for p in pips}
        Dossier.objects.bulk_update(
            dossier_updates,
            ["termijn_start", "termijn_eind", "datum_plicht_voldaan"],
            batch_size=1000,
        )
        if taken_klaar:
            Taak.objects.filter(dossier_id__in=taken_klaar, sleutel="pip_deadline").update(
                status=TaakStatus.AFGEROND, afgerond_op=timezone.now(), afgerond_door=env.actor
            )
        Traject.objects.bulk_create(_met_gemeente(kinderen["traject"]), batch_size=1000)
        uren, gesprekken = [], []
        for dossier, traject, tstart, teind, route, dagtekening in later:
            traject.pip_versie_id = pip_by_dossier[dossier.pk].pk
            kw = tstart
            while kw < teind:
                kw_eind = min(kw + timedelta(days=90), teind)
                taal = Decimal(rng.randint(80, 160))
                uren.append(
                    Urenregistratie(
                        dossier=dossier,
                        traject=traject,
                        aanbieder=env.aanbieder,
                        soort=UrenSoort.TAAL_KNM,
                        periode_start=kw,
                        periode_eind=kw_eind,
                        aanwezig=taal,
                        afwezig_geoorloofd=Decimal(rng.randint(0, 10)),
                        bron=UrenBron.IMPORT,
                    )
                )
                if route == "z" or rng.random() < 0.3:
                    uren.append(
                        Urenregistratie(
                            dossier=dossier,
                            traject=traject,
                            aanbieder=env.aanbieder,
                            soort=UrenSoort.PARTICIPATIE
                            if route == "z"
                            else UrenSoort.TAALSTAGE_WERK,
                            periode_start=kw,
                            periode_eind=kw_eind,
                            aanwezig=Decimal(rng.randint(40, 140)),
                            bron=UrenBron.IMPORT,
                        )
                    )
                kw = kw_eind + timedelta(days=1)
            for m in (3, 6, 12, 18, 24):
                gepland = add_months(dagtekening, m)
                if gepland > vandaag + timedelta(days=60):
                    break
                gehouden = gepland + timedelta(days=rng.choice([0, 0, 2, 5, 9, 20, 35]))
                gehouden_ok = gehouden <= vandaag
                gesprekken.append(
                    Voortgangsgesprek(
                        dossier=dossier,
                        pip_versie=pip_by_dossier[dossier.pk],
                        gepland_op=gepland,
                        status=GesprekStatus.GEHOUDEN if gehouden_ok else GesprekStatus.GEPLAND,
                        gehouden_op=gehouden if gehouden_ok else None,
                        gevoerd_door=env.actor if gehouden_ok else None,
                    )
                )
        Traject.objects.bulk_update(kinderen["traject"], ["pip_versie_id"], batch_size=1000)
        Urenregistratie.objects.bulk_create(_met_gemeente(uren), batch_size=2000)
        urenvolgorde.bijwerken(dossier_ids={u.dossier_id for u in uren})
        urensamenvatting.compacteren()  # a bulk writer folds its delta rows itself
        Voortgangsgesprek.objects.bulk_create(_met_gemeente(gesprekken), batch_size=2000)
        Activiteit.objects.bulk_create(kinderen["act"], batch_size=2000)
        Uitstroom.objects.bulk_create(_met_gemeente(kinderen["uit"]), batch_size=2000)
        ParticipatieladderMeting.objects.bulk_create(
            _met_gemeente(kinderen["ladder"]), batch_size=2000
        )
        laddervolgorde.bijwerken(dossier_ids={m.dossier_id for m in kinderen["ladder"]})
        MaatschappelijkeBegeleiding.objects.bulk_create(
            _met_gemeente(kinderen["mb"]), batch_size=2000
        )
        Ontzorgingsplan.objects.bulk_create(_met_gemeente(plannen), batch_size=2000)
        Handhaving.objects.bulk_create(_met_gemeente(kinderen["hh"]), batch_size=2000)
    return aantal
