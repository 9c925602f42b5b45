"""Every write of ontzorgen. Views, the admin, Celery tasks and the demo call these
functions, each with an explicit ``actor`` (``None`` for the beat job)."""

from __future__ import annotations

import logging
import time
import uuid
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from casefiles import locking
from casefiles.choices import DossierStatus, TaakBron
from casefiles.models import Dossier, Gemeente
from casefiles.services import gebeurtenis_record, taak_cancel, taak_upsert

from . import rules, sepa
from .choices import BatchStatus, BetalingStatus, Uitvoerder
from .models import Batch, Betaling, Ontzorgingsplan, VasteLast

logger = logging.getLogger(__name__)

PLAN_FIELDS = frozenset(
    {
        "geplande_eind",
        "verlenging_reden",
        "eind",
        "uitvoerder",
        "budgetbeheer_partner",
        "machtiging_ontvangen_op",
        "training_cursus",
        "training_status",
    }
)
LAST_FIELDS = frozenset(
    {
        "soort",
        "crediteur_naam",
        "iban",
        "betalingskenmerk",
        "bedrag",
        "betaaldag",
        "start",
        "eind",
        "afbouw_maand",
    }
)


def _maand_label(d: date) -> str:
    return date_format(d, "F Y")


def _sleutel_evaluatie(plan: Ontzorgingsplan) -> str:
    return f"ontzorgen-{plan.pk}-evaluatie"


def _sleutel_nazorg(plan: Ontzorgingsplan) -> str:
    return f"ontzorgen-{plan.pk}-nazorg"


def _sleutel_betaling(betaling: Betaling) -> str:
    return f"ontzorgen-betaling-{betaling.pk}"


# --- the plan ---------------------------------------------------------------------


def _check_partner(plan: Ontzorgingsplan) -> None:
    partner = plan.budgetbeheer_partner
    if plan.uitvoerder != Uitvoerder.BUDGETBEHEER:
        plan.budgetbeheer_partner = None
    elif partner is not None and partner.gemeente_id != plan.dossier.gemeente_id:
        raise ValidationError(
            {"budgetbeheer_partner": _("Deze partner werkt niet voor de gemeente van dit dossier.")}
        )


@transaction.atomic
def plan_create(*, actor, dossier: Dossier, **fields) -> Ontzorgingsplan:
    """Start ontzorgen for an eligible dossier (Pw art. 56a). The plan starts on the
    start of bijstand; the planned end defaults to the six-month minimum."""
    if set(fields) - PLAN_FIELDS:
        raise ValueError(f"Unknown fields {sorted(set(fields) - PLAN_FIELDS)}")
    from casefiles.selectors import doelgroep_op

    # The doelgroep on the start of bijstand (dated history, DUO SS124/SS125; Pw 56a).
    uitslag = rules.geschiktheid(
        doelgroep=doelgroep_op(dossier=dossier, op=dossier.datum_start_bijstand),
        datum_start_bijstand=dossier.datum_start_bijstand,
    )
    if not uitslag.geschikt:
        raise ValidationError(uitslag.redenen, code="niet_geschikt")
    if Ontzorgingsplan.objects.filter(dossier=dossier).exists():
        raise ValidationError(_("Dit dossier heeft al een ontzorgingsplan."), code="bestaat_al")
    start = dossier.datum_start_bijstand
    assert start is not None  # geschiktheid() refuses a dossier without start bijstand
    fields.setdefault("geplande_eind", rules.minimum_eind(start))
    if fields["geplande_eind"] is None:
        fields["geplande_eind"] = rules.minimum_eind(start)
    plan = Ontzorgingsplan(dossier=dossier, start=start, aangemaakt_door=actor, **fields)
    _check_partner(plan)
    plan.full_clean()
    plan.save()
    gebeurtenis_record(
        dossier=dossier,
        actor=actor,
        soort="ontzorgen",
        titel=_("Ontzorgingsplan gestart (tot %(eind)s)")
        % {"eind": date_format(plan.geplande_eind, "j F Y")},
    )
    _plan_taken_bijwerken(plan=plan, actor=actor)
    return plan


