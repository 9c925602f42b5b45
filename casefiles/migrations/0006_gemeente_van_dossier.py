# The unique (gemeente, id) of the dossier (replacing the index on the same columns) and
# the copy of the dossier's gemeente on the records of casefiles (GemeenteVanDossier).

from django.conf import settings
from django.db import migrations, models

from casefiles.migration_ops import gemeente_van_dossier


class Migration(migrations.Migration):
    dependencies = [
        ("casefiles", "0005_dashboard_population_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="dossier",
            name="dossier_gemeente_id_idx",
        ),
        migrations.AddConstraint(
            model_name="dossier",
            constraint=models.UniqueConstraint(
                fields=("gemeente", "id"), name="dossier_gemeente_id_uniek"
            ),
        ),
        *gemeente_van_dossier(
            "casefiles",
            ["maatschappelijkebegeleiding", "participatieladdermeting", "uitstroom"],
            historisch=["historicalmaatschappelijkebegeleiding"],
        ),
    ]
