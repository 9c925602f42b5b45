"""Demo data for ontzorgen and maatschappelijke begeleiding: ontzorgingsplannen with
3–4 fixed costs for recent asielstatushouders with bijstand, a few months of
payments (paid batches, one exported batch, one failed payment), ketenpartners,
begeleidingstrajecten and referrals. Idempotent: a gemeente that already has plans
is left alone."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from casefiles import demo as casefiles_demo
from casefiles import rules as core_rules
from casefiles.begeleiding import services as mb_services
from casefiles.choices import MBEindreden, MBIntensiteit, MBOnderwerp, Overdracht, PartnerSoort
from casefiles.models import Dossier, Gemeente, Ketenpartner

from . import rules, services
from .choices import BetalingStatus, TrainingStatus, Uitvoerder
from .models import Betaling, Ontzorgingsplan, VasteLastSoort

PARTNERS = [
    ("Welzijn {plaats}", PartnerSoort.WELZIJN, "Anja Hofman"),
    ("VluchtelingenWerk Oost-Nederland", PartnerSoort.VLUCHTELINGENWERK, "Peter Smit"),
    ("Budgetbeheer {plaats}", PartnerSoort.SCHULDHULP, "Ria Jansen"),
    ("GGD IJsselland", PartnerSoort.GEZONDHEID, ""),
]

LASTEN = [
    # (code, creditor, iban, amount, pay day)
    ("huur", "Woonconcept", "NL39RABO0300065264", Decimal("642.75"), 1),
    ("energie", "Vattenfall", "NL20INGB0001234567", Decimal("148.00"), 5),
    ("water", "Vitens", "NL02ABNA0123456789", Decimal("24.60"), 5),
    ("zorgverzekering", "Zilveren Kruis", "NL16ASNB0708381592", Decimal("139.95"), 25),
]


def _partners(gemeente: Gemeente) -> list[Ketenpartner]:
    result = []
    for naam, soort, contact in PARTNERS:
        partner, _ = Ketenpartner.objects.get_or_create(
            gemeente=gemeente,
            naam=naam.format(plaats=gemeente.naam),
            defaults={"soort": soort, "contactpersoon": contact},
        )
        result.append(partner)
    return result


@transaction.atomic
def seed_demo(*, actor_for, stdout=None) -> int:
    today = timezone.localdate()
    plannen = 0
    for gemeente in Gemeente.objects.all():
        partners = _partners(gemeente)
        if Ontzorgingsplan.objects.filter(dossier__gemeente=gemeente).exists():
            continue
        asiel = list(
            casefiles_demo.demo_dossiers()
            .filter(
                gemeente=gemeente,
                doelgroep__in=core_rules.ASIEL_DOELGROEPEN,
                status__in=core_rules.ACTIVE_STATUSES,
                consulent__isnull=False,
            )
            .select_related("consulent", "gemeente")
            .order_by("-datum_vestiging", "pk")
        )
        _seed_begeleiding(asiel[:8], partners, today)
        met_bijstand = [d for d in asiel if d.datum_start_bijstand][:4]
        for i, dossier in enumerate(met_bijstand):
            _seed_plan(dossier, partners, i, today)
            plannen += 1
        _seed_batches(gemeente, today)
    _seed_inhouding(today)
    if stdout is not None:
        stdout.write(f"Ontzorgen: {plannen} ontzorgingsplannen aangemaakt.")
    return plannen


def _seed_plan(dossier: Dossier, partners, i: int, today: date) -> None:
    actor = dossier.consulent
    budgetbeheer = i == 3
    plan = services.plan_create(
        actor=actor,
        dossier=dossier,
        uitvoerder=Uitvoerder.BUDGETBEHEER if budgetbeheer else Uitvoerder.INTERN,
        budgetbeheer_partner=partners[2] if budgetbeheer else None,
        machtiging_ontvangen_op=dossier.datum_start_bijstand,
        training_cursus="Geldzaken op orde (Humanitas)",
        training_status=[TrainingStatus.AANGEMELD, TrainingStatus.BEZIG][i % 2],
    )
    for n, (code, naam, iban, bedrag, dag) in enumerate(LASTEN):
        if n == 2 and i % 2:  # water only for half of them: 3 or 4 lines
            continue
        services.vastelast_create(
            actor=actor,
            plan=plan,
            soort=_soort(code),
            crediteur_naam=naam,
            iban=iban,
            betalingskenmerk=f"{code[:4].upper()}-{dossier.pk:05d}",
            bedrag=bedrag + i * 7,
            betaaldag=dag,
            start=plan.start,
            eind=None,
            afbouw_maand=rules.add_months(plan.start, 5)
            if (code == "energie" and i == 0)
            else None,
        )
    for maand in rules.maanden(plan.start, rules.volgende_maand(today)):
        services.betalingen_genereren(maand=maand, plan=plan, actor=actor)


def _soort(code: str) -> VasteLastSoort:
    """A cost type of the standard list (made by a data migration; created here too
    when the table was emptied, e.g. by a test database flush)."""
    naam, volgorde = next((n, v) for c, n, v in rules.STANDAARD_SOORTEN if c == code)
    return VasteLastSoort.objects.get_or_create(
        code=code, defaults={"naam": naam, "volgorde": volgorde}
    )[0]


def _seed_batches(gemeente: Gemeente, today: date) -> None:
    """Past payments went to the bank and were paid; of this month one batch is
    exported but not yet confirmed, and one payment in it failed."""
    gepland = Betaling.objects.filter(gemeente=gemeente, status=BetalingStatus.GEPLAND)
    for datum in sorted(
        set(
            gepland.filter(uitvoerdatum__lt=rules.maand_start(today)).values_list(
                "uitvoerdatum", flat=True
            )
        )
    ):
        batch = services.batch_export(
            actor=None, gemeente=gemeente, uitvoerdatum=datum, vandaag=datum
        )
        services.batch_betaald(actor=None, batch=batch, betaald_op=datum)
    eerste = gepland.order_by("uitvoerdatum").values_list("uitvoerdatum", flat=True).first()
    if eerste is None:
        return
    batch = services.batch_export(actor=None, gemeente=gemeente, uitvoerdatum=eerste)
    mislukt = batch.betalingen.order_by("id").first()
    services.betaling_status_wijzigen(
        actor=None,
        betaling=mislukt,
        status=BetalingStatus.MISLUKT,
        reden="AC04 Rekeningnummer opgeheven (nieuw IBAN van de verhuurder opvragen)",
    )


def _seed_begeleiding(dossiers: list[Dossier], partners, today: date) -> None:
    onderwerpen = [c for c, _ in MBOnderwerp.choices]
    for i, dossier in enumerate(dossiers):
        if dossier.begeleidingen.exists():
            continue
        start = dossier.datum_vestiging or today
        mb = mb_services.begeleiding_start(
            actor=dossier.consulent,
            dossier=dossier,
            start=start,
            intensiteit=[MBIntensiteit.HOOG, MBIntensiteit.MIDDEN, MBIntensiteit.LAAG][i % 3],
            vrijwilligers="Taalmaatje via VluchtelingenWerk" if i % 2 == 0 else "",
            onderwerpen=onderwerpen[: 2 + i % 5],
        )
        if mb.geplande_eind < today:
            mb_services.begeleiding_beeindigen(
                actor=dossier.consulent,
                begeleiding=mb,
                eind=mb.geplande_eind,
                eind_reden=MBEindreden.TERMIJN,
                overdracht=Overdracht.WELZIJN,
                overdracht_toelichting="Warme overdracht aan het welzijnswerk; "
                "kennismakingsgesprek samen gevoerd.",
            )
        if i < 3:
            mb_services.verwijzing_create(
                actor=dossier.consulent,
                dossier=dossier,
                partner=partners[i % 2 if i < 2 else 3],
                datum=start,
                reden=[
                    "Taalcafé en vrijwilligerswerk",
                    "Hulp bij gezinshereniging",
                    "Intake huisarts",
                ][i],
            )


def _seed_inhouding(today: date) -> None:
    """Issue 18: the withholding instruction of last month for each gemeente with paid
    payments (idempotent: only when that month has none)."""
    from django.core.exceptions import ValidationError

    from . import inhouding
    from .models import Inhoudingsopdracht

    vorige = rules.maand_start(rules.add_months(today, -1))
    for gemeente in Gemeente.objects.all():
        if Inhoudingsopdracht.objects.filter(gemeente=gemeente, maand=vorige).exists():
            continue
        actor = (
            Dossier.objects.filter(gemeente=gemeente, consulent__isnull=False)
            .values_list("consulent", flat=True)
            .first()
        )
        if actor is None:
            continue
        from django.contrib.auth import get_user_model

        try:
            inhouding.inhouding_maken(
                actor=get_user_model().objects.get(pk=actor), gemeente=gemeente, maand=vorige
            )
        except ValidationError:
            continue  # nothing paid yet
