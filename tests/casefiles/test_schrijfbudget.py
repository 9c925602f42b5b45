"""Issue 16: lean writes — statement budgets of creating a dossier and saving an
intake section through its view, keeping every guarantee (duplicates refused with a
Dutch message, the PIP clock started, timeline and access log written)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from casefiles import services
from casefiles.choices import Doelgroep, TaakStatus
from casefiles.models import AccessLog, DoelgroepPeriode, Dossier, Gebeurtenis, Taak

pytestmark = pytest.mark.django_db

# On SQLite (the embedded default) the access-log append wraps its INSERT in a
# savepoint to retry a clash on ``seq`` (casefiles.accesslog): two statements more.
# The budgets of issue 16 are PostgreSQL's, where CI runs.
SQLITE_EXTRA = 0 if connection.vendor == "postgresql" else 2
DOSSIER_CREATE_MAX = 12 + SQLITE_EXTRA


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


# --- an intake section through its view -------------------------------------------------

INTAKE_SECTIE_MAX = 15 + SQLITE_EXTRA


@pytest.fixture
def intake(world):
    from tests.intake.factories import BredeIntakeFactory

    return BredeIntakeFactory(dossier=world.dossier, lopend=True)


def _sectie_post(client, intake, data: dict, **headers):
    from django.urls import reverse

    url = reverse(
        "intake:sectie",
        kwargs={"dossier_pk": intake.dossier_id, "intake_pk": intake.pk, "sectie": "netwerk"},
    )
    return client.post(url, data, **headers)


def _netwerk(client, intake) -> dict:
    from tests.intake.test_een_formulier import _formulier

    return {k: v for k, v in _formulier(client, intake).items() if k.startswith("netwerk-")}


@pytest.mark.parametrize("htmx", [False, True])
def test_intake_section_save_within_budget(
    client, world, intake, htmx, django_assert_max_num_queries
):
    client.force_login(world.werkcoach)
    data = {**_netwerk(client, intake), "netwerk-sociaal_netwerk": "Buren"}
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    with django_assert_max_num_queries(INTAKE_SECTIE_MAX):
        response = _sectie_post(client, intake, data, **headers)
    assert response.status_code == (200 if htmx else 302)
    intake.refresh_from_db()
    assert intake.sociaal_netwerk == "Buren" and intake.lock_version == 1
    assert Gebeurtenis.objects.filter(
        dossier=intake.dossier, titel="Brede intake: onderdeel 'Sociaal netwerk' bijgewerkt"
    ).exists()
    if htmx:  # the answer shows the saved text and the new version to save from
        html = response.content.decode()
        assert "Buren</textarea>" in html and 'value="1:' in html


def test_intake_section_conflict_still_refused_through_the_lean_view(client, world, intake):
    from intake import services as intake_services
    from intake.models import BredeIntake

    client.force_login(world.werkcoach)
    data = {**_netwerk(client, intake), "netwerk-sociaal_netwerk": "Mijn tekst"}
    intake_services.intake_sectie_opslaan(
        actor=world.werkcoach2,
        intake=BredeIntake.objects.get(pk=intake.pk),
        sectie="netwerk",
        data={"sociaal_netwerk": "Van de collega"},
    )
    response = _sectie_post(client, intake, data, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Een collega heeft dit intussen gewijzigd" in html and "Mijn tekst" in html
    intake.refresh_from_db()
    assert intake.sociaal_netwerk == "Van de collega"


def test_a_constraint_the_database_checks_is_a_validation_error(world, intake):
    """full_clean no longer asks the database per constraint: the database refuses
    the row and save_checked turns it into the constraint's ValidationError, with
    nothing written."""
    from intake.models import BredeIntake

    intake.uren = -1  # intake_uren_niet_negatief (no field validator in the way here)
    with pytest.raises(ValidationError) as exc, transaction.atomic():
        services.save_checked(intake, update_fields=["uren"])
    assert "intake_uren_niet_negatief" in str(exc.value)
    assert BredeIntake.objects.get(pk=intake.pk).uren != -1
