"""Retention in the admin (scoped to the beheerder's gemeenten), the verwerkingsregister
and its export, unconfirmed import files, the beat entry and the nightly task."""

from __future__ import annotations

import csv
import io
import os
import time

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.urls import reverse

from privacy.models import Bewaartermijn, Verwerking
from privacy.retentie import register, services

CHANGELIST = "admin:privacy_bewaartermijn_changelist"


@pytest.fixture
def register_gevuld(db):
    """The register as the data migration fills it (again, when a browser test's
    flush emptied the reused test database)."""
    import importlib

    from django.apps import apps

    if not Verwerking.objects.exists():
        importlib.import_module("privacy.migrations.0004_verwerkingsregister").vullen(apps, None)


ADD = "admin:privacy_bewaartermijn_add"


def test_beheerder_ziet_en_wijzigt_alleen_de_termijnen_van_de_eigen_gemeente(client, world):
    eigen = Bewaartermijn.objects.create(
        gemeente=world.gemeente, soort="dossier", jaren=5, bron="Wi 2021"
    )
    andere = Bewaartermijn.objects.create(
        gemeente=world.andere_gemeente, soort="dossier", jaren=7, bron="beleid elders"
    )
    client.force_login(world.beheer)
    html = client.get(reverse(CHANGELIST)).content.decode()
    assert "beleid elders" not in html and "Wi 2021" in html
    # another gemeente's row cannot be opened or changed
    url_andere = reverse("admin:privacy_bewaartermijn_change", args=[andere.pk])
    assert client.get(url_andere).status_code in (302, 404)
    client.post(
        url_andere,
        {"gemeente": world.andere_gemeente.pk, "soort": "dossier", "jaren": 1, "bron": "x"},
    )
    andere.refresh_from_db()
    assert andere.jaren == 7
    # its own: changed; a period of 0 or 500 years is refused with a Dutch message
    url_eigen = reverse("admin:privacy_bewaartermijn_change", args=[eigen.pk])
    data = {"gemeente": world.gemeente.pk, "soort": "dossier", "bron": "besluit college"}
    response = client.post(url_eigen, {**data, "jaren": 0})
    assert response.status_code == 200
    assert "minstens 1" in response.content.decode()
    assert client.post(url_eigen, {**data, "jaren": 7}).status_code == 302
    eigen.refresh_from_db()
    assert eigen.jaren == 7 and eigen.bron == "besluit college"
    assert services.termijnen(world.gemeente.pk)["dossier"] == 7
    # a new row for another gemeente: that gemeente is not a choice
    response = client.post(
        reverse(ADD),
        {"gemeente": world.andere_gemeente.pk, "soort": "pip", "jaren": 5, "bron": "x"},
    )
    assert response.status_code == 200
    assert not Bewaartermijn.objects.filter(gemeente=world.andere_gemeente, soort="pip").exists()


def test_termijnen_zonder_rij_zijn_de_standaard(world):
    assert services.termijnen(world.gemeente.pk) == {"dossier": 5, "pip": 5}


@pytest.mark.parametrize("wie", ["werkcoach", "consulent", "beleid"])
def test_geen_toegang_tot_termijnen_zonder_beheerrol(client, world, wie):
    client.force_login(getattr(world, wie))
    response = client.get(reverse(CHANGELIST))
    assert response.status_code in (302, 403)


def test_verwerkingsregister_gevuld_en_gekoppeld(world, register_gevuld):
    namen = set(Verwerking.objects.values_list("naam", flat=True))
    assert {"Brede intake, inclusief gezondheid", "Financieel ontzorgen"} <= namen
    bekende = {d for d, _ in register.toegangslog_doelen()}
    for v in Verwerking.objects.all():
        assert v.doel and v.wettelijke_basis and v.categorieen_gegevens and v.ontvangers
        # every purpose a processing names is one the application writes
        assert set(v.toegangslog_doelen) <= bekende, v.naam
    ontzorgen = Verwerking.objects.get(naam="Financieel ontzorgen")
    assert "Pw art. 56a" in ontzorgen.wettelijke_basis
    intake = Verwerking.objects.get(naam="Brede intake, inclusief gezondheid")
    assert "Wi art. 14" in intake.wettelijke_basis
    assert "art. 9" in intake.bijzondere_gegevens


def test_verwerkingsregister_export_csv_en_xlsx_door_de_beheerder(client, world, register_gevuld):
    from openpyxl import load_workbook

    client.force_login(world.beheer)
    url = reverse("admin:privacy_verwerking_changelist")
    ids = list(Verwerking.objects.values_list("pk", flat=True))
    response = client.post(url, {"action": "export_csv", "_selected_action": ids, "index": 0})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Verwerking"
    assert len(rows) == len(ids) + 1
    assert any("Pw art. 56a" in c for r in rows for c in r)
    response = client.post(url, {"action": "export_xlsx", "_selected_action": ids, "index": 0})
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws.max_row == len(ids) + 1
    # the beheerder reads and exports, but does not change the product's register
    v = Verwerking.objects.first()
    client.post(reverse("admin:privacy_verwerking_change", args=[v.pk]), {"naam": "weg"})
    v.refresh_from_db()
    assert v.naam != "weg"


