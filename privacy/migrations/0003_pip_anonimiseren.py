"""The PIP immutability triggers (pip_plans 0002) let exactly one thing through: the
retention job's UPDATE of a vastgestelde version or its goals, in a transaction that
said ``SET LOCAL privacy.anonimiseren = 'aan'`` (privacy.retentie.services). A DELETE
stays refused; everything else is as before. PostgreSQL only (SQLite has no trigger)."""

from django.db import migrations

BYPASS = """
    IF TG_OP = 'UPDATE' AND current_setting('privacy.anonimiseren', true) = 'aan' THEN
        RETURN NEW;
    END IF;
"""

VERSIE = """
CREATE OR REPLACE FUNCTION pip_plans_versie_frozen() RETURNS trigger AS $$
DECLARE
    allowed text[] := ARRAY['status', 'ondertekend_op', 'bekendgemaakt_op',
                            'ingetrokken_op', 'ingetrokken_reden', 'ingetrokken_door_id'];
BEGIN
%(bypass)s
    IF OLD.status = 'concept' THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'Een vastgestelde PIP-versie kan niet worden verwijderd (id %%)', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF (to_jsonb(NEW) - allowed) IS DISTINCT FROM (to_jsonb(OLD) - allowed) THEN
        RAISE EXCEPTION 'Een vastgestelde PIP-versie kan niet worden gewijzigd (id %%)', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW.status = 'concept' OR (OLD.status = 'ingetrokken' AND NEW.status <> 'ingetrokken') THEN
        RAISE EXCEPTION 'Ongeldige statuswijziging van een vastgestelde PIP-versie (id %%)', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""

DOEL = """
CREATE OR REPLACE FUNCTION pip_plans_doel_frozen() RETURNS trigger AS $$
BEGIN
%(bypass)s
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
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(VERSIE % {"bypass": BYPASS}, params=None)
        schema_editor.execute(DOEL % {"bypass": BYPASS}, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(VERSIE % {"bypass": ""}, params=None)
        schema_editor.execute(DOEL % {"bypass": ""}, params=None)


class Migration(migrations.Migration):
    dependencies = [("privacy", "0002_retentie"), ("pip_plans", "0007_partner_doelen")]

    operations = [migrations.RunPython(forwards, backwards)]
