"""The transactional outbox: rows written with the data, handed over after commit,
never failing a request when the broker is down, idempotent runs, backoff, failed
jobs for the beheerder (ids and error only) and the retry."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from casefiles import outbox
from casefiles.outbox import OutboxJob, OutboxStatus
from casefiles.tasks import outbox_job

CALLS: list[dict] = []


@outbox.handler("tests.ok")
def _ok(**payload):
    CALLS.append(payload)


@outbox.handler("tests.boom")
def _boom(**payload):
    raise ValueError("Amira Haddad, BSN 111222333")  # personal data in a message


@pytest.fixture
def frozen():
    with time_machine.travel("2026-03-10 10:00 +01:00", tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def _reset():
    CALLS.clear()
    outbox._broker_down_until = 0.0
    yield
    outbox._broker_down_until = 0.0


def test_enqueue_is_part_of_the_callers_transaction(db, world):
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.enqueue(kind="tests.ok", payload={"x_id": 1}, gemeente_id=world.gemeente.pk)
        raise RuntimeError("the service fails after writing")
    assert not OutboxJob.objects.exists()
    job = outbox.enqueue(kind="tests.ok", payload={"x_id": 1}, gemeente_id=world.gemeente.pk)
    assert job.status == OutboxStatus.PENDING and job.payload == {"x_id": 1}


def test_dedup_key_gives_one_job(db):
    a = outbox.enqueue(kind="tests.ok", payload={"x_id": 1}, dedup_key="k:1")
    b = outbox.enqueue(kind="tests.ok", payload={"x_id": 1}, dedup_key="k:1")
    assert a.pk == b.pk
    ids = outbox.enqueue_many(
        kind="tests.ok",
        jobs=[outbox.Job(payload={"x_id": i}, dedup_key=f"k:{i}") for i in (1, 2, 3)],
    )
    assert len(ids) == 2
    assert OutboxJob.objects.count() == 3


@pytest.mark.parametrize(
    "payload", [{"naam": "Amira Haddad"}, {"adres": "Dorpsstraat 1"}, {"x": {"nested": 1}}]
)
def test_payload_holds_ids_only(db, payload):
    with pytest.raises(ValueError):
        outbox.enqueue(kind="tests.ok", payload=payload)


def test_run_is_idempotent(db):
    job = outbox.enqueue(kind="tests.ok", payload={"x_id": 7})
    assert outbox.run_job(job.pk) == "done"
    assert outbox.run_job(job.pk) == "skipped"  # a second delivery of the same job
    assert CALLS == [{"x_id": 7}]
    job.refresh_from_db()
    assert job.status == OutboxStatus.DONE and job.done_at is not None


def test_failure_backs_off_then_fails_with_error_but_no_personal_data(db, monkeypatch):
    monkeypatch.setattr(outbox_job, "apply_async", lambda *a, **k: pytest.fail("not due"))
    job = outbox.enqueue(kind="tests.boom", payload={"x_id": 7}, max_attempts=3)
    with time_machine.travel(timezone.now(), tick=False) as frozen:
        assert outbox.run_job(job.pk) == "retry"
        job.refresh_from_db()
        assert job.status == OutboxStatus.PENDING
        assert job.next_attempt_at == timezone.now() + outbox.BACKOFF_FIRST
        assert outbox.dispatch() == 0  # not due yet: nothing handed over
        frozen.shift(outbox.BACKOFF_FIRST)
        assert outbox.run_job(job.pk) == "retry"
        job.refresh_from_db()
        assert job.next_attempt_at == timezone.now() + 2 * outbox.BACKOFF_FIRST
        assert outbox.run_job(job.pk) == "failed"
    job.refresh_from_db()
    assert job.status == OutboxStatus.FAILED and job.attempts == 3
    assert job.last_error.startswith("ValueError in ")
    assert "Haddad" not in job.last_error and "111222333" not in job.last_error
    assert outbox.retry(ids=[job.pk]) == 1
    job.refresh_from_db()
    assert (job.status, job.attempts) == (OutboxStatus.PENDING, 0)


def test_unknown_kind_fails_at_once(db):
    job = outbox.enqueue(kind="tests.bestaat_niet", payload={})
    assert outbox.run_job(job.pk) == "failed"
    job.refresh_from_db()
    assert "tests.bestaat_niet" in job.last_error


def test_broker_down_leaves_jobs_pending_and_never_raises(db, monkeypatch):
    def down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(outbox_job, "apply_async", down)
    job = outbox.enqueue(kind="tests.ok", payload={"x_id": 1})
    assert outbox.dispatch([job.pk]) == 0  # the fast path after a request: no exception
    job.refresh_from_db()
    assert job.status == OutboxStatus.PENDING and job.dispatched_at is None
    # While the breaker is open, requests do not even try.
    monkeypatch.setattr(outbox_job, "apply_async", lambda *a, **k: pytest.fail("tried"))
    assert outbox.dispatch([job.pk]) == 0
    sent = []
    monkeypatch.setattr(outbox_job, "apply_async", lambda args, **kw: sent.append(args[0]))
    assert outbox.relay() == 1  # the relay always tries; Redis is back
    assert sent == [job.pk]
    job.refresh_from_db()
    assert job.status == OutboxStatus.DISPATCHED


def test_lost_hand_over_is_handed_over_again(db, monkeypatch, settings):
    settings.OUTBOX_REDISPATCH_AFTER = 600
    sent = []
    monkeypatch.setattr(outbox_job, "apply_async", lambda args, **kw: sent.append(args[0]))
    job = outbox.enqueue(kind="tests.ok", payload={"x_id": 1})
    assert outbox.relay() == 1
    assert outbox.relay() == 0  # handed over, not yet overdue
    with time_machine.travel(timezone.now() + timedelta(seconds=601)):
        assert outbox.relay() == 1  # Redis lost the message, or its worker died
    assert sent == [job.pk, job.pk]
    assert outbox.run_job(job.pk) == "done"
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        assert outbox.relay() == 0  # done jobs are never handed over again


def test_vaststellen_request_succeeds_when_the_broker_refuses(
    frozen, world, client, monkeypatch, django_capture_on_commit_callbacks
):
    """A web request: the PIP is vastgesteld and its letter waits in the outbox."""
    from tests.pip_plans.factories import concept

    def down(*args, **kwargs):
        raise OperationalError("Connection refused")

    monkeypatch.setattr(outbox_job, "apply_async", down)
    v = concept(world.dossier)
    client.force_login(world.werkcoach)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("pip_plans:vaststellen", args=[world.dossier.pk, v.pk]),
            {"dagtekening": timezone.localdate().isoformat(), "bevestigd": "1"},
        )
    assert response.status_code == 302
    v.refresh_from_db()
    assert v.status == "vastgesteld"
    job = OutboxJob.objects.get(kind="pip.brief", payload={"versie_id": v.pk})
    assert job.status == OutboxStatus.PENDING
    assert outbox.run_pending_here(kinds=["pip.brief"]) == {"done": 1}
    assert v.brieven.count() == 1


# --- the beheerder's view -------------------------------------------------------------


def _jobs(world):
    eigen = outbox.enqueue(
        kind="tests.boom", payload={"x_id": 1}, gemeente_id=world.gemeente.pk, max_attempts=1
    )
    elders = outbox.enqueue(
        kind="tests.boom",
        payload={"x_id": 2},
        gemeente_id=world.andere_gemeente.pk,
        max_attempts=1,
    )
    outbox.run_pending_here()
    return eigen, elders


def test_beheerder_sees_failed_jobs_of_own_gemeente_only(
    world, client, django_assert_max_num_queries
):
    eigen, elders = _jobs(world)
    client.force_login(world.beheer)
    url = reverse("admin:casefiles_outboxjob_changelist")
    with django_assert_max_num_queries(15):
        response = client.get(url)
    assert response.status_code == 200
    ids = {job.pk for job in response.context["cl"].result_list}
    assert ids == {eigen.pk}
    body = response.content.decode()
    assert "ValueError in" in body and "Haddad" not in body
    detail = reverse("admin:casefiles_outboxjob_change", args=[elders.pk])
    assert client.get(detail).status_code == 302  # not found for this beheerder
    assert client.get(reverse("admin:casefiles_outboxjob_add")).status_code == 403


def test_beheerder_retries_a_failed_job(world, client):
    eigen, elders = _jobs(world)
    client.force_login(world.beheer)
    response = client.post(
        reverse("admin:casefiles_outboxjob_changelist"),
        {"action": "opnieuw_proberen", "_selected_action": [eigen.pk, elders.pk]},
    )
    assert response.status_code == 302
    eigen.refresh_from_db()
    elders.refresh_from_db()
    assert eigen.status == OutboxStatus.PENDING
    assert elders.status == OutboxStatus.FAILED  # another gemeente's job is untouched


@pytest.mark.parametrize("who", ["werkcoach", "beleid"])
def test_other_roles_do_not_see_jobs(world, client, who):
    client.force_login(getattr(world, who))
    response = client.get(reverse("admin:casefiles_outboxjob_changelist"))
    assert response.status_code in (302, 403)


def test_relay_command(db, capsys, monkeypatch):
    job = outbox.enqueue(kind="tests.boom", payload={"x_id": 3}, max_attempts=1)
    call_command("outbox_relay", "--once", "--inline")
    call_command("outbox_relay", "--status")
    out = capsys.readouterr().out
    assert f"mislukt #{job.pk} tests.boom" in out and "Haddad" not in out
    call_command("outbox_relay", "--retry", str(job.pk))
    job.refresh_from_db()
    assert job.status == OutboxStatus.PENDING


STEP_SEEN: list[str] = []


@outbox.handler("tests.mail")
def _mail(*, job_marker: str, fail: bool = False):
    outbox.enqueue(kind="tests.ok", payload={"x_id": 99}, dedup_key=f"written-by-{job_marker}")

    def send():
        # Runs last: the job's own rows and its "done" mark are already written.
        STEP_SEEN.append(OutboxJob.objects.get(dedup_key=f"mail-{job_marker}").status)
        if fail:
            raise OSError("SMTP 451")

    outbox.finally_send(send)


def test_finally_send_runs_last_and_a_failure_rolls_everything_back(db):
    STEP_SEEN.clear()
    ok = outbox.enqueue(kind="tests.mail", payload={"job_marker": "a"}, dedup_key="mail-a")
    assert outbox.run_job(ok.pk) == "done"
    assert STEP_SEEN == [OutboxStatus.DONE]
    assert OutboxJob.objects.filter(dedup_key="written-by-a").exists()
    bad = outbox.enqueue(
        kind="tests.mail", payload={"job_marker": "b", "fail": True}, dedup_key="mail-b"
    )
    assert outbox.run_job(bad.pk) == "retry"
    assert not OutboxJob.objects.filter(dedup_key="written-by-b").exists()  # rolled back
    bad.refresh_from_db()
    assert bad.status == OutboxStatus.PENDING and bad.last_error.startswith("OSError")
