"""Sending end to end against the fake DUO (duo.fake, which enforces DUO's headers,
schemas and business rules): a vastgestelde PIP reaches DUO and can be read back;
DUO's refusal is stored with its reason; the outbox retries while DUO is down,
loses nothing and sends nothing twice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from casefiles import outbox
from casefiles.outbox import OutboxJob, OutboxStatus
from duo.client import DuoClient
from duo.models import BerichtSoort, BerichtStatus, DuoBericht
from pip_plans.choices import VersieStatus
from tests.duo.out.conftest import run_duo_jobs
from tests.pip_plans.factories import concept, vastgestelde_pip


def _pip_posts(fake):
    return [r for r in fake.requests if r.method == "POST" and r.path.endswith("/PIP")]


def test_vastgestelde_pip_reaches_duo_and_reads_back(world, duo_server):
    versie = vastgestelde_pip(world.dossier, world.werkcoach)
    bericht = DuoBericht.objects.get(dossier=world.dossier, soort=BerichtSoort.PIP)
    assert bericht.status == BerichtStatus.WACHT
    assert bericht.outbox_job.payload == {"bericht_id": bericht.pk}  # ids only

    assert run_duo_jobs() == {"done": 1}

    bericht.refresh_from_db()
    assert bericht.status == BerichtStatus.VERZONDEN
    assert bericht.http_status == 201
    assert len(bericht.bericht_id) == 36
    bsn = world.dossier.inburgeraar.bsn
    antwoord = DuoClient(world.gemeente).get(f"/personen/{bsn}/PIP", ref="test")
    assert antwoord.status == 200
    assert antwoord.body["gemeentecode"] == world.gemeente.cbs_code
    assert antwoord.body["pip"]["dagtekeningPip"] == versie.dagtekening.isoformat()
    assert antwoord.body["pip"]["leerroute"] == "B"


def test_duo_refusal_is_stored_with_reason_and_not_retried(world, duo_server):
    """DUO knows a later start of the plicht than we do: its rule 'dagtekening niet voor
    de start van de inburgeringsplicht' refuses the PIP (403 + fouttekst)."""
    bsn = world.dossier.inburgeraar.bsn
    duo_server.person(bsn).plicht_start = timezone.localdate() + timedelta(days=1)
    vastgestelde_pip(world.dossier, world.werkcoach)

    assert run_duo_jobs() == {"done": 1}

    bericht = DuoBericht.objects.get(dossier=world.dossier, soort=BerichtSoort.PIP)
    assert bericht.status == BerichtStatus.GEWEIGERD
    assert bericht.http_status == 403
    assert bericht.reden
    assert bsn not in bericht.reden
    assert run_duo_jobs() == {}  # a refusal is final: nothing is sent again
    assert len(_pip_posts(duo_server)) == 1


@pytest.mark.parametrize("mode", ["503", "close"])
def test_duo_down_retried_nothing_lost_nothing_twice(world, duo_server, mode):
    vastgestelde_pip(world.dossier, world.werkcoach)
    duo_server.set_down(mode)

    assert run_duo_jobs() == {"retry": 1}
    bericht = DuoBericht.objects.select_related("outbox_job").get(dossier=world.dossier)
    assert bericht.status == BerichtStatus.WACHT
    job = bericht.outbox_job
    assert job.status == OutboxStatus.PENDING
    assert job.attempts == 1
    assert job.next_attempt_at > timezone.now()
    assert world.dossier.inburgeraar.bsn not in job.last_error

    duo_server.set_down(None)
    assert run_duo_jobs() == {"done": 1}
    assert run_duo_jobs() == {}
    bericht.refresh_from_db()
    assert bericht.status == BerichtStatus.VERZONDEN
    stored = duo_server.person(world.dossier.inburgeraar.bsn).pips
    assert len(stored) == 1
    assert len([r for r in _pip_posts(duo_server) if r.status == 201]) == 1


def test_a_job_delivered_twice_sends_once(world, duo_server):
    vastgestelde_pip(world.dossier, world.werkcoach)
    bericht = DuoBericht.objects.get(dossier=world.dossier)
    assert outbox.run_job(bericht.outbox_job_id) == "done"
    OutboxJob.objects.filter(pk=bericht.outbox_job_id).update(status=OutboxStatus.PENDING)
    outbox.run_job(bericht.outbox_job_id)
    assert len(_pip_posts(duo_server)) == 1


def test_second_vaststelling_of_the_same_version_records_nothing_new(world, duo_server):
    versie = vastgestelde_pip(world.dossier, world.werkcoach)
    versie.save()  # e.g. the bekendmaking dates are filled in later
    assert DuoBericht.objects.filter(dossier=world.dossier, soort=BerichtSoort.PIP).count() == 1


def test_koppeling_off_without_base_url_records_nothing(world, settings):
    settings.DUO_BASE_URL = ""
    vastgestelde_pip(world.dossier, world.werkcoach)
    assert not DuoBericht.objects.exists()
    assert not OutboxJob.objects.filter(kind="duo.bericht").exists()


def test_koppeling_off_for_gemeente_without_oin(world, duo_server):
    world.gemeente.oin = ""
    world.gemeente.save()
    world.dossier.gemeente.oin = ""
    vastgestelde_pip(world.dossier, world.werkcoach)
    assert not DuoBericht.objects.exists()


