"""Transactional outbox: every side effect (a letter, an e-mail, a reminder, later a
message to DUO) is written as an :class:`OutboxJob` row in the same database
transaction as the data it belongs to. A relay hands due rows to Celery; the task
runs the handler registered for the row's ``kind``. So:

* a user's action never fails because Redis is down: the row waits (``pending``)
  and the relay delivers it when Redis is back;
* no job is lost when Redis loses its queue or a worker is killed: a row that was
  handed over but never finished is handed over again (``REDISPATCH_AFTER``);
* a job that fails is retried with backoff, and after ``max_attempts`` it is
  ``failed`` and shown to the functioneel beheerder (ids and error only).

Use it from a service, inside its transaction::

    from casefiles import outbox

    outbox.enqueue(
        kind="pip.brief",
        payload={"versie_id": versie.pk},          # ids only
        dedup_key=f"pip.brief:{versie.pk}",         # at most one job per key, ever
        gemeente_id=dossier.gemeente_id,
        dossier_id=dossier.pk,
    )

and register the handler in the app's ``tasks.py`` (it must be idempotent: a job can
run twice when a worker dies at the wrong moment)::

    @outbox.handler("pip.brief")
    def pip_brief(*, versie_id: int) -> None: ...

The handler runs in one transaction together with marking the row done, so its own
database writes and the "done" mark commit together or not at all.
"""

from __future__ import annotations

import logging
import re
import time
import traceback
import uuid
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import OPEN_STATUSES, OutboxJob, OutboxStatus

logger = logging.getLogger(__name__)

__all__ = [
    "OutboxJob",
    "OutboxPermanentError",
    "OutboxStatus",
    "dispatch",
    "enqueue",
    "enqueue_many",
    "finally_send",
    "handler",
    "relay",
    "retry",
    "run_job",
    "run_pending_here",
]

MAX_ATTEMPTS = 8
"""Attempts before a job is marked failed for the beheerder (operational choice)."""

BACKOFF_FIRST = timedelta(seconds=30)
"""Wait after the first failure; doubled after every further failure."""

BACKOFF_MAX = timedelta(hours=1)
"""Longest wait between two attempts (8 attempts: about 2 hours in all)."""

RELAY_CHUNK = 200
"""Rows handed to Celery per relay transaction."""

BREAKER_SECONDS = 30.0
"""After the broker refused a hand-over, web requests skip their own hand-over for
this long (the rows simply wait for the relay), so no request waits on a dead Redis."""


def redispatch_after() -> timedelta:
    """A row handed over but neither finished nor running (its row lock is gone) for
    this long is handed over again: its message was lost (Redis restarted without
    persistence) or its worker was killed. Longer than the broker's visibility
    timeout, so Celery's own redelivery comes first (docs/casefiles.md)."""
    return timedelta(seconds=getattr(settings, "OUTBOX_REDISPATCH_AFTER", 960))


class OutboxPermanentError(Exception):
    """Raised by a handler for a job that will never succeed. Its message is shown to
    the beheerder, so it must hold ids only."""


_HANDLERS: dict[str, Callable[..., Any]] = {}
_KIND_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
_SAFE_STR = re.compile(r"^[A-Za-z0-9_.:\-]{0,64}$")


