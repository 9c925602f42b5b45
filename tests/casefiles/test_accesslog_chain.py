"""A log that cannot be altered unnoticed (issue 12, items 4 and 5).

- rows are chained with an HMAC; ``verify_accesslog`` reports a row deleted,
  altered or inserted with raw SQL as the database owner;
- two requests logging at the same moment still give one valid chain;
- a list page logs all its dossiers in one INSERT;
- the application's database role may only INSERT and SELECT on the log.
"""

from __future__ import annotations

import json
import threading

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casefiles import accesslog
from casefiles.models import AccessLog
from casefiles.services import access_log_record, access_log_record_many
from tests.factories import DossierFactory

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="database roles and triggers are PostgreSQL's"
)


def _log(world, n: int = 5):
    for i in range(n):
        access_log_record(
            user=world.werkcoach, dossier=world.dossier, action="view", onderdeel=f"test.{i}"
        )


def _verify_fails(*args) -> str:
    with pytest.raises(CommandError) as exc:
        call_command("verify_accesslog", *args)
    return str(exc.value)


def _as_owner(sql: str, params=()) -> None:
    """What a database owner could do: switch the guard off and write directly."""
    with connection.cursor() as c:
        if _pg():
            c.execute("ALTER TABLE casefiles_accesslog DISABLE TRIGGER USER")
        c.execute(sql, params)
        if _pg():
            c.execute("ALTER TABLE casefiles_accesslog ENABLE TRIGGER USER")


def _pg() -> bool:
    return connection.vendor == "postgresql"


def test_chain_is_valid_and_gapless(world, capsys):
    _log(world)
    rows = list(AccessLog.objects.order_by("seq"))
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1))
    assert all(b.prev_hash == a.hash for a, b in zip(rows, rows[1:], strict=False))
    call_command("verify_accesslog")
    assert "Toegangslog intact" in capsys.readouterr().out


def test_a_row_deleted_with_raw_sql_as_the_owner_is_reported(world):
    _log(world)
    victim = AccessLog.objects.order_by("seq")[2]
    _as_owner("DELETE FROM casefiles_accesslog WHERE id = %s", [victim.pk])
    message = _verify_fails()
    assert "niet intact" in message
    assert f"volgnummer {victim.seq} ontbreekt (verwijderd)" in message


def test_deletion_names_the_missing_sequence_numbers(world):
    _log(world, 6)
    rows = list(AccessLog.objects.order_by("seq"))
    _as_owner("DELETE FROM casefiles_accesslog WHERE id IN (%s, %s)", [rows[2].pk, rows[3].pk])
    report = accesslog.verify()
    assert [(f.kind, f.seq) for f in report.findings] == [("verwijderd", rows[2].seq)]
    assert f"{rows[2].seq} t/m {rows[3].seq}" in report.findings[0].text


def test_an_altered_row_is_reported(world):
    _log(world)
    target = AccessLog.objects.order_by("seq")[1]
    _as_owner("UPDATE casefiles_accesslog SET user_id = 999 WHERE id = %s", [target.pk])
    report = accesslog.verify()
    assert [(f.kind, f.row_id) for f in report.findings] == [("gewijzigd", target.pk)]


def test_an_inserted_row_is_reported(world):
    _log(world)
    head = AccessLog.objects.order_by("-seq").first()
    _as_owner(
        "INSERT INTO casefiles_accesslog (moment, user_id, dossier_id, gemeente_id, action, "
        "onderdeel, object_id, doel, request_id, seq, prev_hash, hash) VALUES "
        "(%s, 1, %s, %s, 'view', 'vals', '', '', '', %s, %s, %s)",
        [head.moment, world.dossier.pk, world.gemeente.pk, head.seq + 1, head.hash, "f" * 64],
    )
    _log(world, 1)  # the application chains on; the forged row still shows
    report = accesslog.verify()
    assert [f.seq for f in report.findings] == [head.seq + 1]
    assert "niet door de applicatie geschreven" in report.findings[0].text


def test_rows_cut_from_the_end_are_caught_with_an_anchor(world, tmp_path):
    _log(world)
    anchor = tmp_path / "anker.json"
    call_command("verify_accesslog", "--anchor", str(anchor))
    head = json.loads(anchor.read_text())
    assert head["seq"] == AccessLog.objects.count()
    _as_owner("DELETE FROM casefiles_accesslog WHERE seq = %s", [head["seq"]])
    assert accesslog.verify().ok  # the shorter chain is valid in itself …
    assert "kop van de vorige controle" in _verify_fails("--anchor", str(anchor))  # … not here


def test_list_page_logs_every_dossier_in_one_insert(client, world):
    for _ in range(30):
        DossierFactory(gemeente=world.gemeente, werkcoach=world.werkcoach)
    client.force_login(world.werkcoach)
    url = reverse("casefiles:werkvoorraad")
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    shown = [d.pk for d in response.context["page"].object_list]
    assert len(shown) == 25
    inserts = [
        q["sql"]
        for q in ctx.captured_queries
        if "INSERT INTO" in q["sql"] and "accesslog" in q["sql"]
    ]
    assert len(inserts) == 1
    rows = AccessLog.objects.filter(user_id=world.werkcoach.pk, onderdeel="werkvoorraad")
    assert set(shown) <= set(rows.values_list("dossier_id", flat=True))


