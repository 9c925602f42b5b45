"""The optional read replica (issue 16): without DATABASE_REPLICA_URL everything uses
``default``; with it, only reads inside ``replica_reads()`` (or of the views in
REPLICA_READ_VIEWS) go to ``replica`` — never sessions, users, permissions, the
gemeenten a user works for, the logs or the outbox, and never inside a transaction."""

from __future__ import annotations

import os
import subprocess
import sys
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import connection

from casefiles.models import AccessLog, Dossier, Inburgeraar, StaffProfile
from casefiles.outbox.models import OutboxJob
from casefiles.security_models import SecurityEvent
from inburgering.db import ReplicaReadsMiddleware, ReplicaRouter, reads_alias, replica_reads

# The tests add a "replica" entry to settings.DATABASES for the router's decisions only.
pytestmark = pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")


@pytest.fixture
def with_replica(settings):
    settings.DATABASES = {**settings.DATABASES, "replica": dict(settings.DATABASES["default"])}
    return settings


def test_without_replica_everything_uses_default():
    router = ReplicaRouter()
    with replica_reads():
        assert router.db_for_read(Dossier) is None
        assert reads_alias() == "default"
    assert "replica" not in settings.DATABASES or os.environ.get("DATABASE_REPLICA_URL")


def test_with_replica_only_reads_in_scope_go_there(with_replica):
    router = ReplicaRouter()
    assert router.db_for_read(Dossier) is None  # outside the scope
    with replica_reads():
        assert router.db_for_read(Dossier) == "replica"
        assert router.db_for_read(Inburgeraar) == "replica"
        assert reads_alias() == "replica"
        assert router.db_for_write(Dossier) == "default"
    assert reads_alias() == "default"


@pytest.mark.parametrize(
    "model", [Session, get_user_model(), StaffProfile, AccessLog, SecurityEvent, OutboxJob]
)
def test_freshness_critical_models_stay_on_the_primary(with_replica, model):
    with replica_reads():
        assert ReplicaRouter().db_for_read(model) is None


def test_decorator_form(with_replica):
    @replica_reads
    def rapport():
        return ReplicaRouter().db_for_read(Dossier)

    assert rapport() == "replica"
    assert ReplicaRouter().db_for_read(Dossier) is None


def test_inside_a_transaction_reads_stay_on_the_primary(with_replica, db):
    # pytest-django's db fixture holds a transaction open on default
    assert connection.in_atomic_block
    with replica_reads():
        assert ReplicaRouter().db_for_read(Dossier) is None


def test_migrations_only_on_default():
    router = ReplicaRouter()
    assert router.allow_migrate("default", "casefiles") is True
    assert router.allow_migrate("replica", "casefiles") is False


def _request(view_name: str):
    return SimpleNamespace(resolver_match=SimpleNamespace(view_name=view_name))


def test_middleware_marks_only_the_listed_views(with_replica):
    seen = {}

    def view_response(request):
        mw.process_view(request, None, (), {})
        seen[request.resolver_match.view_name] = ReplicaRouter().db_for_read(Dossier)
        return "ok"

    mw = ReplicaReadsMiddleware(view_response)
    mw(_request("casefiles:werkvoorraad_export"))
    mw(_request("casefiles:dossier_detail"))
    assert seen == {"casefiles:werkvoorraad_export": "replica", "casefiles:dossier_detail": None}
    assert ReplicaRouter().db_for_read(Dossier) is None  # reset after the request


def test_middleware_is_a_no_op_without_replica():
    seen = []

    def view_response(request):
        mw.process_view(request, None, (), {})
        seen.append(ReplicaRouter().db_for_read(Dossier))
        return "ok"

    mw = ReplicaReadsMiddleware(view_response)
    mw(_request("casefiles:werkvoorraad_export"))
    assert seen == [None]


