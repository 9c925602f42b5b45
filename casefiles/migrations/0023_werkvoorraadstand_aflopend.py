"""Issue 16: the werkvoorraad sorted on the deadline the other way ("-deadline":
latest first, dossiers without a deadline last) walks an index as well. PostgreSQL
only: SQLite cannot index NULLS LAST (the embedded default sorts without it)."""

from django.db import migrations

INDEX = (
    "CREATE INDEX IF NOT EXISTS werkvoorraadstand_deadline_af ON casefiles_werkvoorraadstand "
    "(volgende_deadline DESC NULLS LAST, dossier_id)"
)


def vooruit(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX)


def terug(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS werkvoorraadstand_deadline_af")


class Migration(migrations.Migration):
    dependencies = [
        ("casefiles", "0022_taak_bron_index"),
    ]

    operations = [migrations.RunPython(vooruit, terug)]
