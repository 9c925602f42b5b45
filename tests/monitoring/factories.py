"""Small builders for the hand-made monitoring data set. Records are written
directly (not through services) so every date in the data set is exactly the one
the test's arithmetic uses."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from casefiles.models import Dossier, Taak
from tests.factories import DossierFactory


def dossier(gemeente, *, doelgroep, status, start, duo=None, vestiging=None, koppeling=None):
    d = DossierFactory(
        gemeente=gemeente,
        doelgroep=doelgroep,
        status="aangemeld",
        datum_start_plicht=start,
        datum_duo_melding=duo,
        datum_vestiging=vestiging,
        datum_koppeling=koppeling,
    )
    # The intake app keeps a PIP-clock task on creation; the data set sets its own.
    Taak.objects.filter(dossier=d, sleutel="pip_deadline").delete()
    Dossier.objects.filter(pk=d.pk).update(status=status)
    d.refresh_from_db()
    return d


def zet(d, **fields):
    Dossier.objects.filter(pk=d.pk).update(**fields)
    d.refresh_from_db()
    return d


def pip_taak(d, deadline: date):
    return Taak.objects.create(
        dossier=d,
        titel="PIP vaststellen",
        bron="pip_deadline",
        sleutel="pip_deadline",
        deadline=deadline,
        status="afgerond",
        afgerond_op=timezone.now(),
    )


def pip(d, nummer: int, dagtekening: date | None, route: str, status: str = "vastgesteld"):
    from pip_plans.models import PipVersie

    niveau = {"b1": "B1", "onderwijs": "B1", "z": ""}[route]
    return PipVersie.objects.create(
        dossier=d,
        nummer=nummer,
        status=status,
        dagtekening=dagtekening,
        leerroute=route,
        niveau=niveau,
        vastgesteld_op=(
            timezone.make_aware(datetime.combine(dagtekening, datetime.min.time()))
            if status != "concept"
            else None
        ),
    )


def traject(d, route, status, aanmelding, eind=None, kosten=None):
    from leerroutes.models import Traject

    return Traject.objects.create(
        dossier=d,
        route=route,
        niveau={"b1": "B1", "onderwijs": "B1", "z": "A1"}[route],
        status=status,
        datum_aanmelding=aanmelding,
        datum_start=aanmelding,
        datum_eind=eind,
        kosten=None if kosten is None else Decimal(kosten),
    )


def uren(d, soort, van, tot, aanwezig):
    from leerroutes.models import Urenregistratie

    return Urenregistratie.objects.create(
        dossier=d, soort=soort, periode_start=van, periode_eind=tot, aanwezig=Decimal(aanwezig)
    )
