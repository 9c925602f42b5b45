"""Issue 16: the werkvoorraad and its search at region scale.

1. ``casefiles_werkvoorraadstand``: per dossier the first open deadline and the number
   of open tasks, kept by triggers in the database (so also for bulk_create and
   queryset updates of the nightly jobs). PostgreSQL: statement-level triggers with
   transition tables (one set-based recompute per statement, whatever its size);
   SQLite (the embedded default): row-level triggers. Filled for existing dossiers.
2. PostgreSQL only: ``pg_trgm`` and GIN trigram indexes on UPPER(name parts), which
   Django's ``icontains`` uses; an index on the BSN alone. SQLite searches without.
"""

import django.db.models.deletion
from django.db import migrations, models

# the stand of the dossiers with these ids, recomputed (only dossiers that exist)
PG_HERBEREKEN = """
CREATE OR REPLACE FUNCTION casefiles_werkvoorraadstand_herbereken(ids bigint[])
RETURNS void LANGUAGE sql AS $$
  INSERT INTO casefiles_werkvoorraadstand (dossier_id, volgende_deadline, open_taken)
  SELECT d.id, t.eerste, COALESCE(t.n, 0)
  FROM casefiles_dossier d
  LEFT JOIN (
    SELECT dossier_id, MIN(deadline) AS eerste, COUNT(*) AS n FROM casefiles_taak
    WHERE status = 'open' AND dossier_id = ANY(ids) GROUP BY dossier_id
  ) t ON t.dossier_id = d.id
  WHERE d.id = ANY(ids)
  ON CONFLICT (dossier_id) DO UPDATE
    SET volgende_deadline = EXCLUDED.volgende_deadline, open_taken = EXCLUDED.open_taken
    WHERE casefiles_werkvoorraadstand.volgende_deadline
            IS DISTINCT FROM EXCLUDED.volgende_deadline
       OR casefiles_werkvoorraadstand.open_taken <> EXCLUDED.open_taken
$$;

CREATE OR REPLACE FUNCTION casefiles_taak_stand() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM casefiles_werkvoorraadstand_herbereken(
      ARRAY(SELECT DISTINCT dossier_id FROM nieuw));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM casefiles_werkvoorraadstand_herbereken(ARRAY(
      SELECT n.dossier_id FROM nieuw n JOIN oud o ON o.id = n.id
      WHERE n.dossier_id <> o.dossier_id OR n.status <> o.status
         OR n.deadline <> o.deadline
      UNION SELECT o.dossier_id FROM nieuw n JOIN oud o ON o.id = n.id
      WHERE n.dossier_id <> o.dossier_id));
  ELSE
    PERFORM casefiles_werkvoorraadstand_herbereken(
      ARRAY(SELECT DISTINCT dossier_id FROM oud));
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION casefiles_dossier_stand() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO casefiles_werkvoorraadstand (dossier_id, volgende_deadline, open_taken)
    SELECT id, NULL, 0 FROM nieuw ON CONFLICT (dossier_id) DO NOTHING;
  ELSE
    DELETE FROM casefiles_werkvoorraadstand s USING oud WHERE s.dossier_id = oud.id;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER casefiles_taak_stand_ins AFTER INSERT ON casefiles_taak
  REFERENCING NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION casefiles_taak_stand();
CREATE TRIGGER casefiles_taak_stand_upd AFTER UPDATE ON casefiles_taak
  REFERENCING OLD TABLE AS oud NEW TABLE AS nieuw
  FOR EACH STATEMENT EXECUTE FUNCTION casefiles_taak_stand();
CREATE TRIGGER casefiles_taak_stand_del AFTER DELETE ON casefiles_taak
  REFERENCING OLD TABLE AS oud FOR EACH STATEMENT EXECUTE FUNCTION casefiles_taak_stand();
CREATE TRIGGER casefiles_dossier_stand_ins AFTER INSERT ON casefiles_dossier
  REFERENCING NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION casefiles_dossier_stand();
CREATE TRIGGER casefiles_dossier_stand_del AFTER DELETE ON casefiles_dossier
  REFERENCING OLD TABLE AS oud FOR EACH STATEMENT EXECUTE FUNCTION casefiles_dossier_stand();

INSERT INTO casefiles_werkvoorraadstand (dossier_id, volgende_deadline, open_taken)
SELECT id, NULL, 0 FROM casefiles_dossier ON CONFLICT DO NOTHING;
SELECT casefiles_werkvoorraadstand_herbereken(ARRAY(
  SELECT DISTINCT dossier_id FROM casefiles_taak WHERE status = 'open'));

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS inburgeraar_achternaam_trgm
  ON casefiles_inburgeraar USING gin (UPPER(achternaam::text) gin_trgm_ops);
CREATE INDEX IF NOT EXISTS inburgeraar_voornamen_trgm
  ON casefiles_inburgeraar USING gin (UPPER(voornamen::text) gin_trgm_ops);
CREATE INDEX IF NOT EXISTS inburgeraar_tussenvoegsel_trgm
  ON casefiles_inburgeraar USING gin (UPPER(tussenvoegsel::text) gin_trgm_ops);
CREATE INDEX IF NOT EXISTS inburgeraar_bsn ON casefiles_inburgeraar (bsn);
"""

