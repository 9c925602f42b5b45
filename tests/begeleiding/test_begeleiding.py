"""Maatschappelijke begeleiding: only for asiel doelgroepen, planned end from the
gemeente setting, a task two months before the end that follows date changes, end
with reason and handover; referrals with status."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from casefiles.begeleiding import rules, services
from casefiles.choices import Doelgroep, MBEindreden, Overdracht, TaakBron, TaakStatus
from casefiles.models import Ketenpartner, Taak


@pytest.mark.parametrize(
    ("doelgroep", "mag", "source"),
    [
        (Doelgroep.ASIELSTATUSHOUDER, True, "Wi art. 13"),
        (Doelgroep.NAREIZIGER, True, "Wi art. 13: nareizigers horen bij de asieldoelgroep"),
        (Doelgroep.GEZINSMIGRANT, False, "DESIGN.md §2: geen MB voor gezinsmigranten"),
        (Doelgroep.OVERIGE_MIGRANT, False, "DESIGN.md §2"),
    ],
)
def test_mag_begeleiding(doelgroep, mag, source):
    assert rules.mag_begeleiding(doelgroep) is mag, source


def test_start_uses_gemeente_duration_and_creates_end_task(world):
    world.gemeente.mb_maanden = 18  # De Wolden
    world.gemeente.save()
    mb = services.begeleiding_start(
        actor=world.consulent, dossier=world.dossier, start=date(2027, 1, 15)
    )
    assert mb.geplande_eind == date(2028, 7, 15)
    assert mb.consulent == world.consulent
    taak = Taak.objects.get(dossier=world.dossier, bron=TaakBron.BEGELEIDING)
    assert taak.deadline == date(2028, 5, 15)  # two months before the end
    assert taak.toegewezen_aan == world.consulent
    # A changed planned end moves the same task.
    services.begeleiding_update(
        actor=world.consulent, begeleiding=mb, geplande_eind=date(2028, 9, 1)
    )
    taak.refresh_from_db()
    assert taak.deadline == date(2028, 7, 1)
    assert Taak.objects.filter(dossier=world.dossier, bron=TaakBron.BEGELEIDING).count() == 1


def test_refused_for_gezinsmigrant_and_when_one_runs(world):
    services.begeleiding_start(actor=world.consulent, dossier=world.dossier, start=date(2027, 1, 1))
    with pytest.raises(ValidationError, match="loopt al"):
        services.begeleiding_start(
            actor=world.consulent, dossier=world.dossier, start=date(2027, 2, 1)
        )
    world.dossier_elders.doelgroep = Doelgroep.GEZINSMIGRANT
    world.dossier_elders.save()
    with pytest.raises(ValidationError, match="alleen voor asielstatushouders"):
        services.begeleiding_start(
            actor=world.consulent_elders, dossier=world.dossier_elders, start=date(2027, 1, 1)
        )


def test_end_needs_reason_and_handover_and_cancels_task(world):
    mb = services.begeleiding_start(
        actor=world.consulent, dossier=world.dossier, start=date(2027, 1, 1)
    )
    with pytest.raises(ValidationError) as exc:
        services.begeleiding_beeindigen(
            actor=world.consulent,
            begeleiding=mb,
            eind=date(2028, 6, 1),
            eind_reden="",
            overdracht=Overdracht.WELZIJN,
        )
    assert {"eind_reden", "overdracht_toelichting"} <= exc.value.message_dict.keys()
    services.begeleiding_beeindigen(
        actor=world.consulent,
        begeleiding=mb,
        eind=date(2028, 6, 1),
        eind_reden=MBEindreden.TERMIJN,
        overdracht=Overdracht.WELZIJN,
        overdracht_toelichting="Warme overdracht aan Welzijn De Wolden, kennismaking 3 juni.",
    )
    assert not mb.is_actief
    assert Taak.objects.get(dossier=world.dossier, bron=TaakBron.BEGELEIDING).status == (
        TaakStatus.VERVALLEN
    )


def test_referral_only_to_partner_of_own_gemeente(world):
    eigen = Ketenpartner.objects.create(gemeente=world.gemeente, naam="Welzijn", soort="welzijn")
    vreemd = Ketenpartner.objects.create(
        gemeente=world.andere_gemeente, naam="Welzijn Dalfsen", soort="welzijn"
    )
    with pytest.raises(ValidationError):
        services.verwijzing_create(
            actor=world.consulent,
            dossier=world.dossier,
            partner=vreemd,
            datum=date(2027, 1, 1),
            reden="x",
        )
    v = services.verwijzing_create(
        actor=world.consulent,
        dossier=world.dossier,
        partner=eigen,
        datum=date(2027, 1, 1),
        reden="Taalcafé",
    )
    services.verwijzing_update(actor=world.consulent, verwijzing=v, status="afgerond")
    assert world.dossier.gebeurtenissen.filter(titel__contains="afgerond").exists()


def test_tab_and_form_error_keeps_values(client, world, django_assert_max_num_queries):
    client.force_login(world.consulent)
    url = reverse("begeleiding:nieuw", kwargs={"dossier_pk": world.dossier.pk})
    response = client.post(
        url,
        {
            "start": "2027-01-01",
            "geplande_eind": "2026-06-01",
            "intensiteit": "hoog",
            "vrijwilligers": "Maatje Jan",
        },
    )
    assert response.status_code == 200
    assert 'value="Maatje Jan"' in response.content.decode()
    services.begeleiding_start(actor=world.consulent, dossier=world.dossier, start=date(2027, 1, 1))
    with django_assert_max_num_queries(20):
        response = client.get(reverse("begeleiding:tab", kwargs={"dossier_pk": world.dossier.pk}))
    assert "Lopend traject" in response.content.decode()


def test_tab_registered_with_order_60(world, client):
    from casefiles.tabs import _TABS

    assert _TABS["begeleiding"].order == 60
    assert _TABS["ontzorgen"].order == 70
