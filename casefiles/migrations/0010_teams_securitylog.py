"""Teams (the teamleider's caseload), the security log and the SSO subject of a
staff profile (issue 12). On PostgreSQL the security log is append-only in the
database too (a trigger refuses UPDATE and DELETE; TRUNCATE is a right the
application's role does not hold, see grant_app_role)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

GUARD_SQL = """
CREATE OR REPLACE FUNCTION casefiles_securityevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Het beveiligingslog is alleen-toevoegen';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER casefiles_securityevent_append_only
    BEFORE UPDATE OR DELETE ON casefiles_securityevent
    FOR EACH ROW EXECUTE FUNCTION casefiles_securityevent_append_only();
"""
DROP_SQL = """
DROP TRIGGER IF EXISTS casefiles_securityevent_append_only ON casefiles_securityevent;
DROP FUNCTION IF EXISTS casefiles_securityevent_append_only();
"""

SOORTEN = [
    ("login", "Ingelogd"),
    ("login_mislukt", "Inloggen mislukt"),
    ("logout", "Uitgelogd"),
    ("inactief", "Automatisch uitgelogd (inactief)"),
    ("geblokkeerd", "Account tijdelijk geblokkeerd"),
    ("reset_aangevraagd", "Wachtwoordherstel aangevraagd"),
    ("reset_voltooid", "Wachtwoord hersteld"),
    ("wachtwoord_gewijzigd", "Wachtwoord gewijzigd"),
    ("rol_gewijzigd", "Rollen gewijzigd"),
    ("gemeenten_gewijzigd", "Gemeenten gewijzigd"),
    ("account_aangemaakt", "Account aangemaakt"),
    ("account_gewijzigd", "Account gewijzigd"),
    ("otp_ingesteld", "Tweestapsverificatie ingesteld"),
    ("otp_gelukt", "Tweede factor geverifieerd"),
    ("otp_mislukt", "Tweede factor onjuist"),
    ("sso_login", "Ingelogd via single sign-on"),
]


def guard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GUARD_SQL)


def unguard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL)


class Migration(migrations.Migration):
    dependencies = [
        ("casefiles", "0009_inburgeraar_per_gemeente"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="SecurityEvent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("moment", models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name="moment")),
                ("soort", models.CharField(choices=SOORTEN, max_length=25, verbose_name="soort")),
                ("user_id", models.IntegerField(blank=True, db_index=True, help_text="Het account waar het om gaat (leeg bij een onbekende gebruikersnaam).", null=True, verbose_name="gebruiker-id")),
                ("actor_id", models.IntegerField(blank=True, help_text="Wie de wijziging deed, als dat iemand anders is (bijv. de beheerder).", null=True, verbose_name="door gebruiker-id")),
                ("naam_hash", models.CharField(blank=True, help_text="Alleen bij een onbekende gebruikersnaam: een sleutel-hash, nooit de naam.", max_length=16, verbose_name="hash van de gebruikersnaam")),
                ("ip_adres", models.GenericIPAddressField(blank=True, null=True, verbose_name="IP-adres")),
                ("request_id", models.CharField(blank=True, max_length=36, verbose_name="request-id")),
                ("details", models.JSONField(blank=True, default=dict, verbose_name="details")),
            ],
            options={
                "verbose_name": "beveiligingsgebeurtenis",
                "verbose_name_plural": "beveiligingslog",
                "ordering": ["-moment", "-id"],
                "default_permissions": ("view",),
            },
        ),
        migrations.RunPython(guard, unguard),
        migrations.CreateModel(
            name="Team",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("naam", models.CharField(max_length=100, verbose_name="naam")),
                ("gemeente", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="teams", to="casefiles.gemeente", verbose_name="gemeente")),
                ("leden", models.ManyToManyField(blank=True, help_text="Werkcoaches, consulenten en teamleiders van dit team. Alleen medewerkers van de gemeente van het team.", related_name="teams", to=settings.AUTH_USER_MODEL, verbose_name="leden")),
            ],
            options={
                "verbose_name": "team",
                "verbose_name_plural": "teams",
                "ordering": ["gemeente__naam", "naam"],
                "permissions": [("view_caseload", "Caseload van het team inzien en toewijzen")],
            },
        ),
        migrations.AddConstraint(
            model_name="team",
            constraint=models.UniqueConstraint(fields=("gemeente", "naam"), name="team_naam_uniek"),
        ),
        migrations.AddField(
            model_name="staffprofile",
            name="oidc_sub",
            field=models.CharField(blank=True, editable=False, help_text="Het vaste kenmerk (sub) van dit account bij de identity provider.", max_length=255, verbose_name="SSO-kenmerk"),
        ),
    ]
