"""Money beyond leerroutes (issue 18 item 6): other costs through the service and
the dashboard's spend against each budget (aggregates only, small numbers)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from casefiles.kosten import services
from casefiles.models import Kostenpost
from monitoring.indicators import Filters
from monitoring.indicators.rond_plan import kosten_overig
from monitoring.models import KostenBudget
from monitoring.rules import is_onderdrukt
from tests.factories import DossierFactory


def _post(world, dossier=None, **kw):
    args = {
        "soort": "reiskosten",
        "budget": "participatiebudget",
        "datum": date(2026, 3, 1),
        "bedrag": Decimal("100.00"),
    }
    args.update(kw)
    return services.kostenpost_create(
        actor=world.werkcoach, dossier=dossier or world.dossier, **args
    )


def test_cost_carries_its_dossiers_gemeente_and_a_positive_amount(world):
    p = _post(world)
    assert p.gemeente_id == world.gemeente.pk
    with pytest.raises(ValidationError) as exc:
        _post(world, bedrag=Decimal("0"))
    assert "bedrag" in exc.value.message_dict


@pytest.mark.skipif(connection.vendor != "postgresql", reason="composite key only on PostgreSQL")
def test_database_refuses_a_gemeente_copy_that_differs(world):
    p = _post(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        Kostenpost.objects.filter(pk=p.pk).update(gemeente=world.andere_gemeente)
        connection.check_constraints()  # the deferred key is checked at commit


def test_dashboard_shows_spend_against_each_budget_pro_rata(world):
    for i in range(6):
        _post(
            world,
            DossierFactory(gemeente=world.gemeente),
            bedrag=Decimal("50.00"),
            datum=date(2026, 2, i + 1),
        )
    _post(world, budget="uitvoeringskosten", soort="tolk", bedrag=Decimal("65.00"))
    _post(world, world.dossier_elders, bedrag=Decimal("999.00"))  # another gemeente
    _post(world, datum=date(2025, 12, 31), bedrag=Decimal("999.00"))  # outside the period
    KostenBudget.objects.create(
        gemeente=world.gemeente, jaar=2026, budget="participatiebudget", bedrag=Decimal("3650.00")
    )
    f = Filters(gemeente_ids=(world.gemeente.pk,), van=date(2026, 1, 1), tot=date(2026, 6, 30))
    rijen = {w.categorie: w for w in kosten_overig(f)}
    pb = rijen["participatiebudget"]
    assert (pb.waarde, pb.n) == (Decimal("300.00"), 6)
    # budget 3.650 over 181 of 365 days
    assert pb.doel == Decimal("1810.00")
    uk = rijen["uitvoeringskosten"]
    assert uk.n == 1 and is_onderdrukt(uk.n)  # one cost line: "<5" on the dashboard
    assert uk.doel is None  # no budget row
    assert rijen["rijksbijdrage"].waarde == 0


def test_dashboard_page_shows_the_indicator_to_the_beleidsmedewerker(client, world):
    for i in range(5):
        _post(world, DossierFactory(gemeente=world.gemeente), datum=date(2026, 2, i + 1))
    client.force_login(world.beleid)
    html = client.get(reverse("admin:index") + "?van=2026-01-01&tot=2026-12-31").content.decode()
    assert "Overige kosten tegen het budget" in html
    assert "Kinderen van 2½ tot 4 jaar" in html


def test_form_keeps_input_on_a_future_date(client, world):
    client.force_login(world.consulent)
    response = client.post(
        reverse("kosten:tab", kwargs={"dossier_pk": world.dossier.pk}),
        {
            "soort": "materiaal",
            "budget": "uitvoeringskosten",
            "datum": "2099-01-01",
            "bedrag": "12,50",
            "omschrijving": "Woordenboek",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "De datum ligt in de toekomst" in html and "Woordenboek" in html
    assert not Kostenpost.objects.exists()
