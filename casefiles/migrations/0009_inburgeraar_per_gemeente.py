"""A person record per gemeente (issue 12, item 2).

The inburgeraar's personal data belongs to the dossier of one gemeente: the BSN is
no longer unique on its own but per gemeente. Existing records shared by dossiers of
several gemeenten are split: the record stays with the gemeente of its oldest
dossier; every other gemeente's dossier gets its own copy, with a copy of the
record's history (django-simple-history) and of the household members, and the
dossier (and its history) points at that copy. A record without any dossier is
reachable from no screen and is removed (data minimisation).

On PostgreSQL a composite foreign key dossier (gemeente_id, inburgeraar_id) →
inburgeraar (gemeente_id, id) then refuses a dossier that carries a person record
of another gemeente.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

import casefiles.models

FK_NAME = "casefiles_dossier_gemeente_inburgeraar_fk"


def split_per_gemeente(apps, schema_editor):
    db = schema_editor.connection.alias
    Inburgeraar = apps.get_model("casefiles", "Inburgeraar")
    Historisch = apps.get_model("casefiles", "HistoricalInburgeraar")
    Dossier = apps.get_model("casefiles", "Dossier")
    HistorischDossier = apps.get_model("casefiles", "HistoricalDossier")
    Gezinslid = apps.get_model("casefiles", "Gezinslid")

    personen = Inburgeraar.objects.using(db)
    # a record without a dossier belongs to no gemeente and is shown nowhere
    zonder = personen.filter(dossiers__isnull=True)
    Gezinslid.objects.using(db).filter(inburgeraar__in=zonder).delete()
    zonder.delete()
    # each record goes to the gemeente of its oldest dossier (set-based)
    personen.update(
        gemeente_id=Subquery(
            Dossier.objects.using(db)
            .filter(inburgeraar_id=OuterRef("pk"))
            .order_by("pk")
            .values("gemeente_id")[:1]
        )
    )
    Historisch.objects.using(db).update(
        gemeente_id=Subquery(
            Inburgeraar.objects.using(db).filter(pk=OuterRef("id")).values("gemeente_id")[:1]
        )
    )
    # dossiers of other gemeenten get their own copy
    gedeeld = (
        Dossier.objects.using(db)
        .exclude(gemeente_id=Subquery(personen.filter(pk=OuterRef("inburgeraar_id")).values("gemeente_id")[:1]))
        .order_by("pk")
        .values_list("pk", "gemeente_id", "inburgeraar_id")
    )
    velden = [f for f in Inburgeraar._meta.concrete_fields if not f.primary_key]
    for dossier_pk, gemeente_id, persoon_pk in list(gedeeld):
        bron = personen.get(pk=persoon_pk)
        kopie = Inburgeraar(**{f.attname: getattr(bron, f.attname) for f in velden})
        kopie.gemeente_id = gemeente_id
        kopie.save(using=db)
        for lid in Gezinslid.objects.using(db).filter(inburgeraar_id=persoon_pk).order_by("pk"):
            lid.pk = None
            lid.inburgeraar_id = kopie.pk
            lid.save(using=db)
        for rij in Historisch.objects.using(db).filter(id=persoon_pk).order_by("history_id"):
            rij.history_id = None
            rij.id = kopie.pk
            rij.gemeente_id = gemeente_id
            rij.save(using=db)
        Dossier.objects.using(db).filter(pk=dossier_pk).update(inburgeraar_id=kopie.pk)
        HistorischDossier.objects.using(db).filter(id=dossier_pk).update(inburgeraar_id=kopie.pk)
    if schema_editor.connection.vendor == "postgresql":
        # check the deferred keys now, so the ALTER TABLEs below may run
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def add_composite_fk(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite: the service ties both to the same gemeente
    schema_editor.execute(
        f"ALTER TABLE casefiles_dossier ADD CONSTRAINT {FK_NAME} "
        "FOREIGN KEY (gemeente_id, inburgeraar_id) "
        "REFERENCES casefiles_inburgeraar (gemeente_id, id) DEFERRABLE INITIALLY DEFERRED"
    )


def drop_composite_fk(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE casefiles_dossier DROP CONSTRAINT IF EXISTS {FK_NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("casefiles", "0008_dossier_vestiging_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalinburgeraar",
            name="gemeente",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="De gemeente van wier dossier deze persoonsgegevens zijn.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="casefiles.gemeente",
                verbose_name="gemeente",
            ),
        ),
        migrations.AddField(
            model_name="inburgeraar",
            name="gemeente",
            field=models.ForeignKey(
                null=True,
                help_text="De gemeente van wier dossier deze persoonsgegevens zijn.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="inburgeraars",
                to="casefiles.gemeente",
                verbose_name="gemeente",
            ),
        ),
        migrations.AlterField(
            model_name="historicalinburgeraar",
            name="bsn",
            field=models.CharField(
                help_text="Burgerservicenummer, 9 cijfers (elfproef).",
                max_length=9,
                validators=[casefiles.models.validate_bsn],
                verbose_name="BSN",
            ),
        ),
        migrations.AlterField(
            model_name="inburgeraar",
            name="bsn",
            field=models.CharField(
                help_text="Burgerservicenummer, 9 cijfers (elfproef).",
                max_length=9,
                validators=[casefiles.models.validate_bsn],
                verbose_name="BSN",
            ),
        ),
        migrations.RunPython(split_per_gemeente, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="inburgeraar",
            name="gemeente",
            field=models.ForeignKey(
                help_text="De gemeente van wier dossier deze persoonsgegevens zijn.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="inburgeraars",
                to="casefiles.gemeente",
                verbose_name="gemeente",
            ),
        ),
        migrations.AddConstraint(
            model_name="inburgeraar",
            constraint=models.UniqueConstraint(
                fields=("gemeente", "bsn"),
                name="inburgeraar_bsn_uniek_per_gemeente",
                violation_error_message="Er is in deze gemeente al een persoon met dit BSN geregistreerd.",
            ),
        ),
        migrations.AddConstraint(
            model_name="inburgeraar",
            constraint=models.UniqueConstraint(
                fields=("gemeente", "id"), name="inburgeraar_gemeente_id_uniek"
            ),
        ),
        migrations.RunPython(add_composite_fk, drop_composite_fk, elidable=False),
    ]
