# Adds the copy of the dossier's gemeente (casefiles.GemeenteVanDossier).

from django.db import migrations

from casefiles.migration_ops import gemeente_van_dossier


class Migration(migrations.Migration):
    dependencies = [
        ("casefiles", "0006_gemeente_van_dossier"),
        ("pip_plans", "0003_dashboard_indexes"),
    ]

    operations = gemeente_van_dossier(
        "pip_plans", ["handhaving", "voortgangsgesprek"], historisch=["historicalhandhaving"]
    )