def test_duo_rules_refuse_the_vaststelling_itself(world, duo_server):
    """Even when the PIP app's own check would let it pass, the model-level DUO check
    refuses a dagtekening before the vestiging (DUO: 'De datum dagtekening mag niet
    voor de vestiging van de inburgeraar bij de gemeente liggen'), in Dutch, and
    nothing is recorded for DUO."""
    versie = concept(world.dossier)
    versie.status = VersieStatus.VASTGESTELD
    versie.dagtekening = world.dossier.datum_vestiging - timedelta(days=1)
    versie.vastgesteld_op = timezone.now()
    with pytest.raises(ValidationError) as exc:
        versie.save()
    assert any("vestiging" in m for m in exc.value.messages)
    assert not DuoBericht.objects.exists()


def test_werkcoach_change_registers_and_couples_the_contactpersoon(
    world, duo_server, werkcoach_contactgegevens
):
    from casefiles.models import StaffProfile

    wc2 = world.werkcoach2
    wc2.email = "w.willems@dewolden.nl"
    wc2.last_name = "Willems"
    wc2.save()
    profiel, _ = StaffProfile.objects.get_or_create(user=wc2)
    profiel.telefoon = "0528378600"
    profiel.save()
    d = world.dossier
    d.werkcoach = wc2
    d.save()
    soorten = list(DuoBericht.objects.order_by("pk").values_list("soort", flat=True))
    assert soorten == [BerichtSoort.CP_REGISTREREN, BerichtSoort.CP_KOPPELEN]

    assert run_duo_jobs() == {"done": 2}
    person = duo_server.person(d.inburgeraar.bsn)
    assert person.contactpersoon_id is not None
    cp = duo_server.store.contactpersonen[person.contactpersoon_id]
    assert cp.gegevens["email"] == "w.willems@dewolden.nl"

    # back to the first werkcoach: registered once more (new person at DUO), coupled
    d.werkcoach = world.werkcoach
    d.save()
    run_duo_jobs()
    assert duo_server.person(d.inburgeraar.bsn).contactpersoon_id != cp.id
    # and a second change to wc2 needs no new registration
    d.werkcoach = wc2
    d.save()
    assert (
        not DuoBericht.objects.filter(soort=BerichtSoort.CP_REGISTREREN, object_id=wc2.pk)
        .exclude(status=BerichtStatus.VERZONDEN)
        .exists()
    )
    run_duo_jobs()
    assert duo_server.person(d.inburgeraar.bsn).contactpersoon_id == cp.id


def test_contactpersoon_without_phone_is_not_sent(world, duo_server):
    d = world.dossier
    world.gemeente.telefoon = ""
    world.gemeente.save()
    d.werkcoach = world.werkcoach2
    d.save()
    run_duo_jobs()
    reg = DuoBericht.objects.get(soort=BerichtSoort.CP_REGISTREREN)
    assert reg.status == BerichtStatus.ONGELDIG
    assert "telefoonnummer" in reg.reden
    assert not [r for r in duo_server.requests if r.path.startswith("/v1/contactpersonen")]


def test_a_wi2013_dossier_is_never_reported(world, duo_server):
    """DUO M2M README, Scope: 'De persoon moet onder de Wet Inburgering 2021 vallen'."""
    from datetime import date

    from casefiles.choices import Regime
    from duo.outbound import bericht_aanmaken

    world.dossier.datum_start_plicht = date(2021, 6, 1)  # the regime follows this date
    world.dossier.save()
    assert world.dossier.regime == Regime.WI2013
    assert (
        bericht_aanmaken(soort=BerichtSoort.PIP, gemeente=world.gemeente, dossier=world.dossier)
        is None
    )
    world.dossier.werkcoach = world.werkcoach2
    world.dossier.save()
    assert not DuoBericht.objects.filter(dossier=world.dossier).exists()


def test_changed_contact_details_of_a_registered_werkcoach_reach_duo_once(
    world, duo_server, werkcoach_contactgegevens
):
    from django.contrib.auth.models import update_last_login

    from casefiles.models import StaffProfile

    d = world.dossier
    d.werkcoach = world.werkcoach2
    d.save()
    d.werkcoach = world.werkcoach  # registered and coupled (has phone and e-mail)
    d.save()
    run_duo_jobs()
    cp_id = duo_server.person(d.inburgeraar.bsn).contactpersoon_id
    assert cp_id is not None

    profiel = StaffProfile.objects.get(user=world.werkcoach)
    profiel.telefoon = "06 12345678"
    profiel.save()
    profiel.save()  # the same data again: no second message
    update_last_login(None, world.werkcoach)  # a login is not a change
    assert DuoBericht.objects.filter(soort=BerichtSoort.CP_WIJZIGEN).count() == 1
    run_duo_jobs()
    assert _status_of(BerichtSoort.CP_WIJZIGEN) == BerichtStatus.VERZONDEN
    assert duo_server.store.contactpersonen[cp_id].gegevens["telefoonnummer"] == "06 12345678"


def _status_of(soort):
    return DuoBericht.objects.filter(soort=soort).values_list("status", flat=True).get()