PG_TERUG = """
DROP TRIGGER IF EXISTS casefiles_taak_stand_ins ON casefiles_taak;
DROP TRIGGER IF EXISTS casefiles_taak_stand_upd ON casefiles_taak;
DROP TRIGGER IF EXISTS casefiles_taak_stand_del ON casefiles_taak;
DROP TRIGGER IF EXISTS casefiles_dossier_stand_ins ON casefiles_dossier;
DROP TRIGGER IF EXISTS casefiles_dossier_stand_del ON casefiles_dossier;
DROP FUNCTION IF EXISTS casefiles_taak_stand();
DROP FUNCTION IF EXISTS casefiles_dossier_stand();
DROP FUNCTION IF EXISTS casefiles_werkvoorraadstand_herbereken(bigint[]);
DROP INDEX IF EXISTS inburgeraar_achternaam_trgm;
DROP INDEX IF EXISTS inburgeraar_voornamen_trgm;
DROP INDEX IF EXISTS inburgeraar_tussenvoegsel_trgm;
DROP INDEX IF EXISTS inburgeraar_bsn;
"""

# SQLite: row-level triggers (one recompute per row; the embedded default is small)
_SQLITE_STAND = """
  INSERT INTO casefiles_werkvoorraadstand (dossier_id, volgende_deadline, open_taken)
  SELECT d.id,
    (SELECT MIN(deadline) FROM casefiles_taak WHERE dossier_id = d.id AND status = 'open'),
    (SELECT COUNT(*) FROM casefiles_taak WHERE dossier_id = d.id AND status = 'open')
  FROM casefiles_dossier d WHERE d.id = {rij}.dossier_id
  ON CONFLICT (dossier_id) DO UPDATE
    SET volgende_deadline = excluded.volgende_deadline, open_taken = excluded.open_taken;
"""
SQLITE = [
    "CREATE TRIGGER casefiles_taak_stand_ins AFTER INSERT ON casefiles_taak BEGIN"
    + _SQLITE_STAND.format(rij="NEW")
    + "END;",
    "CREATE TRIGGER casefiles_taak_stand_upd AFTER UPDATE ON casefiles_taak BEGIN"
    + _SQLITE_STAND.format(rij="NEW")
    + _SQLITE_STAND.format(rij="OLD")
    + "END;",
    "CREATE TRIGGER casefiles_taak_stand_del AFTER DELETE ON casefiles_taak BEGIN"
    + _SQLITE_STAND.format(rij="OLD")
    + "END;",
    "CREATE TRIGGER casefiles_dossier_stand_ins AFTER INSERT ON casefiles_dossier BEGIN"
    " INSERT OR IGNORE INTO casefiles_werkvoorraadstand (dossier_id, open_taken)"
    " VALUES (NEW.id, 0); END;",
    "CREATE TRIGGER casefiles_dossier_stand_del AFTER DELETE ON casefiles_dossier BEGIN"
    " DELETE FROM casefiles_werkvoorraadstand WHERE dossier_id = OLD.id; END;",
    "INSERT OR IGNORE INTO casefiles_werkvoorraadstand (dossier_id, volgende_deadline, open_taken)"
    " SELECT d.id,"
    " (SELECT MIN(deadline) FROM casefiles_taak WHERE dossier_id = d.id AND status = 'open'),"
    " (SELECT COUNT(*) FROM casefiles_taak WHERE dossier_id = d.id AND status = 'open')"
    " FROM casefiles_dossier d",
]
SQLITE_TERUG = [
    f"DROP TRIGGER IF EXISTS casefiles_{t}"
    for t in (
        "taak_stand_ins",
        "taak_stand_upd",
        "taak_stand_del",
        "dossier_stand_ins",
        "dossier_stand_del",
    )
]


def vooruit(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_HERBEREKEN)
    elif schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE:
            schema_editor.execute(sql)


def terug(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_TERUG)
    elif schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_TERUG:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("casefiles", "0020_taak_vervallen_bij_sluiting"),
    ]

    operations = [
        migrations.CreateModel(
            name="WerkvoorraadStand",
            fields=[
                (
                    "dossier",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="werkvoorraadstand",
                        serialize=False,
                        to="casefiles.dossier",
                    ),
                ),
                ("volgende_deadline", models.DateField(null=True)),
                ("open_taken", models.IntegerField(default=0)),
            ],
            options={
                "verbose_name": "werkvoorraadstand",
                "verbose_name_plural": "werkvoorraadstanden",
                "indexes": [
                    models.Index(
                        fields=["volgende_deadline", "dossier"], name="werkvoorraadstand_deadline"
                    )
                ],
            },
        ),
        migrations.RunPython(vooruit, terug),
    ]
