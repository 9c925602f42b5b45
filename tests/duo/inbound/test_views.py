""" "Bij DUO opvragen": who may ask, what is shown beside ours, one-click Overnemen
through the services, and every call to DUO in the access log."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casefiles.choices import Doelgroep
from casefiles.models import AccessLog
from duo.inbound import duo_api
from intake.choices import IntakeLocatie, IntakeStatus, LbtUitslag
from tests.duo.inbound.stub import StubDuo
from tests.duo.inbound.url_cases import OPVRAGEN_CASES
from tests.permission_helper import check_four_cases

pytestmark = pytest.mark.django_db


@pytest.fixture
def duo(monkeypatch):
    stub = StubDuo()
    monkeypatch.setattr(duo_api, "_client", lambda gemeente: stub)
    vandaag = timezone.localdate()
    stub.set(
        "inburgeringsplicht",
        {
            "indicatorInburgeringsplicht": True,
            "begindatum": (vandaag - timedelta(days=50)).isoformat(),
        },
    )
    stub.set(
        "doelgroep",
        {
            "indeling": "Gezinsmigrant en overige migrant",
            "gedetailleerdeDoelgroep": "Gezinshereniger",
            "begindatum": (vandaag - timedelta(days=5)).isoformat(),
        },
    )
    stub.set(
        "lbt/resultaten",
        [
            {
                "resultaat": "B1-route haalbaar",
                "behaaldeScore": "61,00",
                "benodigdeScore": "57,50",
                "datumAfname": (vandaag - timedelta(days=2)).isoformat(),
            }
        ],
    )
    stub.set(
        "examens/resultaten",
        [
            {
                "examendatum": (vandaag - timedelta(days=9)).isoformat(),
                "resultaat": "Geslaagd",
                "onderdeel": "LU",
                "niveau": "B1",
            }
        ],
    )
    stub.set(
        "ontheffingen",
        [
            {
                "GedeeltelijkeOntheffing": {
                    "oordeel": "Toekenning",
                    "datumOordeel": (vandaag - timedelta(days=20)).isoformat(),
                    "grond": "MED",
                    "examenonderdeel": "SP",
                }
            }
        ],
    )
    return stub


@pytest.mark.parametrize("case", OPVRAGEN_CASES, ids=lambda c: c.name)
def test_four_permission_cases_with_duo_answering(client, world, duo, case):
    """The cases of tests/test_url_permissions.py again, now with a DUO that answers
    (there the koppeling is off, so Overnemen stops at "koppeling staat uit"): the
    permitted user's request takes the path through DUO's answer and the service."""
    check_four_cases(client, world, case)


def _url(world, **query):
    url = reverse("duo_inbound:opvragen", kwargs={"dossier_pk": world.dossier.pk})
    return url + ("?opvragen=1" if query else "")


def test_tab_without_asking_calls_nothing(client, world, duo):
    client.force_login(world.werkcoach)
    r = client.get(_url(world))
    assert r.status_code == 200
    assert "Bij DUO opvragen" in r.content.decode()
    assert duo.calls == []


def test_opvragen_shows_duo_beside_ours_and_logs_each_call(client, world, duo):
    client.force_login(world.werkcoach)
    voor = AccessLog.objects.filter(user_id=world.werkcoach.pk, onderdeel="duo.opvragen").count()
    r = client.get(_url(world, opvragen=1))
    html = r.content.decode()
    assert r.status_code == 200
    assert "Gezinsmigrant (Gezinshereniger)" in html
    assert "B1-route haalbaar" in html
    assert "Overnemen" in html
    # one access-log row per DUO API called (7) plus the page itself
    rijen = AccessLog.objects.filter(user_id=world.werkcoach.pk, onderdeel="duo.opvragen")
    assert rijen.count() - voor == 8
    assert len(duo.calls) == 7
    assert {ref for _p, ref in duo.calls} == {f"opvraag:{world.dossier.pk}"}
    # the (possibly medical) ground: the assigned werkcoach sees it
    assert "grond MED" in html


def test_ground_hidden_for_a_colleague_who_is_not_assigned(client, world, duo):
    client.force_login(world.werkcoach2)
    html = client.get(_url(world, opvragen=1)).content.decode()
    assert "MED" not in html
    assert "alleen de eigen werkcoach" in html


def test_overnemen_doelgroep_goes_through_the_service(client, world, duo):
    client.force_login(world.werkcoach)
    r = client.post(
        reverse(
            "duo_inbound:overnemen", kwargs={"dossier_pk": world.dossier.pk, "veld": "doelgroep"}
        )
    )
    assert r.status_code == 302
    world.dossier.refresh_from_db()
    assert world.dossier.doelgroep == Doelgroep.GEZINSMIGRANT
    periode = world.dossier.doelgroep_periodes.order_by("-id").first()
    assert periode.gedetailleerde_doelgroep == "Gezinshereniger"
    assert world.dossier.gebeurtenissen.filter(soort="doelgroep").exists()
    # a second click: nothing left to adopt, a Dutch message, nothing written
    aantal = world.dossier.doelgroep_periodes.count()
    r = client.post(
        reverse(
            "duo_inbound:overnemen", kwargs={"dossier_pk": world.dossier.pk, "veld": "doelgroep"}
        ),
        follow=True,
    )
    assert "niets over te nemen" in r.content.decode()
    assert world.dossier.doelgroep_periodes.count() == aantal


def test_overnemen_start_plicht_and_exams(client, world, duo):
    client.force_login(world.werkcoach)
    for veld in ("start_plicht", "examens"):
        client.post(
            reverse("duo_inbound:overnemen", kwargs={"dossier_pk": world.dossier.pk, "veld": veld})
        )
    world.dossier.refresh_from_db()
    assert world.dossier.datum_start_plicht == timezone.localdate() - timedelta(days=50)
    assert list(world.dossier.examens.values_list("onderdeel", "resultaat")) == [
        ("luisteren", "behaald")
    ]


def test_overnemen_lbt_needs_an_open_intake(client, world, duo):
    from intake.services import intake_create

    client.force_login(world.werkcoach)
    url = reverse("duo_inbound:overnemen", kwargs={"dossier_pk": world.dossier.pk, "veld": "lbt"})
    r = client.post(url, follow=True)
    assert "niets over te nemen" in r.content.decode()
    intake = intake_create(
        actor=world.werkcoach,
        dossier=world.dossier,
        datum=timezone.localdate(),
        locatie=IntakeLocatie.GEMEENTEHUIS,
        status=IntakeStatus.LOPEND,
    )
    client.post(url)
    intake.refresh_from_db()
    assert intake.lbt_uitslag == LbtUitslag.HAALBAAR


def test_overnemen_another_gemeentes_dossier_is_404_and_writes_nothing(client, world, duo):
    client.force_login(world.werkcoach)
    r = client.post(
        reverse(
            "duo_inbound:overnemen",
            kwargs={"dossier_pk": world.dossier_elders.pk, "veld": "doelgroep"},
        )
    )
    assert r.status_code == 404
    assert duo.calls == []
    world.dossier_elders.refresh_from_db()
    assert world.dossier_elders.doelgroep == Doelgroep.ASIELSTATUSHOUDER


def test_unknown_field_is_refused(client, world, duo):
    client.force_login(world.werkcoach)
    r = client.post(
        reverse("duo_inbound:overnemen", kwargs={"dossier_pk": world.dossier.pk, "veld": "bsn"})
    )
    assert duo.calls == []
    assert "Onbekend gegeven" in client.get(r["Location"]).content.decode()


def test_duo_down_gives_a_dutch_message(client, world, monkeypatch):
    from duo.client import DuoUnavailable

    class Down:
        def get(self, path, *, ref):
            raise DuoUnavailable(ref)

    monkeypatch.setattr(duo_api, "_client", lambda gemeente: Down())
    client.force_login(world.werkcoach)
    r = client.get(_url(world, opvragen=1))
    assert r.status_code == 200
    assert "DUO is nu niet bereikbaar" in r.content.decode()


def test_duo_403_says_not_visible(client, world, duo):
    duo.set("inburgeringsplicht", None, status=403)
    client.force_login(world.werkcoach)
    html = client.get(_url(world, opvragen=1)).content.decode()
    assert "niet aan deze gemeente" in html


def test_koppeling_off_is_said(client, world, settings):
    settings.DUO_BASE_URL = ""
    client.force_login(world.werkcoach)
    html = client.get(_url(world, opvragen=1)).content.decode()
    assert "koppeling staat uit" in html


def test_query_budget_of_the_opvragen_page(client, world, duo, django_assert_max_num_queries):
    client.force_login(world.werkcoach)
    with django_assert_max_num_queries(16):
        r = client.get(_url(world, opvragen=1))
    assert r.status_code == 200


def test_overnemen_end_of_plicht_asks_for_confirmation_first(client, world, duo):
    from casefiles.choices import PlichtEindeReden, TaakBron, TaakStatus
    from intake.services import pip_deadline_sync

    gisteren = timezone.localdate() - timedelta(days=1)
    duo.set(
        "inburgeringsplicht",
        {
            "indicatorInburgeringsplicht": False,
            "einddatum": gisteren.isoformat(),
            "wijzigingsdatum": gisteren.isoformat(),
            "redenGeenInburgeringsplicht": "Volledige vrijstelling",
        },
    )
    duo.set(
        "vrijstellingen",
        [
            {
                "GeheleVrijstelling": {
                    "oordeel": "Toekenning",
                    "reden": "DIP",
                    "datumOordeel": gisteren.isoformat(),
                }
            }
        ],
    )
    pip_deadline_sync(dossier=world.dossier)
    url = reverse(
        "duo_inbound:overnemen", kwargs={"dossier_pk": world.dossier.pk, "veld": "einde_plicht"}
    )
    client.force_login(world.werkcoach)
    r = client.post(url)
    html = r.content.decode()
    assert r.status_code == 200
    assert "Ja, besluit van DUO overnemen" in html
    assert "PIP vaststellen" in html  # the deadline that closes is named
    assert not world.dossier.plicht_eindes.exists()  # nothing written yet
    r = client.post(url, {"bevestigd": "1"})
    assert r.status_code == 302
    besluit = world.dossier.plicht_eindes.get()
    assert (besluit.reden, besluit.grond, besluit.einddatum_plicht) == (
        PlichtEindeReden.VRIJSTELLING,
        "DIP",
        gisteren,
    )
    assert not world.dossier.taken.filter(
        bron=TaakBron.PIP_DEADLINE, status=TaakStatus.OPEN
    ).exists()