def test_bulk_logging_costs_two_statements_whatever_the_number_of_rows(world):
    dossiers = [DossierFactory(gemeente=world.gemeente) for _ in range(40)]
    for n in (1, 40):
        with CaptureQueriesContext(connection) as ctx:
            access_log_record_many(
                user=world.werkcoach, dossiers=dossiers[:n], action="view", onderdeel="lijst"
            )
        sql = [q["sql"] for q in ctx.captured_queries if "SAVEPOINT" not in q["sql"]]
        assert len(sql) == 2, sql  # head (+ lock on PostgreSQL) and one INSERT
    assert accesslog.verify().ok


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_writers_at_once_give_one_valid_chain(world):
    """Threads with their own connections log at the same moment."""
    dossier_ids = [world.dossier.pk, world.dossier_elders.pk]
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def writer(i: int):
        try:
            barrier.wait()
            for j in range(15):
                access_log_record_many(
                    user=world.werkcoach,
                    dossiers=[(pk, None) for pk in dossier_ids],
                    action="view",
                    onderdeel=f"thread.{i}.{j}",
                )
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors
    assert AccessLog.objects.filter(onderdeel__startswith="thread.").count() == 4 * 15 * 2
    report = accesslog.verify()
    assert report.ok, [f.text for f in report.findings]
    assert report.head_seq == AccessLog.objects.count()


# --- the application's database role ----------------------------------------------------------


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_app_role_may_only_insert_and_select_on_the_logs(world):
    db = connection.settings_dict
    role = f"{db['NAME']}_app"[:60]
    call_command("grant_app_role", role, "--create")
    access_log_record(user=world.werkcoach, dossier=world.dossier, action="view", onderdeel="x")
    conninfo = dict(
        host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, dbname=db["NAME"], user=role
    )
    try:
        with psycopg.connect(**conninfo, autocommit=True) as app:
            # what the application does: read, append (through the chain function)
            assert app.execute("SELECT count(*) FROM casefiles_accesslog").fetchone()[0] >= 1
            assert app.execute("SELECT * FROM casefiles_accesslog_head(1)").fetchone()
            app.execute(
                "UPDATE casefiles_dossier SET azc = 'AZC' WHERE id = %s", [world.dossier.pk]
            )
            for sql in (
                "UPDATE casefiles_accesslog SET user_id = 1",
                "DELETE FROM casefiles_accesslog",
                "TRUNCATE casefiles_accesslog",
                "ALTER TABLE casefiles_accesslog DISABLE TRIGGER USER",
                "UPDATE casefiles_securityevent SET user_id = 1",
                "DELETE FROM casefiles_securityevent",
            ):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    app.execute(sql)
        # the application itself, connected as that role, still logs
        settings_dict = {**db, "USER": role, "PASSWORD": ""}
        from django.db.backends.postgresql.base import DatabaseWrapper

        wrapper = DatabaseWrapper(settings_dict, alias="app_role_test")
        try:
            with wrapper.cursor() as c:
                c.execute(
                    "SELECT seq, hash FROM casefiles_accesslog_head(%s)", [accesslog.LOCK_KEY]
                )
                assert c.fetchone() is not None
        finally:
            wrapper.close()
    finally:
        with connection.cursor() as c:
            c.execute(f'DROP OWNED BY "{role}"')
            c.execute(f'DROP ROLE IF EXISTS "{role}"')


def test_appended_rows_come_back_as_stored(world):
    """One INSERT with the values as one JSON parameter on PostgreSQL: the objects
    returned carry the ids and exactly the values the database holds (a lazy
    translation as its text, a missing optional field empty, a moment to the
    microsecond), and the chain verifies."""
    from datetime import UTC, datetime

    from django.utils.translation import gettext_lazy

    moment = datetime(2026, 11, 27, 9, 30, 15, 123456, tzinfo=UTC)
    rows = [
        {
            "user_id": world.werkcoach.pk,
            "dossier_id": world.dossier.pk,
            "gemeente_id": world.dossier.gemeente_id,
            "action": "view",
            "onderdeel": "test.één",
            "object_id": "",
            "doel": gettext_lazy("Inzage"),
            "request_id": "abc-123",
        },
        {
            "user_id": world.werkcoach.pk,
            "dossier_id": None,
            "gemeente_id": None,
            "action": "export",
            "onderdeel": "test.twee",
            "object_id": "7",
            "doel": "Bij DUO opvragen: één",
            "request_id": "",
            "ketenpartner_id": 3,
            "moment": moment,
        },
    ]
    saved = accesslog.append(rows)
    assert [o.seq for o in saved] == sorted(o.seq for o in saved)
    for obj in saved:
        db = AccessLog.objects.get(pk=obj.pk)
        for name in (*accesslog.CONTENT_FIELDS, "ketenpartner_id", "seq", "prev_hash", "hash"):
            assert getattr(db, name) == getattr(obj, name), name
    assert AccessLog.objects.get(pk=saved[0].pk).doel == "Inzage"
    assert AccessLog.objects.get(pk=saved[0].pk).ketenpartner_id is None
    assert AccessLog.objects.get(pk=saved[1].pk).moment == moment
    assert accesslog.verify().ok
