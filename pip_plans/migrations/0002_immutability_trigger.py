"""On PostgreSQL the database itself refuses to change a vastgestelde PIP version.

* ``pip_plans_pipversie``: an UPDATE of a row whose OLD status is not 'concept' may
  only change the post-decision columns (status → ingetrokken, ondertekend_op,
  bekendgemaakt_op, ingetrokken_op, ingetrokken_reden, ingetrokken_door_id — see
  ``pip_plans.models.NA_BESLUIT_VELDEN``); a vastgestelde version never goes back to
  concept and an ingetrokken one stays ingetrokken. DELETE of such a row is refused.
* ``pip_plans_pipdoel``: INSERT, UPDATE and DELETE of a goal whose version is not a
  concept are refused.

TRUNCATE (used by test teardown) does not fire row triggers. SQLite has no such
trigger; there the model, QuerySet, admin and service guards apply.
"""

from django.db import migrations

TRIGGER_SQL = """
CREATE OR REPLACE FUNCTION pip_plans_versie_frozen() RETURNS trigger AS $$
DECLARE
    allowed text[] := ARRAY['status', 'ondertekend_op', 'bekendgemaakt_op',
                            'ingetrokken_op', 'ingetrokken_reden', 'ingetrokken_door_id'];
BEGIN
    IF OLD.status = 'concept' THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'Een vastgestelde PIP-versie kan niet worden verwijderd (id %)', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF (to_jsonb(NEW) - allowed) IS DISTINCT FROM (to_jsonb(OLD) - allowed) THEN
        RAISE EXCEPTION 'Een vastgestelde PIP-versie kan niet worden gewijzigd (id %)', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW.status = 'concept' OR (OLD.status = 'ingetrokken' AND NEW.status <> 'ingetrokken') THEN
        RAISE EXCEPTION 'Ongeldige statuswijziging van een vastgestelde PIP-versie (id %)', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER pip_plans_versie_frozen
    BEFORE UPDATE OR DELETE ON pip_plans_pipversie
    FOR EACH ROW EXECUTE FUNCTION pip_plans_versie_frozen();

CREATE OR REPLACE FUNCTION pip_plans_doel_frozen() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND EXISTS (
        SELECT 1 FROM pip_plans_pipversie v WHERE v.id = OLD.versie_id AND v.status <> 'concept'
    ) THEN
        RAISE EXCEPTION 'Doelen van een vastgestelde PIP-versie kunnen niet veranderen'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND EXISTS (
        SELECT 1 FROM pip_plans_pipversie v WHERE v.id = NEW.versie_id AND v.status <> 'concept'
    ) THEN
        RAISE EXCEPTION 'Doelen van een vastgestelde PIP-versie kunnen niet veranderen'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER pip_plans_doel_frozen
    BEFORE INSERT OR UPDATE OR DELETE ON pip_plans_pipdoel
    FOR EACH ROW EXECUTE FUNCTION pip_plans_doel_frozen();
"""

DROP_SQL = """
DROP TRIGGER IF EXISTS pip_plans_doel_frozen ON pip_plans_pipdoel;
DROP FUNCTION IF EXISTS pip_plans_doel_frozen();
DROP TRIGGER IF EXISTS pip_plans_versie_frozen ON pip_plans_pipversie;
DROP FUNCTION IF EXISTS pip_plans_versie_frozen();
"""


def add_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER_SQL, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL, params=None)


class Migration(migrations.Migration):
    dependencies = [("pip_plans", "0001_initial")]

    operations = [migrations.RunPython(add_trigger, drop_trigger)]
