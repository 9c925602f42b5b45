"""Issue 15 item 5: a SEPA file never asks for an execution date in the past (the next
TARGET2 banking day instead, with a note); overdue planned payments are marked."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.urls import reverse
from lxml import etree

from ontzorgen import rules, services
from ontzorgen.choices import BetalingStatus
from ontzorgen.models import Betaling
from tests.ontzorgen.factories import plan_met_drie_lasten
from tests.ontzorgen.test_sepa import NS


@pytest.mark.parametrize(
    "dag, bankdag, bron",
    [
        (date(2027, 1, 1), False, "TARGET2: nieuwjaarsdag"),
        (date(2027, 3, 26), False, "TARGET2: Goede Vrijdag 2027 (Pasen 28 maart)"),
        (date(2027, 3, 29), False, "TARGET2: tweede paasdag 2027"),
        (date(2027, 5, 1), False, "TARGET2: 1 mei (valt in 2027 op zaterdag)"),
        (date(2026, 5, 1), False, "TARGET2: 1 mei 2026 (vrijdag)"),
        (date(2026, 12, 25), False, "TARGET2: eerste kerstdag"),
        (date(2026, 12, 26), False, "TARGET2: tweede kerstdag"),
        (date(2026, 11, 28), False, "zaterdag"),
        (date(2026, 11, 29), False, "zondag"),
        (date(2026, 11, 30), True, "maandag"),
        (date(2027, 3, 30), True, "dinsdag na Pasen"),
        (date(2026, 5, 14), True, "Hemelvaartsdag is voor TARGET2 geen sluitingsdag"),
        (date(2026, 4, 27), True, "Koningsdag is voor TARGET2 geen sluitingsdag"),
    ],
)
def test_target2_banking_days(dag, bankdag, bron):
    assert rules.is_bankdag(dag) is bankdag, bron


@pytest.mark.parametrize(
    "gepland, vandaag, verwacht, verschoven",
    [
        # In the past: the next banking day after today.
        (date(2026, 11, 1), date(2026, 11, 27), date(2026, 11, 30), True),  # vr → ma
        (date(2026, 12, 1), date(2026, 12, 24), date(2026, 12, 28), True),  # kerst
        (date(2027, 3, 1), date(2027, 3, 25), date(2027, 3, 30), True),  # Pasen
        # Today or in the future on a banking day: as planned.
        (date(2026, 11, 27), date(2026, 11, 27), date(2026, 11, 27), False),
        (date(2026, 12, 1), date(2026, 11, 27), date(2026, 12, 1), False),
        # In the future on a closing day: the next banking day.
        (date(2027, 1, 1), date(2026, 11, 27), date(2027, 1, 4), True),
        (date(2026, 11, 28), date(2026, 11, 27), date(2026, 11, 30), True),
    ],
)
def test_sepa_execution_date(gepland, vandaag, verwacht, verschoven):
    u = rules.sepa_uitvoerdatum(gepland, vandaag)
    assert (u.datum, u.verschoven) == (verwacht, verschoven)
    assert u.datum >= vandaag
    assert bool(u.reden) is verschoven


@pytest.fixture
def plan_met_betalingen(world):
    d = world.dossier
    d.datum_start_bijstand = date(2026, 10, 1)
    d.save()
    plan_met_drie_lasten(d)
    with time_machine.travel("2026-10-20 10:00 +02:00", tick=False):
        services.betalingen_genereren(maand=date(2026, 11, 1))
    return d


@time_machine.travel("2026-11-27 10:00 +01:00", tick=False)
def test_batch_with_a_past_date_gets_the_next_banking_day(world, plan_met_betalingen):
    gepland = date(2026, 11, 1)
    assert Betaling.objects.filter(uitvoerdatum=gepland, status=BetalingStatus.GEPLAND).exists()
    batch = services.batch_export(
        actor=world.consulent, gemeente=world.gemeente, uitvoerdatum=gepland
    )
    assert batch.uitvoerdatum == date(2026, 11, 30)
    doc = etree.fromstring(batch.xml.encode())
    assert doc.findtext(".//p:ReqdExctnDt", namespaces=NS) == "2026-11-30"
    assert set(batch.betalingen.values_list("uitvoerdatum", flat=True)) == {date(2026, 11, 30)}


@time_machine.travel("2026-11-27 10:00 +01:00", tick=False)
def test_overview_marks_overdue_and_notes_the_new_date_and_asks_first(
    client, world, plan_met_betalingen
):
    client.force_login(world.consulent)
    html = client.get(reverse("ontzorgen:overzicht")).content.decode()
    assert "te laat" in html
    assert "Het bestand krijgt 30 november 2026" in html
    assert "eerstvolgende bankdag" in html
    data = {"gemeente": world.gemeente.pk, "uitvoerdatum": "2026-11-01"}
    response = client.post(reverse("ontzorgen:batch_maken"), data)
    tekst = response.content.decode()
    assert response.status_code == 200 and "SEPA-batch maken?" in tekst
    assert "Uitvoerdatum in het betaalbestand: 30 november 2026." in tekst
    assert not world.gemeente.betaalbatches.exists()
    response = client.post(
        reverse("ontzorgen:batch_maken"), {**data, "bevestigd": "1"}, follow=True
    )
    assert "De uitvoerdatum is 30 november 2026" in response.content.decode()
