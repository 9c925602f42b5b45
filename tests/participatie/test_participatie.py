"""Participation activities, outcomes and the participatieladder."""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from casefiles.models import Activiteit, ParticipatieladderMeting, Uitstroom
from casefiles.participatie import selectors, services

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)


def test_betaald_werk_vraagt_contract_en_opleiding_houdt_niveau(world):
    with pytest.raises(ValidationError, match="soort contract"):
        services.activiteit_create(
            actor=world.werkcoach,
            dossier=world.dossier,
            soort="betaald_werk",
            start=date(2026, 5, 1),
        )
    werk = services.activiteit_create(
        actor=world.werkcoach,
        dossier=world.dossier,
        soort="betaald_werk",
        start=date(2026, 5, 1),
        uren_per_week=D(24),
        contract="tijdelijk",
        opleidingsniveau="mbo-2",
    )
    assert werk.opleidingsniveau == ""  # only with education
    stage = services.activiteit_create(
        actor=world.werkcoach,
        dossier=world.dossier,
        soort="taalstage",
        start=date(2026, 5, 1),
        contract="vast",
    )
    assert stage.contract == ""  # only with paid work


def test_activiteit_beeindigen_op_de_tijdlijn(world):
    a = services.activiteit_create(
        actor=world.werkcoach,
        dossier=world.dossier,
        soort="vrijwilligerswerk",
        start=date(2026, 1, 1),
        organisatie="Voedselbank",
    )
    with pytest.raises(ValidationError):
        services.activiteit_update(actor=world.werkcoach, activiteit=a, eind=date(2025, 12, 1))
    a.refresh_from_db()
    services.activiteit_update(actor=world.werkcoach, activiteit=a, eind=date(2026, 6, 1))
    assert world.dossier.gebeurtenissen.filter(
        titel="Activiteit beëindigd: Vrijwilligerswerk"
    ).exists()


@time_machine.travel(TODAY, tick=False)
def test_ladder_niet_in_de_toekomst_en_samenvatting(world):
    with pytest.raises(ValidationError, match="toekomst"):
        services.ladder_meting_create(
            actor=world.werkcoach, dossier=world.dossier, datum=TODAY + timedelta(days=1), trede=3
        )
    services.ladder_meting_create(
        actor=world.werkcoach, dossier=world.dossier, datum=date(2026, 1, 1), trede=2
    )
    services.ladder_meting_create(
        actor=world.werkcoach, dossier=world.dossier, datum=date(2026, 9, 1), trede=4
    )
    services.uitstroom_create(
        actor=world.werkcoach, dossier=world.dossier, soort="opleiding", datum=date(2026, 9, 1)
    )
    services.activiteit_create(
        actor=world.werkcoach, dossier=world.dossier, soort="taalmaatje", start=date(2026, 2, 1)
    )
    services.activiteit_create(
        actor=world.werkcoach,
        dossier=world.dossier,
        soort="taalstage",
        start=date(2026, 2, 1),
        eind=date(2026, 3, 1),
    )
    s = selectors.participatie_samenvatting(dossier=world.dossier)
    assert (s.trede.trede, s.vorige_trede.trede) == (4, 2)
    assert [a.soort for a in s.lopend] == ["taalmaatje"]
    assert s.uitstroom.soort == "opleiding"


def test_uitstroom_einddatum_na_datum(world):
    with pytest.raises(ValidationError, match="einddatum"):
        services.uitstroom_create(
            actor=world.werkcoach,
            dossier=world.dossier,
            soort="werk_voltijd",
            datum=date(2026, 5, 1),
            einddatum=date(2026, 4, 1),
        )


@time_machine.travel(TODAY, tick=False)
def test_tab_formulieren(client, world):
    client.force_login(world.consulent)
    url = reverse("participatie:activiteit_nieuw", kwargs={"dossier_pk": world.dossier.pk})
    response = client.post(
        url, {"soort": "betaald_werk", "start": "2026-05-01", "organisatie": "Bakkerij Jansen"}
    )
    html = response.content.decode()
    assert "Kies het soort contract bij betaald werk." in html and 'value="Bakkerij Jansen"' in html
    response = client.post(
        url,
        {"soort": "betaald_werk", "start": "2026-05-01", "contract": "vast", "uren_per_week": "32"},
    )
    assert response.status_code == 302
    client.post(
        reverse("participatie:uitstroom_nieuw", kwargs={"dossier_pk": world.dossier.pk}),
        {"soort": "werk_voltijd", "datum": "2026-05-01"},
    )
    client.post(
        reverse("participatie:ladder_nieuw", kwargs={"dossier_pk": world.dossier.pk}),
        {"datum": "2026-05-01", "trede": "6", "bron": "handmatig"},
    )
    assert (
        Activiteit.objects.count(),
        Uitstroom.objects.count(),
        ParticipatieladderMeting.objects.count(),
    ) == (1, 1, 1)
    html = client.get(
        reverse("participatie:tab", kwargs={"dossier_pk": world.dossier.pk})
    ).content.decode()
    assert "Betaald werk (voltijd)" in html and "Vast contract" in html


def test_beleidsmedewerker_geen_toegang(client, world):
    client.force_login(world.beleid)
    assert (
        client.get(reverse("participatie:tab", kwargs={"dossier_pk": world.dossier.pk})).status_code
        == 403
    )


def test_tab_query_budget(client, world, django_assert_max_num_queries):
    for i in range(15):
        Activiteit.objects.create(
            dossier=world.dossier, soort="taalstage", start=date(2026, 1, 1) + timedelta(days=i)
        )
        ParticipatieladderMeting.objects.create(
            dossier=world.dossier, datum=date(2026, 1, 1) + timedelta(days=i), trede=3
        )
    client.force_login(world.werkcoach)
    url = reverse("participatie:tab", kwargs={"dossier_pk": world.dossier.pk})
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200


@time_machine.travel(TODAY, tick=False)
def test_leerroute_tab_says_when_more_activities_run_than_the_summary_shows(client, world):
    """The summary on the Leerroute tab shows the first running activities; with more it
    says so and links to the Participatie tab, which lists them all (no silent cap)."""
    url = reverse("leerroutes:tab", kwargs={"dossier_pk": world.dossier.pk})
    meer = "Er lopen meer activiteiten"
    client.force_login(world.werkcoach)

    def activiteiten(n: int) -> None:
        Activiteit.objects.bulk_create(
            Activiteit(dossier=world.dossier, soort="taalmaatje", start=date(2026, 2, 1))
            for _ in range(n)
        )

    activiteiten(selectors.SAMENVATTING_LOPEND)
    html = client.get(url).content.decode()
    assert html.count("Taalmaatje") >= selectors.SAMENVATTING_LOPEND and meer not in html
    activiteiten(1)
    r = client.get(url)
    assert len(r.context["participatie"].lopend) == selectors.SAMENVATTING_LOPEND
    assert meer in r.content.decode()
    assert (
        reverse("participatie:tab", kwargs={"dossier_pk": world.dossier.pk}) in r.content.decode()
    )
