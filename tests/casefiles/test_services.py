from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from casefiles import services
from casefiles.choices import Doelgroep, DossierStatus, TaakBron, TaakStatus
from casefiles.models import AccessLog, DoelgroepPeriode, Dossier, Inburgeraar, Taak
from tests.factories import DossierFactory, InburgeraarFactory

pytestmark = pytest.mark.django_db

PERSOON = {
    "bsn": "111222333",
    "voornamen": "Amira",
    "achternaam": "Haddad",
    "geboortedatum": date(1994, 3, 2),
}


def test_dossier_create_records_doelgroep_history_timeline_and_access(world):
    dossier = services.dossier_create(
        actor=world.werkcoach,
        gemeente=world.gemeente,
        persoon=PERSOON,
        doelgroep=Doelgroep.ASIELSTATUSHOUDER,
        datums={"datum_start_plicht": date(2021, 6, 1), "datum_vestiging": date(2021, 7, 1)},
    )
    assert dossier.regime == "WI2013"
    assert list(dossier.doelgroep_periodes.values_list("doelgroep", flat=True)) == [
        "asielstatushouder"
    ]
    assert dossier.gebeurtenissen.filter(soort="dossier").exists()
    assert AccessLog.objects.filter(dossier_id=dossier.pk, action="create").count() == 1


def test_dossier_create_refuses_invalid_bsn(world):
    with pytest.raises(ValidationError) as exc:
        services.dossier_create(
            actor=world.werkcoach,
            gemeente=world.gemeente,
            persoon={**PERSOON, "bsn": "123456789"},
            doelgroep=Doelgroep.GEZINSMIGRANT,
        )
    assert "elfproef" in str(exc.value)
    assert not Dossier.objects.filter(
        gemeente=world.gemeente, inburgeraar__bsn="123456789"
    ).exists()


def test_dossier_create_refuses_second_dossier_same_gemeente(world):
    services.dossier_create(
        actor=world.werkcoach,
        gemeente=world.gemeente,
        persoon=PERSOON,
        doelgroep=Doelgroep.GEZINSMIGRANT,
    )
    with pytest.raises(ValidationError, match="bestaat al een dossier"):
        services.dossier_create(
            actor=world.werkcoach,
            gemeente=world.gemeente,
            persoon=PERSOON,
            doelgroep=Doelgroep.GEZINSMIGRANT,
        )
    # moving to another gemeente: the same person gets a dossier there, with a
    # person record of that gemeente's own (issue 12: no shared rows)
    other = services.dossier_create(
        actor=world.werkcoach_elders,
        gemeente=world.andere_gemeente,
        persoon=PERSOON,
        doelgroep=Doelgroep.GEZINSMIGRANT,
    )
    assert other.inburgeraar.dossiers.count() == 1
    assert other.inburgeraar.gemeente == world.andere_gemeente
    assert Inburgeraar.objects.filter(bsn=PERSOON["bsn"]).count() == 2


def test_change_status_follows_the_life_of_a_dossier(world):
    d = world.dossier
    services.dossier_change_status(actor=world.werkcoach, dossier=d, status=DossierStatus.INTAKE)
    assert Dossier.objects.get(pk=d.pk).status == DossierStatus.INTAKE
    with pytest.raises(ValidationError) as exc:
        services.dossier_change_status(
            actor=world.werkcoach, dossier=d, status=DossierStatus.AFGEROND
        )
    assert "kan niet naar 'Afgerond'" in exc.value.messages[0]
    assert Dossier.objects.get(pk=d.pk).status == DossierStatus.INTAKE


def test_ending_a_dossier_lets_its_open_tasks_lapse(world):
    d = world.dossier
    services.taak_create(
        actor=world.werkcoach, dossier=d, titel="Bellen", deadline=date.today() + timedelta(days=3)
    )
    services.dossier_change_status(actor=world.werkcoach, dossier=d, status=DossierStatus.VERHUISD)
    assert set(d.taken.values_list("status", flat=True)) == {TaakStatus.VERVALLEN}


def test_assign_refuses_staff_of_another_gemeente(world):
    with pytest.raises(ValidationError, match="werkt niet voor de gemeente"):
        services.dossier_assign(
            actor=world.teamleider, dossier=world.dossier, werkcoach=world.werkcoach_elders
        )
    services.dossier_assign(
        actor=world.teamleider, dossier=world.dossier, werkcoach=world.werkcoach2
    )
    assert Dossier.objects.get(pk=world.dossier.pk).werkcoach == world.werkcoach2


def test_doelgroep_change_is_a_dated_history(world):
    d = world.dossier
    services.dossier_change_doelgroep(
        actor=world.werkcoach,
        dossier=d,
        doelgroep=Doelgroep.GEZINSMIGRANT,
        geldig_vanaf=date.today(),
        bron="DUO SS124",
    )
    d.refresh_from_db()
    assert d.doelgroep == Doelgroep.GEZINSMIGRANT
    assert DoelgroepPeriode.objects.filter(dossier=d, bron="DUO SS124").exists()


