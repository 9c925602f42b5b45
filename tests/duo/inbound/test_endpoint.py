"""POST /duo/v1/notificaties: DUO's Notificatie API as the specification gives it.
Every answer is validated against ../shared/duo-m2m/API/Notificatie/openapi.yml."""

from __future__ import annotations

import logging
import uuid

import pytest
from django.test import override_settings

from casefiles.outbox import OutboxJob
from duo.inbound.models import Notificatie, NotificatieStatus
from tests.duo.inbound.helpers import (
    OIN_DALFSEN,
    assert_volgens_spec,
    body,
    post,
)

pytestmark = pytest.mark.django_db


def test_new_plichtige_is_stored_and_queued_201(client, duo_world):
    r = post(client, body("SS139", "999990019"))
    assert r.status_code == 201
    assert r["API-Version"] == "1.8.0"
    assert_volgens_spec(r)
    n = Notificatie.objects.get()
    assert (n.gebeurtenis_id, n.bsn, n.gemeente_id) == ("SS139", "999990019", duo_world.gemeente.pk)
    assert n.status == NotificatieStatus.ONTVANGEN
    job = OutboxJob.objects.get(kind="duo.notificatie")
    assert job.payload == {"notificatie_id": n.pk}  # ids only


def test_same_bericht_id_twice_is_one_notification_and_one_job(client, duo_world):
    bericht_id = str(uuid.uuid4())
    data = body("SS139", "999990019")
    first = post(client, data, bericht_id=bericht_id)
    again = post(client, data, bericht_id=bericht_id)
    assert (first.status_code, again.status_code) == (201, 201)
    assert_volgens_spec(again)
    assert Notificatie.objects.count() == 1
    assert OutboxJob.objects.filter(kind="duo.notificatie").count() == 1


def test_routed_by_doel_oin(client, duo_world):
    r = post(client, body("SS120", "999990019"), doel=OIN_DALFSEN)
    assert r.status_code == 201
    assert Notificatie.objects.get().gemeente_id == duo_world.andere_gemeente.pk


@pytest.mark.parametrize(
    "bron",
    ["00000001999999999000", "0000000180086647200"],  # another organisation; 19 chars
)
def test_bron_not_duo_is_refused(client, duo_world, bron, caplog):
    with caplog.at_level(logging.INFO):
        r = post(client, body("SS139", "999990019"), bron=bron)
    assert r.status_code in (400, 403)
    assert r.status_code == (403 if len(bron) == 20 else 400)
    assert_volgens_spec(r)
    assert not Notificatie.objects.exists()
    assert "999990019" not in caplog.text


def test_bron_setting_lists_duo(client, duo_world):
    with override_settings(DUO_NOTIFICATIE_BRON_OINS=["00000001999999999000"]):
        assert post(client, body("SS139", "999990019")).status_code == 403
        r = post(client, body("SS139", "999990019"), bron="00000001999999999000")
    assert r.status_code == 201


def test_unknown_doel_oin_is_refused_403_and_logged_without_bsn(client, duo_world, caplog):
    with caplog.at_level(logging.INFO):
        r = post(client, body("SS139", "999990019"), doel="00000001000000000999")
    assert r.status_code == 403
    assert_volgens_spec(r)
    assert not Notificatie.objects.exists()
    assert "doel OIN" in caplog.text
    assert "999990019" not in caplog.text


def test_two_gemeenten_with_one_oin_is_refused(client, duo_world):
    duo_world.andere_gemeente.oin = duo_world.gemeente.oin
    duo_world.andere_gemeente.save()
    assert post(client, body("SS139", "999990019")).status_code == 403
    assert not Notificatie.objects.exists()


@pytest.mark.parametrize(
    "data,raw",
    [
        ({"gebeurtenisId": "SS139"}, None),  # registratieDatumTijd missing
        ({"registratieDatumTijd": "2026-11-27T10:00:00+01:00"}, None),  # gebeurtenisId missing
        ({"registratieDatumTijd": "27-11-2026", "gebeurtenisId": "SS139"}, None),
        ({"registratieDatumTijd": "2026-11-27T10:00:00", "gebeurtenisId": "SS139"}, None),
        ({"registratieDatumTijd": "2026-11-27T10:00:00Z", "gebeurtenisId": "ss139"}, None),
        ({"registratieDatumTijd": "2026-11-27T10:00:00Z", "gebeurtenisId": "SS1399X"}, None),
        (
            {
                "registratieDatumTijd": "2026-11-27T10:00:00Z",
                "gebeurtenisId": "SS139",
                "bsn": "12345",
            },
            None,
        ),
        (
            {
                "registratieDatumTijd": "2026-11-27T10:00:00Z",
                "gebeurtenisId": "SS139",
                "vNummer": "12",
            },
            None,
        ),
        (
            {
                "registratieDatumTijd": "2026-11-27T10:00:00Z",
                "gebeurtenisId": "SS139",
                "vNummer": 99999999999,
            },
            None,
        ),
        (None, "{not json"),
        (None, "[]"),
    ],
)
def test_malformed_body_is_refused_400(client, duo_world, data, raw, caplog):
    with caplog.at_level(logging.INFO):
        r = post(client, data, raw=raw)
    assert r.status_code == 400
    assert_volgens_spec(r)
    assert not Notificatie.objects.exists()
    assert "12345" not in caplog.text


