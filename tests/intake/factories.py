"""Factories of the intake app. Traits: ``BredeIntakeFactory(lopend=True)``,
``BredeIntakeFactory(afgerond=True)`` (with a chosen route)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from casefiles.choices import Leerroute, Niveau
from intake.choices import IntakeLocatie, IntakeStatus
from intake.models import BredeIntake, IntakeGezondheid, Werkervaring
from tests.factories import DossierFactory


class BredeIntakeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BredeIntake

    dossier = factory.SubFactory(DossierFactory)
    status = IntakeStatus.GEPLAND
    datum = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=7))
    locatie = IntakeLocatie.GEMEENTEHUIS
    uren = Decimal("3.0")

    class Params:
        lopend = factory.Trait(status=IntakeStatus.LOPEND)
        afgerond = factory.Trait(
            status=IntakeStatus.AFGEROND,
            afgerond_op=factory.LazyFunction(timezone.localdate),
            gekozen_route=Leerroute.B1,
            gekozen_niveau=Niveau.B1,
            keuze_motivatie="Past bij de toets.",
        )


class WerkervaringFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Werkervaring

    intake = factory.SubFactory(BredeIntakeFactory)
    beroep = "Kapper"
    jaren = Decimal("4")
    land = "Syrië"


class IntakeGezondheidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IntakeGezondheid

    intake = factory.SubFactory(BredeIntakeFactory)
    lichamelijk = "GEHEIM-MEDISCH: diabetes"
    psychisch = "GEHEIM-PSYCHISCH"
