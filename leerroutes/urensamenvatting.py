"""The hours' summary for the dashboard (issue 16): ``leerroutes.UrenSamenvatting``, the
attended hours and the rows with attended hours per (gemeente, soort, periode_start,
vorige_aanwezig_start), so that "uren per persoon" reads tens of thousands of summary
rows instead of every hour row of the period.

Kept by the database (triggers of migration 0009, on PostgreSQL and SQLite), append-only:
every write of hour rows adds delta rows (plus the new contribution, minus the old), so
parallel imports never contend for a counter row. A key's figures are the SUM of its
rows; :func:`compacteren` folds them into one row per key (nightly task
``leerroutes.urensamenvatting_compacteren`` and after bulk writes). :func:`verschillen`
compares it with the hour rows, :func:`herbouwen` rebuilds it (``manage.py
uren_volgorde_herbouwen``). Derived data only: no case content, no personal data."""

from __future__ import annotations

from django.db import connection, transaction

TABEL = "leerroutes_urensamenvatting"
UREN = "leerroutes_urenregistratie"
SLEUTEL = "gemeente_id, soort, periode_start, vorige_aanwezig_start"
_SLOT = 7_316_004  # advisory lock: one compaction or rebuild at a time

# --- the triggers (migration 0009) ---------------------------------------------------

PG_TRIGGERS = f"""
CREATE OR REPLACE FUNCTION leerroutes_uren_samenvatting() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO {TABEL} ({SLEUTEL}, uren, rijen)
    SELECT {SLEUTEL}, SUM(aanwezig), COUNT(*) FROM nieuw
    WHERE aanwezig <> 0 GROUP BY 1, 2, 3, 4;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO {TABEL} ({SLEUTEL}, uren, rijen)
    SELECT {SLEUTEL}, -SUM(aanwezig), -COUNT(*) FROM oud
    WHERE aanwezig <> 0 GROUP BY 1, 2, 3, 4;
  ELSE
    INSERT INTO {TABEL} ({SLEUTEL}, uren, rijen)
    SELECT {SLEUTEL}, SUM(u), SUM(r) FROM (
      SELECT {SLEUTEL}, aanwezig AS u, 1 AS r FROM nieuw WHERE aanwezig <> 0
      UNION ALL
      SELECT {SLEUTEL}, -aanwezig, -1 FROM oud WHERE aanwezig <> 0
    ) AS d
    GROUP BY 1, 2, 3, 4 HAVING SUM(u) <> 0 OR SUM(r) <> 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER leerroutes_uren_samenvatting_ins AFTER INSERT ON {UREN}
  REFERENCING NEW TABLE AS nieuw
  FOR EACH STATEMENT EXECUTE FUNCTION leerroutes_uren_samenvatting();
CREATE TRIGGER leerroutes_uren_samenvatting_upd AFTER UPDATE ON {UREN}
  REFERENCING OLD TABLE AS oud NEW TABLE AS nieuw
  FOR EACH STATEMENT EXECUTE FUNCTION leerroutes_uren_samenvatting();
CREATE TRIGGER leerroutes_uren_samenvatting_del AFTER DELETE ON {UREN}
  REFERENCING OLD TABLE AS oud
  FOR EACH STATEMENT EXECUTE FUNCTION leerroutes_uren_samenvatting();
"""  # noqa: S608 (constants only)

PG_TERUG = f"""
DROP TRIGGER IF EXISTS leerroutes_uren_samenvatting_ins ON {UREN};
DROP TRIGGER IF EXISTS leerroutes_uren_samenvatting_upd ON {UREN};
DROP TRIGGER IF EXISTS leerroutes_uren_samenvatting_del ON {UREN};
DROP FUNCTION IF EXISTS leerroutes_uren_samenvatting();
"""


def _sqlite_rij(rij: str, teken: str) -> str:
    return (
        f"INSERT INTO {TABEL} ({SLEUTEL}, uren, rijen) "
        f"SELECT {rij}.gemeente_id, {rij}.soort, {rij}.periode_start, "
        f"{rij}.vorige_aanwezig_start, {teken}{rij}.aanwezig, {teken}1 "
        f"WHERE {rij}.aanwezig <> 0;"
    )


_RELEVANT = " OR ".join(
    f"OLD.{k} IS NOT NEW.{k}"
    for k in ("gemeente_id", "soort", "periode_start", "vorige_aanwezig_start", "aanwezig")
)
# SQLite (the embedded default): row-level triggers
SQLITE_TRIGGERS = [
    f"CREATE TRIGGER leerroutes_uren_samenvatting_ins AFTER INSERT ON {UREN} BEGIN "
    + _sqlite_rij("NEW", "")
    + " END;",
    f"CREATE TRIGGER leerroutes_uren_samenvatting_upd AFTER UPDATE ON {UREN} "
    f"WHEN {_RELEVANT} BEGIN " + _sqlite_rij("OLD", "-") + _sqlite_rij("NEW", "") + " END;",
    f"CREATE TRIGGER leerroutes_uren_samenvatting_del AFTER DELETE ON {UREN} BEGIN "
    + _sqlite_rij("OLD", "-")
    + " END;",
]
SQLITE_TERUG = [
    f"DROP TRIGGER IF EXISTS leerroutes_uren_samenvatting_{t}" for t in ("ins", "upd", "del")
]

