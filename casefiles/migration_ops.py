"""Migration operations shared by the apps whose records copy their dossier's gemeente
(:class:`casefiles.models.GemeenteVanDossier`)."""

from __future__ import annotations

from django.db import migrations
from django.db.models import OuterRef, Subquery


def gemeente_van_dossier(app_label: str, model_name: str) -> dict[str, migrations.RunPython]:
    """Two operations for a migration that adds the copy: ``vullen`` (after
    ``AddField(gemeente, null=True)``, before it becomes NOT NULL) fills the copy from
    the dossier; ``sleutel`` (after it is NOT NULL) adds on PostgreSQL the composite
    foreign key (gemeente_id, dossier_id) → casefiles_dossier (gemeente_id, id) that
    refuses a copy that differs from the dossier's gemeente (deferred, like Django's
    own keys)."""

    def vullen(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        dossier = apps.get_model("casefiles", "Dossier")
        model.objects.using(schema_editor.connection.alias).update(
            gemeente_id=Subquery(
                dossier.objects.filter(pk=OuterRef("dossier_id")).values("gemeente_id")[:1]
            )
        )

    def naam(apps) -> tuple[str, str]:
        table = apps.get_model(app_label, model_name)._meta.db_table
        return table, f"{table[:40]}_gemeente_dossier_fk"

    def sleutel(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return  # SQLite cannot add a constraint to a table; save() sets the copy
        table, constraint = naam(apps)
        qn = schema_editor.quote_name
        schema_editor.execute(
            f"ALTER TABLE {qn(table)} ADD CONSTRAINT {qn(constraint)} "
            "FOREIGN KEY (gemeente_id, dossier_id) "
            f"REFERENCES {qn('casefiles_dossier')} (gemeente_id, id) "
            "DEFERRABLE INITIALLY DEFERRED"
        )

    def sleutel_weg(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        table, constraint = naam(apps)
        qn = schema_editor.quote_name
        schema_editor.execute(f"ALTER TABLE {qn(table)} DROP CONSTRAINT IF EXISTS {qn(constraint)}")

    return {
        "vullen": migrations.RunPython(vullen, migrations.RunPython.noop, elidable=False),
        "sleutel": migrations.RunPython(sleutel, sleutel_weg, elidable=False),
    }
