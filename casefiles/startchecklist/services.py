"""Writes of the first-steps checklist. The open steps are one task in the
werkvoorraad (sleutel ``startchecklist``), kept in step until every step is done."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casefiles.choices import StartstapStatus, TaakBron, TaakStatus
from casefiles.models import Dossier, Startstap, StartstapSjabloon, Taak
from casefiles.services import gebeurtenis_record, taak_upsert

from . import rules

TAAK_SLEUTEL = "startchecklist"


def stappen_voor(gemeente) -> list[tuple[str, str, int, int]]:
    """The gemeente's own list (code, name, weeks, order), else the default list."""
    eigen = list(
        StartstapSjabloon.objects.filter(gemeente=gemeente, actief=True)
        .order_by("volgorde", "naam")
        .values_list("code", "naam", "termijn_weken", "volgorde")
    )
    if eigen:
        return eigen
    return [(c, n, w, i * 10) for i, (c, n, w) in enumerate(rules.STANDAARD_STAPPEN, start=1)]


@transaction.atomic
def startchecklist_aanmaken(*, actor, dossier: Dossier, start: date | None = None) -> int:
    """Give the dossier its checklist (idempotent: a step that exists is kept).
    Deadlines count from the vestiging (else today). Returns the number of new steps."""
    start = start or dossier.datum_vestiging or timezone.localdate()
    nieuw = Startstap.objects.bulk_create(
        [
            Startstap(
                dossier=dossier,
                code=code,
                naam=naam,
                volgorde=volgorde,
                deadline=rules.deadline(start, weken),
            )
            for code, naam, weken, volgorde in stappen_voor(dossier.gemeente)
        ],
        ignore_conflicts=True,
    )
    aantal = Startstap.objects.filter(dossier=dossier).count()
    gebeurtenis_record(
        dossier=dossier, actor=actor, soort="startchecklist", titel=_("Startchecklist aangemaakt")
    )
    taak_bijwerken(dossier=dossier, actor=actor)
    return min(len(nieuw), aantal)


@transaction.atomic
def startstap_bijwerken(
    *, actor, stap: Startstap, status: str, datum: date | None = None, toelichting: str = ""
) -> Startstap:
    """Record a step's status, date and who. Arranged needs a date (default today),
    never in the future."""
    today = timezone.localdate()
    if status == StartstapStatus.GEREGELD and datum is None:
        datum = today
    if datum and datum > today:
        raise ValidationError({"datum": _("De datum ligt in de toekomst.")})
    stap.status, stap.datum, stap.toelichting, stap.door = status, datum, toelichting, actor
    stap.full_clean()
    stap.save()
    if rules.is_klaar(status):
        gebeurtenis_record(
            dossier=stap.dossier,
            actor=actor,
            soort="startchecklist",
            titel=_("Eerste stap %(s)s: %(naam)s")
            % {"s": stap.get_status_display().lower(), "naam": stap.naam},
        )
    taak_bijwerken(dossier=stap.dossier, actor=actor)
    return stap


def taak_bijwerken(*, dossier: Dossier, actor=None) -> Taak | None:
    """One task for all open steps: due at the earliest open deadline; completed when
    nothing is open any more."""
    open_stappen = list(
        Startstap.objects.filter(dossier=dossier)
        .exclude(status__in=rules.KLAAR)
        .values_list("deadline", flat=True)
    )
    if open_stappen:
        return taak_upsert(
            dossier=dossier,
            sleutel=TAAK_SLEUTEL,
            titel=_("Eerste stappen: %(n)s nog te regelen") % {"n": len(open_stappen)},
            deadline=min(open_stappen),
            bron=TaakBron.STARTCHECKLIST,
            toegewezen_aan=dossier.consulent or dossier.werkcoach,
            actor=actor,
        )
    Taak.objects.filter(dossier=dossier, sleutel=TAAK_SLEUTEL, status=TaakStatus.OPEN).update(
        status=TaakStatus.AFGEROND, afgerond_op=timezone.now(), afgerond_door=actor
    )
    return None
