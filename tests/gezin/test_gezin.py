"""The family (issue 18 item 2): rules, the household member service, the nightly
signals (set-based, idempotent) and the VVE count on the dashboard."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casefiles.choices import DossierStatus, TaakBron, TaakStatus
from casefiles.gezin import rules, services
from casefiles.models import Taak
from casefiles.services import dossier_change_status
from tests.factories import DossierFactory

TODAY = date(2027, 6, 15)


@pytest.mark.parametrize(
    ("geboren", "verwacht"),
    [
        (date(2022, 3, 10), date(2027, 4, 1)),  # 5 on 10 March → leerplichtig 1 April
        (date(2022, 3, 1), date(2027, 4, 1)),  # 5 on the 1st → still the next month
        (date(2021, 12, 31), date(2027, 1, 1)),  # across the year
        (date(2020, 2, 29), date(2025, 3, 1)),  # 5th birthday 28 Feb 2025
    ],
)
def test_leerplicht_start_first_day_of_the_month_after_the_5th_birthday(geboren, verwacht):
    # Leerplichtwet 1969 art. 3
    assert rules.leerplicht_start(geboren) == verwacht


@pytest.mark.parametrize(
    ("geboren", "in_vve"),
    [
        (date(2025, 1, 15), True),  # 2 years 5 months: not yet
        (date(2024, 12, 15), True),  # exactly 2½
        (date(2023, 6, 16), True),  # a day before 4
        (date(2023, 6, 15), False),  # 4 today
    ],
)
def test_vve_age_is_two_and_a_half_up_to_four(geboren, in_vve):
    # Wet OKE: VVE for 2½–4; the first row is 29 months old
    expected = in_vve and geboren != date(2025, 1, 15)
    assert rules.in_vve_leeftijd(geboren, TODAY) is expected


def _kind(dossier, naam, geboren, **kw):
    return dossier.inburgeraar.gezinsleden.create(
        relatie="kind", naam=naam, geboortedatum=geboren, **kw
    )


@pytest.fixture
def huishouden(world):
    d = world.dossier
    kinderen = {
        "wordt18": _kind(d, "Yonas", date(2009, 7, 20), school="Deltion"),  # 18 in 35 days
        # turned 18 this year, not signalled yet
        "was18": _kind(d, "Selam", date(2009, 1, 5), school="Deltion"),
        # 18 in 5½ months: no 18-signal yet; no school registered: a school signal
        "later18": _kind(d, "Dawit", date(2009, 12, 1)),
        "bijna4": _kind(d, "Hanna", date(2023, 8, 1)),  # 4 in 1½ months, no school
        "klein": _kind(d, "Rahel", date(2024, 1, 1)),  # 3½: too young for the school signal
        "schoolkind": _kind(d, "Amanuel", date(2018, 2, 2), school="OBS De Wegwijzer"),
        "vrijstelling": _kind(d, "Senait", date(2016, 1, 1), leerplicht_status="vrijstelling"),
        "zonder_school": _kind(d, "Omar", date(2015, 9, 9)),  # 11, no school: signal
        "elders": _kind(d, "Bilal", date(2009, 7, 1), woont_in_huishouden=False),
    }
    return kinderen


def _sleutels(dossier):
    return set(
        Taak.objects.filter(dossier=dossier, bron=TaakBron.GEZIN).values_list("sleutel", flat=True)
    )


def test_sweep_signals_turning_18_and_school_age_without_school(world, huishouden):
    services.gezin_signalen_sweep(today=TODAY)
    k = huishouden
    assert _sleutels(world.dossier) == {
        services.sleutel_18(k["wordt18"].pk),
        services.sleutel_18(k["was18"].pk),
        services.sleutel_school(k["bijna4"].pk),
        services.sleutel_school(k["zonder_school"].pk),
        services.sleutel_school(k["later18"].pk),
    }
    t18 = Taak.objects.get(sleutel=services.sleutel_18(k["wordt18"].pk))
    assert t18.deadline == date(2027, 7, 20) and t18.toegewezen_aan == world.consulent
    assert "Yonas" in t18.omschrijving
    # an 18th birthday in the past: due today
    assert Taak.objects.get(sleutel=services.sleutel_18(k["was18"].pk)).deadline == TODAY
    # Hanna: leerplichtig from 1 September 2028
    assert Taak.objects.get(sleutel=services.sleutel_school(k["bijna4"].pk)).deadline == date(
        2028, 9, 1
    )


def test_sweep_is_idempotent_and_keeps_a_completed_signal_closed(world, huishouden):
    services.gezin_signalen_sweep(today=TODAY)
    taak = Taak.objects.get(sleutel=services.sleutel_18(huishouden["wordt18"].pk))
    from django.utils import timezone

    taak.status, taak.afgerond_op = TaakStatus.AFGEROND, timezone.now()
    taak.save()
    services.gezin_signalen_sweep(today=TODAY)
    services.gezin_signalen_sweep(today=TODAY)
    assert Taak.objects.filter(dossier=world.dossier, bron=TaakBron.GEZIN).count() == 5
    taak.refresh_from_db()
    assert taak.status == TaakStatus.AFGEROND


def test_sweep_skips_ended_dossiers(world, huishouden):
    dossier_change_status(
        actor=world.werkcoach, dossier=world.dossier, status=DossierStatus.BEEINDIGD
    )
    assert services.gezin_signalen_sweep(today=TODAY) == 0


def test_sweep_runs_a_constant_number_of_statements_per_chunk(world):
    for i in range(12):
        d = DossierFactory(gemeente=world.gemeente)
        _kind(d, f"Kind {i}", date(2009, 7, 1), school="Deltion")
    with CaptureQueriesContext(connection) as ctx:
        services.gezin_signalen_sweep(today=TODAY, chunk=5)
    inserts = [q for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith("INSERT")]
    selects = [q for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
    # 12 children in chunks of 5: 3 chunks with work + 1 empty read; one INSERT per chunk
    assert len(inserts) == 3
    assert len(selects) == 4
    assert Taak.objects.filter(bron=TaakBron.GEZIN).count() == 12


def test_a_school_filled_in_lets_the_school_signal_lapse(world, huishouden):
    services.gezin_signalen_sweep(today=TODAY)
    lid = huishouden["zonder_school"]
    services.gezinslid_update(
        actor=world.consulent, dossier=world.dossier, lid=lid, school="CBS Het Kompas"
    )
    t = Taak.objects.get(sleutel=services.sleutel_school(lid.pk))
    assert t.status == TaakStatus.VERVALLEN


def test_partner_dossier_must_be_another_dossier_of_the_same_gemeente(world):
    partner = world.dossier.inburgeraar.gezinsleden.create(relatie="partner", naam="Ahmad")
    with pytest.raises(ValidationError):
        services.gezinslid_update(
            actor=world.werkcoach,
            dossier=world.dossier,
            lid=partner,
            eigen_dossier=world.dossier_elders,
        )
    with pytest.raises(ValidationError):
        services.gezinslid_update(
            actor=world.werkcoach, dossier=world.dossier, lid=partner, eigen_dossier=world.dossier
        )
    eigen = DossierFactory(gemeente=world.gemeente)
    services.gezinslid_update(
        actor=world.werkcoach,
        dossier=world.dossier,
        lid=partner,
        eigen_dossier=eigen,
        rol_in_plan="Volgt ook de B1-route",
    )
    partner.refresh_from_db()
    assert (partner.eigen_dossier, partner.rol_in_plan) == (eigen, "Volgt ook de B1-route")


def test_form_refuses_a_dossier_number_of_another_gemeente_and_keeps_the_input(client, world):
    partner = world.dossier.inburgeraar.gezinsleden.create(relatie="partner", naam="Ahmad")
    client.force_login(world.werkcoach)
    response = client.post(
        reverse("gezin:bewerken", kwargs={"dossier_pk": world.dossier.pk, "lid_pk": partner.pk}),
        {
            "relatie": "partner",
            "naam": "Ahmad",
            "rol_in_plan": "Gaat mee naar gesprekken",
            "vve_status": "geen",
            "eigen_dossier_nummer": world.dossier_elders.pk,
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Er is geen ander dossier met dit nummer in deze gemeente." in html
    assert "Gaat mee naar gesprekken" in html


def test_dashboard_counts_children_in_vve_with_small_numbers_suppressed(world):
    from monitoring.indicators import Filters
    from monitoring.indicators.rond_plan import kinderen_vve

    d = world.dossier
    for i in range(6):
        _kind(d, f"Peuter {i}", date(2024, 3, 1), vve_status="vve" if i < 4 else "geen")
    _kind(d, "Te oud", date(2022, 1, 1), vve_status="vve")
    _kind(world.dossier_elders, "Elders", date(2024, 3, 1), vve_status="vve")
    f = Filters(gemeente_ids=(world.gemeente.pk,), van=date(2027, 1, 1), tot=TODAY)
    aantal, pct = kinderen_vve(f)
    assert (aantal.waarde, aantal.n) == (6, 6)
    assert pct.n == 4  # 4 of 6 in VVE: rests on fewer than 5 → "<5" on the dashboard
    from monitoring.rules import is_onderdrukt

    assert is_onderdrukt(pct.n)
    assert not is_onderdrukt(aantal.n)
