"""The access log becomes a hash chain (issue 12, item 5): every row gets a gapless
``seq``, the previous row's hash and its own HMAC (casefiles.accesslog). Existing
rows are chained in id order. (TRUNCATE is not blocked by a trigger — Django's test
flush needs it — but the application's database role does not hold it.)"""

from django.db import migrations, models

HEAD_SQL = """
CREATE OR REPLACE FUNCTION casefiles_accesslog_head(lock_key bigint)
RETURNS TABLE (seq bigint, hash varchar) AS $$
BEGIN
    -- serialise appends; VOLATILE: the SELECT below takes a new snapshot after the
    -- lock is granted, so it sees the row the previous holder committed
    PERFORM pg_advisory_xact_lock(lock_key);
    RETURN QUERY SELECT a.seq, a.hash FROM casefiles_accesslog a ORDER BY a.seq DESC LIMIT 1;
END;
$$ LANGUAGE plpgsql VOLATILE;
"""
DROP_HEAD_SQL = "DROP FUNCTION IF EXISTS casefiles_accesslog_head(bigint);"
GUARD = "casefiles_accesslog_append_only"


def chain_existing(apps, schema_editor):
    from casefiles.accesslog import CONTENT_FIELDS, GENESIS, chain_hash, hmac_key

    db = schema_editor.connection.alias
    AccessLog = apps.get_model("casefiles", "AccessLog")
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:  # the append-only guard is off for this one-time backfill
        schema_editor.execute(f"ALTER TABLE casefiles_accesslog DISABLE TRIGGER {GUARD}")
    key = hmac_key()
    prev, seq = GENESIS, 0
    batch = []
    for row in AccessLog.objects.using(db).order_by("id").iterator(chunk_size=2000):
        seq += 1
        content = {name: getattr(row, name) for name in CONTENT_FIELDS}
        row.seq, row.prev_hash = seq, prev
        row.hash = prev = chain_hash(key, row.prev_hash, seq, content)
        batch.append(row)
        if len(batch) >= 2000:
            AccessLog.objects.using(db).bulk_update(batch, ["seq", "prev_hash", "hash"])
            batch = []
    if batch:
        AccessLog.objects.using(db).bulk_update(batch, ["seq", "prev_hash", "hash"])
    if postgres:
        schema_editor.execute(f"ALTER TABLE casefiles_accesslog ENABLE TRIGGER {GUARD}")


def head_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(HEAD_SQL)


def drop_head_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_HEAD_SQL)


class Migration(migrations.Migration):
    dependencies = [
        ("casefiles", "0010_teams_securitylog"),
    ]

    operations = [
        migrations.AddField(
            model_name="accesslog",
            name="seq",
            field=models.BigIntegerField(null=True, verbose_name="volgnummer"),
        ),
        migrations.AddField(
            model_name="accesslog",
            name="prev_hash",
            field=models.CharField(default="", max_length=64, verbose_name="vorige hash"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="accesslog",
            name="hash",
            field=models.CharField(default="", max_length=64, verbose_name="hash"),
            preserve_default=False,
        ),
        migrations.RunPython(chain_existing, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="accesslog",
            name="seq",
            field=models.BigIntegerField(
                help_text="Doorlopend nummer in de keten, zonder gaten.",
                unique=True,
                verbose_name="volgnummer",
            ),
        ),
        migrations.RunPython(head_function, drop_head_function),
    ]