SCRIPT = """
from django.conf import settings
from django.db import connections
from django.test.utils import CaptureQueriesContext
from casefiles.models import Dossier, AccessLog
from inburgering.db import replica_reads
print("R:aliases", sorted(settings.DATABASES))
print("R:mirror", settings.DATABASES.get("replica", {}).get("TEST", {}).get("MIRROR"))
with CaptureQueriesContext(connections["default"]) as d:
    with CaptureQueriesContext(connections["replica"]) as r:
        with replica_reads():
            n_replica = Dossier.objects.count()
            AccessLog.objects.count()
        n_default = Dossier.objects.count()
print("R:replica_queries", len(r.captured_queries))
print("R:default_queries", len(d.captured_queries))
print("R:same", n_replica == n_default)
"""


def _met_replica(script: str, *, timeout: int):
    """Run ``script`` in a fresh process whose DATABASE_REPLICA_URL points at this (test)
    database; returns the finished process and its ``R:name value`` lines as a dict."""
    db = connection.settings_dict
    url = (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )
    env = {**os.environ, "DATABASE_URL": url, "DATABASE_REPLICA_URL": url}
    env["DJANGO_SETTINGS_MODULE"] = "inburgering.settings.test"
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=settings.BASE_DIR,
    )
    assert out.returncode == 0, out.stderr
    lines = dict(
        line[2:].split(" ", 1) for line in out.stdout.splitlines() if line.startswith("R:")
    )
    return out, lines


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a replica is PostgreSQL")
def test_replica_url_really_reads_through_a_second_connection(transactional_db):
    """A fresh process with DATABASE_REPLICA_URL pointing at this (test) database: the
    scoped read runs on the replica's own connection, the rest on default."""
    out, lines = _met_replica(SCRIPT, timeout=120)
    assert "R:same" in out.stdout, out.stdout + out.stderr
    assert lines["aliases"] == "['default', 'replica']"
    assert lines["mirror"] == "default"
    assert lines["replica_queries"] == "1"  # the Dossier count; AccessLog stayed on default
    assert lines["default_queries"] == "2"
    assert lines["same"] == "True"


DASHBOARD_SCRIPT = """
from datetime import date
from django.db import connections
from django.test.utils import CaptureQueriesContext
from casefiles.models import Gemeente
from inburgering.db import replica_reads
from monitoring.indicators import Filters, bereken
g = Gemeente.objects.get(cbs_code="9301")
f = Filters(gemeente_ids=(g.pk,), van=date(2020, 1, 1), tot=date(2030, 12, 31))
with CaptureQueriesContext(connections["default"]) as d:
    with CaptureQueriesContext(connections["replica"]) as r:
        with replica_reads():
            rijen = bereken(f, parallel=False)
print("R:rows", len(rijen))
print("R:replica_queries", len(r.captured_queries))
print("R:default_dossier_queries", sum("casefiles_dossier" in q["sql"] for q in d.captured_queries))
with CaptureQueriesContext(connections["default"]) as d2:
    with CaptureQueriesContext(connections["replica"]) as r2:
        bereken(f, parallel=False)
print("R:zonder_scope_replica", len(r2.captured_queries))
print("R:zonder_scope_default", len(d2.captured_queries))
"""


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a replica is PostgreSQL")
def test_dashboard_reads_from_the_replica_inside_its_scope(transactional_db):
    """The policy dashboard (REPLICA_READ_VIEWS has its admin view) computes its
    indicators on the replica's connection, in one transaction there; outside the
    scope everything stays on the primary."""
    from tests.factories import DossierFactory, GemeenteFactory

    gemeente = GemeenteFactory(cbs_code="9301", naam="Replicagemeente")
    DossierFactory(gemeente=gemeente)
    _out, lines = _met_replica(DASHBOARD_SCRIPT, timeout=180)
    assert int(lines["rows"]) > 20
    assert int(lines["replica_queries"]) > 20
    assert lines["default_dossier_queries"] == "0"
    assert lines["zonder_scope_replica"] == "0"
    assert int(lines["zonder_scope_default"]) > 20
