"""The hash-chained access log: how rows are appended and how the chain is checked.

Every row carries ``seq`` (1, 2, 3, … without gaps), ``prev_hash`` (the ``hash`` of
row ``seq - 1``; 64 zeros for the first row) and ``hash`` = HMAC-SHA256 over
``prev_hash`` and the row's content, keyed with ``settings.ACCESSLOG_HMAC_KEY``.
The key lives with the application, not in the database, so whoever can write the
table directly (the database owner) can delete or change rows but cannot make the
chain fit again: :func:`verify` (``manage.py verify_accesslog``) reports

- a row whose content was changed (its HMAC no longer matches),
- rows that were deleted (a gap in ``seq``; the next row's ``prev_hash`` points at
  a hash that is gone),
- a row that was inserted (an HMAC the key did not make, or a ``seq`` used twice).

Removing the newest rows leaves a shorter valid chain; ``verify_accesslog
--anchor FILE`` keeps the head (seq, hash) outside the database and reports when a
head seen before has disappeared.

Concurrency: appends are serialised by a transaction-scoped advisory lock on
PostgreSQL (``pg_advisory_xact_lock``), so two requests logging at the same moment
each chain onto the other's committed row. One append of any number of rows is two
statements: ``casefiles_accesslog_head()`` (takes the lock and reads the head) and
one multi-row INSERT. On SQLite (the embedded default, one process) a clash on the
unique ``seq`` is retried.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

GENESIS = "0" * 64
#: Any fixed 64-bit number: the advisory lock that serialises appends.
LOCK_KEY = 0x1B0A_CCE5_5106
CONTENT_FIELDS = (
    "moment",
    "user_id",
    "dossier_id",
    "gemeente_id",
    "action",
    "onderdeel",
    "object_id",
    "doel",
    "request_id",
)
#: Content fields added later (issue 18: the ketenpartner organisation of a partner's
#: read). They enter the HMAC only when set, so every row written before they existed
#: still verifies.
OPTIONAL_CONTENT_FIELDS = ("ketenpartner_id",)


def hmac_key() -> bytes:
    """``ACCESSLOG_HMAC_KEY`` or, when not set, a key derived from SECRET_KEY."""
    explicit = getattr(settings, "ACCESSLOG_HMAC_KEY", "")
    if explicit:
        return explicit.encode()
    return hmac.new(
        settings.SECRET_KEY.encode(), b"casefiles.accesslog.chain", hashlib.sha256
    ).digest()


def _moment_text(value: datetime) -> str:
    if timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(seq: int, row: dict[str, Any]) -> bytes:
    """The row's content as the HMAC sees it (stable, unambiguous JSON)."""
    values: list[Any] = [seq]
    for name in CONTENT_FIELDS:
        value = row.get(name)
        if name == "moment":
            value = _moment_text(row["moment"])
        elif value is None:
            value = ""
        values.append(str(value))
    for name in OPTIONAL_CONTENT_FIELDS:
        if row.get(name) is not None:
            values.append(f"{name}={row[name]}")
    return json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode()


def chain_hash(key: bytes, prev_hash: str, seq: int, row: dict[str, Any]) -> str:
    return hmac.new(
        key, prev_hash.encode() + b"\n" + canonical(seq, row), hashlib.sha256
    ).hexdigest()


def append(rows: Sequence[dict[str, Any]]):
    """Append ``rows`` (dicts of the content fields) to the chain in one INSERT and
    return the saved AccessLog objects."""
    from .models import AccessLog

    if not rows:
        return []
    key = hmac_key()
    now = timezone.now()
    postgres = connection.vendor == "postgresql"
    attempts = 1 if postgres else 5
    for attempt in range(attempts):
        try:
            # no savepoint inside an outer transaction: the lock lives until it ends
            # anyway, and on PostgreSQL nothing here is retried
            with transaction.atomic(savepoint=not postgres):
                head = _head(AccessLog) if not postgres else _head_locked()
                seq, prev = head if head else (0, GENESIS)
                objs = []
                for row in rows:
                    content = {**row, "moment": row.get("moment") or now}
                    seq += 1
                    digest = chain_hash(key, prev, seq, content)
                    objs.append(AccessLog(**content, seq=seq, prev_hash=prev, hash=digest))
                    prev = digest
                if postgres:
                    return _insert_postgres(AccessLog, objs)
                return AccessLog.objects.bulk_create(objs)
        except IntegrityError:
            if attempt == attempts - 1:
                raise
    return []  # pragma: no cover


_INSERT_SQL: dict[str, tuple[str, list[str]]] = {}


