"""Records that carry a copy of their dossier's gemeente (casefiles.GemeenteVanDossier,
read by the policy dashboard without joining the dossiers): the copy is set on save,
and on PostgreSQL the database refuses a copy that differs from the dossier's gemeente."""

from __future__ import annotations

from datetime import date

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, transaction

from casefiles.models import GemeenteVanDossier, ParticipatieladderMeting, Uitstroom
from tests.monitoring.factories import uren


def concrete_subclasses() -> set[str]:
    return {
        m._meta.label
        for m in apps.get_models()
        if issubclass(m, GemeenteVanDossier) and not m._meta.abstract
    }


def test_the_dashboards_record_tables_carry_the_gemeente():
    assert concrete_subclasses() == {
        "casefiles.Uitstroom",
        "casefiles.ParticipatieladderMeting",
        "casefiles.MaatschappelijkeBegeleiding",
        "pip_plans.Voortgangsgesprek",
        "pip_plans.Handhaving",
        "leerroutes.Traject",
        "leerroutes.Urenregistratie",
        "ontzorgen.Ontzorgingsplan",
        "casefiles.Kostenpost",  # issue 18: other costs, summed per budget
    }


def test_save_copies_the_dossiers_gemeente(world):
    u = Uitstroom.objects.create(
        dossier=world.dossier, soort="werk_voltijd", datum=date(2025, 1, 1)
    )
    h = uren(world.dossier_elders, "taal_knm", date(2025, 1, 1), date(2025, 3, 31), 10)
    assert u.gemeente_id == world.dossier.gemeente_id
    assert h.gemeente_id == world.dossier_elders.gemeente_id != world.dossier.gemeente_id
    m = ParticipatieladderMeting(dossier=world.dossier, datum=date(2025, 1, 1), trede=3)
    m.save(update_fields=None)
    assert ParticipatieladderMeting.objects.get(pk=m.pk).gemeente_id == world.gemeente.pk


@pytest.mark.skipif(connection.vendor != "postgresql", reason="composite foreign key: PostgreSQL")
def test_the_database_refuses_another_gemeente(world):
    u = Uitstroom.objects.create(
        dossier=world.dossier, soort="werk_voltijd", datum=date(2025, 1, 1)
    )
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as c:
        c.execute(
            "UPDATE casefiles_uitstroom SET gemeente_id = %s WHERE id = %s",
            [world.dossier_elders.gemeente_id, u.pk],
        )
        c.execute("SET CONSTRAINTS ALL IMMEDIATE")
    # the same through the ORM: a record moved to a dossier of another gemeente
    # without its copy
    h = uren(world.dossier, "taal_knm", date(2025, 1, 1), date(2025, 3, 31), 10)
    with pytest.raises(IntegrityError), transaction.atomic():
        type(h).objects.filter(pk=h.pk).update(dossier=world.dossier_elders)
        with connection.cursor() as c:
            c.execute("SET CONSTRAINTS ALL IMMEDIATE")
