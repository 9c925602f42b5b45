"""Processing each event: DUO's data (answers checked against DUO's OpenAPI files)
reaches the dossier through the existing services, as the system actor, with a
timeline line and an access-log row."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from casefiles.choices import Doelgroep, FeitenBron, PlichtEindeReden, TaakBron, TaakStatus
from casefiles.models import AccessLog, Dossier, Gebeurtenis, Taak
from duo.inbound import duo_api
from duo.inbound.events import NAAM_ONBEKEND, notificatie_verwerken
from duo.inbound.models import Notificatie, NotificatieStatus
from duo.inbound.services import systeem_actor
from intake.choices import LbtUitslag
from tests.duo.inbound.stub import StubDuo
from tests.factories import DossierFactory, InburgeraarFactory

pytestmark = pytest.mark.django_db

NIEUW_BSN = "999990019"


@pytest.fixture
def duo(monkeypatch):
    stub = StubDuo()
    monkeypatch.setattr(duo_api, "_client", lambda gemeente: stub)
    return stub


def _notificatie(gemeente, gebeurtenis, *, bsn=NIEUW_BSN, dossier=None, moment=None):
    return Notificatie.objects.create(
        bericht_id=uuid.uuid4(),
        gemeente=gemeente,
        gebeurtenis_id=gebeurtenis,
        registratie_moment=moment or datetime.now(UTC),
        bsn=bsn,
        dossier=dossier,
    )


def _verwerk(n) -> Notificatie:
    notificatie_verwerken(notificatie_id=n.pk)
    n.refresh_from_db()
    return n


def _iso(d: date) -> str:
    return d.isoformat()


# --- SS139 / SS101 / SS120: the aanmelding and the PIP clock ----------------------------


def test_ss139_creates_the_aanmelding_and_starts_the_pip_clock(world, duo):
    vandaag = timezone.localdate()
    start = vandaag - timedelta(days=3)
    duo.set("inburgeringsplicht", {"indicatorInburgeringsplicht": True, "begindatum": _iso(start)})
    duo.set("doelgroep", {"indeling": "Asielstatushouder", "begindatum": _iso(start)})
    n = _verwerk(_notificatie(world.gemeente, "SS139"))
    assert n.status == NotificatieStatus.VERWERKT, n.resultaat
    dossier = Dossier.objects.get(gemeente=world.gemeente, inburgeraar__bsn=NIEUW_BSN)
    assert n.dossier_id == dossier.pk
    assert (n.bsn, n.v_nummer) == ("", "")  # processed: the dossier link is enough
    assert dossier.doelgroep == Doelgroep.ASIELSTATUSHOUDER
    assert dossier.datum_start_plicht == start
    assert dossier.datum_duo_melding == vandaag
    assert dossier.inburgeraar.achternaam == NAAM_ONBEKEND
    pip_taak = Taak.objects.get(dossier=dossier, bron=TaakBron.PIP_DEADLINE)
    assert pip_taak.deadline == vandaag + timedelta(weeks=10)
    assert Taak.objects.filter(dossier=dossier, titel__contains="BRP").exists()
    regel = Gebeurtenis.objects.filter(dossier=dossier, soort="duo").get()
    assert "SS139" in regel.titel and NIEUW_BSN not in regel.titel
    assert regel.actor == systeem_actor()
    assert AccessLog.objects.filter(
        dossier_id=dossier.pk, onderdeel="duo.notificatie", user_id=systeem_actor().pk
    ).exists()
    # every DUO call carried the notification id, not the BSN, as its log reference
    assert {ref for _p, ref in duo.calls} == {f"notificatie:{n.pk}"}


def test_processing_twice_changes_nothing(world, duo):
    duo.set("inburgeringsplicht", {"indicatorInburgeringsplicht": True})
    n = _notificatie(world.gemeente, "SS101")
    notificatie_verwerken(notificatie_id=n.pk)
    aantal = (Dossier.objects.count(), Gebeurtenis.objects.count(), len(duo.calls))
    notificatie_verwerken(notificatie_id=n.pk)
    assert (Dossier.objects.count(), Gebeurtenis.objects.count(), len(duo.calls)) == aantal


def test_ss101_for_an_existing_dossier_updates_it(world, duo):
    dossier = world.dossier
    dossier.datum_duo_melding = None
    dossier.save()
    start = timezone.localdate() - timedelta(days=60)
    duo.set("inburgeringsplicht", {"indicatorInburgeringsplicht": True, "begindatum": _iso(start)})
    n = _verwerk(
        _notificatie(world.gemeente, "SS101", bsn=dossier.inburgeraar.bsn, dossier=dossier)
    )
    assert n.status == NotificatieStatus.VERWERKT
    dossier.refresh_from_db()
    assert (dossier.datum_start_plicht, dossier.datum_duo_melding) == (
        start,
        timezone.localdate(),
    )
    # no second dossier for the same person
    assert (
        Dossier.objects.filter(
            gemeente=world.gemeente, inburgeraar__bsn=dossier.inburgeraar.bsn
        ).count()
        == 1
    )


def test_a_later_ss139_moves_the_clock_an_earlier_one_does_not(world, duo):
    dossier = world.dossier
    eerder = dossier.datum_duo_melding
    duo.set("inburgeringsplicht", {"indicatorInburgeringsplicht": True})
    oud = datetime.now(UTC) - timedelta(days=100)
    _verwerk(
        _notificatie(
            world.gemeente, "SS139", bsn=dossier.inburgeraar.bsn, dossier=dossier, moment=oud
        )
    )
    dossier.refresh_from_db()
    assert dossier.datum_duo_melding == eerder
    _verwerk(_notificatie(world.gemeente, "SS139", bsn=dossier.inburgeraar.bsn, dossier=dossier))
    dossier.refresh_from_db()
    assert dossier.datum_duo_melding == timezone.localdate()


def test_unknown_to_duo_is_mislukt_and_writes_nothing(world, duo):
    n = _verwerk(_notificatie(world.gemeente, "SS120"))
    assert n.status == NotificatieStatus.MISLUKT
    assert not Dossier.objects.filter(inburgeraar__bsn=NIEUW_BSN).exists()


def test_duo_403_means_not_visible_bsn_removed(world, duo):
    duo.set("inburgeringsplicht", None, status=403)
    n = _verwerk(_notificatie(world.gemeente, "SS101"))
    assert (n.status, n.bsn) == (NotificatieStatus.GEWEIGERD, "")
    assert not Dossier.objects.filter(inburgeraar__bsn=NIEUW_BSN).exists()


def test_duo_unreachable_raises_for_the_outbox_retry(world, monkeypatch):
    from duo.client import DuoUnavailable

    class Down:
        def get(self, path, *, ref):
            raise DuoUnavailable(ref)

    monkeypatch.setattr(duo_api, "_client", lambda gemeente: Down())
    n = _notificatie(world.gemeente, "SS139")
    with pytest.raises(DuoUnavailable):
        notificatie_verwerken(notificatie_id=n.pk)
    n.refresh_from_db()
    assert n.status == NotificatieStatus.ONTVANGEN


def test_duo_answer_against_the_spec_is_mislukt(world, monkeypatch):
    from duo.client import DuoResponse

    class Broken:
        def get(self, path, *, ref):
            return DuoResponse(200, {"indicatorInburgeringsplicht": "ja"}, "x")

    monkeypatch.setattr(duo_api, "_client", lambda gemeente: Broken())
    n = _verwerk(_notificatie(world.gemeente, "SS139"))
    assert n.status == NotificatieStatus.MISLUKT
    assert "specificatie" in n.resultaat
    assert not Dossier.objects.filter(inburgeraar__bsn=NIEUW_BSN).exists()


# --- SS124 / SS125 -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "gebeurtenis,indeling,detail,van,naar",
    [
        (
            "SS124",
            "Gezinsmigrant en overige migrant",
            "Gezinsvormer",
            Doelgroep.ASIELSTATUSHOUDER,
            Doelgroep.GEZINSMIGRANT,
        ),
        (
            "SS124",
            "Gezinsmigrant en overige migrant",
            "Geestelijk bedienaar",
            Doelgroep.ASIELSTATUSHOUDER,
            Doelgroep.OVERIGE_MIGRANT,
        ),
        (
            "SS125",
            "Asielstatushouder",
            "Asielstatushouder",
            Doelgroep.GEZINSMIGRANT,
            Doelgroep.ASIELSTATUSHOUDER,
        ),
    ],
)
def test_doelgroep_change(world, duo, gebeurtenis, indeling, detail, van, naar):
    dossier = DossierFactory(gemeente=world.gemeente, doelgroep=van)
    vanaf = timezone.localdate() - timedelta(days=2)
    duo.set(
        "doelgroep",
        {"indeling": indeling, "begindatum": _iso(vanaf), "gedetailleerdeDoelgroep": detail},
    )
    n = _verwerk(
        _notificatie(world.gemeente, gebeurtenis, bsn=dossier.inburgeraar.bsn, dossier=dossier)
    )
    assert n.status == NotificatieStatus.VERWERKT, n.resultaat
    dossier.refresh_from_db()
    assert dossier.doelgroep == naar
    periode = dossier.doelgroep_periodes.order_by("-geldig_vanaf", "-id").first()
    assert (periode.geldig_vanaf, periode.bron, periode.gedetailleerde_doelgroep) == (
        vanaf,
        f"DUO {gebeurtenis}",
        detail,
    )


def test_ss124_that_says_asiel_is_refused_by_the_service(world, duo):
    dossier = world.dossier
    duo.set("doelgroep", {"indeling": "Asielstatushouder"})
    n = _verwerk(
        _notificatie(world.gemeente, "SS124", bsn=dossier.inburgeraar.bsn, dossier=dossier)
    )
    assert n.status == NotificatieStatus.MISLUKT
    assert "SS124" in n.resultaat


# --- SS102 / SS103 / SS104: the termijn ---------------------------------------------------


def test_termijn_started_and_extended(world, duo):
    dossier = world.dossier
    start = timezone.localdate() - timedelta(days=10)
    eind = date(start.year + 3, start.month, start.day if start.day < 29 else 28)
    duo.set("inburgeringstermijn", {"startdatum": _iso(start), "einddatum": _iso(eind)})
    n = _verwerk(
        _notificatie(world.gemeente, "SS102", bsn=dossier.inburgeraar.bsn, dossier=dossier)
    )
    assert n.status == NotificatieStatus.VERWERKT, n.resultaat
    dossier.refresh_from_db()
    assert (dossier.termijn_start, dossier.termijn_eind) == (start, eind - timedelta(days=1))
    assert dossier.inburgeringsfeiten.bron == FeitenBron.DUO
    verlengd = eind + timedelta(days=183)
    duo.set(
        "inburgeringstermijn",
        {"startdatum": _iso(start), "einddatum": _iso(verlengd), "verlengingsgrondcode": "1"},
    )
    n = _verwerk(
        _notificatie(world.gemeente, "SS103", bsn=dossier.inburgeraar.bsn, dossier=dossier)
    )
    dossier.refresh_from_db()
    assert dossier.termijn_eind == verlengd - timedelta(days=1)


# --- SS131: the leerbaarheidstoets ----------------------------------------------------------


def test_ss131_fills_the_lbt_in_the_intake(world, duo):
    dossier = world.dossier
    afname = timezone.localdate() - timedelta(days=1)
    duo.set(
        "lbt/resultaten",
        [
            {
                "resultaat": "B1-route niet haalbaar",
                "behaaldeScore": "41,00",
                "benodigdeScore": "57,50",
                "datumAfname": _iso(afname),
            },
        ],
    )
    n = _verwerk(
        _notificatie(world.gemeente, "SS131", bsn=dossier.inburgeraar.bsn, dossier=dossier)
    )
    assert n.status == NotificatieStatus.VERWERKT, n.resultaat
    intake = dossier.intakes.get()
    assert (intake.lbt_datum, intake.lbt_uitslag) == (afname, LbtUitslag.NIET_HAALBAAR)


# --- SS106 ... SS111: the plicht ended --------------------------------------------------------


def test_ss108_ontheffing_ends_the_plicht_and_closes_deadlines(world, duo):
    dossier = world.dossier
    from intake.services import pip_deadline_sync

    pip_deadline_sync(dossier=dossier)
    assert Taak.objects.filter(
        dossier=dossier, status=TaakStatus.OPEN, bron=TaakBron.PIP_DEADLINE
    ).exists()
    gisteren = timezone.localdate() - timedelta(days=1)
    duo.set(
        "inburgeringsplicht",
        {
            "indicatorInburgeringsplicht": False,
            "einddatum": _iso(gisteren),
            "wijzigingsdatum": _iso(gisteren),
            "redenGeenInburgeringsplicht": "Volledige ontheffing",
        },
    )
    duo.set(
        "ontheffingen",
        [
            {
                "GeheleOntheffing": {
                    "oordeel": "Toekenning",
                    "datumOordeel": _iso(gisteren),
                    "grond": "MED",
                }
            }
        ],
    )
    n = _verwerk(
        _notificatie(world.gemeente, "SS108", bsn=dossier.inburgeraar.bsn, dossier=dossier)
    )
    assert n.status == NotificatieStatus.VERWERKT, n.resultaat
    besluit = dossier.plicht_eindes.get()
    assert (besluit.reden, besluit.grond, besluit.einddatum_plicht, besluit.kenmerk) == (
        PlichtEindeReden.ONTHEFFING,
        "MED",
        gisteren,
        "SS108",
    )
    assert not Taak.objects.filter(
        dossier=dossier, status=TaakStatus.OPEN, bron=TaakBron.PIP_DEADLINE
    ).exists()
    # the (possibly medical) ground is in no timeline line
    assert not Gebeurtenis.objects.filter(dossier=dossier, titel__contains="MED").exists()
    # a second notification of the same decision records nothing new
    _verwerk(_notificatie(world.gemeente, "SS108", bsn=dossier.inburgeraar.bsn, dossier=dossier))
    assert dossier.plicht_eindes.count() == 1


def test_ss106_diploma(world, duo):
    dossier = world.dossier
    gisteren = timezone.localdate() - timedelta(days=1)
    duo.set(
        "inburgeringsplicht",
        {
            "indicatorInburgeringsplicht": False,
            "einddatum": _iso(gisteren),
            "redenGeenInburgeringsplicht": "Inburgeringsplicht voldaan",
        },
    )
    n = _verwerk(
        _notificatie(world.gemeente, "SS106", bsn=dossier.inburgeraar.bsn, dossier=dossier)
    )
    assert n.status == NotificatieStatus.VERWERKT, n.resultaat
    dossier.refresh_from_db()
    assert dossier.datum_plicht_voldaan == gisteren


def test_plicht_still_running_changes_nothing(world, duo):
    dossier = world.dossier
    duo.set("inburgeringsplicht", {"indicatorInburgeringsplicht": True})
    n = _verwerk(
        _notificatie(world.gemeente, "SS110", bsn=dossier.inburgeraar.bsn, dossier=dossier)
    )
    assert n.status == NotificatieStatus.GEEN_ACTIE
    assert not dossier.plicht_eindes.exists()


# --- SS199: exams ---------------------------------------------------------------------------


def test_ss199_records_results_once(world, duo):
    dossier = world.dossier
    dag = timezone.localdate() - timedelta(days=5)
    duo.set(
        "examens/resultaten",
        [
            {"examendatum": _iso(dag), "resultaat": "Geslaagd", "onderdeel": "LE", "niveau": "B1"},
            {"examendatum": _iso(dag), "resultaat": "Gezakt", "onderdeel": "KNM"},
            {
                "examendatum": _iso(dag),
                "resultaat": "Geen",
                "onderdeel": "SP",
                "niveau": "B1",
                "redenGeenResultaat": "Absent",
            },
        ],
    )
    n = _verwerk(
        _notificatie(world.gemeente, "SS199", bsn=dossier.inburgeraar.bsn, dossier=dossier)
    )
    assert n.status == NotificatieStatus.VERWERKT, n.resultaat
    assert sorted(dossier.examens.values_list("onderdeel", "resultaat")) == [
        ("knm", "niet_behaald"),
        ("lezen", "behaald"),
    ]
    _verwerk(_notificatie(world.gemeente, "SS199", bsn=dossier.inburgeraar.bsn, dossier=dossier))
    assert dossier.examens.count() == 2


# --- SS121: the move with the previous gemeente's PIP ----------------------------------------


def test_ss121_brings_previous_pip_route_and_termijn(world, duo):
    start = timezone.localdate() - timedelta(days=400)
    eind = start + timedelta(days=3 * 365 + 1)
    duo.set(
        "inburgeringsplicht",
        {"indicatorInburgeringsplicht": True, "begindatum": _iso(start - timedelta(days=100))},
    )
    duo.set("doelgroep", {"indeling": "Asielstatushouder"})
    duo.set("inburgeringstermijn", {"startdatum": _iso(start), "einddatum": _iso(eind)})
    duo.set(
        "PIP",
        {
            "gemeentecode": "0148",
            "pip": {
                "dagtekeningPip": _iso(start - timedelta(days=1)),
                "leerroute": "B",
                "niveau": "B1",
            },
        },
    )
    n = _verwerk(_notificatie(world.gemeente, "SS121"))
    assert n.status == NotificatieStatus.VERWERKT, n.resultaat
    dossier = Dossier.objects.get(pk=n.dossier_id)
    feiten = dossier.inburgeringsfeiten
    assert (feiten.vorige_gemeentecode, feiten.huidige_leerroute, feiten.huidig_niveau) == (
        "0148",
        "b1",
        "B1",
    )
    assert feiten.eerste_pip_dagtekening == start - timedelta(days=1)
    # the termijn runs on; a move never restarts it
    assert (dossier.termijn_start, dossier.termijn_eind) == (start, eind - timedelta(days=1))


# --- events we only show --------------------------------------------------------------------


def test_information_only_event_is_a_timeline_line(world, duo):
    dossier = world.dossier
    n = _verwerk(
        _notificatie(world.gemeente, "SS113", bsn=dossier.inburgeraar.bsn, dossier=dossier)
    )
    assert n.status == NotificatieStatus.GEEN_ACTIE
    assert Gebeurtenis.objects.filter(
        dossier=dossier, soort="duo", titel__contains="SS113"
    ).exists()
    assert duo.calls == []


def test_other_gemeentes_dossier_is_never_touched(world, duo):
    """The same BSN in two gemeenten is two records (DESIGN §5): a notification for
    De Wolden creates De Wolden's own dossier and leaves Dalfsen's alone."""
    elders = world.dossier_elders
    bsn = elders.inburgeraar.bsn
    duo.set("inburgeringsplicht", {"indicatorInburgeringsplicht": True})
    duo.set("doelgroep", {"indeling": "Gezinsmigrant en overige migrant"})
    voor = Gebeurtenis.objects.filter(dossier=elders).count()
    n = _verwerk(_notificatie(world.gemeente, "SS120", bsn=bsn))
    assert n.status == NotificatieStatus.VERWERKT
    assert n.dossier.gemeente_id == world.gemeente.pk
    assert Gebeurtenis.objects.filter(dossier=elders).count() == voor
    assert InburgeraarFactory._meta.model.objects.filter(bsn=bsn).count() == 2


def test_koppeling_off_is_mislukt_not_retried_forever(world, settings):
    settings.DUO_BASE_URL = ""
    n = _verwerk(_notificatie(world.gemeente, "SS139"))
    assert n.status == NotificatieStatus.MISLUKT
    assert "staat uit" in n.resultaat
