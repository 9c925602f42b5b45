"""Demo data around the plan (issue 18), called at the end of ``casefiles.demo.seed``:
the De Wolden first-steps list and checklists for new dossiers, a VluchtelingenWerk
coach with a dossier shared on consent, volunteers with a match and a signal, a
household with children, and other costs. Idempotent: each part checks what exists.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from . import rules
from .choices import DeelOnderdeel, DossierStatus, PartnerSoort, StartstapStatus
from .models import (
    Deling,
    Dossier,
    Gemeente,
    Ketenpartner,
    Kostenpost,
    PartnerMedewerker,
    StartstapSjabloon,
    Vrijwilliger,
)

VWN = "VluchtelingenWerk Oost-Nederland"


def seed(*, users_per_gemeente: dict, stdout=None) -> None:
    from .gezin.services import gezin_signalen_sweep
    from .startchecklist import rules as start_rules

    today = timezone.localdate()
    for gemeente, users in users_per_gemeente.items():
        if gemeente.cbs_code == "1690":  # De Wolden: its own list (the default list)
            for i, (code, naam, weken) in enumerate(start_rules.STANDAARD_STAPPEN, start=1):
                StartstapSjabloon.objects.get_or_create(
                    gemeente=gemeente,
                    code=code,
                    defaults={"naam": naam, "termijn_weken": weken, "volgorde": i * 10},
                )
        _checklists(gemeente, users, today)
        dossier = _gedeeld_dossier(gemeente)
        if dossier is not None:
            _partner(gemeente, users, dossier, today)
            _gezin(dossier, today)
            _vrijwilligers(gemeente, users, dossier, today)
        _kosten(gemeente, users, today)
    gezin_signalen_sweep(today=today)
    if stdout is not None:
        stdout.write("Rond het plan: startchecklists, ketenpartner, gezin, vrijwilligers, kosten.")


def _demo():
    """Only the demo's own dossiers: re-running the demo never changes a dossier a
    user made (casefiles.demo.demo_dossiers)."""
    from .demo import demo_dossiers

    return demo_dossiers()


def _checklists(gemeente: Gemeente, users, today: date) -> None:
    from .startchecklist import services

    nieuw = (
        _demo()
        .filter(
            gemeente=gemeente,
            status__in=[DossierStatus.AANGEMELD, DossierStatus.INTAKE, DossierStatus.PIP],
            startstappen__isnull=True,
        )
        .order_by("pk")
    )
    for i, dossier in enumerate(nieuw):
        actor = dossier.consulent or users["werkcoach"]
        services.startchecklist_aanmaken(actor=actor, dossier=dossier)
        for stap in list(dossier.startstappen.order_by("volgorde"))[: i % 5]:
            services.startstap_bijwerken(
                actor=actor, stap=stap, status=StartstapStatus.GEREGELD, datum=today
            )


def _gedeeld_dossier(gemeente: Gemeente) -> Dossier | None:
    """The dossier shared with VluchtelingenWerk: the one shared before (other demos
    move dossiers on, so "the first in uitvoering" changes between runs), else the
    first asielstatushouder in uitvoering."""
    eerder = (
        _demo()
        .filter(gemeente=gemeente, delingen__partner__naam=VWN)
        .select_related("inburgeraar", "consulent")
        .order_by("pk")
        .first()
    )
    if eerder is not None:
        return eerder
    return (
        _demo()
        .filter(
            gemeente=gemeente,
            doelgroep__in=rules.ASIEL_DOELGROEPEN,
            status=DossierStatus.UITVOERING,
            consulent__isnull=False,
        )
        .select_related("inburgeraar", "consulent")
        .order_by("pk")
        .first()
    )


def _partner(gemeente: Gemeente, users, dossier: Dossier, today: date) -> None:
    from .begeleiding import services as mb_services
    from .partners import services

    vwn, _ = Ketenpartner.objects.get_or_create(
        gemeente=gemeente,
        naam=VWN,
        defaults={"soort": PartnerSoort.VLUCHTELINGENWERK, "contactpersoon": "Peter Smit"},
    )
    PartnerMedewerker.objects.get_or_create(user=users["partner"], partner=vwn)
    if Deling.objects.filter(dossier=dossier, partner=vwn).exists():
        return
    services.deling_create(
        actor=dossier.consulent,
        dossier=dossier,
        partner=vwn,
        onderdelen=list(DeelOnderdeel.values),
        toestemming_datum=today - timedelta(days=30),
        toestemming_vorm="schriftelijk",
        toestemming_toelichting="Toestemmingsformulier getekend in het kennismakingsgesprek.",
        geldig_van=today - timedelta(days=30),
        geldig_tot=today + timedelta(days=335),
    )
    if not dossier.verwijzingen.filter(partner=vwn).exists():
        mb_services.verwijzing_create(
            actor=dossier.consulent,
            dossier=dossier,
            partner=vwn,
            datum=today - timedelta(days=7),
            reden="Praktische hulp bij post en administratie; maatje zoeken",
        )


def _gezin(dossier: Dossier, today: date) -> None:
    persoon = dossier.inburgeraar
    if persoon.gezinsleden.filter(relatie="partner").exists():
        return
    persoon.gezinsleden.create(
        relatie="partner",
        naam=f"Partner {persoon.achternaam}",
        rol_in_plan="Volgt ook de inburgering; zorgt nu vooral voor de kinderen",
    )
    persoon.gezinsleden.create(
        relatie="kind",
        naam=f"Yonas {persoon.achternaam}",
        geboortedatum=rules.add_months(today, -12 * 18 + 1),  # turns 18 next month
        school="Deltion College",
        leerplicht_status="ingeschreven",
    )
    persoon.gezinsleden.create(
        relatie="kind",
        naam=f"Sara {persoon.achternaam}",
        geboortedatum=rules.add_months(today, -47),  # nearly 4, no school yet
        vve_status="vve",
    )


def _vrijwilligers(gemeente: Gemeente, users, dossier: Dossier, today: date) -> None:
    from .vrijwilligers import services

    register = [
        (
            "Joke Bakker",
            "taalmaatje",
            rules.add_months(today, -8),
            "Taalmaatje (Het Begint met Taal)",
        ),
        ("Henk Mulder", "buddy", rules.add_months(today, -14), "Maatjestraining VluchtelingenWerk"),
        ("Ineke de Boer", "thuisadministratie", rules.add_months(today, -40), "Thuisadministratie"),
    ]
    vrijwilligers = []
    for naam, soort, vog, training in register:
        v, _ = Vrijwilliger.objects.get_or_create(
            gemeente=gemeente,
            naam=naam,
            defaults={
                "soort": soort,
                "vog_datum": vog,
                "training": training,
                "training_datum": vog,
            },
        )
        vrijwilligers.append(v)
    if dossier.vrijwilliger_koppelingen.exists():
        return
    k = services.koppeling_create(
        actor=dossier.consulent,
        dossier=dossier,
        vrijwilliger=vrijwilligers[0],
        soort="taalmaatje",
        start=today - timedelta(days=60),
        doel="Wekelijks een uur Nederlands oefenen",
    )
    services.signaal_create(
        actor=dossier.consulent,
        koppeling=k,
        datum=today - timedelta(days=1),
        omschrijving="Er liggen ongeopende brieven van de zorgverzekeraar.",
    )


def _kosten(gemeente: Gemeente, users, today: date) -> None:
    from .kosten import services

    if Kostenpost.objects.filter(gemeente=gemeente).exists():
        return
    dossiers = list(
        _demo().filter(gemeente=gemeente, status=DossierStatus.UITVOERING).order_by("pk")[:8]
    )
    regels = [
        ("reiskosten", "participatiebudget", Decimal("46.80"), "Buskaart naar de taalschool"),
        ("tolk", "uitvoeringskosten", Decimal("65.00"), "Tolk bij het voortgangsgesprek"),
        ("kinderopvang", "participatiebudget", Decimal("180.00"), "Kinderopvang tijdens de lessen"),
        ("materiaal", "uitvoeringskosten", Decimal("39.95"), "Lesboek B1"),
    ]
    for i, dossier in enumerate(dossiers):
        soort, budget, bedrag, omschrijving = regels[i % len(regels)]
        services.kostenpost_create(
            actor=users["werkcoach"],
            dossier=dossier,
            soort=soort,
            budget=budget,
            datum=today - timedelta(days=10 + i * 9),
            bedrag=bedrag,
            omschrijving=omschrijving,
        )


def demo_users(gemeente_slug: str) -> dict:
    User = get_user_model()
    return {
        slug: User.objects.get(username=f"{slug}.{gemeente_slug}")
        for slug in ("werkcoach", "consulent", "partner")
    }
