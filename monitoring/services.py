"""Writes of monitoring: the quarterly snapshots of the indicator table.

Past quarters stay as they were reported: the nightly run first marks every row of
an earlier quarter ``definitief`` (as last computed, during that quarter) and then
only (re)computes the running quarter. A definitive row is never recomputed; the
model and its QuerySet refuse to change it."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from casefiles.models import Gemeente

from . import rules
from .indicators import Filters, bereken
from .models import IndicatorSnapshot


def snapshot_rijen(*, gemeente: Gemeente, vandaag: date):
    """The indicator table of one gemeente for the running quarter up to today."""
    jaar, kw = rules.kwartaal_van(vandaag)
    f = Filters(gemeente_ids=(gemeente.pk,), van=rules.kwartaal_start(jaar, kw), tot=vandaag)
    return bereken(f)


@transaction.atomic
def snapshots_bijwerken(*, vandaag: date | None = None) -> int:
    """Close earlier quarters, then store the running quarter for every gemeente.
    Returns the number of rows written for the running quarter."""
    vandaag = vandaag or timezone.localdate()
    jaar, kw = rules.kwartaal_van(vandaag)
    eerder = Q(jaar__lt=jaar) | Q(jaar=jaar, kwartaal__lt=kw)
    IndicatorSnapshot.objects.filter(eerder, definitief=False).update(definitief=True)
    nu = timezone.now()
    geschreven = 0
    for gemeente in Gemeente.objects.order_by("pk"):  # a handful of gemeenten
        rijen = snapshot_rijen(gemeente=gemeente, vandaag=vandaag)
        bestaand = {
            s.sleutel: s
            for s in IndicatorSnapshot.objects.filter(gemeente=gemeente, jaar=jaar, kwartaal=kw)
        }
        nieuw, gewijzigd = [], []
        for rij in rijen:
            waarde = None if rij.waarde is None else rules.afronden(rij.waarde, 2)
            snap = bestaand.get(rij.sleutel)
            if snap is None:
                nieuw.append(
                    IndicatorSnapshot(
                        gemeente=gemeente,
                        jaar=jaar,
                        kwartaal=kw,
                        sleutel=rij.sleutel,
                        waarde=waarde,
                        n=rij.n,
                        berekend_op=nu,
                    )
                )
            elif not snap.definitief:
                snap.waarde, snap.n, snap.berekend_op = waarde, rij.n, nu
                gewijzigd.append(snap)
        IndicatorSnapshot.objects.bulk_create(nieuw)
        IndicatorSnapshot.objects.bulk_update(gewijzigd, ["waarde", "n", "berekend_op"])
        geschreven += len(nieuw) + len(gewijzigd)
    return geschreven


@transaction.atomic
def snapshot_kwartaal_aanvullen(*, gemeente: Gemeente, jaar: int, kwartaal: int) -> int:
    """Store a closed quarter that has no snapshot yet (e.g. when monitoring is
    installed mid-year, or for the demo), computed over that quarter and marked
    definitief at once. Existing rows are never touched. Returns rows written."""
    if IndicatorSnapshot.objects.filter(gemeente=gemeente, jaar=jaar, kwartaal=kwartaal).exists():
        return 0
    f = Filters(
        gemeente_ids=(gemeente.pk,),
        van=rules.kwartaal_start(jaar, kwartaal),
        tot=rules.kwartaal_eind(jaar, kwartaal),
    )
    nu = timezone.now()
    rijen = [
        IndicatorSnapshot(
            gemeente=gemeente,
            jaar=jaar,
            kwartaal=kwartaal,
            sleutel=rij.sleutel,
            waarde=None if rij.waarde is None else rules.afronden(rij.waarde, 2),
            n=rij.n,
            definitief=True,
            berekend_op=nu,
        )
        for rij in bereken(f)
    ]
    IndicatorSnapshot.objects.bulk_create(rijen)
    return len(rijen)
