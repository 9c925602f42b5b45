"""Set-based writes shared by sweeps, runs and the outbox (CONVENTIONS: a constant
number of statements per chunk, never a query per item)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone


def insert_ignore_returning(
    model: type[models.Model],
    rows: Sequence[dict[str, Any]],
    *,
    returning: Sequence[str] = ("id",),
) -> list[tuple]:
    """``INSERT … VALUES (…), (…) ON CONFLICT DO NOTHING RETURNING …`` in ONE
    statement: rows that would break a unique constraint are skipped, the inserted
    ones are returned (PostgreSQL, and SQLite ≥ 3.35). ``rows`` are dicts of field
    names; fields left out get their model default. Values go through each field's
    own database preparation, so JSON, dates and decimals are stored as the ORM would;
    ``auto_now``/``auto_now_add`` fields get the current time."""
    if not rows:
        return []
    meta = model._meta
    fields = [
        f
        for f in meta.concrete_fields
        if not (f.primary_key and isinstance(f, models.AutoField | models.BigAutoField))
    ]
    by_name = {f.name: f for f in fields} | {f.attname: f for f in fields}
    unknown = {k for r in rows for k in r} - set(by_name)
    if unknown:
        raise ValueError(f"Unknown fields for {meta.label}: {sorted(unknown)}")
    qn = connection.ops.quote_name
    now = timezone.now()
    params: list[Any] = []
    values_sql = []
    for row in rows:
        placeholders = []
        for f in fields:
            if f.name in row:
                value = row[f.name]
            elif f.attname in row:
                value = row[f.attname]
            elif getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                value = now
            else:
                value = f.get_default()  # the default, else "" / None as the ORM would
            params.append(f.get_db_prep_save(value, connection))
            placeholders.append("%s")
        values_sql.append(f"({', '.join(placeholders)})")
    returning_cols = ", ".join(qn(by_name[r].column) if r in by_name else qn(r) for r in returning)
    sql = (
        f"INSERT INTO {qn(meta.db_table)} ({', '.join(qn(f.column) for f in fields)}) "  # noqa: S608
        f"VALUES {', '.join(values_sql)} ON CONFLICT DO NOTHING RETURNING {returning_cols}"
    )
    with connection.cursor() as cur:
        cur.execute(sql, params)
        return [tuple(r) for r in cur.fetchall()]
