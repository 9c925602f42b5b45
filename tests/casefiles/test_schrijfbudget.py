"""Issue 16: lean writes — statement budgets of creating a dossier and saving an
intake section through its view, keeping every guarantee (duplicates refused with a
Dutch message, the PIP clock started, timeline and access log written)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from casefiles import services
from casefiles.choices import Doelgroep, TaakStatus
from casefiles.models import AccessLog, DoelgroepPeriode, Dossier, Gebeurtenis, Taak

pytestmark = pytest.mark.django_db

DOSSIER_CREATE_MAX = 12


def _maak(world, bsn: str = "123456782", **datums):
    return services.dossier_create(
        actor=world.werkcoach,
        gemeente=world.gemeente,
        persoon={"bsn": bsn, "achternaam": "Haddad", "voornamen": "Amira"},
        doelgroep=Doelgroep.ASIELSTATUSHOUDER,
        datums=datums,
    )


def test_dossier_create_within_budget_with_everything_it_promises(
    world, django_assert_max_num_queries
):
    t = timezone.localdate()
    with django_assert_max_num_queries(DOSSIER_CREATE_MAX):
        dossier = _maak(
            world,
            datum_start_plicht=t - timedelta(days=10),
            datum_vestiging=t - timedelta(days=5),
            datum_duo_melding=t - timedelta(days=5),
        )
    # the PIP clock runs, the timeline has both lines, one access-log row, the history
    taak = Taak.objects.get(dossier=dossier, sleutel="pip_deadline")
    assert taak.status == TaakStatus.OPEN and taak.toegewezen_aan_id is None
    titels = set(Gebeurtenis.objects.filter(dossier=dossier).values_list("titel", flat=True))
    assert any(x.startswith("Dossier aangemaakt") for x in titels)
    assert any(x.startswith("Taak aangemaakt") for x in titels)
    assert AccessLog.objects.filter(dossier_id=dossier.pk, action="create").count() == 1
    assert DoelgroepPeriode.objects.filter(dossier=dossier).count() == 1
    assert dossier.history.count() == 1 and dossier.inburgeraar.history.count() == 1


def test_dossier_create_without_dates_starts_no_clock(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(DOSSIER_CREATE_MAX - 1):
        dossier = _maak(world)
    assert not Taak.objects.filter(dossier=dossier).exists()


def test_duplicate_still_refused_in_dutch_and_nothing_half_written(world):
    _maak(world)
    n = (Dossier.objects.count(), Gebeurtenis.objects.count(), Taak.objects.count())
    with pytest.raises(ValidationError) as exc:
        _maak(world)
    assert "Er bestaat al een dossier voor deze persoon" in str(exc.value)
    assert (Dossier.objects.count(), Gebeurtenis.objects.count(), Taak.objects.count()) == n


def test_termijn_eind_without_start_refused_by_clean_not_by_a_query(world):
    with pytest.raises(ValidationError) as exc:
        _maak(world, termijn_eind=timezone.localdate())
    assert "termijn_eind" in exc.value.message_dict
    assert not Dossier.objects.filter(inburgeraar__bsn="123456782").exists()


def test_timeline_lines_of_a_failed_service_are_not_written(world):
    """The bundle writes nothing when the service fails halfway."""
    before = Gebeurtenis.objects.count()
    with pytest.raises(RuntimeError), services.gebeurtenissen_gebundeld():
        services.gebeurtenis_record(dossier=world.dossier, actor=None, soort="x", titel="x")
        raise RuntimeError
    assert Gebeurtenis.objects.count() == before
