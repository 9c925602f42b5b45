"""Create the four role groups, and on PostgreSQL make the access log append-only
in the database itself (a trigger refuses UPDATE and DELETE)."""

from django.db import migrations

ROLES = ["werkcoach", "consulent_mb", "beleidsmedewerker", "functioneel_beheerder"]

TRIGGER_SQL = """
CREATE OR REPLACE FUNCTION casefiles_accesslog_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Het toegangslog is alleen-toevoegen';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER casefiles_accesslog_append_only
    BEFORE UPDATE OR DELETE ON casefiles_accesslog
    FOR EACH ROW EXECUTE FUNCTION casefiles_accesslog_append_only();
"""
DROP_SQL = """
DROP TRIGGER IF EXISTS casefiles_accesslog_append_only ON casefiles_accesslog;
DROP FUNCTION IF EXISTS casefiles_accesslog_append_only();
"""


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def add_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER_SQL)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL)


class Migration(migrations.Migration):
    dependencies = [
        ("casefiles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_roles, migrations.RunPython.noop),
        migrations.RunPython(add_trigger, drop_trigger),
    ]
