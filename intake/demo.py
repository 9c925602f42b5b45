"""Demo intakes for the demo dossiers of ``casefiles.demo``: lopend for dossiers in
status intake, afgerond (with a chosen route) for pip, uitvoering and afgerond.
Idempotent: a dossier that already has an intake is skipped."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.db import transaction

from casefiles import demo as casefiles_demo
from casefiles.choices import DossierStatus, Leerroute, Levensdomein, TaakStatus
from casefiles.models import Dossier
from casefiles.services import taak_complete

from . import rules, selectors, services
from .choices import (
    Alfabetisering,
    DigitaleVaardigheid,
    DoelInzage,
    IntakeLocatie,
    IntakeStatus,
    LbtUitslag,
    Opleidingsniveau,
    Schulden,
)

STATUSSEN = [
    DossierStatus.INTAKE,
    DossierStatus.PIP,
    DossierStatus.UITVOERING,
    DossierStatus.AFGEROND,
]

# Three profiles whose facts lead to the B1-route, the Z-route and the onderwijsroute.
PROFIELEN = {
    Leerroute.B1: {
        "lbt_uitslag": LbtUitslag.HAALBAAR,
        "opleiding_niveau": Opleidingsniveau.BEROEPS,
        "opleiding_jaren": 12,
        "alfabetisering": Alfabetisering.ANDERS,
        "beoogde_opleiding": "",
        "diplomas": "Diploma beroepsopleiding elektrotechniek",
        "nl": ("A1", "A1", "A0", "A1"),
        "beroep": ("Elektricien", Decimal("6"), 9),
        "motivatie": "Wil zo snel mogelijk aan het werk in de techniek.",
    },
    Leerroute.Z: {
        "lbt_uitslag": LbtUitslag.NIET_HAALBAAR,
        "opleiding_niveau": Opleidingsniveau.GEEN,
        "opleiding_jaren": 0,
        "alfabetisering": Alfabetisering.ANALFABEET,
        "beoogde_opleiding": "",
        "diplomas": "",
        "nl": ("A0", "A0", "A0", "A0"),
        "beroep": ("Landbouw op het eigen bedrijf", Decimal("15"), 2),
        "motivatie": "Wil de taal leren om zelf boodschappen te doen en de kinderen te helpen.",
    },
    Leerroute.ONDERWIJS: {
        "lbt_uitslag": LbtUitslag.HAALBAAR,
        "opleiding_niveau": Opleidingsniveau.VO,
        "opleiding_jaren": 12,
        "alfabetisering": Alfabetisering.GEALFABETISEERD,
        "beoogde_opleiding": "mbo-4 Verpleegkunde",
        "diplomas": "Diploma middelbare school",
        "nl": ("A2", "A1", "A1", "A1"),
        "beroep": ("Verkoper in een winkel", Decimal("1.5"), 5),
        "motivatie": "Wil verpleegkundige worden en daarvoor een mbo-opleiding volgen.",
    },
}


def seed_demo(*, actor_for, stdout=None) -> int:
    codes = [g["cbs_code"] for g in casefiles_demo.GEMEENTEN]
    dossiers = (
        casefiles_demo.demo_dossiers()
        .filter(gemeente__cbs_code__in=codes, status__in=STATUSSEN, intakes__isnull=True)
        .select_related("inburgeraar", "gemeente", "werkcoach")
        .order_by("pk")
    )
    made = 0
    for i, dossier in enumerate(dossiers):
        _seed_intake(dossier, actor_for(dossier.gemeente), i)
        made += 1
    if stdout is not None:
        stdout.write(f"Demo: {made} brede intakes aangemaakt.")
    return made


@transaction.atomic
def _seed_intake(dossier: Dossier, actor, i: int) -> None:
    from django.utils import timezone

    today = timezone.localdate()
    persoon = dossier.inburgeraar
    basis = dossier.datum_vestiging or today - timedelta(days=30)
    asiel = dossier.is_asiel
    # Statushouders often start in the AZC, before the vestiging.
    datum = min(
        basis - timedelta(days=10)
        if asiel and dossier.datum_koppeling
        else basis + timedelta(days=14),
        today,
    )
    leeftijd = rules.leeftijd_op(persoon.geboortedatum, datum)
    route = [Leerroute.B1, Leerroute.Z, Leerroute.ONDERWIJS][i % 3]
    if route == Leerroute.ONDERWIJS and (
        leeftijd is None or leeftijd >= dossier.gemeente.onderwijsroute_max_leeftijd
    ):
        route = Leerroute.B1
    p = PROFIELEN[route]
    werkcoach = dossier.werkcoach or actor
    intake = services.intake_create(
        actor=werkcoach,
        dossier=dossier,
        datum=datum,
        locatie=IntakeLocatie.AZC if asiel and datum < basis else IntakeLocatie.GEMEENTEHUIS,
        status=IntakeStatus.LOPEND,
        tolk_ingezet=persoon.tolk_nodig,
        tolk_taal=persoon.tolk_taal,
    )
    opslaan = lambda sectie, **data: services.intake_sectie_opslaan(  # noqa: E731
        actor=werkcoach, intake=intake, sectie=sectie, data=data
    )
    opslaan("algemeen", uren=Decimal(4 + i % 5))
    opslaan("leerbaarheidstoets", lbt_datum=datum + timedelta(days=7), lbt_uitslag=p["lbt_uitslag"])
    opslaan(
        "opleiding",
        opleiding_niveau=p["opleiding_niveau"],
        opleiding_jaren=p["opleiding_jaren"],
        opleiding_land=persoon.land_van_herkomst,
        diplomas=p["diplomas"],
        waardering_aangevraagd=bool(p["diplomas"]),
        alfabetisering=p["alfabetisering"],
        beoogde_opleiding=p["beoogde_opleiding"],
    )
    lezen, luisteren, schrijven, spreken = p["nl"]
    opslaan(
        "talen",
        nl_lezen=lezen,
        nl_luisteren=luisteren,
        nl_schrijven=schrijven,
        nl_spreken=spreken,
        andere_talen=f"{persoon.moedertaal or 'onbekend'} (moedertaal)",
    )
    beroep, jaren, _ = p["beroep"]
    services.werkervaring_toevoegen(
        actor=werkcoach,
        intake=intake,
        beroep=beroep,
        jaren=jaren,
        land=persoon.land_van_herkomst or "onbekend",
    )
    opslaan(
        "motivatie",
        motivatie=p["motivatie"],
        interesses="Koken, voetbal, tuinieren.",
        competenties="Zorgvuldig, werkt graag met de handen.",
        werknemersvaardigheden="Op tijd komen gaat goed; samenwerken in een team is nieuw.",
        digitale_vaardigheden=[DigitaleVaardigheid.BASIS, DigitaleVaardigheid.REDELIJK][i % 2],
    )
    opslaan(
        "situatie",
        gezinssituatie="Alleenstaand." if i % 2 else "Getrouwd, twee kinderen op de basisschool.",
        kinderopvang_nodig=not i % 2,
        fiets=bool(i % 2),
        ov_beperkt=i % 3 == 0,
        mobiliteit_toelichting="De bus rijdt alleen op werkdagen." if i % 3 == 0 else "",
        huisvesting="Huurwoning van de corporatie.",
    )
    opslaan(
        "financien",
        schulden=[Schulden.GEEN, Schulden.GEREGELD, Schulden.ZORGELIJK][i % 3],
        signaal_ontzorgen=i % 3 == 2,
    )
    opslaan("netwerk", sociaal_netwerk="Contact met familie in Nederland en een taalmaatje.")
    opslaan("participatieladder", participatieladder=2 + i % 3)
    services.levensdomeinen_opslaan(
        actor=werkcoach,
        intake=intake,
        scores={
            Levensdomein.FINANCIEN: (3, "Vaste lasten lopen via ontzorgen."),
            Levensdomein.WELBEVINDEN: (3, "Voelt zich meestal goed."),
            Levensdomein.TAAL: (2, "Spreekt nog weinig Nederlands."),
            Levensdomein.WERK: (2 + i % 2, "Wil graag werken."),
            Levensdomein.ONTMOETEN: (3, "Gaat naar het buurthuis."),
        },
    )
    if i % 4 == 1:
        services.gezondheid_opslaan(
            actor=werkcoach,
            intake=intake,
            doel=DoelInzage.INTAKE,
            data={
                "lichamelijk": "Rugklachten; kan niet lang zitten.",
                "gevolgen": "Korte lesblokken.",
            },
        )
    if dossier.status == DossierStatus.INTAKE:
        return
    advies = selectors.advies_voor(intake=intake)
    niveau = rules.TOEGESTANE_NIVEAUS[advies.route][-1 if advies.route == Leerroute.Z else 0]
    services.intake_route_kiezen(
        actor=werkcoach,
        intake=intake,
        route=advies.route,
        niveau=niveau,
        keuze_motivatie=(
            "Volgt het advies; past bij de uitslag van de leerbaarheidstoets en de vooropleiding."
        ),
    )
    services.intake_status_wijzigen(
        actor=werkcoach, intake=intake, actie="afronden", op=min(datum + timedelta(days=21), today)
    )
    if dossier.status == DossierStatus.UITVOERING:
        taak = dossier.taken.filter(
            sleutel=services.PIP_DEADLINE_SLEUTEL, status=TaakStatus.OPEN
        ).first()
        if taak is not None:
            taak_complete(actor=werkcoach, taak=taak)
