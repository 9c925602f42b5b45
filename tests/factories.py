"""Core factories. Apps keep theirs in tests/<app>/factories.py.

Traits for states, e.g. ``DossierFactory(in_uitvoering=True)``.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from casefiles import rules
from casefiles.choices import Doelgroep, DossierStatus, Rol
from casefiles.models import Contactmoment, Dossier, Gemeente, Inburgeraar, StaffProfile, Taak


def _valid_bsns():
    n = 100_000_000
    while True:
        candidate = f"{n:09d}"
        if rules.bsn_is_valid(candidate):
            yield candidate
        n += 7


_BSNS = _valid_bsns()
_CBS = itertools.count(1000)


class GemeenteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gemeente
        django_get_or_create = ("cbs_code",)

    naam = factory.Sequence(lambda n: f"Gemeente {n}")
    cbs_code = factory.LazyFunction(lambda: f"{next(_CBS):04d}")
    oin = "00000001001234567000"
    plaats = "Zuidwolde"
    postadres = "Postbus 20"
    postcode = "7920AA"
    iban = "NL91ABNA0417164300"
    bic = "ABNANL2A"
    rekeninghouder = factory.LazyAttribute(lambda o: f"Gemeente {o.naam}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"medewerker{n}")
    first_name = factory.Sequence(lambda n: f"Voornaam{n}")
    last_name = "Medewerker"
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.invalid")
    password = factory.PostGenerationMethodCall("set_password", "geheim-wachtwoord-123")

    @factory.post_generation
    def rol(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get_or_create(name=extracted)[0])

    @factory.post_generation
    def gemeenten(self, create, extracted, **kwargs):
        if not create:
            return
        profiel, _ = StaffProfile.objects.get_or_create(user=self)
        for g in extracted or []:
            profiel.gemeenten.add(g)
        self.save()


def staff(rol: str, gemeente: Gemeente, **kwargs):
    """A user with a role working for ``gemeente``."""
    return UserFactory(rol=rol, gemeenten=[gemeente], **kwargs)


class InburgeraarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inburgeraar

    gemeente = factory.SubFactory(GemeenteFactory)
    bsn = factory.LazyFunction(lambda: next(_BSNS))
    voornamen = factory.Iterator(["Amira", "Yonas", "Selam", "Omar", "Nour", "Dawit"])
    achternaam = factory.Iterator(["Haddad", "Tesfamariam", "Osman", "Rahimi", "Kebede"])
    geboortedatum = date(1990, 5, 17)
    geslacht = "V"
    land_van_herkomst = "Syrië"
    straat = "Dorpsstraat"
    huisnummer = "12"
    postcode = "7921AB"
    woonplaats = "Zuidwolde"


class DossierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dossier

    gemeente = factory.SubFactory(GemeenteFactory)
    # the person record belongs to the dossier's gemeente (issue 12)
    inburgeraar = factory.SubFactory(
        InburgeraarFactory, gemeente=factory.SelfAttribute("..gemeente")
    )
    doelgroep = Doelgroep.ASIELSTATUSHOUDER
    status = DossierStatus.AANGEMELD
    datum_start_plicht = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=40))
    datum_vestiging = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    datum_duo_melding = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))

    class Params:
        in_uitvoering = factory.Trait(status=DossierStatus.UITVOERING)
        gezinsmigrant = factory.Trait(doelgroep=Doelgroep.GEZINSMIGRANT)
        met_bijstand = factory.Trait(
            datum_start_bijstand=factory.LazyFunction(
                lambda: timezone.localdate() - timedelta(days=30)
            )
        )


class TaakFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Taak

    dossier = factory.SubFactory(DossierFactory)
    titel = "Bel de taalaanbieder"
    deadline = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=5))
    toegewezen_aan = factory.LazyAttribute(lambda o: o.dossier.werkcoach)


class ContactmomentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contactmoment

    dossier = factory.SubFactory(DossierFactory)
    onderwerp = "Kennismaking"


__all__ = [
    "GemeenteFactory",
    "UserFactory",
    "InburgeraarFactory",
    "DossierFactory",
    "TaakFactory",
    "ContactmomentFactory",
    "staff",
    "Rol",
]
