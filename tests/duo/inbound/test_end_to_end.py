"""Each event end to end: the fake DUO (duo.fake, enforcing DUO's specification and
rules) changes its store and emits the notification → our endpoint answers → the
outbox job reads from the fake over HTTP → the dossier changed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from casefiles import outbox
from casefiles.choices import Doelgroep, PlichtEindeReden, TaakBron, TaakStatus
from casefiles.models import Dossier, Gebeurtenis, Taak
from duo.inbound.models import Notificatie, NotificatieStatus
from intake.choices import LbtUitslag
from tests.duo.conftest import CBS_DE_WOLDEN, OIN_DALFSEN, OIN_DE_WOLDEN, django_sender
from tests.factories import DossierFactory

pytestmark = pytest.mark.django_db

NIEUW_BSN = "999990019"


@pytest.fixture
def e2e(world, fake_duo, settings):
    """De Wolden (1690) and Dalfsen (0148) with the OINs the fake knows."""
    world.gemeente.oin = OIN_DE_WOLDEN
    world.gemeente.save(update_fields=["oin"])
    world.andere_gemeente.oin = OIN_DALFSEN
    world.andere_gemeente.save(update_fields=["oin"])
    settings.DUO_NOTIFICATIE_BRON_OINS = [fake_duo.duo_oin]
    return world


def _emit(fake_duo, client, event, bsn, **facts):
    result = fake_duo.emit(event, bsn, OIN_DE_WOLDEN, send=django_sender(client), **facts)
    assert result.status == 201, (event, result.status)
    outbox.run_pending_here(kinds=["duo.notificatie"])
    n = Notificatie.objects.get(bericht_id=result.bericht_id)
    return n


def _bekend(fake_duo, dossier, **facts):
    facts.setdefault("doelgroep", "asiel")
    fake_duo.seed_person(dossier.inburgeraar.bsn, gemeente=CBS_DE_WOLDEN, **facts)


def test_ss139_emitted_by_the_fake_creates_the_aanmelding_with_its_clock(client, e2e, fake_duo):
    vandaag = timezone.localdate()
    n = _emit(
        fake_duo,
        client,
        "SS139",
        NIEUW_BSN,
        doelgroep="asiel",
        plicht_start=(vandaag - timedelta(days=7)).isoformat(),
    )
    assert n.status == NotificatieStatus.VERWERKT, n.resultaat
    dossier = Dossier.objects.get(gemeente=e2e.gemeente, inburgeraar__bsn=NIEUW_BSN)
    assert dossier.doelgroep == Doelgroep.ASIELSTATUSHOUDER
    assert dossier.datum_start_plicht == vandaag - timedelta(days=7)
    assert dossier.datum_duo_melding == vandaag
    taak = Taak.objects.get(dossier=dossier, bron=TaakBron.PIP_DEADLINE, status=TaakStatus.OPEN)
    assert taak.deadline == vandaag + timedelta(weeks=10)
    assert Gebeurtenis.objects.filter(
        dossier=dossier, soort="duo", titel__contains="SS139"
    ).exists()
    # what we asked the fake: plicht and doelgroep, each accepted
    asked = [r for r in fake_duo.requests if r.method == "GET"]
    assert asked and all(r.status == 200 for r in asked)


def test_same_notification_twice_is_processed_once(client, e2e, fake_duo):
    result = fake_duo.emit("SS101", NIEUW_BSN, OIN_DE_WOLDEN, send=django_sender(client))
    again = fake_duo.emit(
        "SS101",
        NIEUW_BSN,
        OIN_DE_WOLDEN,
        apply=False,
        send=lambda h, b: django_sender(client)({**h, "berichtId": result.bericht_id}, b),
    )
    assert (result.status, again.status) == (201, 201)
    outbox.run_pending_here(kinds=["duo.notificatie"])
    assert Notificatie.objects.count() == 1
    assert Dossier.objects.filter(inburgeraar__bsn=NIEUW_BSN).count() == 1


@pytest.mark.parametrize("event", ["SS101", "SS120", "SS128", "SS129"])
def test_other_new_plichtige_events(client, e2e, fake_duo, event):
    n = _emit(fake_duo, client, event, NIEUW_BSN, doelgroep="gezin")
    assert n.status == NotificatieStatus.VERWERKT, n.resultaat
    dossier = Dossier.objects.get(gemeente=e2e.gemeente, inburgeraar__bsn=NIEUW_BSN)
    assert dossier.doelgroep in (Doelgroep.GEZINSMIGRANT, Doelgroep.OVERIGE_MIGRANT)
    assert dossier.datum_duo_melding == timezone.localdate()


def test_ss121_move_with_the_previous_gemeentes_pip(client, e2e, fake_duo):
    start = timezone.localdate() - timedelta(days=300)
    fake_duo.seed_person(
        NIEUW_BSN,
        gemeente="0148",
        doelgroep="asiel",
        plicht_start=start - timedelta(days=60),
        termijn_start=start,
        termijn_eind=start + timedelta(days=3 * 365 + 1),
        pip={
            "gemeentecode": "0148",
            "dagtekeningPip": (start - timedelta(days=1)).isoformat(),
            "leerroute": "B",
            "niveau": "B1",
        },
    )
    n = _emit(fake_duo, client, "SS121", NIEUW_BSN)
    assert n.status == NotificatieStatus.VERWERKT, n.resultaat
    dossier = Dossier.objects.get(gemeente=e2e.gemeente, inburgeraar__bsn=NIEUW_BSN)
    feiten = dossier.inburgeringsfeiten
    assert (feiten.vorige_gemeentecode, feiten.huidige_leerroute) == ("0148", "b1")
    assert dossier.termijn_start == start


@pytest.mark.parametrize(
    "event,van,naar",
    [
        ("SS124", Doelgroep.ASIELSTATUSHOUDER, Doelgroep.OVERIGE_MIGRANT),
        ("SS125", Doelgroep.GEZINSMIGRANT, Doelgroep.ASIELSTATUSHOUDER),
    ],
)
def test_doelgroep_events(client, e2e, fake_duo, event, van, naar):
    dossier = DossierFactory(gemeente=e2e.gemeente, doelgroep=van)
    _bekend(fake_duo, dossier, doelgroep="asiel" if event == "SS124" else "gezin")
    n = _emit(fake_duo, client, event, dossier.inburgeraar.bsn)
    assert n.status == NotificatieStatus.VERWERKT, n.resultaat
    dossier.refresh_from_db()
    assert dossier.doelgroep == naar


def test_termijn_started_then_extended(client, e2e, fake_duo):
    dossier = e2e.dossier
    _bekend(fake_duo, dossier)
    start = timezone.localdate() - timedelta(days=20)
    n = _emit(fake_duo, client, "SS102", dossier.inburgeraar.bsn, termijn_start=start.isoformat())
    assert n.status == NotificatieStatus.VERWERKT, n.resultaat
    dossier.refresh_from_db()
    assert dossier.termijn_start == start
    eind = dossier.termijn_eind
    for event in ("SS103", "SS104"):
        n = _emit(fake_duo, client, event, dossier.inburgeraar.bsn, maanden=6)
        assert n.status == NotificatieStatus.VERWERKT, n.resultaat
    dossier.refresh_from_db()
    assert dossier.termijn_eind > eind + timedelta(days=300)


def test_ss131_leerbaarheidstoets(client, e2e, fake_duo):
    dossier = e2e.dossier
    _bekend(fake_duo, dossier)
    n = _emit(
        fake_duo, client, "SS131", dossier.inburgeraar.bsn, resultaat="B1-route niet haalbaar"
    )
    assert n.status == NotificatieStatus.VERWERKT, n.resultaat
    assert dossier.intakes.get().lbt_uitslag == LbtUitslag.NIET_HAALBAAR


@pytest.mark.parametrize(
    "event,reden,grond",
    [
        ("SS106", PlichtEindeReden.VOLDAAN, ""),
        ("SS107", PlichtEindeReden.VRIJSTELLING, "DIP"),
        ("SS108", PlichtEindeReden.ONTHEFFING, "MED"),
        ("SS110", PlichtEindeReden.OVERIG, ""),
        ("SS111", PlichtEindeReden.OVERLIJDEN, ""),
    ],
)
def test_plicht_ends(client, e2e, fake_duo, event, reden, grond):
    dossier = e2e.dossier
    _bekend(fake_duo, dossier)
    gisteren = timezone.localdate() - timedelta(days=1)
    n = _emit(fake_duo, client, event, dossier.inburgeraar.bsn, datum=gisteren.isoformat())
    assert n.status == NotificatieStatus.VERWERKT, n.resultaat
    besluit = dossier.plicht_eindes.get()
    assert (besluit.reden, besluit.grond, besluit.einddatum_plicht) == (reden, grond, gisteren)


def test_ss199_exam_result(client, e2e, fake_duo):
    dossier = e2e.dossier
    _bekend(fake_duo, dossier)
    dag = timezone.localdate() - timedelta(days=3)
    n = _emit(
        fake_duo,
        client,
        "SS199",
        dossier.inburgeraar.bsn,
        datum=dag.isoformat(),
        onderdeel="LE",
        niveau="B1",
        resultaat="Geslaagd",
    )
    assert n.status == NotificatieStatus.VERWERKT, n.resultaat
    assert list(dossier.examens.values_list("onderdeel", "resultaat", "datum")) == [
        ("lezen", "behaald", dag)
    ]


def test_event_for_a_person_of_another_gemeente_is_refused(client, e2e, fake_duo):
    elders = e2e.dossier_elders
    fake_duo.seed_person(elders.inburgeraar.bsn, gemeente="0148", doelgroep="asiel")
    result = fake_duo.emit(
        "SS124", elders.inburgeraar.bsn, OIN_DE_WOLDEN, send=django_sender(client)
    )
    assert result.status == 403
    n = Notificatie.objects.get(bericht_id=result.bericht_id)
    assert (n.status, n.bsn) == (NotificatieStatus.GEWEIGERD, "")


def test_fake_down_then_up_nothing_lost_nothing_twice(client, e2e, fake_duo):
    fake_duo.set_down("503")
    result = fake_duo.emit("SS139", NIEUW_BSN, OIN_DE_WOLDEN, send=django_sender(client))
    assert result.status == 201  # our endpoint answers; only reading from DUO fails
    outbox.run_pending_here(kinds=["duo.notificatie"])
    n = Notificatie.objects.get(bericht_id=result.bericht_id)
    assert n.status == NotificatieStatus.ONTVANGEN
    assert not Dossier.objects.filter(inburgeraar__bsn=NIEUW_BSN).exists()
    fake_duo.set_down(None)
    outbox.run_pending_here(kinds=["duo.notificatie"])
    n.refresh_from_db()
    assert n.status == NotificatieStatus.VERWERKT
    outbox.run_pending_here(kinds=["duo.notificatie"])
    assert Dossier.objects.filter(inburgeraar__bsn=NIEUW_BSN).count() == 1
