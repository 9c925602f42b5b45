"""Seed the configurable list of fixed-cost types (ontzorgen.rules.STANDAARD_SOORTEN)."""

from django.db import migrations

SOORTEN = [
    ("huur", "Huur", 10),
    ("energie", "Energie", 20),
    ("water", "Water", 30),
    ("zorgverzekering", "Zorgverzekering", 40),
    ("gemeentelijke_belastingen", "Gemeentelijke belastingen", 50),
    ("waterschapsbelasting", "Waterschapsbelasting", 60),
    ("internet_telefoon", "Internet en telefoon", 70),
]


def seed(apps, schema_editor):
    Soort = apps.get_model("ontzorgen", "VasteLastSoort")
    for code, naam, volgorde in SOORTEN:
        Soort.objects.get_or_create(code=code, defaults={"naam": naam, "volgorde": volgorde})


class Migration(migrations.Migration):
    dependencies = [("ontzorgen", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