@pytest.mark.parametrize(
    "headers",
    [
        {"bron": None},
        {"doel": None},
        {"bericht_id": "geen-uuid"},
        {"doel": "123"},
    ],
)
def test_missing_or_malformed_headers_400(client, duo_world, headers):
    kwargs = dict(headers)
    r = post(client, body("SS139", "999990019"), **kwargs)
    assert r.status_code == 400
    assert_volgens_spec(r)


def test_event_for_person_without_dossier_here_is_refused_and_keeps_no_bsn(
    client, duo_world, caplog
):
    # the person has a dossier in Dalfsen, not in De Wolden
    elders = duo_world.dossier_elders.inburgeraar.bsn
    with caplog.at_level(logging.INFO):
        r = post(client, body("SS124", elders))
    assert r.status_code == 403
    assert_volgens_spec(r)
    n = Notificatie.objects.get()
    assert (n.status, n.bsn, n.v_nummer, n.dossier_id) == (
        NotificatieStatus.GEWEIGERD,
        "",
        "",
        None,
    )
    assert not OutboxJob.objects.filter(kind="duo.notificatie").exists()
    assert elders not in caplog.text
    # a repeat is answered the same way
    again = post(client, body("SS124", elders), bericht_id=str(n.bericht_id))
    assert again.status_code == 403
    assert Notificatie.objects.count() == 1


def test_event_for_own_dossier_is_accepted_with_the_dossier(client, duo_world):
    bsn = duo_world.dossier.inburgeraar.bsn
    r = post(client, body("SS124", bsn))
    assert r.status_code == 201
    assert Notificatie.objects.get().dossier_id == duo_world.dossier.pk


def test_found_by_v_nummer(client, duo_world):
    persoon = duo_world.dossier.inburgeraar
    persoon.v_nummer = "0012345678"
    persoon.save()
    r = post(client, body("SS131", None, vNummer=12345678))
    assert r.status_code == 201
    n = Notificatie.objects.get()
    assert (n.dossier_id, n.bsn) == (duo_world.dossier.pk, persoon.bsn)


def test_no_session_or_csrf_needed_and_no_get(client, duo_world):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert post(strict, body("SS139", "999990019")).status_code == 201
    assert client.get("/duo/v1/notificaties").status_code == 405


def test_client_certificate_header_when_configured(client, duo_world):
    with override_settings(DUO_NOTIFICATIE_CLIENT_VERIFY_HEADER="X-SSL-Client-Verify"):
        r = post(client, body("SS139", "999990019"))
        assert r.status_code == 401
        assert_volgens_spec(r)
        bad = post(client, body("SS139", "999990019"), HTTP_X_SSL_CLIENT_VERIFY="FAILED:expired")
        assert bad.status_code == 401
        ok = post(client, body("SS139", "999990019"), HTTP_X_SSL_CLIENT_VERIFY="SUCCESS")
        assert ok.status_code == 201


def test_unexpected_error_is_500_with_header_and_nothing_stored(client, duo_world, monkeypatch):
    from duo.inbound import services

    def boom(**kwargs):
        raise RuntimeError("999990019")

    monkeypatch.setattr(services, "_opslaan", boom)
    r = post(client, body("SS139", "999990019"))
    assert r.status_code == 500
    assert_volgens_spec(r)


def test_stored_and_queued_in_one_transaction(client, duo_world, monkeypatch):
    """When queueing fails, the notification is not stored either (DUO may retry)."""
    from casefiles import outbox

    def kapot(**kwargs):
        raise RuntimeError("outbox down")

    monkeypatch.setattr(outbox, "enqueue", kapot)
    r = post(client, body("SS139", "999990019"))
    assert r.status_code == 500
    assert not Notificatie.objects.exists()


def test_parallel_delivery_of_one_bericht_id_meets_at_the_unique_constraint(
    client, duo_world, monkeypatch
):
    """Two deliveries of one berichtId at the same moment: both checked "not seen
    yet"; the second insert hits the unique constraint and is answered like the first,
    without a second row or a second job."""
    from duo.inbound import services

    bericht_id = str(uuid.uuid4())
    assert post(client, body("SS139", "999990019"), bericht_id=bericht_id).status_code == 201
    monkeypatch.setattr(services, "_bestaand", lambda bericht_id: None)  # the race
    r = post(client, body("SS139", "999990019"), bericht_id=bericht_id)
    assert r.status_code == 201
    assert_volgens_spec(r)
    assert Notificatie.objects.count() == 1
    assert OutboxJob.objects.filter(kind="duo.notificatie").count() == 1
