"""An optional PostgreSQL read replica for the heavy reads (issue 16).

With ``DATABASE_REPLICA_URL`` set, settings define a second database alias
``"replica"`` and install :class:`ReplicaRouter`. The router sends a read to the
replica only when all of these hold:

- the code runs inside :func:`replica_reads` (a context manager and decorator), or in
  a request for one of ``settings.REPLICA_READ_VIEWS`` (:class:`ReplicaReadsMiddleware`);
- the model is not one whose freshness matters for security or correctness
  (sessions, users and permissions, the gemeenten a user works for, second factor,
  lock-outs, the access and security logs, the outbox, the beat schedule);
- no transaction is open on the primary (what a transaction writes, it must read).

Everything else — and everything when no replica is configured — uses ``default``.
Writes always go to ``default``; migrations run only there. A replica lags a little
behind the primary: figures on the dashboard may be a few seconds old, which is why
nothing a user just saved is ever read from it.
"""

from __future__ import annotations

import functools
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"

_replica_reads: ContextVar[bool] = ContextVar("replica_reads", default=False)

PRIMARY_ONLY_APPS = frozenset(
    {
        "auth",
        "sessions",
        "contenttypes",
        "admin",
        "django_otp",
        "otp_totp",
        "otp_static",
        "axes",
        "django_celery_beat",
    }
)
PRIMARY_ONLY_MODELS = frozenset({"casefiles.accesslog", "casefiles.outboxjob"})
PRIMARY_ONLY_MODEL_PREFIXES = (
    "casefiles.security",  # the security log
    "casefiles.staffprofile",  # which gemeenten a user may see: never a stale answer
)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def _scope():
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


def replica_reads(func=None):
    """``with replica_reads():`` or ``@replica_reads``: reads inside may use the replica."""
    if func is None:
        return _scope()

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with _scope():
            return func(*args, **kwargs)

    return wrapper


def reads_alias() -> str:
    """The alias for raw SQL of a read-only report inside :func:`replica_reads`
    (``connections[reads_alias()]``): the replica when configured, else default."""
    if _replica_reads.get() and replica_configured():
        return REPLICA
    return DEFAULT_DB_ALIAS


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if not _replica_reads.get() or not replica_configured():
            return None
        label = model._meta.label_lower
        if (
            model._meta.app_label in PRIMARY_ONLY_APPS
            or label in PRIMARY_ONLY_MODELS
            or label.startswith(PRIMARY_ONLY_MODEL_PREFIXES)
        ):
            return None
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return None
        return REPLICA

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same data, one of them slightly older

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


class ReplicaReadsMiddleware:
    """Marks the requests of ``settings.REPLICA_READ_VIEWS`` (view names such as
    ``"casefiles:werkvoorraad_export"``) as replica reads; a no-op without a replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        finally:
            token = getattr(request, "_replica_token", None)
            if token is not None:
                _replica_reads.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        if (
            replica_configured()
            and match is not None
            and match.view_name in getattr(settings, "REPLICA_READ_VIEWS", ())
        ):
            request._replica_token = _replica_reads.set(True)
        return None
