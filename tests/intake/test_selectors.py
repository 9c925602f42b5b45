"""Reads of the intake: the summary the PIP starts from, hours, the PIP deadline."""

from dataclasses import fields
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from casefiles.choices import Leerroute, Levensdomein
from intake import selectors
from intake.choices import Alfabetisering, LbtUitslag
from intake.models import LevensdomeinScore
from tests.intake.factories import BredeIntakeFactory, IntakeGezondheidFactory

pytestmark = pytest.mark.django_db


def test_summary_prefers_latest_afgeronde_intake(world):
    oud = BredeIntakeFactory(
        dossier=world.dossier,
        afgerond=True,
        datum=date.today() - timedelta(days=60),
        afgerond_op=date.today() - timedelta(days=50),
        alfabetisering=Alfabetisering.ANDERS,
        lbt_uitslag=LbtUitslag.HAALBAAR,
        participatieladder=3,
        uren=Decimal("4.5"),
    )
    BredeIntakeFactory(dossier=world.dossier, lopend=True, uren=Decimal("2"))
    LevensdomeinScore.objects.create(
        intake=oud, domein=Levensdomein.WERK, score=2, toelichting="Wil werken"
    )
    s = selectors.intake_summary(dossier=world.dossier)
    assert s.intake_id == oud.pk
    assert s.alfabetisering == "AA"
    assert s.leerbaarheidstoets == "B1-route haalbaar"
    assert s.gekozen_route == Leerroute.B1 and s.gekozen_niveau == "B1"
    assert s.uren == Decimal("6.5")  # all intakes of the dossier
    assert [d.domein for d in s.levensdomeinen] == list(Levensdomein.values)
    werk = next(d for d in s.levensdomeinen if d.domein == Levensdomein.WERK)
    assert (werk.score, werk.toelichting, werk.label) == (
        2,
        "Wil werken",
        "(Betaald) werk / meedoen",
    )
    assert s.participatieladder == 3
    assert s.advies_route and s.advies_redenen


def test_summary_falls_back_to_latest_and_none_without_intake(world):
    assert selectors.intake_summary(dossier=world.dossier) is None
    lopend = BredeIntakeFactory(dossier=world.dossier, lopend=True)
    s = selectors.intake_summary(dossier=world.dossier)
    assert s.intake_id == lopend.pk and s.gekozen_route is None and s.alfabetisering == "NVT"


def test_summary_motivation_includes_reason_for_deviation(world):
    intake = BredeIntakeFactory(
        dossier=world.dossier,
        afgerond=True,
        keuze_motivatie="Z-route gekozen.",
        afwijking_reden="Mantelzorg voor een gezinslid.",
    )
    s = selectors.intake_summary(dossier=world.dossier)
    assert s.intake_id == intake.pk
    assert "Z-route gekozen." in s.keuze_motivatie
    assert "Afwijking van het advies: Mantelzorg voor een gezinslid." in s.keuze_motivatie


def test_summary_never_contains_health(world):
    intake = BredeIntakeFactory(dossier=world.dossier, afgerond=True)
    IntakeGezondheidFactory(intake=intake)
    s = selectors.intake_summary(dossier=world.dossier)
    assert "GEHEIM" not in repr(s)
    assert not {f.name for f in fields(s)} & {"gezondheid", "lichamelijk", "psychisch"}


def test_intake_uren_zero_without_intakes(world):
    assert selectors.intake_uren(dossier=world.dossier) == Decimal("0")


def test_pip_deadline_for(world):
    d = world.dossier
    assert selectors.pip_deadline_for(dossier=d) == d.datum_duo_melding + timedelta(weeks=10)


def test_intake_get_is_scoped_to_its_dossier(world):
    elders = BredeIntakeFactory(dossier=world.dossier_elders)
    with pytest.raises(Http404):
        selectors.intake_get(dossier=world.dossier, pk=elders.pk)


def test_gezondheid_get_only_for_assigned(world):
    intake = BredeIntakeFactory(dossier=world.dossier)
    IntakeGezondheidFactory(intake=intake)
    assert selectors.gezondheid_get(user=world.werkcoach, intake=intake).psychisch
    assert selectors.gezondheid_get(user=world.consulent, intake=intake)
    for user in (world.werkcoach2, world.beleid, world.werkcoach_elders):
        with pytest.raises(PermissionDenied):
            selectors.gezondheid_get(user=user, intake=intake)
