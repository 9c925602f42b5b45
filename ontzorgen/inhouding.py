"""Ontzorgen and the bijstand (issue 18): the monthly withholding instruction
(inhoudingsopdracht) for the benefits administration, its CSV and PDF, and the
reconciliation that every paid payment is on exactly one instruction.

The gemeente pays rent, energy and insurance out of the bijstand (Pw art. 56a): what
it paid to creditors must be withheld from the benefit, or it pays twice. The
instruction lists per person the amounts paid; the benefits administration withholds
them.
"""

from __future__ import annotations

import csv
import io
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet
from django.http import Http404
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from casefiles.models import Gemeente
from casefiles.permissions import user_gemeente_ids

from . import rules
from .choices import BetalingStatus
from .models import Betaling, Inhoudingsopdracht, InhoudingsRegel

TE_INHOUDEN = (BetalingStatus.BETAALD,)
"""Only a payment the bank executed (status betaald) is withheld: a planned,
exported or failed payment did not leave the gemeente's account. Source: Pw art.
56a (the gemeente pays out of the bijstand); issue 18."""


# --- writes -------------------------------------------------------------------------------


@transaction.atomic
def inhouding_maken(*, actor, gemeente: Gemeente, maand: date) -> Inhoudingsopdracht:
    """Make the instruction of ``maand`` for ``gemeente``: every paid payment of that
    month or earlier that is not yet on an instruction (so a payment confirmed late
    lands on the next one, never on two). The first of a month is volgnummer 1; a
    later one an aanvulling. Two people making one at once: the unique payment key
    refuses the second, with a Dutch message."""
    maand = rules.maand_start(maand)
    betalingen = list(
        Betaling.objects.select_for_update(of=("self",))
        .filter(
            gemeente=gemeente,
            status__in=TE_INHOUDEN,
            maand__lte=maand,
            inhoudingsregel__isnull=True,
        )
        .select_related("vaste_last__plan")
        .order_by("vaste_last__plan__dossier_id", "maand", "id")
    )
    if not betalingen:
        raise ValidationError(
            _("Er zijn geen betaalde betalingen tot en met %(m)s die nog niet zijn ingehouden.")
            % {"m": date_format(maand, "F Y")},
            code="leeg",
        )
    vorige = Inhoudingsopdracht.objects.filter(gemeente=gemeente, maand=maand).aggregate(
        n=Max("volgnummer")
    )["n"]
    dossiers = {b.vaste_last.plan.dossier_id for b in betalingen}
    try:
        with transaction.atomic():
            opdracht = Inhoudingsopdracht.objects.create(
                gemeente=gemeente,
                maand=maand,
                volgnummer=(vorige or 0) + 1,
                aantal_personen=len(dossiers),
                aantal_regels=len(betalingen),
                totaal=sum((b.bedrag for b in betalingen), Decimal("0.00")),
                aangemaakt_door=actor,
            )
            InhoudingsRegel.objects.bulk_create(
                [
                    InhoudingsRegel(
                        opdracht=opdracht,
                        betaling=b,
                        dossier_id=b.vaste_last.plan.dossier_id,
                        bedrag=b.bedrag,
                    )
                    for b in betalingen
                ]
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("Een collega maakte tegelijk een inhoudingsopdracht. Probeer het opnieuw."),
            code="tegelijk",
        ) from exc
    return opdracht


# --- reads ------------------------------------------------------------------------------------


def opdrachten(*, user) -> QuerySet[Inhoudingsopdracht]:
    if not user.has_perm("ontzorgen.view_inhoudingsopdracht"):
        return Inhoudingsopdracht.objects.none()
    return Inhoudingsopdracht.objects.filter(
        gemeente_id__in=user_gemeente_ids(user)
    ).select_related("gemeente", "aangemaakt_door")


def opdracht_get(*, user, pk: int) -> Inhoudingsopdracht:
    try:
        return opdrachten(user=user).get(pk=pk)
    except Inhoudingsopdracht.DoesNotExist as exc:
        raise Http404 from exc


@dataclass
class Persoon:
    dossier_id: int
    naam: str
    bsn: str
    regels: list[InhoudingsRegel] = field(default_factory=list)

    @property
    def totaal(self) -> Decimal:
        return sum((r.bedrag for r in self.regels), Decimal("0.00"))

    @property
    def bsn_gemaskeerd(self) -> str:
        from casefiles.rules import mask_bsn

        return mask_bsn(self.bsn)


def persoon_rijen(opdracht: Inhoudingsopdracht) -> QuerySet:
    """The instruction's persons as ``(dossier_id, achternaam)`` rows in the order of
    :func:`per_persoon`: what the detail page pages (issue 16); its length is
    ``opdracht.aantal_personen``."""
    return (
        opdracht.regels.values_list("dossier_id", "dossier__inburgeraar__achternaam")
        .distinct()
        .order_by("dossier__inburgeraar__achternaam", "dossier_id")
    )


