"""Migration operations shared by the apps whose records copy their dossier's gemeente
(:class:`casefiles.models.GemeenteVanDossier`)."""

from __future__ import annotations

from collections.abc import Sequence

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

VERBOSE_NAME = "gemeente (van het dossier)"


def _veld(*, null: bool) -> models.ForeignKey:
    """The copy as GemeenteVanDossier declares it (``null`` only while it is filled)."""
    return models.ForeignKey(
        db_index=False,
        editable=False,
        null=null,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="casefiles.gemeente",
        verbose_name=VERBOSE_NAME,
    )


def _historisch_veld() -> models.ForeignKey:
    """The copy on a django-simple-history model (no constraint, as that app makes it)."""
    return models.ForeignKey(
        blank=True,
        db_constraint=False,
        editable=False,
        null=True,
        on_delete=django.db.models.deletion.DO_NOTHING,
        related_name="+",
        to="casefiles.gemeente",
        verbose_name=VERBOSE_NAME,
    )


def gemeente_van_dossier(
    app_label: str,
    model_names: Sequence[str],
    historisch: Sequence[str] = (),
) -> list[migrations.operations.base.Operation]:
    """Every operation that adds the copy to ``model_names`` (and their history models
    ``historisch``): the field as nullable, filled from the dossier, then NOT NULL, and
    on PostgreSQL the composite foreign key (gemeente_id, dossier_id) →
    casefiles_dossier (gemeente_id, id) that refuses a copy that differs from the
    dossier's gemeente (deferred, like Django's own keys). Needs the unique constraint
    (gemeente, id) on the dossier (casefiles 0006)."""
    return [
        *(
            migrations.AddField(model_name=m, name="gemeente", field=_historisch_veld())
            for m in historisch
        ),
        *(
            migrations.AddField(model_name=m, name="gemeente", field=_veld(null=True))
            for m in model_names
        ),
        *(_vullen(app_label, m) for m in model_names),
        *(
            migrations.AlterField(model_name=m, name="gemeente", field=_veld(null=False))
            for m in model_names
        ),
        *(_sleutel(app_label, m) for m in model_names),
    ]


def _vullen(app_label: str, model_name: str) -> migrations.RunPython:
    def vullen(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        dossier = apps.get_model("casefiles", "Dossier")
        model.objects.using(schema_editor.connection.alias).update(
            gemeente_id=Subquery(
                dossier.objects.filter(pk=OuterRef("dossier_id")).values("gemeente_id")[:1]
            )
        )

    return migrations.RunPython(vullen, migrations.RunPython.noop, elidable=False)


def _sleutel(app_label: str, model_name: str) -> migrations.RunPython:
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

    return migrations.RunPython(sleutel, sleutel_weg, elidable=False)


def gemeente_van_dossier_sleutel(app_label: str, model_name: str) -> migrations.RunPython:
    """Only the composite foreign key (gemeente_id, dossier_id) → dossier, for a new
    model that is created with its gemeente copy already NOT NULL (issue 18)."""
    return _sleutel(app_label, model_name)
