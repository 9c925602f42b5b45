"""A database connection that drops in the middle of a request (the test terminates
its OWN backend with pg_terminate_backend): a clean Dutch 503 page, nothing written
half, and — for an import — the file and the pending import kept so it can be
confirmed again."""

from __future__ import annotations

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from casefiles.models import Dossier, Gebeurtenis
from casefiles.outbox import OutboxJob

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_terminate_backend is PostgreSQL"
)


def _drop_own_connection():
    with connection.cursor() as cur:
        cur.execute("SELECT pg_terminate_backend(pg_backend_pid())")


def test_dropped_connection_during_vaststellen(transactional_db, world, client, monkeypatch):
    from pip_plans import services
    from tests.pip_plans.factories import concept

    v = concept(world.dossier)
    regels_voor = Gebeurtenis.objects.filter(dossier=world.dossier).count()
    client.force_login(world.werkcoach)
    original = services.gesprekken_plannen

    def plannen_en_wegvallen(**kwargs):
        original(**kwargs)  # the PIP, the termijn and timeline lines are written by now
        _drop_own_connection()

    monkeypatch.setattr(services, "gesprekken_plannen", plannen_en_wegvallen)
    response = client.post(
        reverse("pip_plans:vaststellen", args=[world.dossier.pk, v.pk]),
        {"dagtekening": timezone.localdate().isoformat(), "bevestigd": "1"},
    )
    assert response.status_code == 503
    assert "Er is niets half opgeslagen" in response.content.decode()
    assert "Traceback" not in response.content.decode()
    v.refresh_from_db()  # a new connection
    assert v.status == "concept"
    world.dossier.refresh_from_db()
    assert world.dossier.termijn_start is None
    assert Gebeurtenis.objects.filter(dossier=world.dossier).count() == regels_voor
    assert not OutboxJob.objects.filter(kind="pip.brief").exists()
    monkeypatch.setattr(services, "gesprekken_plannen", original)
    response = client.post(
        reverse("pip_plans:vaststellen", args=[world.dossier.pk, v.pk]),
        {"dagtekening": timezone.localdate().isoformat(), "bevestigd": "1"},
    )
    assert response.status_code == 302
    v.refresh_from_db()
    assert v.status == "vastgesteld"


def _csv(n: int) -> bytes:
    from tests.factories import _BSNS

    regels = ["bsn;achternaam;doelgroep"]
    regels += [f"{next(_BSNS)};Persoon{i};asielstatushouder" for i in range(n)]
    return ("\n".join(regels) + "\n").encode()


def test_import_with_dropped_connection_commits_nothing_and_can_be_confirmed_again(
    transactional_db, world, client, monkeypatch
):
    from casefiles import services

    client.force_login(world.werkcoach)
    response = client.post(
        reverse("casefiles:import_aanmeldingen"),
        {"gemeente": world.gemeente.pk, "bestand": SimpleUploadedFile("a.csv", _csv(40))},
    )
    assert len(response.context["result"].rows) == 40
    bestand = client.session["aanmeldingen_import"]["bestand"]
    voor = Dossier.objects.count()
    original = services.dossier_create
    calls = {"n": 0}

    def create_then_drop(**kwargs):
        calls["n"] += 1
        if calls["n"] == 20:
            _drop_own_connection()
        return original(**kwargs)

    monkeypatch.setattr(services, "dossier_create", create_then_drop)
    response = client.post(reverse("casefiles:import_aanmeldingen_bevestigen"))
    assert response.status_code == 503
    assert Dossier.objects.count() == voor  # 19 were created in the transaction: gone
    assert storages["private"].exists(bestand)  # the file stays
    assert client.session["aanmeldingen_import"]["bestand"] == bestand
    monkeypatch.setattr(services, "dossier_create", original)
    response = client.post(reverse("casefiles:import_aanmeldingen_bevestigen"))
    assert response.status_code == 200
    assert response.context["result"].created == 40
    assert Dossier.objects.count() == voor + 40
    assert not storages["private"].exists(bestand)  # removed once committed
    assert "aanmeldingen_import" not in client.session


def test_confirm_imports_exactly_what_the_preview_showed(world, client):
    from casefiles import services

    client.force_login(world.werkcoach)
    inhoud = _csv(3)
    response = client.post(
        reverse("casefiles:import_aanmeldingen"),
        {"gemeente": world.gemeente.pk, "bestand": SimpleUploadedFile("a.csv", inhoud)},
    )
    rows = response.context["result"].rows
    assert [r.line for r in rows] == [2, 3, 4]
    # Meanwhile a colleague creates the dossier of line 3.
    services.dossier_create(
        actor=world.werkcoach2,
        gemeente=world.gemeente,
        persoon=rows[1].persoon,
        doelgroep=rows[1].doelgroep,
    )
    voor = Dossier.objects.count()
    response = client.post(reverse("casefiles:import_aanmeldingen_bevestigen"))
    assert response.status_code == 200
    assert Dossier.objects.count() == voor  # nothing: the preview no longer holds
    body = response.content.decode()
    assert "Sinds de controle is er iets veranderd" in body
    assert [r.line for r in response.context["result"].rows] == [2, 4]
    response = client.post(reverse("casefiles:import_aanmeldingen_bevestigen"))
    assert response.context["result"].created == 2
    assert Dossier.objects.count() == voor + 2


def test_a_row_failing_on_save_rolls_back_the_whole_import(world, client, monkeypatch):
    from django.core.exceptions import ValidationError

    from casefiles import services

    client.force_login(world.werkcoach)
    client.post(
        reverse("casefiles:import_aanmeldingen"),
        {"gemeente": world.gemeente.pk, "bestand": SimpleUploadedFile("a.csv", _csv(5))},
    )
    original = services.dossier_create
    calls = {"n": 0}

    def weigert_vierde(**kwargs):
        calls["n"] += 1
        if calls["n"] == 4:
            raise ValidationError("Deze persoon staat al bij een andere gemeente ingeschreven.")
        return original(**kwargs)

    monkeypatch.setattr(services, "dossier_create", weigert_vierde)
    voor = Dossier.objects.count()
    response = client.post(reverse("casefiles:import_aanmeldingen_bevestigen"))
    assert response.status_code == 200
    result = response.context["result"]
    assert result.created == 0 and Dossier.objects.count() == voor
    assert [(e.line, e.reasons) for e in result.errors] == [
        (5, ["Deze persoon staat al bij een andere gemeente ingeschreven."])
    ]
    assert "Er is niets geïmporteerd" in response.content.decode()
    assert "aanmeldingen_import" in client.session  # the file waits for another try
