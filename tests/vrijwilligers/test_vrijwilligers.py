"""Volunteers and taalmaatjes (issue 18 item 3) through the services and pages."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from casefiles.choices import TaakBron
from casefiles.models import Taak, Vrijwilliger
from casefiles.selectors import taak_list_for_user
from casefiles.vrijwilligers import rules, services

TODAY = date(2027, 5, 10)


@pytest.mark.parametrize(
    ("vog", "op", "geldig"),
    [
        (date(2024, 5, 11), TODAY, True),  # 3 years minus a day
        (date(2024, 5, 10), TODAY, False),  # exactly 3 years: expired
        (None, TODAY, False),
        (date(2027, 6, 1), TODAY, False),  # from the future
    ],
)
def test_vog_valid_for_three_years(vog, op, geldig):
    assert rules.vog_geldig(vog, op) is geldig


def _vrijwilliger(world, **kw):
    args = {"naam": "Jan de Vries", "soort": "taalmaatje", "vog_datum": date(2026, 1, 5)}
    args.update(kw)
    return services.vrijwilliger_create(
        actor=world.consulent, gemeente=kw.pop("gemeente", world.gemeente), **args
    )


@time_machine.travel(TODAY, tick=False)
def test_register_is_per_gemeente(world, client):
    _vrijwilliger(world)
    with pytest.raises(ValidationError):
        services.vrijwilliger_create(
            actor=world.consulent, gemeente=world.andere_gemeente, naam="X", soort="buddy"
        )
    with pytest.raises(ValidationError) as exc:
        _vrijwilliger(world, naam="Toekomst", vog_datum=date(2027, 6, 1))
    assert "vog_datum" in exc.value.message_dict
    client.force_login(world.consulent_elders)
    assert "Jan de Vries" not in client.get(reverse("vrijwilligers:lijst")).content.decode()


@time_machine.travel(TODAY, tick=False)
def test_match_needs_a_valid_vog_and_the_same_gemeente(world):
    oud = _vrijwilliger(world, naam="Oud", vog_datum=date(2023, 1, 1))
    with pytest.raises(ValidationError) as exc:
        services.koppeling_create(
            actor=world.consulent,
            dossier=world.dossier,
            vrijwilliger=oud,
            soort="taalmaatje",
            start=TODAY,
        )
    assert "geen geldige VOG" in exc.value.message_dict["vrijwilliger"][0]
    elders = Vrijwilliger.objects.create(
        gemeente=world.andere_gemeente, naam="Elders", vog_datum=date(2026, 1, 1)
    )
    with pytest.raises(ValidationError):
        services.koppeling_create(
            actor=world.consulent,
            dossier=world.dossier,
            vrijwilliger=elders,
            soort="taalmaatje",
            start=TODAY,
        )
    jan = _vrijwilliger(world)
    k = services.koppeling_create(
        actor=world.consulent,
        dossier=world.dossier,
        vrijwilliger=jan,
        soort="taalmaatje",
        start=TODAY,
    )
    with pytest.raises(ValidationError):  # already matched
        services.koppeling_create(
            actor=world.consulent,
            dossier=world.dossier,
            vrijwilliger=jan,
            soort="buddy",
            start=TODAY,
        )
    services.koppeling_beeindigen(
        actor=world.consulent, koppeling=k, eind=TODAY + timedelta(days=90)
    )
    k.refresh_from_db()
    assert k.eind == TODAY + timedelta(days=90) and not k.is_actief
    with pytest.raises(ValidationError):
        services.koppeling_beeindigen(actor=world.consulent, koppeling=k, eind=TODAY)


@time_machine.travel(TODAY, tick=False)
def test_a_volunteers_signal_reaches_the_consulent_as_a_task(world):
    k = services.koppeling_create(
        actor=world.werkcoach,
        dossier=world.dossier,
        vrijwilliger=_vrijwilliger(world),
        soort="taalmaatje",
        start=TODAY,
    )
    s = services.signaal_create(
        actor=world.werkcoach,
        koppeling=k,
        datum=TODAY,
        omschrijving="Huur niet betaald, brieven van de verhuurder.",
    )
    taak = Taak.objects.get(pk=s.taak_id)
    assert (taak.bron, taak.toegewezen_aan, taak.deadline) == (
        TaakBron.VRIJWILLIGER,
        world.consulent,
        TODAY + timedelta(days=rules.SIGNAAL_TAAK_DAGEN),
    )
    assert "Jan de Vries" in taak.titel
    assert taak in taak_list_for_user(user=world.consulent)
    with pytest.raises(ValidationError):
        services.signaal_create(actor=world.werkcoach, koppeling=k, datum=TODAY, omschrijving="  ")


@time_machine.travel(TODAY, tick=False)
def test_match_form_shows_the_vog_message_and_keeps_input(client, world):
    oud = _vrijwilliger(world, naam="Oud", vog_datum=date(2023, 1, 1))
    client.force_login(world.consulent)
    response = client.post(
        reverse("vrijwilligers:tab", kwargs={"dossier_pk": world.dossier.pk}),
        {
            "vrijwilliger": oud.pk,
            "soort": "taalmaatje",
            "start": TODAY.isoformat(),
            "doel": "Wekelijks oefenen",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "geen geldige VOG" in html and "Wekelijks oefenen" in html


def test_register_page_has_a_query_budget(client, world, django_assert_max_num_queries):
    for i in range(8):
        _vrijwilliger(world, naam=f"Vrijwilliger {i}")
    client.force_login(world.consulent)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("vrijwilligers:lijst"))
    assert response.status_code == 200