def test_contactmoment_lands_on_the_timeline(world):
    services.contactmoment_create(
        actor=world.werkcoach, dossier=world.dossier, onderwerp="Uitleg leerroute", soort="telefoon"
    )
    assert world.dossier.gebeurtenissen.filter(titel__contains="Uitleg leerroute").exists()


def test_taak_upsert_keeps_one_task_in_step(world):
    d = world.dossier
    t1 = services.taak_upsert(
        dossier=d,
        sleutel="pip_deadline",
        titel="PIP vaststellen",
        deadline=date(2026, 12, 1),
        bron=TaakBron.PIP_DEADLINE,
    )
    t2 = services.taak_upsert(
        dossier=d,
        sleutel="pip_deadline",
        titel="PIP vaststellen",
        deadline=date(2026, 12, 15),
        bron=TaakBron.PIP_DEADLINE,
    )
    assert t1.pk == t2.pk
    assert Taak.objects.get(pk=t1.pk).deadline == date(2026, 12, 15)
    services.taak_complete(actor=world.werkcoach, taak=Taak.objects.get(pk=t1.pk))
    # A completed task is left alone when the source changes again.
    services.taak_upsert(
        dossier=d,
        sleutel="pip_deadline",
        titel="PIP vaststellen",
        deadline=date(2027, 1, 1),
        bron=TaakBron.PIP_DEADLINE,
    )
    t = Taak.objects.get(pk=t1.pk)
    assert (t.status, t.deadline) == (TaakStatus.AFGEROND, date(2026, 12, 15))
    assert d.taken.count() == 1


def test_taak_complete_twice_is_refused(world):
    taak = services.taak_create(
        actor=world.werkcoach, dossier=world.dossier, titel="x", deadline=date.today()
    )
    services.taak_complete(actor=world.werkcoach, taak=taak)
    with pytest.raises(ValidationError, match="niet meer open"):
        services.taak_complete(actor=world.werkcoach, taak=taak)


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("virus.exe", b"MZ", "niet toegestaan"),
        ("nep.pdf", b"<html>", "geen echte PDF"),
        ("nep.png", b"GIF89a", "geen echte PNG"),
    ],
)
def test_document_type_checks(world, name, content, error):
    with pytest.raises(ValidationError, match=error):
        services.document_add(
            actor=world.werkcoach,
            dossier=world.dossier,
            titel="x",
            soort="overig",
            upload=SimpleUploadedFile(name, content),
        )


def test_document_size_check(world, settings):
    settings.DOCUMENT_MAX_BYTES = 10
    with pytest.raises(ValidationError, match="te groot"):
        services.document_add(
            actor=world.werkcoach,
            dossier=world.dossier,
            titel="x",
            soort="overig",
            upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4 " + b"x" * 20),
        )


def test_document_is_stored_privately_with_hash(world):
    doc = services.document_add(
        actor=world.werkcoach,
        dossier=world.dossier,
        titel="Diploma",
        soort="diploma",
        upload=SimpleUploadedFile("Diploma Amira.pdf", b"%PDF-1.4 x"),
    )
    assert len(doc.sha256) == 64
    assert "Amira" not in doc.bestand.name  # no personal data in the stored name
    from django.conf import settings
    from django.core.files.storage import storages

    assert doc.bestand.storage is storages["private"]
    assert settings.MEDIA_ROOT not in doc.bestand.path  # outside anything served directly


def test_access_log_is_append_only(world):
    row = services.access_log_record(
        user=world.werkcoach, dossier=world.dossier, action="view", onderdeel="dossier.overzicht"
    )
    with pytest.raises(PermissionError):
        row.save()
    with pytest.raises(PermissionError):
        row.delete()
    with pytest.raises(PermissionError):
        AccessLog.objects.filter(pk=row.pk).update(doel="x")
    with pytest.raises(PermissionError):
        AccessLog.objects.all().delete()


def test_access_log_trigger_on_postgresql(world):
    from django.db import connection, transaction
    from django.db.utils import DatabaseError

    if connection.vendor != "postgresql":
        pytest.skip("the database trigger exists on PostgreSQL only")
    row = services.access_log_record(
        user=world.werkcoach, dossier=world.dossier, action="view", onderdeel="x"
    )
    with (
        pytest.raises(DatabaseError, match="alleen-toevoegen"),
        transaction.atomic(),
        connection.cursor() as cur,
    ):
        cur.execute("UPDATE casefiles_accesslog SET doel='x' WHERE id=%s", [row.pk])
    with (
        pytest.raises(DatabaseError, match="alleen-toevoegen"),
        transaction.atomic(),
        connection.cursor() as cur,
    ):
        cur.execute("DELETE FROM casefiles_accesslog WHERE id=%s", [row.pk])


def test_inburgeraar_factory_bsns_are_valid():
    from casefiles.rules import bsn_is_valid

    assert all(bsn_is_valid(InburgeraarFactory.build().bsn) for _ in range(20))


def test_dossier_factory_builds():
    assert DossierFactory.build().doelgroep == Doelgroep.ASIELSTATUSHOUDER