def per_persoon(
    opdracht: Inhoudingsopdracht, *, dossier_ids: list[int] | None = None
) -> list[Persoon]:
    """The instruction's lines grouped per person (one query); only the persons of
    ``dossier_ids`` (one page of the detail page) when given. The CSV and PDF take
    them all: they are the instruction."""
    regels = opdracht.regels.select_related(
        "dossier__inburgeraar", "betaling__vaste_last__soort"
    ).order_by("dossier__inburgeraar__achternaam", "dossier_id", "betaling__maand", "id")
    if dossier_ids is not None:
        regels = regels.filter(dossier_id__in=dossier_ids)
    personen: OrderedDict[int, Persoon] = OrderedDict()
    for r in regels:
        p = personen.get(r.dossier_id)
        if p is None:
            persoon = r.dossier.inburgeraar
            p = personen[r.dossier_id] = Persoon(r.dossier_id, persoon.volledige_naam, persoon.bsn)
        p.regels.append(r)
    return list(personen.values())


@dataclass
class Aansluiting:
    """The reconciliation of payments and instructions up to a month. The two lists
    are querysets (the page shows one page of each, issue 16); their counts are the
    whole."""

    niet_ingehouden: QuerySet[Betaling]
    gestorneerd_ingehouden: QuerySet[Betaling]
    aantal_niet_ingehouden: int
    aantal_gestorneerd_ingehouden: int
    betaald_totaal: Decimal
    ingehouden_totaal: Decimal

    @property
    def sluit(self) -> bool:
        return (
            not self.aantal_niet_ingehouden
            and not self.aantal_gestorneerd_ingehouden
            and self.betaald_totaal == self.ingehouden_totaal
        )


def aansluiting(*, gemeente_ids, tot_maand: date | None = None) -> Aansluiting:
    """Every paid payment (up to ``tot_maand``, else all) must be on exactly one instruction
    (at most one is the database's unique key). Reports the paid ones on none, and the
    ones withheld that the bank reversed afterwards (storno: the gemeente did not pay,
    so the withholding must be corrected). Two queries; the lists are not yet read."""
    from django.db.models import Count, Q, Sum

    basis = Betaling.objects.filter(gemeente_id__in=gemeente_ids)
    if tot_maand is not None:
        basis = basis.filter(maand__lte=rules.maand_start(tot_maand))
    niet_q = Q(status__in=TE_INHOUDEN, inhoudingsregel__isnull=True)
    storno_q = Q(status=BetalingStatus.GESTORNEERD, inhoudingsregel__isnull=False)
    niet = basis.filter(niet_q).select_related("vaste_last__plan").order_by("maand", "id")
    storno = basis.filter(storno_q).select_related("vaste_last__plan").order_by("maand", "id")
    telling = basis.aggregate(
        niet=Count("id", filter=niet_q),
        storno=Count("id", filter=storno_q),
        betaald=Sum("bedrag", filter=Q(status__in=TE_INHOUDEN)),
    )
    ingehouden = InhoudingsRegel.objects.filter(
        betaling__in=basis.filter(status__in=TE_INHOUDEN)
    ).aggregate(s=Sum("bedrag"))["s"] or Decimal(0)
    return Aansluiting(
        niet,
        storno,
        telling["niet"],
        telling["storno"],
        telling["betaald"] or Decimal(0),
        ingehouden,
    )


# --- exports ---------------------------------------------------------------------------------

CSV_KOLOMMEN = [
    "opdracht",
    "maand_inhouding",
    "bsn",
    "naam",
    "dossier",
    "betaling",
    "maand_betaling",
    "soort",
    "ontvanger",
    "bedrag",
    "totaal_persoon",
]


def _bedrag(d: Decimal) -> str:
    return f"{d:.2f}".replace(".", ",")


def als_csv(opdracht: Inhoudingsopdracht) -> bytes:
    """One row per paid payment, with the person's total: `;`-separated, UTF-8 with
    BOM (Dutch Excel), decimal comma."""
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\r\n")
    w.writerow(CSV_KOLOMMEN)
    for p in per_persoon(opdracht):
        for r in p.regels:
            b = r.betaling
            w.writerow(
                [
                    f"{opdracht.pk}-{opdracht.volgnummer}",
                    f"{opdracht.maand:%Y-%m}",
                    p.bsn,
                    p.naam,
                    p.dossier_id,
                    b.pk,
                    f"{b.maand:%Y-%m}",
                    b.vaste_last.soort.naam,
                    b.crediteur_naam,
                    _bedrag(r.bedrag),
                    _bedrag(p.totaal),
                ]
            )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def als_pdf(opdracht: Inhoudingsopdracht) -> bytes:
    from django.utils import timezone

    from casefiles.pdf import render_to_pdf

    return render_to_pdf(
        "pdf/inhoudingsopdracht.html",
        {
            "opdracht": opdracht,
            "gemeente": opdracht.gemeente,
            "personen": per_persoon(opdracht),
            "gemaakt_op": timezone.localtime(),
        },
    )