@transaction.atomic
def plan_update(
    *, actor, plan: Ontzorgingsplan, bewerkversie: str | None = None, **fields
) -> Ontzorgingsplan:
    """Change the plan: extend it (with a reason), end it, record the machtiging,
    the training and who executes it. Keeps the evaluation and nazorg tasks in step.
    A stale ``bewerkversie`` is refused (casefiles.locking)."""
    if set(fields) - PLAN_FIELDS:
        raise ValueError(f"Unknown fields {sorted(set(fields) - PLAN_FIELDS)}")
    current = locking.claim(plan, bewerkversie, fields=fields)
    oud_eind, oud_einde = current.geplande_eind, current.eind
    for name, value in fields.items():
        setattr(plan, name, value)
    _check_partner(plan)
    plan.full_clean()
    plan.save()
    if plan.geplande_eind != oud_eind:
        titel = (
            _("Ontzorgen verlengd tot %(eind)s")
            if plan.geplande_eind > oud_eind
            else _("Gepland einde ontzorgen gewijzigd: %(eind)s")
        )
        gebeurtenis_record(
            dossier=plan.dossier,
            actor=actor,
            soort="ontzorgen",
            titel=titel % {"eind": date_format(plan.geplande_eind, "j F Y")},
        )
    if plan.eind and plan.eind != oud_einde:
        gebeurtenis_record(
            dossier=plan.dossier,
            actor=actor,
            soort="ontzorgen",
            titel=_("Ontzorgen beëindigd per %(eind)s") % {"eind": date_format(plan.eind, "j F Y")},
        )
    _plan_taken_bijwerken(plan=plan, actor=actor)
    return plan


def _plan_taken_bijwerken(*, plan: Ontzorgingsplan, actor) -> None:
    """The evaluation task in month 5 and the nazorg check 3 months after the end.
    Stable keys, so a changed date moves the existing task (taak_upsert)."""
    dossier = plan.dossier
    eval_datum = rules.evaluatie_datum(plan.start)
    if plan.eind and plan.eind <= eval_datum:
        taak_cancel(dossier=dossier, sleutel=_sleutel_evaluatie(plan))
    else:
        taak_upsert(
            dossier=dossier,
            sleutel=_sleutel_evaluatie(plan),
            titel=_("Evaluatie ontzorgen: beëindigen, verlengen of per vaste last afbouwen"),
            deadline=eval_datum,
            bron=TaakBron.ONTZORGEN,
            omschrijving=_(
                "Maand 5 van het ontzorgingsplan. Bespreek per vaste last of de "
                "inburgeraar die zelf gaat betalen (afbouw), of het plan eindigt of "
                "wordt verlengd."
            ),
            toegewezen_aan=dossier.consulent,
            actor=actor,
        )
    taak_upsert(
        dossier=dossier,
        sleutel=_sleutel_nazorg(plan),
        titel=_("Nazorg ontzorgen: betaalt de inburgeraar de vaste lasten zelf?"),
        deadline=rules.nazorg_datum(plan.einddatum),
        bron=TaakBron.ONTZORGEN,
        omschrijving=_(
            "Drie maanden na het einde van ontzorgen: controleer of huur, energie en "
            "zorgverzekering op tijd betaald worden."
        ),
        toegewezen_aan=dossier.consulent,
        actor=actor,
    )


# --- fixed costs ---------------------------------------------------------------------


def _effectief_eind(last: VasteLast) -> date | None:
    """The last day the gemeente pays this line: its end, or the day before its
    afbouw month, whichever is earlier."""
    ends = [e for e in (last.eind,) if e]
    if last.afbouw_maand:
        ends.append(rules.maand_start(last.afbouw_maand) - timedelta(days=1))
    return min(ends) if ends else None


def _check_last(last: VasteLast) -> None:
    last.full_clean(exclude=["plan"])
    errors: dict[str, list[str]] = {}
    plan = last.plan
    if last.start < plan.start:
        errors.setdefault("start", []).append(
            _("De vaste last kan niet voor de start van het plan (%(d)s) beginnen.")
            % {"d": date_format(plan.start, "j F Y")}
        )
    if last.afbouw_maand and rules.maand_start(last.afbouw_maand) <= rules.maand_start(last.start):
        errors.setdefault("afbouw_maand", []).append(
            _("De afbouwmaand ligt na de maand waarin de vaste last start.")
        )
    andere = VasteLast.objects.filter(plan=plan, soort=last.soort).exclude(pk=last.pk)
    eind = _effectief_eind(last)
    for other in andere:
        if rules.periodes_overlappen(last.start, eind, other.start, _effectief_eind(other)):
            errors.setdefault("soort", []).append(
                _(
                    "Er is al een actieve vaste last '%(soort)s' in deze periode (vanaf "
                    "%(d)s). Geef die eerst een einde of kies een andere periode."
                )
                % {"soort": last.soort.naam, "d": date_format(other.start, "j F Y")}
            )
            break
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def vastelast_create(*, actor, plan: Ontzorgingsplan, **fields) -> VasteLast:
    if set(fields) - LAST_FIELDS:
        raise ValueError(f"Unknown fields {sorted(set(fields) - LAST_FIELDS)}")
    # Lock the plan so two concurrent additions of the same type cannot both pass
    # the overlap check.
    Ontzorgingsplan.objects.select_for_update().filter(pk=plan.pk).first()
    last = VasteLast(plan=plan, **fields)
    _check_last(last)
    last.save()
    gebeurtenis_record(
        dossier=plan.dossier,
        actor=actor,
        soort="ontzorgen",
        titel=_("Vaste last toegevoegd: %(soort)s") % {"soort": last.soort.naam},
    )
    return last


