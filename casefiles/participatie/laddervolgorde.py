"""The participatieladder's ordering rollup for the dashboard (issue 16): keeps
``ParticipatieladderMeting.volgende_datum`` and ``eerste_intake`` exactly right with one
set-based UPDATE per call (window functions over the given dossiers' measurements), on
PostgreSQL and SQLite — the same pattern as the hours (leerroutes.urenvolgorde).

- ``volgende_datum``: the date of the dossier's next measurement in (datum, id) order
  (empty for its latest). "The latest measurement on or before date D" is then the one
  with ``datum <= D`` whose next one lies after D (or has none): a flat count per step,
  no per-dossier grouping.
- ``eerste_intake``: true for the dossier's earliest measurement with source intake
  (by (datum, id)).

Called on every save and delete of a measurement (signals in casefiles.apps: the
participatie services, the brede intake, fixtures alike) and by bulk writers (the
synthetic data); rebuilt for everything by ``manage.py ladder_volgorde_herbouwen`` (and
by the migration that added the columns). Derived data only: no case content changes,
so no actor or timeline entry."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

from casefiles import rollup
from casefiles.choices import LadderBron

TABEL = "casefiles_participatieladdermeting"


def _update_sql(waar: str) -> tuple[str, list]:
    # null-safe "differs": SQLite's IS NOT (every version; IS DISTINCT FROM only ≥ 3.39)
    anders = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    sql = (
        f"UPDATE {TABEL} SET volgende_datum = v.volgende, eerste_intake = v.eerste "  # noqa: S608 (constants only)
        "FROM (SELECT id, LEAD(datum) OVER (PARTITION BY dossier_id ORDER BY datum, id) "
        "AS volgende, (bron = %s AND ROW_NUMBER() OVER ("
        "PARTITION BY dossier_id, bron = %s ORDER BY datum, id) = 1) AS eerste "
        f"FROM {TABEL} {waar}) AS v "
        f"WHERE {TABEL}.id = v.id AND ({TABEL}.volgende_datum {anders} v.volgende "
        f"OR {TABEL}.eerste_intake {anders} v.eerste)"
    )
    return sql, [LadderBron.INTAKE, LadderBron.INTAKE]


def bijwerken(*, dossier_ids: Iterable[int]) -> int:
    """Recompute the rollup of these dossiers' measurements (one statement per
    :data:`casefiles.rollup.CHUNK` dossiers); returns the number of rows that changed."""
    return rollup.per_dossier(_update_sql, dossier_ids)


def alles_herbouwen(*, per: int = 20000) -> int:
    """Recompute the rollup of every measurement, in dossier-id ranges of ``per``."""
    return rollup.hele_tabel(_update_sql, TABEL, per=per)


def herberekend(dossier_ids: Iterable[int] | None = None) -> dict[int, tuple]:
    """{row id: (volgende_datum, eerste_intake) as they should be}, recomputed in Python
    from the rows (for tests and checks)."""
    from casefiles.models import ParticipatieladderMeting

    qs = ParticipatieladderMeting.objects.order_by("dossier_id", "datum", "id")
    if dossier_ids is not None:
        qs = qs.filter(dossier_id__in=list(dossier_ids))
    rijen = list(qs.values_list("id", "dossier_id", "datum", "bron"))
    uit: dict[int, tuple] = {}
    intake_gezien: set[int] = set()
    for i, (pk, dossier_id, _datum, bron) in enumerate(rijen):
        volgende = rijen[i + 1] if i + 1 < len(rijen) else None
        volgende_datum = volgende[2] if volgende and volgende[1] == dossier_id else None
        eerste = bron == LadderBron.INTAKE and dossier_id not in intake_gezien
        if eerste:
            intake_gezien.add(dossier_id)
        uit[pk] = (volgende_datum, eerste)
    return uit