_UIT_UREN = (
    f"SELECT {SLEUTEL}, SUM(aanwezig), COUNT(*) FROM {UREN} "  # noqa: S608 (constants)
    "WHERE aanwezig <> 0 GROUP BY 1, 2, 3, 4"
)


def _per_database(schema_editor, postgresql: str, sqlite: list[str]) -> None:
    vendor = schema_editor.connection.vendor
    for sql in [postgresql] if vendor == "postgresql" else sqlite if vendor == "sqlite" else []:
        schema_editor.execute(sql)


def triggers_aanmaken(schema_editor) -> None:
    """Create the triggers (migration 0009) and fill the summary from the hour rows."""
    _per_database(schema_editor, PG_TRIGGERS, SQLITE_TRIGGERS)
    schema_editor.execute(f"INSERT INTO {TABEL} ({SLEUTEL}, uren, rijen) {_UIT_UREN}")


def triggers_verwijderen(schema_editor) -> None:
    _per_database(schema_editor, PG_TERUG, SQLITE_TERUG)


# --- upkeep ----------------------------------------------------------------------------


def _slot(cursor) -> None:
    if connection.vendor == "postgresql":
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_SLOT])


def compacteren() -> dict[str, int]:
    """Fold the delta rows into one row per key (keys that sum to nothing disappear).
    Safe beside concurrent writes: on PostgreSQL one statement deletes exactly the rows
    of its snapshot and inserts their sums; rows committed meanwhile stay as they are.
    Returns the row counts before and after."""
    with transaction.atomic(), connection.cursor() as c:
        _slot(c)
        c.execute(f"SELECT COUNT(*), MAX(id) FROM {TABEL}")  # noqa: S608 (a constant)
        voor, max_id = c.fetchone()
        if voor:
            if connection.vendor == "postgresql":
                c.execute(
                    f"WITH weg AS (DELETE FROM {TABEL} "  # noqa: S608 (constants)
                    f"RETURNING {SLEUTEL}, uren, rijen) "
                    f"INSERT INTO {TABEL} ({SLEUTEL}, uren, rijen) "
                    f"SELECT {SLEUTEL}, SUM(uren), SUM(rijen) FROM weg GROUP BY 1, 2, 3, 4 "
                    "HAVING SUM(uren) <> 0 OR SUM(rijen) <> 0"
                )
            else:
                # SQLite has one writer at a time; rows after max_id are someone else's
                c.execute(
                    f"SELECT {SLEUTEL}, SUM(uren), SUM(rijen) FROM {TABEL} "  # noqa: S608
                    "WHERE id <= %s GROUP BY 1, 2, 3, 4 "
                    "HAVING SUM(uren) <> 0 OR SUM(rijen) <> 0",
                    [max_id],
                )
                sommen = c.fetchall()
                c.execute(f"DELETE FROM {TABEL} WHERE id <= %s", [max_id])  # noqa: S608
                c.executemany(
                    f"INSERT INTO {TABEL} ({SLEUTEL}, uren, rijen) "  # noqa: S608
                    "VALUES (%s, %s, %s, %s, %s, %s)",
                    sommen,
                )
        c.execute(f"SELECT COUNT(*) FROM {TABEL}")  # noqa: S608 (a constant)
        na = c.fetchone()[0]
    return {"rijen_voor": voor, "rijen_na": na}


def verschillen() -> int:
    """How many keys differ between the summary (summed per key) and the hour rows;
    0 when exact."""
    with connection.cursor() as c:
        c.execute(
            f"SELECT COUNT(*) FROM ("  # noqa: S608 (constants)
            f"SELECT {SLEUTEL}, SUM(uren) AS uren, SUM(rijen) AS rijen FROM ("
            f"SELECT {SLEUTEL}, uren, rijen FROM {TABEL} "
            f"UNION ALL SELECT {SLEUTEL}, -SUM(aanwezig), -COUNT(*) FROM {UREN} "
            "WHERE aanwezig <> 0 GROUP BY 1, 2, 3, 4"
            ") AS d GROUP BY 1, 2, 3, 4 HAVING SUM(uren) <> 0 OR SUM(rijen) <> 0) AS v"
        )
        return c.fetchone()[0]


def herbouwen() -> int:
    """Rebuild the summary from the hour rows (one row per key); returns the rows
    written. On PostgreSQL the hour table is locked against writes meanwhile (SHARE:
    readers go on), so no write slips between the delete and the insert."""
    with transaction.atomic(), connection.cursor() as c:
        _slot(c)
        if connection.vendor == "postgresql":
            c.execute(f"LOCK TABLE {UREN} IN SHARE MODE")
        c.execute(f"DELETE FROM {TABEL}")  # noqa: S608 (a constant)
        c.execute(f"INSERT INTO {TABEL} ({SLEUTEL}, uren, rijen) {_UIT_UREN}")  # noqa: S608
        return c.rowcount
