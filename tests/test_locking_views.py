"""No lost updates anywhere: for every record two staff may edit, two users open
the same form, both save; the second gets a clear Dutch conflict, nothing is
overwritten, the second user's typing stays in the form next to what the first saved,
and saving again is then a deliberate choice (tests/locking_helper.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from casefiles.choices import Rol
from tests.factories import staff
from tests.locking_helper import edit_conflict, form_data


def _pair(user_a, user_b):
    a, b = Client(), Client()
    a.force_login(user_a)
    b.force_login(user_b)
    return a, b


@pytest.fixture
def consulenten(world):
    return _pair(world.consulent, staff(Rol.CONSULENT, world.gemeente, username="cmb2"))


@pytest.fixture
def werkcoaches(world):
    return _pair(world.werkcoach, world.werkcoach2)


def test_ontzorgingsplan(world, consulenten):
    from tests.ontzorgen.url_cases import _dossier_met_plan

    plan = _dossier_met_plan(world).ontzorgingsplan
    type(plan).objects.filter(pk=plan.pk).update(aangemaakt_door=world.consulent)  # as plan_create
    edit_conflict(
        *consulenten,
        reverse("ontzorgen:plan_bewerken", args=[world.dossier.pk]),
        field="training_cursus",
        a_value="Geldzaken op orde (bibliotheek)",
        b_value="Budgetcursus Humanitas",
        check_saved=lambda: type(plan).objects.get(pk=plan.pk).training_cursus,
    )


def test_vaste_last(world, consulenten):
    from tests.ontzorgen.url_cases import _vastelast

    kwargs = _vastelast(world)
    model = world.dossier.ontzorgingsplan.vaste_lasten.model
    edit_conflict(
        *consulenten,
        reverse("ontzorgen:vastelast_bewerken", kwargs=kwargs),
        field="crediteur_naam",
        a_value="Woonconcept Meppel",
        b_value="Woonstichting De Wolden",
        check_saved=lambda: model.objects.get(pk=kwargs["vastelast_pk"]).crediteur_naam,
    )


def test_begeleiding(world, consulenten):
    from casefiles.models import MaatschappelijkeBegeleiding
    from tests.begeleiding.url_cases import _mb

    kwargs = _mb(world)
    edit_conflict(
        *consulenten,
        reverse("begeleiding:bewerken", kwargs=kwargs),
        field="vrijwilligers",
        a_value="Jan (VluchtelingenWerk)",
        b_value="Fatima en Kees",
        check_saved=lambda: (
            MaatschappelijkeBegeleiding.objects.get(pk=kwargs["mb_pk"]).vrijwilligers
        ),
    )


def test_verwijzing(world, consulenten):
    from casefiles.models import Verwijzing
    from tests.begeleiding.url_cases import _verwijzing

    kwargs = _verwijzing(world)
    edit_conflict(
        *consulenten,
        reverse("begeleiding:verwijzing_bewerken", kwargs=kwargs),
        field="terugkoppeling",
        a_value="Eerste keer geweest.",
        b_value="Nog niet geweest.",
        check_saved=lambda: Verwijzing.objects.get(pk=kwargs["verwijzing_pk"]).terugkoppeling,
    )


def test_persoonsgegevens(world, werkcoaches):
    persoon = world.dossier.inburgeraar
    edit_conflict(
        *werkcoaches,
        reverse("casefiles:dossier_bewerken", args=[world.dossier.pk]),
        field="voornamen",
        a_value="Amira Sara",
        b_value="Amira",
        keys=("persoon_form", "datums_form"),
        check_saved=lambda: type(persoon).objects.get(pk=persoon.pk).voornamen,
    )


def test_dossierdatums(world, werkcoaches):
    d = world.dossier
    edit_conflict(
        *werkcoaches,
        reverse("casefiles:dossier_bewerken", args=[d.pk]),
        field="azc",
        a_value="AZC Zweeloo",
        b_value="AZC Assen",
        keys=("datums_form", "persoon_form"),
        check_saved=lambda: type(d).objects.get(pk=d.pk).azc,
    )


def test_activiteit(world, werkcoaches):
    from casefiles.models import Activiteit
    from tests.participatie.url_cases import _activiteit

    kwargs = _activiteit(world)
    edit_conflict(
        *werkcoaches,
        reverse("participatie:activiteit_bewerken", kwargs=kwargs),
        field="omschrijving",
        a_value="Taalstage in de keuken",
        b_value="Taalstage in de bediening",
        check_saved=lambda: Activiteit.objects.get(pk=kwargs["activiteit_pk"]).omschrijving,
    )


def test_traject(world, werkcoaches):
    from leerroutes.models import Traject
    from tests.leerroutes.url_cases import _met_traject

    _met_traject(world)
    traject = Traject.objects.get(dossier=world.dossier)
    edit_conflict(
        *werkcoaches,
        reverse("leerroutes:traject_bewerken", args=[world.dossier.pk]),
        field="datum_start",
        a_value=date(2026, 1, 5),
        b_value=date(2026, 1, 12),
        check_saved=lambda: Traject.objects.get(pk=traject.pk).datum_start,
    )


def test_pvt(world, werkcoaches):
    from leerroutes import services
    from leerroutes.models import PvtInschrijving

    services.pvt_opslaan(
        actor=world.werkcoach,
        dossier=world.dossier,
        aanbieder=None,
        status="aangemeld",
        start=None,
        uren=Decimal(0),
        datum_ondertekening=None,
    )
    edit_conflict(
        *werkcoaches,
        reverse("leerroutes:pvt_bewerken", args=[world.dossier.pk]),
        field="uren",
        a_value=Decimal("6.5"),
        b_value=Decimal("8.5"),
        check_saved=lambda: PvtInschrijving.objects.get(dossier=world.dossier).uren,
    )


def _intake_pagina(client, world, intake):
    return client.get(reverse("intake:detail", args=[world.dossier.pk, intake.pk]))


def _sectie_form(page, key):
    return next(s["form"] for s in page.context["secties"] if s["key"] == key)


def test_intake_sectie_conflict_and_other_section_is_no_conflict(world, werkcoaches):
    from intake.models import BredeIntake
    from tests.intake.factories import BredeIntakeFactory

    a, b = werkcoaches
    intake = BredeIntakeFactory(dossier=world.dossier, lopend=True)
    url = reverse("intake:sectie", args=[world.dossier.pk, intake.pk, "netwerk"])
    data_a = form_data(_sectie_form(_intake_pagina(a, world, intake), "netwerk"))
    page_b = _intake_pagina(b, world, intake)
    data_b = form_data(_sectie_form(page_b, "netwerk"))
    data_b_ander = form_data(_sectie_form(page_b, "financien"))
    data_a["netwerk-sociaal_netwerk"] = "Buren en een taalmaatje"
    assert a.post(url, data_a).status_code == 302
    # B saves ANOTHER section from the same (old) page: no conflict, nothing lost.
    url_fin = reverse("intake:sectie", args=[world.dossier.pk, intake.pk, "financien"])
    naam = next(k for k in data_b_ander if k != "financien-bewerkversie" and "toelichting" in k)
    data_b_ander[naam] = "Schulden in beeld"
    assert b.post(url_fin, data_b_ander).status_code == 302
    # B saves the SAME section from the old page: conflict, A's text kept.
    data_b["netwerk-sociaal_netwerk"] = "Alleen familie"
    r = b.post(url, data_b)
    assert r.status_code == 200
    assert "Een collega heeft dit intussen gewijzigd" in r.content.decode()
    intake = BredeIntake.objects.get(pk=intake.pk)
    assert intake.sociaal_netwerk == "Buren en een taalmaatje"
    assert getattr(intake, naam.split("-", 1)[1]) == "Schulden in beeld"
    assert "Alleen familie" in r.content.decode()  # B's typing is still there
