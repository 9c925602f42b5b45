"""Inzage requests (AVG art. 15/20): who may ask, scoping to the own gemeenten, the BSN
only in a POST form, the outbox, download once, the access log and the command."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import models
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from casefiles import outbox
from casefiles.models import AccessLog, Dossier, Inburgeraar, OutboxJob
from casefiles.outbox import OutboxStatus
from casefiles.tasks import outbox_job
from privacy.inzage.choices import InzageStatus
from privacy.inzage.rules import beslistermijn
from privacy.inzage.sections import NIET_IN_EXPORT, sections
from privacy.inzage.services import OUTBOX_KIND, SYSTEEM_GEBRUIKER, inzage_aanvragen
from privacy.models import InzageVerzoek
from tests.factories import DossierFactory, InburgeraarFactory
from tests.privacy.inzage.helpers import verzoek_gereed

pytestmark = pytest.mark.django_db

LIJST = reverse("privacy:inzage_lijst")
NIET_GEVONDEN = "Niet gevonden: er is geen inburgeraar met dit BSN in deze gemeente."


@pytest.fixture(autouse=True)
def _broker_reset():
    outbox._broker_down_until = 0.0
    yield
    outbox._broker_down_until = 0.0


def _post(client, user, *, bsn, gemeente, ontvangen=None):
    client.force_login(user)
    return client.post(
        LIJST,
        {
            "bsn": bsn,
            "gemeente": gemeente.pk,
            "ontvangen_op": (ontvangen or timezone.localdate()).isoformat(),
        },
    )


# --- the registry covers every model about a person ----------------------------------


def _personal_models() -> set[str]:
    """Models of our apps that refer to a dossier or a person record, directly or
    through another such model (a PIP goal through its version), or that carry a
    dossier id; history tables aside (earlier values of the same records)."""
    Dossier_, Inburgeraar_ = Dossier, Inburgeraar
    ours = [
        m
        for m in apps.get_models()
        if m._meta.app_label
        in {"casefiles", "intake", "pip_plans", "leerroutes", "ontzorgen", "duo", "privacy"}
        and not m.__name__.startswith("Historical")
    ]
    found = {Dossier_, Inburgeraar_}
    changed = True
    while changed:
        changed = False
        for m in ours:
            if m in found:
                continue
            for f in m._meta.concrete_fields:
                if (f.is_relation and f.related_model in found) or (
                    f.name == "dossier_id" and isinstance(f, models.IntegerField)
                ):
                    found.add(m)
                    changed = True
                    break
    return {m._meta.label for m in found}


def test_every_model_about_a_person_is_in_a_section_or_excluded_with_a_reason():
    covered = {m._meta.label for s in sections() for m in s.models}
    missing = _personal_models() - covered - set(NIET_IN_EXPORT)
    assert not missing, f"Models with personal data in no inzage section: {sorted(missing)}"
    assert all(reden.strip() for reden in NIET_IN_EXPORT.values())


def test_beslistermijn_is_one_month_av_art_12_3():
    # AVG art. 12(3): within one month of receipt; a shorter month ends on its last day
    assert beslistermijn(date(2026, 3, 10)) == date(2026, 4, 10)
    assert beslistermijn(date(2026, 1, 31)) == date(2026, 2, 28)
    assert beslistermijn(date(2028, 1, 31)) == date(2028, 2, 29)
    assert beslistermijn(date(2026, 12, 15)) == date(2027, 1, 15)


# --- who may ask -----------------------------------------------------------------------


def test_privacy_officer_lands_on_the_requests_and_cannot_open_dossiers(client, world):
    client.force_login(world.privacy)
    response = client.get(reverse("home"))
    assert response["Location"] == LIJST
    assert client.get(LIJST).status_code == 200
    for url in (
        reverse("casefiles:werkvoorraad"),
        reverse("casefiles:dossier_detail", kwargs={"dossier_pk": world.dossier.pk}),
        reverse("intake:tab", kwargs={"dossier_pk": world.dossier.pk}),
    ):
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("wie", ["werkcoach", "consulent", "teamleider", "beleid", "partner"])
def test_case_workers_cannot_ask_for_an_inzage(client, world, wie):
    response = _post(
        client, getattr(world, wie), bsn=world.dossier.inburgeraar.bsn, gemeente=world.gemeente
    )
    assert response.status_code == 403
    assert not InzageVerzoek.objects.exists()


def test_functioneel_beheerder_may_ask_for_an_inzage(client, world):
    response = _post(
        client, world.beheer, bsn=world.dossier.inburgeraar.bsn, gemeente=world.gemeente
    )
    assert response.status_code == 302
    verzoek = InzageVerzoek.objects.get()
    assert verzoek.aangevraagd_door == world.beheer
    assert verzoek.inburgeraar == world.dossier.inburgeraar


# --- scoping: another gemeente's person is "not found" --------------------------------


def test_privacy_officer_of_another_gemeente_finds_nothing(client, world):
    bsn = world.dossier.inburgeraar.bsn
    # its own gemeente: not known there
    response = _post(client, world.privacy_elders, bsn=bsn, gemeente=world.andere_gemeente)
    assert response.status_code == 400
    assert NIET_GEVONDEN in response.content.decode()
    # the other gemeente is not even a choice in its form
    response = _post(client, world.privacy_elders, bsn=bsn, gemeente=world.gemeente)
    assert response.status_code == 400
    assert world.gemeente.naam not in response.content.decode()
    # and the service refuses it too, with the same words as for an unknown BSN
    with pytest.raises(ValidationError) as exc:
        inzage_aanvragen(
            actor=world.privacy_elders,
            gemeente_ids=[world.andere_gemeente.pk],
            gemeente=world.gemeente,
            bsn=bsn,
            ontvangen_op=timezone.localdate(),
        )
    assert exc.value.message_dict["bsn"] == [NIET_GEVONDEN]
    assert not InzageVerzoek.objects.exists()


def test_a_bsn_known_elsewhere_reads_like_an_unknown_bsn(client, world):
    """Existence in another gemeente is not revealed: same message, same status."""
    elders = InburgeraarFactory(gemeente=world.andere_gemeente, bsn="123456782")
    DossierFactory(gemeente=world.andere_gemeente, inburgeraar=elders)
    known_elsewhere = _post(client, world.privacy, bsn="123456782", gemeente=world.gemeente)
    unknown = _post(client, world.privacy, bsn="111222333", gemeente=world.gemeente)
    assert known_elsewhere.status_code == unknown.status_code == 400
    assert NIET_GEVONDEN in known_elsewhere.content.decode()
    assert NIET_GEVONDEN in unknown.content.decode()


def test_an_invalid_bsn_gets_a_dutch_message_and_is_kept(client, world):
    response = _post(client, world.privacy, bsn="123456789", gemeente=world.gemeente)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Dit is geen geldig BSN" in html
    assert 'value="123456789"' in html
    assert not InzageVerzoek.objects.exists()


def test_a_date_in_the_future_is_refused(client, world):
    response = _post(
        client,
        world.privacy,
        bsn=world.dossier.inburgeraar.bsn,
        gemeente=world.gemeente,
        ontvangen=date(2999, 1, 1),
    )
    assert response.status_code == 400
    assert "Deze datum ligt in de toekomst." in response.content.decode()


# --- the request: outbox with ids only, access log, no BSN in a URL --------------------


def test_request_goes_through_the_outbox_with_ids_only_and_is_logged(client, world):
    bsn = world.dossier.inburgeraar.bsn
    response = _post(client, world.privacy, bsn=bsn, gemeente=world.gemeente)
    assert response.status_code == 302
    assert bsn not in response["Location"]
    verzoek = InzageVerzoek.objects.get()
    assert verzoek.status == InzageStatus.WACHTRIJ
    job = OutboxJob.objects.get(kind=OUTBOX_KIND)
    assert job.payload == {"verzoek_id": verzoek.pk}
    assert bsn not in json.dumps(job.payload)
    log = AccessLog.objects.get(user_id=world.privacy.pk, dossier_id=world.dossier.pk)
    assert (log.action, log.onderdeel, log.object_id) == ("export", "avg_inzage", str(verzoek.pk))
    assert bsn not in log.doel
    # the job makes the export
    assert outbox.run_pending_here(kinds=[OUTBOX_KIND]) == {"done": 1}
    verzoek.refresh_from_db()
    assert verzoek.status == InzageStatus.GEREED and verzoek.bestand
    assert bsn not in verzoek.bestand.name
    # running it again changes nothing (idempotent)
    naam = verzoek.bestand.name
    from privacy.inzage.services import inzage_genereren

    inzage_genereren(verzoek_id=verzoek.pk)
    verzoek.refresh_from_db()
    assert verzoek.bestand.name == naam


def test_request_succeeds_when_the_broker_is_down(
    client, world, monkeypatch, django_capture_on_commit_callbacks
):
    def down(*args, **kwargs):
        raise OperationalError("Connection refused")

    monkeypatch.setattr(outbox_job, "apply_async", down)
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(
            client, world.privacy, bsn=world.dossier.inburgeraar.bsn, gemeente=world.gemeente
        )
    assert response.status_code == 302
    job = OutboxJob.objects.get(kind=OUTBOX_KIND)
    assert job.status == OutboxStatus.PENDING
    assert outbox.run_pending_here(kinds=[OUTBOX_KIND]) == {"done": 1}
    assert InzageVerzoek.objects.get().status == InzageStatus.GEREED


# --- download once, by the requester ---------------------------------------------------


def test_download_once_by_the_requester_then_the_file_is_gone(
    client, world, django_capture_on_commit_callbacks
):
    verzoek = verzoek_gereed(actor=world.privacy, inburgeraar=world.dossier.inburgeraar)
    storage = verzoek.bestand.storage
    naam = verzoek.bestand.name
    assert storage.exists(naam)
    url = reverse("privacy:inzage_download", kwargs={"pk": verzoek.pk})

    # a colleague of the same gemeente who did not ask: not found
    client.force_login(world.beheer)
    assert client.post(url).status_code == 404
    # a GET does not download
    client.force_login(world.privacy)
    assert client.get(url).status_code == 405

    voor = AccessLog.objects.filter(user_id=world.privacy.pk, action="export").count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "no-store" in response["Cache-Control"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as zf:
        assert {"inzage.pdf", "inzage.json"} <= set(zf.namelist())
    assert AccessLog.objects.filter(user_id=world.privacy.pk, action="export").count() == voor + 1
    verzoek.refresh_from_db()
    assert verzoek.status == InzageStatus.GEDOWNLOAD and verzoek.gedownload_op
    assert not verzoek.bestand
    assert not storage.exists(naam)

    # the second time: nothing to download
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    assert "niet (meer) beschikbaar" in response.content.decode()


def test_list_has_a_query_budget(client, world, django_assert_max_num_queries):
    """11 statements for 5 requests (session, user, perms, page, count, log); an N+1
    over the rows would add at least 5."""
    for inburgeraar in [world.dossier.inburgeraar, *_meer_personen(world, 4)]:
        verzoek_gereed(actor=world.privacy, inburgeraar=inburgeraar)
    client.force_login(world.privacy)
    with django_assert_max_num_queries(12):
        response = client.get(LIJST)
    assert response.status_code == 200
    assert response.content.decode().count("Downloaden (één keer)") == 5


def _meer_personen(world, n):
    return [DossierFactory(gemeente=world.gemeente).inburgeraar for _ in range(n)]


def test_list_shows_only_the_own_gemeente(client, world):
    verzoek_gereed(actor=world.privacy, inburgeraar=world.dossier.inburgeraar)
    client.force_login(world.privacy_elders)
    html = client.get(LIJST).content.decode()
    assert world.dossier.inburgeraar.achternaam not in html
    assert "Er zijn nog geen inzageverzoeken." in html
    client.force_login(world.privacy)
    html = client.get(LIJST).content.decode()
    assert world.dossier.inburgeraar.achternaam in html
    assert world.dossier.inburgeraar.bsn not in html  # masked


# --- the command -------------------------------------------------------------------------


def test_command_writes_the_export_and_logs_with_the_system_actor(world, tmp_path, capsys):
    persoon = world.dossier.inburgeraar
    call_command("avg_inzage", bsn=persoon.bsn, gemeente=world.gemeente.cbs_code, out=str(tmp_path))
    verzoek = InzageVerzoek.objects.get()
    pad = tmp_path / f"inzage-{verzoek.pk}.zip"
    with zipfile.ZipFile(pad) as zf:
        data = json.loads(zf.read("inzage.json"))
        assert zf.read("inzage.pdf").startswith(b"%PDF")
    persoon_sectie = next(s for s in data["secties"] if s["naam"] == "persoon")
    assert persoon_sectie["records"][0]["gegevens"]["bsn"] == persoon.bsn
    out = capsys.readouterr().out
    assert persoon.bsn not in out and str(pad) in out
    # logged with the system actor, which cannot log in; no file stays in storage
    systeem = verzoek.aangevraagd_door
    assert systeem.username == SYSTEEM_GEBRUIKER
    assert not systeem.is_active and not systeem.has_usable_password()
    assert AccessLog.objects.filter(user_id=systeem.pk, dossier_id=world.dossier.pk).count() == 2
    assert verzoek.status == InzageStatus.GEDOWNLOAD and not verzoek.bestand


def test_command_refuses_another_gemeentes_person_and_bad_input(world, tmp_path):
    persoon = world.dossier.inburgeraar
    with pytest.raises(CommandError, match="Niet gevonden"):
        call_command(
            "avg_inzage",
            bsn=persoon.bsn,
            gemeente=world.andere_gemeente.cbs_code,
            out=str(tmp_path),
        )
    with pytest.raises(CommandError, match="geen geldig BSN"):
        call_command("avg_inzage", bsn="123", gemeente="1690", out=str(tmp_path))
    with pytest.raises(CommandError, match="Onbekende gemeente"):
        call_command("avg_inzage", bsn=persoon.bsn, gemeente="9999", out=str(tmp_path))
    assert not InzageVerzoek.objects.exists()
    assert not list(tmp_path.iterdir())


@pytest.mark.django_db(transaction=True)
def test_two_downloads_at_the_same_moment_hand_out_the_file_once(world):
    """A double click, or two tabs: the row lock lets one download through."""
    import threading

    from django.db import connection

    from privacy.inzage.services import inzage_downloaden

    verzoek = verzoek_gereed(actor=world.privacy, inburgeraar=world.dossier.inburgeraar)
    start = threading.Barrier(2)
    uitkomsten: list[str] = []

    def download():
        try:
            start.wait()
            inzage_downloaden(actor=world.privacy, verzoek=verzoek)
            uitkomsten.append("bestand")
        except ValidationError:
            uitkomsten.append("geweigerd")
        finally:
            connection.close()

    threads = [threading.Thread(target=download) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(uitkomsten) == ["bestand", "geweigerd"]
    verzoek.refresh_from_db()
    assert verzoek.status == InzageStatus.GEDOWNLOAD
