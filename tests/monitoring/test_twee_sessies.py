"""The dashboard computed in two PostgreSQL sessions that share one snapshot
(monitoring.indicators.base.bereken): the same table as in one session, really from
two database backends, both reading the exported snapshot. Needs committed data
(a transactional test): a second session cannot see a test case's open transaction."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection

from monitoring.indicators import base, bereken

from .test_indicators import bouw_data

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="two sessions with one snapshot: PostgreSQL only"
)


@pytest.fixture
def vastgelegd(transactional_db, time_machine):
    return bouw_data(time_machine)


@pytest.fixture
def sessies(monkeypatch):
    """Per computing session: (backend pid, isolation, read only, snapshot's xmin)."""
    gezien: list[tuple] = []
    echt = base._indicatoren

    def spion(f, gekozen):
        with connection.cursor() as c:
            c.execute(
                "SELECT pg_backend_pid(), current_setting('transaction_isolation'), "
                "current_setting('transaction_read_only'), "
                "pg_snapshot_xmin(pg_current_snapshot())::text, "
                "current_setting('max_parallel_workers_per_gather'), current_setting('jit')"
            )
            gezien.append(c.fetchone())
        return echt(f, gekozen)

    monkeypatch.setattr(base, "_indicatoren", spion)
    return gezien


def tabel(rijen):
    return [(r.sleutel, r.waarde, r.n, r.doel) for r in rijen]


def test_two_sessions_give_the_table_of_one(vastgelegd, sessies):
    twee = tabel(bereken(vastgelegd))
    assert len(sessies) == 2
    (pid1, iso1, ro1, xmin1, par1, jit1), (pid2, iso2, ro2, xmin2, par2, jit2) = sessies
    assert pid1 != pid2  # two database backends
    assert iso1 == iso2 == "repeatable read"
    assert ro1 == ro2 == "on"
    assert xmin1 == xmin2  # the imported snapshot
    assert par1 == par2 == "0" and jit1 == jit2 == "off"

    sessies.clear()
    een = tabel(bereken(vastgelegd, parallel=False))
    assert len(sessies) == 1
    assert sessies[0][1:3] == ("repeatable read", "on")
    assert twee == een
    # and the indicators of the second session still give the hand-worked figures
    # (tests/monitoring/test_indicators.py): hours per person, ladder at intake
    per_sleutel = {sleutel: waarde for sleutel, waarde, _n, _doel in twee}
    assert per_sleutel["uren_per_persoon.taal"] == Decimal("135.0")
    assert set(base.TWEEDE_SESSIE) <= {s.split(".")[0] for s in per_sleutel}


def _backends() -> int:
    with connection.cursor() as c:
        c.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
        return c.fetchone()[0]


def _tweede_pids(sessies) -> set[int]:
    """The backends of the second session (every computing session but this one's)."""
    with connection.cursor() as c:
        c.execute("SELECT pg_backend_pid()")
        eigen = c.fetchone()[0]
    return {pid for pid, *_ in sessies if pid != eigen}


def test_the_second_session_reuses_one_connection(vastgelegd, sessies, monkeypatch):
    """With persistent connections (CONN_MAX_AGE > 0) the second session's thread keeps
    its connection like a request does: one backend, the same one every time, never
    one more per dashboard."""
    from django.db import connections

    monkeypatch.setitem(connections.settings["default"], "CONN_MAX_AGE", 60)
    bereken(vastgelegd)
    voor = _backends()
    for _ in range(3):
        bereken(vastgelegd)
    assert _backends() == voor
    assert len(sessies) == 8
    assert len(_tweede_pids(sessies)) == 1


def test_without_persistent_connections_the_second_session_closes_it(
    vastgelegd, sessies, monkeypatch
):
    from django.db import connections

    monkeypatch.setitem(connections.settings["default"], "CONN_MAX_AGE", 0)
    bereken(vastgelegd)  # closes a connection kept from before, too
    voor = _backends()
    sessies.clear()
    for _ in range(3):
        bereken(vastgelegd)
    assert _backends() == voor
    # a new backend every time: nothing was kept
    assert len(_tweede_pids(sessies)) == 3


def test_a_broken_second_session_connection_is_replaced(vastgelegd, sessies, monkeypatch):
    """The database restarted or the connection was cut: the next dashboard still
    works (the kept connection is checked before use, like a request's)."""
    from django.db import connections

    monkeypatch.setitem(connections.settings["default"], "CONN_MAX_AGE", 60)
    eerst = tabel(bereken(vastgelegd))
    (tweede_pid,) = _tweede_pids(sessies)
    with connection.cursor() as c:
        c.execute("SELECT pg_terminate_backend(%s)", [tweede_pid])
    sessies.clear()
    assert tabel(bereken(vastgelegd)) == eerst
    (nieuw,) = _tweede_pids(sessies)
    assert nieuw != tweede_pid


def test_inside_an_open_transaction_one_session(vastgelegd, sessies):
    from django.db import transaction

    with transaction.atomic():
        bereken(vastgelegd)
    assert len(sessies) == 1


def test_planner_setting_holds_inside_the_block_only(transactional_db):
    from django.db import transaction

    def waarde() -> str:
        with connection.cursor() as c:
            c.execute("SELECT current_setting('enable_hashagg')")
            return c.fetchone()[0]

    with transaction.atomic():
        assert waarde() == "on"
        with base.planner_instellingen(enable_hashagg="off"):
            assert waarde() == "off"
        assert waarde() == "on"
    with (
        pytest.raises(ValueError),
        transaction.atomic(),
        base.planner_instellingen(**{"enable_hashagg; DROP TABLE x": "off"}),
    ):
        pass