@transaction.atomic
def vastelast_update(
    *, actor, vaste_last: VasteLast, bewerkversie: str | None = None, **fields
) -> VasteLast:
    """Change a line. Payments already created keep their frozen values."""
    if set(fields) - LAST_FIELDS:
        raise ValueError(f"Unknown fields {sorted(set(fields) - LAST_FIELDS)}")
    Ontzorgingsplan.objects.select_for_update().filter(pk=vaste_last.plan_id).first()
    locking.claim(vaste_last, bewerkversie, fields=fields)
    for name, value in fields.items():
        setattr(vaste_last, name, value)
    _check_last(vaste_last)
    vaste_last.save()
    gebeurtenis_record(
        dossier=vaste_last.plan.dossier,
        actor=actor,
        soort="ontzorgen",
        titel=_("Vaste last gewijzigd: %(soort)s") % {"soort": vaste_last.soort.naam},
    )
    return vaste_last


# --- the monthly payment run ---------------------------------------------------------


def actieve_lasten(*, maand: date, plan: Ontzorgingsplan | None = None) -> list[VasteLast]:
    """The lines the gemeente pays in ``maand`` (rules.regel_actief_in_maand)."""
    first, last = rules.maand_start(maand), rules.maand_eind(maand)
    qs = (
        VasteLast.objects.filter(start__lte=last, plan__start__lte=last)
        .exclude(eind__lt=first)
        .exclude(plan__dossier__status__in=[DossierStatus.VERHUISD, DossierStatus.BEEINDIGD])
        .select_related("plan", "plan__dossier", "soort")
        .order_by("plan_id", "id")
    )
    if plan is not None:
        qs = qs.filter(plan=plan)
    return [
        line
        for line in qs
        if rules.regel_actief_in_maand(
            maand=first,
            start=line.start,
            eind=line.eind,
            afbouw_maand=line.afbouw_maand,
            plan_start=line.plan.start,
            plan_eind=line.plan.einddatum,
        )
    ]


BETAALRUN_CHUNK = 500
"""Fixed-cost lines per transaction of the payment run."""


