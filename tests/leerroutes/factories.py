"""Factories of the leerroutes app."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from casefiles.choices import Leerroute, Niveau
from leerroutes.choices import TrajectStatus, UrenSoort
from leerroutes.models import Aanbieder, Examen, Traject, Urenregistratie
from tests.factories import DossierFactory


class AanbiederFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aanbieder
        skip_postgeneration_save = True

    naam = factory.Sequence(lambda n: f"Taalschool {n}")
    duo_code = factory.Sequence(lambda n: f"T{n:05d}")
    prijs_b1 = Decimal("10000.00")
    prijs_z = Decimal("9500.00")
    prijs_onderwijs = Decimal("17000.00")
    prijs_map = Decimal("850.00")
    prijs_pvt = Decimal("300.00")
    biedt_onderwijs = True

    @factory.post_generation
    def gemeenten(self, create, extracted, **kwargs):
        if create and extracted:
            self.gemeenten.add(*extracted)


class TrajectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Traject

    dossier = factory.SubFactory(DossierFactory, in_uitvoering=True)
    route = Leerroute.B1
    niveau = Niveau.B1
    status = TrajectStatus.GESTART
    datum_aanmelding = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=200))
    datum_start = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=190))
    pip_versie_id = 1
    pip_dagtekening = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=210))


class UrenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Urenregistratie

    dossier = factory.SubFactory(DossierFactory)
    soort = UrenSoort.TAAL_KNM
    periode_start = date(2026, 1, 1)
    periode_eind = date(2026, 1, 31)
    aanwezig = Decimal("40")


class ExamenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Examen

    dossier = factory.SubFactory(DossierFactory)
    onderdeel = "lezen"
    niveau = "B1"
    datum = date(2026, 3, 1)
    resultaat = "behaald"
