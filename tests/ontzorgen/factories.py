"""Factories of ontzorgen."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import factory

from ontzorgen import rules
from ontzorgen.models import Betaling, Ontzorgingsplan, VasteLast, VasteLastSoort
from tests.factories import DossierFactory


def soort(code: str) -> VasteLastSoort:
    """A seeded cost type (the data migration creates them; get_or_create keeps the
    factories usable with --nomigrations)."""
    return VasteLastSoort.objects.get_or_create(
        code=code, defaults={"naam": code.replace("_", " ").capitalize()}
    )[0]


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ontzorgingsplan

    dossier = factory.SubFactory(DossierFactory, datum_start_bijstand=date(2027, 1, 1))
    start = factory.LazyAttribute(lambda o: o.dossier.datum_start_bijstand)
    geplande_eind = factory.LazyAttribute(lambda o: rules.minimum_eind(o.start))


class VasteLastFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VasteLast

    plan = factory.SubFactory(PlanFactory)
    soort = factory.LazyFunction(lambda: soort("huur"))
    crediteur_naam = "Woonconcept"
    iban = "NL39RABO0300065264"
    betalingskenmerk = factory.Sequence(lambda n: f"HUUR-{n:05d}")
    bedrag = Decimal("654.20")
    betaaldag = 1
    start = factory.LazyAttribute(lambda o: o.plan.start)


class BetalingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Betaling

    vaste_last = factory.SubFactory(VasteLastFactory)
    gemeente = factory.LazyAttribute(lambda o: o.vaste_last.plan.dossier.gemeente)
    maand = factory.LazyAttribute(lambda o: rules.maand_start(o.vaste_last.start))
    uitvoerdatum = factory.LazyAttribute(
        lambda o: rules.uitvoerdatum(o.maand, o.vaste_last.betaaldag)
    )
    crediteur_naam = factory.LazyAttribute(lambda o: o.vaste_last.crediteur_naam)
    iban = factory.LazyAttribute(lambda o: o.vaste_last.iban)
    betalingskenmerk = factory.LazyAttribute(lambda o: o.vaste_last.betalingskenmerk)
    bedrag = factory.LazyAttribute(lambda o: o.vaste_last.bedrag)


def plan_met_drie_lasten(dossier) -> Ontzorgingsplan:
    """A plan for ``dossier`` (which must have a start of bijstand) with huur,
    energie and zorgverzekering."""
    plan = PlanFactory(dossier=dossier, start=dossier.datum_start_bijstand)
    VasteLastFactory(plan=plan, soort=soort("huur"), bedrag=Decimal("654.20"), betaaldag=1)
    VasteLastFactory(
        plan=plan,
        soort=soort("energie"),
        crediteur_naam="Vattenfall",
        iban="NL20INGB0001234567",
        bedrag=Decimal("142.50"),
        betaaldag=5,
    )
    VasteLastFactory(
        plan=plan,
        soort=soort("zorgverzekering"),
        crediteur_naam="Zilveren Kruis",
        iban="NL02RABO0123456789",
        bedrag=Decimal("138.95"),
        betaaldag=25,
    )
    return plan
