"""Factories of the PIP app. ``vastgestelde_pip`` goes through the real service."""

from __future__ import annotations

import itertools

import factory
from django.utils import timezone

from casefiles.choices import Levensdomein
from leerroutes.models import Aanbieder
from pip_plans import services
from pip_plans.models import PipDoel, PipVersie

_CODES = itertools.count(100)


class AanbiederFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aanbieder
        django_get_or_create = ("naam",)
        skip_postgeneration_save = True

    naam = factory.Sequence(lambda n: f"Taalschool {n}")
    duo_code = factory.LazyFunction(lambda: f"T{next(_CODES):05d}")

    @factory.post_generation
    def gemeenten(self, create, extracted, **kwargs):
        if create and extracted:
            self.gemeenten.add(*extracted)


class PipVersieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PipVersie

    nummer = factory.LazyAttribute(
        lambda o: PipVersie.objects.filter(dossier=o.dossier).count() + 1
    )
    leerroute = "b1"
    niveau = "B1"
    motivatie = "Leerbaarheidstoets hoog; wil werken als verpleegkundige."
    pvt_afspraken = "PVT bij de taalschool, start in het eerste halfjaar."


class PipDoelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PipDoel

    levensdomein = Levensdomein.TAAL
    doel = "Nederlands leren tot niveau B1"
    acties = "Vier dagdelen per week les."
    wie = "Inburgeraar gaat naar school; werkcoach meldt aan."
    streefdatum = factory.LazyFunction(lambda: timezone.localdate().replace(day=1))


def concept(dossier, **kwargs) -> PipVersie:
    versie = PipVersieFactory(dossier=dossier, **kwargs)
    PipDoelFactory(versie=versie)
    return versie


def vastgestelde_pip(dossier, actor, *, dagtekening=None, **kwargs) -> PipVersie:
    """A first PIP vastgesteld through the service (termijn, gesprekken, letter)."""
    versie = concept(dossier, **kwargs)
    return services.pip_vaststellen(
        actor=actor, versie=versie, dagtekening=dagtekening or timezone.localdate()
    )