def test_export_neutraliseert_formules():
    v = Verwerking(
        naam="=HYPERLINK(1)",
        doel="d",
        grondslag="e",
        wettelijke_basis="w",
        categorieen_betrokkenen="b",
        categorieen_gegevens="g",
        ontvangers="o",
    )
    tekst = register.register_csv([v])
    assert "'=HYPERLINK(1)" in tekst


def _oud(storage, naam: str, uren: float) -> None:
    pad = storage.path(naam)
    t = time.time() - uren * 3600
    os.utime(pad, (t, t))


def test_onbevestigde_importbestanden_na_24_uur_weg(db):
    storage = storages["private"]
    oud = storage.save("imports/oud.csv", ContentFile(b"bsn;achternaam\n"))
    vers = storage.save("imports/vers.csv", ContentFile(b"bsn;achternaam\n"))
    bijna = storage.save("imports/bijna.csv", ContentFile(b"bsn;achternaam\n"))
    doc = storage.save("dossiers/1/ander.pdf", ContentFile(b"%PDF"))
    _oud(storage, oud, 25)
    _oud(storage, bijna, 23)
    _oud(storage, doc, 100)
    assert services.importbestanden_opruimen(dry_run=True) == [oud]
    assert storage.exists(oud)
    assert services.importbestanden_opruimen() == [oud]
    assert not storage.exists(oud)
    assert storage.exists(vers) and storage.exists(bijna) and storage.exists(doc)
    storage.delete(vers), storage.delete(bijna), storage.delete(doc)


def test_nachtelijke_taak_ruimt_imports_op(db):
    from privacy.tasks import retentie_task

    storage = storages["private"]
    oud = storage.save("imports/taak.csv", ContentFile(b"x"))
    _oud(storage, oud, 48)
    uitkomst = retentie_task.apply().get()
    assert uitkomst["importbestanden"] == 1
    assert not storage.exists(oud)


def test_beat_schema_in_code():
    entry = settings.CELERY_BEAT_SCHEDULE["privacy-retentie"]
    assert entry["task"] == "privacy.tasks.retentie_task"
    from inburgering.celery import app

    app.loader.import_default_modules()
    assert "privacy.tasks.retentie_task" in app.tasks


def test_anonimiseringen_alleen_van_de_eigen_gemeente_en_alleen_lezen(client, world):
    from privacy.models import Anonimisering

    eigen = Anonimisering.objects.create(
        soort="dossier", dossier_id=424242, gemeente_id=world.gemeente.pk
    )
    Anonimisering.objects.create(
        soort="dossier", dossier_id=737373, gemeente_id=world.andere_gemeente.pk
    )
    client.force_login(world.beheer)
    response = client.get(reverse("admin:privacy_anonimisering_changelist"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "424242" in html and "737373" not in html
    client.post(reverse("admin:privacy_anonimisering_delete", args=[eigen.pk]), {"post": "yes"})
    assert Anonimisering.objects.filter(pk=eigen.pk).exists()


def test_superuser_koppelt_alleen_bestaande_toegangslogdoelen(client, db, register_gevuld):
    from django.contrib.auth import get_user_model

    su = get_user_model().objects.create_superuser("privacy-su", "su@example.invalid", "x")
    client.force_login(su)
    v = Verwerking.objects.get(naam="Financieel ontzorgen")
    url = reverse("admin:privacy_verwerking_change", args=[v.pk])
    data = {
        f: getattr(v, f)
        for f in (
            "naam",
            "doel",
            "grondslag",
            "wettelijke_basis",
            "bijzondere_gegevens",
            "categorieen_betrokkenen",
            "categorieen_gegevens",
            "ontvangers",
            "doorgifte_buiten_eer",
            "bewaarsoort",
            "bewaartermijn_toelichting",
            "beveiliging",
            "volgorde",
        )
    }
    data["toegangslog_onderdelen"] = '["ontzorgen."]'
    response = client.post(url, {**data, "toegangslog_doelen": ["verzonnen doel"]})
    assert response.status_code == 200  # refused: not a purpose the code writes
    v.refresh_from_db()
    assert "verzonnen doel" not in v.toegangslog_doelen
    response = client.post(url, {**data, "toegangslog_doelen": ["SEPA-betaalbestand naar de bank"]})
    assert response.status_code == 302
    v.refresh_from_db()
    assert v.toegangslog_doelen == ["SEPA-betaalbestand naar de bank"]