def handler(kind: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register ``fn`` as the handler of ``kind`` (``"<app>.<what>"``)."""
    if not _KIND_RE.match(kind):
        raise ValueError(f"Invalid outbox kind {kind!r}")

    def register(fn: Callable[..., Any]) -> Callable[..., Any]:
        existing = _HANDLERS.get(kind)
        if existing is not None and existing is not fn and existing.__qualname__ != fn.__qualname__:
            raise ValueError(f"Outbox kind {kind!r} is already registered")
        _HANDLERS[kind] = fn
        return fn

    return register


def _handler_for(kind: str) -> Callable[..., Any] | None:
    if kind not in _HANDLERS:
        # Handlers live in each app's tasks.py: make sure those are imported.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("tasks")
    return _HANDLERS.get(kind)


def _check_payload(payload: dict[str, Any]) -> None:
    """Ids only: ints, booleans, None, dates as ISO strings and short codes without
    spaces. A name, an address or free text is refused."""
    for key, value in payload.items():
        if not isinstance(key, str) or not key.isidentifier():
            raise ValueError(f"Outbox payload key {key!r} is not an identifier")
        if value is None or isinstance(value, bool | int):
            continue
        if isinstance(value, str) and _SAFE_STR.match(value):
            continue
        raise ValueError(f"Outbox payload {key!r} must be an id or a short code (ids only)")


@dataclass(frozen=True)
class Job:
    """One job for :func:`enqueue_many`."""

    payload: dict[str, Any]
    dedup_key: str
    gemeente_id: int | None = None
    dossier_id: int | None = None


def enqueue(
    *,
    kind: str,
    payload: dict[str, Any],
    dedup_key: str | None = None,
    gemeente_id: int | None = None,
    dossier_id: int | None = None,
    max_attempts: int = MAX_ATTEMPTS,
) -> OutboxJob:
    """Record a side effect in the current transaction. After commit the row is handed
    to Celery at once when the broker is up; otherwise the relay does it later. A
    ``dedup_key`` that was used before returns the existing job (nothing new)."""
    if not _KIND_RE.match(kind):
        raise ValueError(f"Invalid outbox kind {kind!r}")
    _check_payload(payload)
    job = OutboxJob(
        kind=kind,
        payload=payload,
        dedup_key=dedup_key or f"{kind}:{uuid.uuid4().hex}",
        gemeente_id=gemeente_id,
        dossier_id=dossier_id,
        max_attempts=max_attempts,
    )
    try:
        with transaction.atomic():
            job.save()
    except IntegrityError:
        return OutboxJob.objects.get(dedup_key=job.dedup_key)
    pk = job.pk
    transaction.on_commit(lambda: dispatch([pk]))
    return job


def enqueue_many(*, kind: str, jobs: Iterable[Job], max_attempts: int = MAX_ATTEMPTS) -> list[int]:
    """Record many jobs in one statement (``INSERT … ON CONFLICT DO NOTHING RETURNING
    id``); keys used before are skipped. Returns the ids of the new rows."""
    if not _KIND_RE.match(kind):
        raise ValueError(f"Invalid outbox kind {kind!r}")
    from casefiles.bulk import insert_ignore_returning

    rows = list(jobs)
    for j in rows:
        _check_payload(j.payload)
    now = timezone.now()
    inserted = insert_ignore_returning(
        OutboxJob,
        [
            {
                "kind": kind,
                "payload": j.payload,
                "dedup_key": j.dedup_key,
                "max_attempts": max_attempts,
                "next_attempt_at": now,
                "created_at": now,
                "gemeente_id": j.gemeente_id,
                "dossier_id": j.dossier_id,
            }
            for j in rows
        ],
    )
    ids = [r[0] for r in inserted]
    if ids:
        transaction.on_commit(lambda: dispatch(ids))
    return ids


# --- handing rows to Celery -----------------------------------------------------------

_broker_down_until = 0.0
_PUBLISH_RETRY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
"""One quick retry: enough to replace a connection that broke while Redis restarted,
short enough that nobody waits on a Redis that is down."""


def _due_filter(now) -> Q:
    stale = now - redispatch_after()
    return Q(status=OutboxStatus.PENDING, next_attempt_at__lte=now) | Q(
        status__in=[OutboxStatus.DISPATCHED, OutboxStatus.RUNNING], dispatched_at__lt=stale
    )


def dispatch(ids: list[int] | None = None, *, limit: int = RELAY_CHUNK) -> int:
    """Hand due rows (all, or only ``ids``) to Celery and mark them dispatched. Never
    raises because of the broker: a row that could not be handed over stays pending.
    Rows being handed over or run by someone else are skipped (``SKIP LOCKED``)."""
    global _broker_down_until
    if ids is not None and time.monotonic() < _broker_down_until:
        return 0
    from casefiles.tasks import outbox_job

    now = timezone.now()
    sent = 0
    try:
        with transaction.atomic():
            qs = OutboxJob.objects.select_for_update(skip_locked=True).filter(_due_filter(now))
            if ids is not None:
                qs = qs.filter(pk__in=ids)
            pks = list(qs.order_by("pk").values_list("pk", flat=True)[:limit])
            if not pks:
                return 0
            # Marked first: in eager mode (no Redis) the job runs inside apply_async.
            OutboxJob.objects.filter(pk__in=pks).update(
                status=OutboxStatus.DISPATCHED, dispatched_at=now
            )
            failed: list[int] = []
            for i, pk in enumerate(pks):
                try:
                    outbox_job.apply_async(args=[pk], retry=True, retry_policy=_PUBLISH_RETRY)
                except Exception as exc:  # broker down: kombu/redis/socket errors
                    failed = pks[i:]
                    _broker_down_until = time.monotonic() + BREAKER_SECONDS
                    logger.warning(
                        "Outbox: broker unavailable (%s); %d job(s) stay pending",
                        exc.__class__.__name__,
                        len(failed),
                    )
                    break
                sent += 1
            if failed:
                OutboxJob.objects.filter(pk__in=failed, status=OutboxStatus.DISPATCHED).update(
                    status=OutboxStatus.PENDING, dispatched_at=None
                )
    except Exception as exc:
        if ids is None:
            raise
        # The fast path after a web request must never fail the request.
        logger.warning("Outbox: hand-over after commit failed (%s)", exc.__class__.__name__)
        return 0
    if sent and ids is None:
        _broker_down_until = 0.0
    return sent


def relay(*, max_chunks: int = 50) -> int:
    """One relay pass (beat every few seconds, or ``manage.py outbox_relay``): hand
    every due row to Celery, chunk by chunk. Returns how many were handed over."""
    total = 0
    for _ in range(max_chunks):
        n = dispatch()
        total += n
        if n < RELAY_CHUNK:
            break
    return total


# --- running a job --------------------------------------------------------------------


def _backoff(attempts: int) -> timedelta:
    wait = BACKOFF_FIRST * (2 ** max(attempts - 1, 0))
    return min(wait, BACKOFF_MAX)


def _error_text(exc: BaseException) -> str:
    """The kind of error and where it happened; never the message (it may hold
    personal data), except for OutboxPermanentError whose message is ids only."""
    if isinstance(exc, OutboxPermanentError):
        return f"{exc}"[:300]
    where = ""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        path = frame.filename.replace("\\", "/")
        if "/site-packages/" not in path and "/lib/python" not in path:
            parts = path.split("/")
            where = f" in {'/'.join(parts[-2:])}:{frame.lineno}"
            break
    return f"{exc.__class__.__name__}{where}"[:300]


_last_steps: ContextVar[list[Callable[[], Any]] | None] = ContextVar("outbox_last", default=None)


def finally_send(step: Callable[[], Any]) -> None:
    """For a handler's side effect outside the database (an e-mail): run ``step`` as
    the very last thing of the job's transaction — after the handler's writes and the
    job's "done" mark, right before the commit. A crash can then repeat the side
    effect only in the instant between ``step`` and the commit; a failing ``step``
    rolls everything back (and the job is retried). Outside a job it runs at once."""
    steps = _last_steps.get()
    if steps is None:
        step()
    else:
        steps.append(step)


def run_job(pk: int) -> str:
    """Run one job (the Celery task calls this). Idempotent per row: a job that is
    done (or failed) is skipped, and two deliveries of one job never run its handler
    at the same time (row lock). Returns done / skipped / retry / failed."""
    now = timezone.now()
    started = OutboxJob.objects.filter(pk=pk, status__in=OPEN_STATUSES).update(
        status=OutboxStatus.RUNNING, attempts=F("attempts") + 1, started_at=now
    )
    if not started:
        return "skipped"
    job = OutboxJob.objects.get(pk=pk)
    fn = _handler_for(job.kind)
    steps: list[Callable[[], Any]] = []
    token = _last_steps.set(steps)
    try:
        if fn is None:
            raise OutboxPermanentError(f"Onbekende soort taak: {job.kind}")
        with transaction.atomic():
            locked = OutboxJob.objects.select_for_update().get(pk=pk)
            if locked.status != OutboxStatus.RUNNING:
                return "skipped"
            fn(**locked.payload)
            OutboxJob.objects.filter(pk=pk).update(
                status=OutboxStatus.DONE, done_at=timezone.now(), last_error=""
            )
            for step in steps:
                step()
    except Exception as exc:
        job.refresh_from_db()
        fout = _error_text(exc)
        if isinstance(exc, OutboxPermanentError) or job.attempts >= job.max_attempts:
            OutboxJob.objects.filter(pk=pk).update(status=OutboxStatus.FAILED, last_error=fout)
            logger.error("Outbox job %s (%s) failed for good: %s", pk, job.kind, fout)
            return "failed"
        OutboxJob.objects.filter(pk=pk).update(
            status=OutboxStatus.PENDING,
            next_attempt_at=timezone.now() + _backoff(job.attempts),
            dispatched_at=None,
            last_error=fout,
        )
        logger.warning("Outbox job %s (%s) attempt %s failed: %s", pk, job.kind, job.attempts, fout)
        return "retry"
    finally:
        _last_steps.reset(token)
    return "done"


def run_pending_here(*, kinds: Iterable[str] | None = None, limit: int = 10_000) -> dict[str, int]:
    """Run every open job in this process, without Celery (tests, and an operator's
    last resort when Redis stays down: ``manage.py outbox_relay --inline``). Jobs
    waiting for their backoff are included."""
    qs = OutboxJob.objects.filter(status__in=OPEN_STATUSES).order_by("pk")
    if kinds is not None:
        qs = qs.filter(kind__in=list(kinds))
    counts: dict[str, int] = {}
    for pk in list(qs.values_list("pk", flat=True)[:limit]):
        uitkomst = run_job(pk)
        counts[uitkomst] = counts.get(uitkomst, 0) + 1
    return counts


def retry(*, ids: Iterable[int]) -> int:
    """Put failed jobs back in the queue (the beheerder's retry action)."""
    return OutboxJob.objects.filter(pk__in=list(ids), status=OutboxStatus.FAILED).update(
        status=OutboxStatus.PENDING,
        attempts=0,
        next_attempt_at=timezone.now(),
        dispatched_at=None,
    )
