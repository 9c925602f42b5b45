"""Running a per-dossier rollup's set-based UPDATE over many dossiers: the dashboard's
derived columns (leerroutes.urenvolgorde for the hours, casefiles.participatie.
laddervolgorde for the participatieladder) each build one ``UPDATE … FROM (window
functions)`` for a WHERE clause on ``dossier_id``; these helpers run it for a set of
dossiers (bounded statements) or for a whole table (dossier-id ranges)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import connection

UpdateSql = Callable[[str], tuple[str, list]]
"""Given a WHERE clause on ``dossier_id``, the UPDATE and its parameters (those of the
WHERE clause follow them)."""

CHUNK = 2000
"""Dossiers per UPDATE when many dossiers are recomputed (bounded statement size)."""


def per_dossier(update_sql: UpdateSql, dossier_ids: Iterable[int]) -> int:
    """Recompute these dossiers' rows, one statement per :data:`CHUNK` dossiers;
    returns the number of rows that changed."""
    ids = sorted({int(i) for i in dossier_ids})
    veranderd = 0
    for i in range(0, len(ids), CHUNK):
        deel = ids[i : i + CHUNK]
        sql, params = update_sql(f"WHERE dossier_id IN ({', '.join(['%s'] * len(deel))})")
        with connection.cursor() as c:
            c.execute(sql, [*params, *deel])
            veranderd += c.rowcount
    return veranderd


def hele_tabel(update_sql: UpdateSql, tabel: str, *, per: int) -> int:
    """Recompute every row of ``tabel``, in dossier-id ranges of ``per``."""
    with connection.cursor() as c:
        c.execute(f"SELECT MIN(dossier_id), MAX(dossier_id) FROM {tabel}")  # noqa: S608 (a constant)
        lo, hi = c.fetchone()
    if lo is None:
        return 0
    veranderd = 0
    for start in range(lo, hi + 1, per):
        sql, params = update_sql("WHERE dossier_id >= %s AND dossier_id < %s")
        with connection.cursor() as c:
            c.execute(sql, [*params, start, start + per])
            veranderd += c.rowcount
    return veranderd