def _insert_postgres(model, objs: list) -> list:
    """The rows in ONE INSERT whose values travel as one JSON parameter
    (``json_to_recordset``), with their ids back (issue 16: ``bulk_create`` prepared
    every value of every row through its field, ~0.1 ms a row; a werkvoorraad page
    logs 25–40 rows). The values are the model's own: the moment through its field
    (a naive moment made aware as Django does), ints and strings as they are."""
    alias = connection.alias
    if alias not in _INSERT_SQL:
        q = connection.ops.quote_name
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        cols = ", ".join(q(f.column) for f in fields)
        types = ", ".join(f"{q(f.column)} {f.db_type(connection)}" for f in fields)
        # names and types from the model's _meta; the values are the one parameter
        sql = (
            f"INSERT INTO {q(model._meta.db_table)} ({cols}) "  # noqa: S608
            f"SELECT {cols} FROM json_to_recordset(%s::json) AS r({types}) "
            f"RETURNING {q(model._meta.pk.column)}, {q(model._meta.get_field('seq').column)}"
        )
        _INSERT_SQL[alias] = (sql, [f.attname for f in fields])
    sql, attnames = _INSERT_SQL[alias]
    moment = model._meta.get_field("moment")
    data = []
    for obj in objs:
        row = {name: getattr(obj, name) for name in attnames}
        row["moment"] = moment.get_prep_value(row["moment"]).isoformat()
        data.append(row)
    with connection.cursor() as cursor:
        # default=str: a lazy translation as the text bulk_create would have stored
        cursor.execute(sql, [json.dumps(data, ensure_ascii=False, default=str)])
        ids = {seq: pk for pk, seq in cursor.fetchall()}
    for obj in objs:
        obj.pk = ids[obj.seq]
        obj._state.adding = False
        obj._state.db = alias
    return objs


def _head_locked() -> tuple[int, str] | None:
    """Take the append lock and read the head in ONE statement (casefiles 0011:
    a VOLATILE function whose SELECT sees what the previous holder committed)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT seq, hash FROM casefiles_accesslog_head(%s)", [LOCK_KEY])
        row = cursor.fetchone()
    return (int(row[0]), str(row[1])) if row else None


def _head(model) -> tuple[int, str] | None:
    return model.objects.order_by("-seq").values_list("seq", "hash").first()


# --- verification ------------------------------------------------------------------


@dataclass
class Finding:
    kind: str  # "gewijzigd" | "verwijderd" | "ingevoegd"
    seq: int | None
    row_id: int | None
    text: str


@dataclass
class Report:
    rows: int = 0
    head_seq: int = 0
    head_hash: str = GENESIS
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings


def verify(batch_size: int = 5000) -> Report:
    """Walk the chain in ``seq`` order and report every break."""
    from .models import AccessLog

    key = hmac_key()
    report = Report()
    expected_seq = 1
    prev_hash = GENESIS
    qs = AccessLog.objects.order_by("seq", "id").values(
        "id", "seq", "prev_hash", "hash", *CONTENT_FIELDS, *OPTIONAL_CONTENT_FIELDS
    )
    for row in _iterate(qs, batch_size):
        report.rows += 1
        seq, rid = row["seq"], row["id"]
        valid = hmac.compare_digest(row["hash"], chain_hash(key, row["prev_hash"], seq, row))
        if seq < expected_seq:
            report.findings.append(
                Finding("ingevoegd", seq, rid, f"volgnummer {seq} komt dubbel voor (rij-id {rid})")
            )
            continue
        if seq > expected_seq:
            gap = (
                f"volgnummer {expected_seq} ontbreekt"
                if seq == expected_seq + 1
                else f"volgnummers {expected_seq} t/m {seq - 1} ontbreken"
            )
            report.findings.append(
                Finding("verwijderd", expected_seq, None, f"{gap} (verwijderd) vóór rij-id {rid}")
            )
        elif valid and row["prev_hash"] != prev_hash:
            report.findings.append(
                Finding(
                    "verwijderd",
                    seq,
                    rid,
                    f"de keten is onderbroken vóór volgnummer {seq} (rij-id {rid})",
                )
            )
        if not valid:
            report.findings.append(
                Finding(
                    "gewijzigd",
                    seq,
                    rid,
                    f"rij-id {rid} (volgnummer {seq}) is gewijzigd of niet door de applicatie "
                    "geschreven: de hash klopt niet",
                )
            )
        prev_hash = row["hash"]
        expected_seq = seq + 1
        report.head_seq, report.head_hash = seq, row["hash"]
    return report


def _iterate(qs, batch_size: int) -> Iterable[dict[str, Any]]:
    """Keyset pagination over (seq, id), so a duplicated seq is not skipped."""
    from django.db.models import Q

    last_seq, last_id = 0, 0
    while True:
        chunk = list(qs.filter(Q(seq__gt=last_seq) | Q(seq=last_seq, id__gt=last_id))[:batch_size])
        if not chunk:
            return
        yield from chunk
        last_seq, last_id = chunk[-1]["seq"], chunk[-1]["id"]