def betalingen_genereren(
    *, maand: date, plan: Ontzorgingsplan | None = None, actor=None
) -> list[Betaling]:
    """Create the payments of ``maand`` for every active line (or those of ``plan``).

    Set-based, in chunks of :data:`BETAALRUN_CHUNK` lines (by id). Per chunk, in ONE
    transaction: one SELECT of the lines, one ``INSERT … ON CONFLICT DO NOTHING
    RETURNING`` of their payments and one INSERT of a timeline line per payment
    created. So:

    * never twice: the unique constraint ``ontzorgen_een_betaling_per_last_per_maand``
      (vaste last, maand) decides, also between two runs at the same time;
    * resumable: a run killed half-way (kill -9, a dropped connection) keeps its
      committed chunks; the next run — Celery redelivers the task — skips them;
    * every payment has its timeline line, however the run ended: both are written
      in the same transaction.

    Creditor, IBAN, amount and reference are copied into the payment (frozen).
    Returns the payments created by THIS call (with their ids).
    """
    from casefiles.bulk import insert_ignore_returning
    from casefiles.models import Gebeurtenis
    from casefiles.templatetags.casefiles_tags import euro

    t0 = time.perf_counter()
    maand = rules.maand_start(maand)
    first, last = maand, rules.maand_eind(maand)
    created: list[Betaling] = []
    vanaf = 0
    while True:
        qs = (
            VasteLast.objects.filter(start__lte=last, plan__start__lte=last, pk__gt=vanaf)
            .exclude(eind__lt=first)
            .exclude(plan__dossier__status__in=[DossierStatus.VERHUISD, DossierStatus.BEEINDIGD])
            .select_related("plan", "plan__dossier", "soort")
            .order_by("pk")
        )
        if plan is not None:
            qs = qs.filter(plan=plan)
        lines = list(qs[:BETAALRUN_CHUNK])
        if not lines:
            break
        vanaf = lines[-1].pk
        actief = [
            line
            for line in lines
            if rules.regel_actief_in_maand(
                maand=first,
                start=line.start,
                eind=line.eind,
                afbouw_maand=line.afbouw_maand,
                plan_start=line.plan.start,
                plan_eind=line.plan.einddatum,
            )
        ]
        if not actief:
            continue
        now = timezone.now()
        by_id = {line.pk: line for line in actief}
        with transaction.atomic():
            nieuw = insert_ignore_returning(
                Betaling,
                [
                    {
                        "vaste_last_id": line.pk,
                        "gemeente_id": line.plan.dossier.gemeente_id,
                        "maand": maand,
                        "uitvoerdatum": rules.uitvoerdatum(maand, line.betaaldag),
                        "crediteur_naam": line.crediteur_naam,
                        "iban": line.iban,
                        "betalingskenmerk": line.betalingskenmerk,
                        "bedrag": line.bedrag,
                        "aangemaakt_op": now,
                        "gewijzigd_op": now,
                    }
                    for line in actief
                ],
                returning=("id", "vaste_last_id"),
            )
            regels = []
            for _betaling_id, last_id in nieuw:
                line = by_id[last_id]
                regels.append(
                    Gebeurtenis(
                        dossier_id=line.plan.dossier_id,
                        actor=actor if getattr(actor, "pk", None) else None,
                        soort="ontzorgen",
                        moment=now,
                        titel=(
                            _("Betaling %(soort)s %(maand)s gepland: %(bedrag)s")
                            % {
                                "soort": line.soort.naam.lower(),
                                "maand": _maand_label(maand),
                                "bedrag": euro(line.bedrag),
                            }
                        )[:300],
                    )
                )
            Gebeurtenis.objects.bulk_create(regels)
        if nieuw:
            ids = [betaling_id for betaling_id, _l in nieuw]
            created += list(Betaling.objects.filter(pk__in=ids).order_by("pk"))
    duur = time.perf_counter() - t0
    logger.info(
        "betaalrun %s: %d betalingen in %.2f s (%.0f per s)",
        maand.isoformat(),
        len(created),
        duur,
        len(created) / duur if duur else 0,
    )
    return created


@transaction.atomic
def betaling_status_wijzigen(
    *, actor, betaling: Betaling, status: str, reden: str = "", uitvoerdatum: date | None = None
) -> Betaling:
    """Move a payment along its life (rules.BETALING_TRANSITIONS). A failure or a
    storno needs a reason and creates a task for the consulent; planning it again
    takes it out of its batch."""
    betaling = (
        Betaling.objects.select_for_update()
        .select_related("vaste_last__soort", "vaste_last__plan__dossier")
        .get(pk=betaling.pk)
    )
    current = betaling.status
    if not rules.betaling_transition_allowed(current, status):
        raise ValidationError(
            _("Een betaling met status '%(van)s' kan niet naar '%(naar)s'.")
            % {"van": BetalingStatus(current).label, "naar": BetalingStatus(status).label},
            code="invalid_transition",
        )
    if status in rules.STATUS_MET_TAAK and not reden.strip():
        raise ValidationError({"reden": _("Geef de reden op die de bank doorgaf.")})
    dossier = betaling.vaste_last.plan.dossier
    betaling.status = status
    if reden:
        betaling.reden = reden[:300]
    if status == BetalingStatus.GEPLAND:
        betaling.batch = None
        betaling.uitvoerdatum = max(
            uitvoerdatum or betaling.uitvoerdatum, timezone.localdate() + timedelta(days=1)
        )
    betaling.save()
    soort = betaling.vaste_last.soort.naam.lower()
    gebeurtenis_record(
        dossier=dossier,
        actor=actor,
        soort="ontzorgen",
        titel=_("Betaling %(soort)s %(maand)s: %(status)s")
        % {
            "soort": soort,
            "maand": _maand_label(betaling.maand),
            "status": BetalingStatus(status).label.lower(),
        },
    )
    if status in rules.STATUS_MET_TAAK:
        taak_upsert(
            dossier=dossier,
            sleutel=_sleutel_betaling(betaling),
            titel=_("Betaling %(soort)s %(maand)s %(status)s: regel een oplossing")
            % {
                "soort": soort,
                "maand": _maand_label(betaling.maand),
                "status": BetalingStatus(status).label.lower(),
            },
            deadline=timezone.localdate() + timedelta(days=rules.BETALING_TAAK_DAGEN),
            bron=TaakBron.BETALING,
            omschrijving=_("Reden van de bank: %(reden)s") % {"reden": betaling.reden},
            toegewezen_aan=dossier.consulent,
            actor=actor,
        )
    elif status == BetalingStatus.GEPLAND:
        taak_cancel(dossier=dossier, sleutel=_sleutel_betaling(betaling))
    return betaling


