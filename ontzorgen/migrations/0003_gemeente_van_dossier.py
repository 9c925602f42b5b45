# Adds the copy of the dossier's gemeente (casefiles.GemeenteVanDossier).

from django.db import migrations

from casefiles.migration_ops import gemeente_van_dossier


class Migration(migrations.Migration):
    dependencies = [
        ("casefiles", "0006_gemeente_van_dossier"),
        ("ontzorgen", "0002_vastelastsoorten"),
    ]

    operations = gemeente_van_dossier(
        "ontzorgen", ["ontzorgingsplan"], historisch=["historicalontzorgingsplan"]
    )
