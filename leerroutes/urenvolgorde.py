"""The hours' ordering rollup for the dashboard (issue 16): keeps
``Urenregistratie.vorige_aanwezig_start`` exactly right with one set-based UPDATE per
call (a window function over the given dossiers' rows), on PostgreSQL and SQLite.

Called on every save and delete of an hour row (signals in leerroutes.apps, so
:func:`leerroutes.services.uren_registreren`, imports and fixtures alike) and by bulk
writers (the synthetic data); rebuilt for
everything by ``manage.py uren_volgorde_herbouwen`` (and the migration that added it).
Derived data only: no case content changes, so no actor or timeline entry."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

from casefiles import rollup

from .rules import UREN_GROEPEN


def _groep_sql() -> tuple[str, list[str]]:
    delen, params = [], []
    for groep, soorten in UREN_GROEPEN.items():
        delen.append(f"WHEN soort IN ({', '.join(['%s'] * len(soorten))}) THEN %s")
        params += [*sorted(soorten), groep]
    return f"CASE {' '.join(delen)} END", params


def _update_sql(waar: str) -> tuple[str, list]:
    groep, params = _groep_sql()
    table = "leerroutes_urenregistratie"
    # null-safe "differs": SQLite's IS NOT (every version; IS DISTINCT FROM only ≥ 3.39)
    anders = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    sql = (
        f"UPDATE {table} SET vorige_aanwezig_start = v.vorige "  # noqa: S608 (constants only)
        "FROM (SELECT id, CASE WHEN aanwezig > 0 THEN LAG(periode_start) OVER ("
        f"PARTITION BY dossier_id, {groep}, aanwezig > 0 ORDER BY periode_start, id) END "
        f"AS vorige FROM {table} {waar}) AS v "
        f"WHERE {table}.id = v.id "
        f"AND {table}.vorige_aanwezig_start {anders} v.vorige"
    )
    return sql, params


def bijwerken(*, dossier_ids: Iterable[int]) -> int:
    """Recompute the rollup of these dossiers' hour rows (one statement per
    :data:`casefiles.rollup.CHUNK` dossiers); returns the number of rows that changed."""
    return rollup.per_dossier(_update_sql, dossier_ids)


def alles_herbouwen(*, per: int = 20000) -> int:
    """Recompute the rollup of every hour row, in dossier-id ranges of ``per``."""
    return rollup.hele_tabel(_update_sql, "leerroutes_urenregistratie", per=per)


def herberekend(dossier_ids: Iterable[int] | None = None) -> dict[int, object]:
    """{row id: the value the rollup should have}, recomputed in Python from the rows
    (for tests and checks): per dossier and hour group, the rows with attended hours
    in (periode_start, id) order; each one's value is the previous one's start."""
    from .models import Urenregistratie

    qs = Urenregistratie.objects.order_by("dossier_id", "periode_start", "id")
    if dossier_ids is not None:
        qs = qs.filter(dossier_id__in=list(dossier_ids))
    groep_van = {s: g for g, soorten in UREN_GROEPEN.items() for s in soorten}
    vorige: dict[tuple, object] = {}
    uit: dict[int, object] = {}
    for pk, dossier_id, soort, start, aanwezig in qs.values_list(
        "id", "dossier_id", "soort", "periode_start", "aanwezig"
    ):
        if aanwezig > 0:
            sleutel = (dossier_id, groep_van.get(soort))
            uit[pk] = vorige.get(sleutel)
            vorige[sleutel] = start
        else:
            uit[pk] = None
    return uit