# --- SEPA batches ------------------------------------------------------------------------


@transaction.atomic
def batch_export(
    *, actor, gemeente: Gemeente, uitvoerdatum: date, vandaag: date | None = None
) -> Batch:
    """Put every planned payment of ``gemeente`` with ``uitvoerdatum`` in a new batch
    and build its SEPA pain.001.001.03 file (validated against the XSD). The debtor
    account is the gemeente's (rekeninghouder, IBAN, BIC). The file never asks for an
    execution date in the past or on a day the banks are closed: such a date becomes
    the next banking day (rules.sepa_uitvoerdatum), for the batch and its payments."""
    if not (gemeente.iban and gemeente.rekeninghouder):
        raise ValidationError(
            _(
                "De gemeente heeft nog geen betaalrekening (rekeninghouder en IBAN). "
                "Vraag de functioneel beheerder die in te vullen."
            ),
            code="geen_rekening",
        )
    betalingen = list(
        Betaling.objects.select_for_update()
        .filter(gemeente=gemeente, uitvoerdatum=uitvoerdatum, status=BetalingStatus.GEPLAND)
        .order_by("id")
    )
    if not betalingen:
        raise ValidationError(
            _("Er zijn geen geplande betalingen met deze uitvoerdatum."), code="leeg"
        )
    # ``vandaag``: the day of the export (default today; the demo backfills history).
    uitvoerdatum = rules.sepa_uitvoerdatum(uitvoerdatum, vandaag or timezone.localdate()).datum
    msg_id = f"ONTZ-{gemeente.cbs_code}-{uuid.uuid4().hex[:20]}"
    xml = sepa.build_pain001(
        msg_id=msg_id,
        debtor_name=gemeente.rekeninghouder,
        debtor_iban=gemeente.iban,
        debtor_bic=gemeente.bic,
        uitvoerdatum=uitvoerdatum,
        betalingen=[
            {
                "name": b.crediteur_naam,
                "iban": b.iban,
                "bedrag": b.bedrag,
                "kenmerk": b.betalingskenmerk,
                "endtoend_id": b.end_to_end_id,
            }
            for b in betalingen
        ],
    )
    totaal = sum((b.bedrag for b in betalingen), Decimal("0.00"))
    if sepa.control_sum(xml) != totaal:  # pragma: no cover - a library defect
        raise sepa.SepaValidationError("control sum differs from the sum of the payments")
    batch = Batch.objects.create(
        gemeente=gemeente,
        uitvoerdatum=uitvoerdatum,
        msg_id=msg_id,
        aantal=len(betalingen),
        totaal=totaal,
        xml=xml.decode("utf-8"),
        geexporteerd_door=actor,
    )
    Betaling.objects.filter(pk__in=[b.pk for b in betalingen]).update(
        status=BetalingStatus.GEEXPORTEERD,
        batch=batch,
        uitvoerdatum=uitvoerdatum,
        gewijzigd_op=timezone.now(),
    )
    return batch


@transaction.atomic
def batch_betaald(*, actor, batch: Batch, betaald_op: date | None = None) -> Batch:
    """The bank executed the batch: every exported payment in it is paid.
    Payments already marked failed stay failed."""
    batch = Batch.objects.select_for_update().get(pk=batch.pk)
    if batch.status == BatchStatus.BETAALD:
        raise ValidationError(_("Deze batch is al als betaald gemarkeerd."), code="al_betaald")
    batch.status = BatchStatus.BETAALD
    batch.betaald_op = betaald_op or timezone.localdate()
    batch.save(update_fields=["status", "betaald_op"])
    batch.betalingen.filter(status=BetalingStatus.GEEXPORTEERD).update(
        status=BetalingStatus.BETAALD, gewijzigd_op=timezone.now()
    )
    return batch
