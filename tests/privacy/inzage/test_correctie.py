"""Correction requests (AVG art. 16): registered on the dossier with the one-month
deadline, resolved by the change made through the existing service (its history row:
before and after), the person informed by a B1 letter made through the outbox."""

from __future__ import annotations

import io
import os
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from casefiles import outbox
from casefiles import services as core
from casefiles.models import Gebeurtenis, OutboxJob
from privacy.inzage.correctie import BRIEF_KIND, correctie_afhandelen, correctie_registreren
from privacy.inzage.rules import beslistermijn
from privacy.models import CorrectieVerzoek

pytestmark = pytest.mark.django_db


def _tab(world):
    return reverse("privacy:correctie_tab", kwargs={"dossier_pk": world.dossier.pk})


def _detail(world, verzoek):
    return reverse(
        "privacy:correctie_detail", kwargs={"dossier_pk": world.dossier.pk, "pk": verzoek.pk}
    )


def _brief_tekst(verzoek) -> str:
    verzoek.refresh_from_db()
    with verzoek.brief.bestand.open("rb") as fh:
        data = fh.read()
    if os.environ.get("INZAGE_DUMP_DIR"):  # to look at the letter (pdftoppm -png)
        (Path(os.environ["INZAGE_DUMP_DIR"]) / f"correctie-{verzoek.status}.pdf").write_bytes(data)
    reader = PdfReader(io.BytesIO(data))
    return " ".join(p.extract_text() for p in reader.pages).replace("\n", " ")


def test_a_correction_from_request_to_letter(client, world):
    persoon = world.dossier.inburgeraar
    oude_naam = persoon.achternaam
    client.force_login(world.werkcoach)
    ontvangen = timezone.localdate()

    # 1. the request on the dossier, with the deadline of one month
    response = client.post(
        _tab(world),
        {
            "onderdeel": "persoon",
            "verzoek": "Mijn achternaam is Al-Haddad, niet zoals het nu staat.",
            "ontvangen_op": ontvangen.isoformat(),
        },
    )
    assert response.status_code == 302
    verzoek = CorrectieVerzoek.objects.get()
    assert verzoek.beslistermijn == beslistermijn(ontvangen)
    assert verzoek.status == "open"
    assert Gebeurtenis.objects.filter(dossier=world.dossier, soort="privacy").exists()

    # 2. the detail links to the edit screen; "gecorrigeerd" needs a change first
    html = client.get(_detail(world, verzoek)).content.decode()
    assert reverse("casefiles:dossier_bewerken", kwargs={"dossier_pk": world.dossier.pk}) in html
    response = client.post(
        _detail(world, verzoek),
        {"besluit": "gecorrigeerd", "toelichting": "Wij hebben uw naam verbeterd."},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies de wijziging die het verzoek oplost" in html
    assert "Wij hebben uw naam verbeterd." in html  # what was typed stays

    # 3. the correction through the existing service, as the edit screen does
    core.inburgeraar_update(actor=world.werkcoach, dossier=world.dossier, achternaam="Al-Haddad")
    persoon.refresh_from_db()
    history_id = persoon.history.latest("history_date").history_id
    html = client.get(_detail(world, verzoek)).content.decode()
    assert oude_naam in html and "Al-Haddad" in html  # before and after
    response = client.post(
        _detail(world, verzoek),
        {
            "besluit": "gecorrigeerd",
            "wijziging": str(history_id),
            "toelichting": "Wij hebben uw naam verbeterd.",
        },
    )
    assert response.status_code == 302
    verzoek.refresh_from_db()
    assert verzoek.status == "gecorrigeerd"
    assert verzoek.wijziging_history_id == history_id
    assert verzoek.besloten_door == world.werkcoach

    # 4. the letter through the outbox (ids only), as a document of the dossier
    job = OutboxJob.objects.get(kind=BRIEF_KIND)
    assert job.payload == {"verzoek_id": verzoek.pk}
    assert outbox.run_pending_here(kinds=[BRIEF_KIND]) == {"done": 1}
    tekst = _brief_tekst(verzoek)
    assert "Wij hebben uw gegevens verbeterd" in tekst
    assert oude_naam in tekst and "Al-Haddad" in tekst
    assert "AVG), artikel 16" in tekst
    assert "Pagina 1 van 1" in tekst  # the @page rule of static/pdf/briefhoofd.css
    assert verzoek.brief.dossier_id == world.dossier.pk and verzoek.brief.soort == "brief"
    # idempotent: running the job's work again makes no second letter
    from privacy.inzage.correctie import correctie_brief_maken

    correctie_brief_maken(verzoek_id=verzoek.pk)
    assert world.dossier.documenten.filter(soort="brief").count() == 1

    # 5. the request shows the resolving change with before and after
    html = client.get(_detail(world, verzoek)).content.decode()
    assert "De wijziging die het verzoek oploste" in html
    assert oude_naam in html and "Al-Haddad" in html

    # 6. a second decision is refused
    with pytest.raises(ValidationError, match="al besloten"):
        correctie_afhandelen(
            actor=world.werkcoach, verzoek=verzoek, besluit="afgewezen", toelichting="x"
        )


def test_a_refusal_gets_a_letter_too(world):
    verzoek = correctie_registreren(
        actor=world.consulent,
        dossier=world.dossier,
        onderdeel="dossier",
        verzoek="Ik woon al sinds maart in de gemeente.",
        ontvangen_op=date(2026, 1, 31),
    )
    assert verzoek.beslistermijn == date(2026, 2, 28)
    correctie_afhandelen(
        actor=world.consulent,
        verzoek=verzoek,
        besluit="afgewezen",
        toelichting="De datum komt uit de BRP. Die datum is juist.",
    )
    outbox.run_pending_here(kinds=[BRIEF_KIND])
    tekst = _brief_tekst(verzoek)
    assert "Wij verbeteren uw gegevens niet" in tekst
    assert "De datum komt uit de BRP." in tekst


def test_a_change_of_another_person_cannot_resolve_the_request(world):
    verzoek = correctie_registreren(
        actor=world.werkcoach,
        dossier=world.dossier,
        onderdeel="persoon",
        verzoek="Mijn telefoonnummer klopt niet.",
        ontvangen_op=timezone.localdate(),
    )
    andere = world.dossier_elders
    core.inburgeraar_update(actor=world.werkcoach_elders, dossier=andere, telefoon="0699999999")
    vreemd = andere.inburgeraar.history.latest("history_date").history_id
    with pytest.raises(ValidationError) as exc:
        correctie_afhandelen(
            actor=world.werkcoach,
            verzoek=verzoek,
            besluit="gecorrigeerd",
            toelichting="Verbeterd.",
            history_id=vreemd,
        )
    assert "wijziging" in exc.value.message_dict
    verzoek.refresh_from_db()
    assert verzoek.status == "open"


def test_a_request_received_in_the_future_is_refused(client, world):
    client.force_login(world.werkcoach)
    response = client.post(
        _tab(world),
        {"onderdeel": "persoon", "verzoek": "Naam fout.", "ontvangen_op": "2999-01-01"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Deze datum ligt in de toekomst." in html and "Naam fout." in html
    assert not CorrectieVerzoek.objects.exists()


def test_the_privacy_officer_does_not_handle_corrections_on_the_dossier(client, world):
    client.force_login(world.privacy)
    assert client.get(_tab(world)).status_code == 403


def test_every_change_since_receipt_can_be_chosen_page_by_page(client, world):
    """The detail showed the newest 50 changes and no more, and only those could be
    chosen: an older change that resolved the request was out of reach. Now every
    change is on a page (in the same number of queries), and the one on the last page
    resolves the request from there."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from casefiles.models import AccessLog
    from privacy.views import WIJZIGINGEN_PER_PAGINA

    verzoek = correctie_registreren(
        actor=world.werkcoach,
        dossier=world.dossier,
        onderdeel="persoon",
        verzoek="Mijn telefoonnummer klopt niet.",
        ontvangen_op=timezone.localdate(),
    )
    persoon = world.dossier.inburgeraar

    def wijzig(n: int, vanaf: int) -> list[int]:
        ids = []
        for i in range(vanaf, vanaf + n):
            core.inburgeraar_update(
                actor=world.werkcoach, dossier=world.dossier, telefoon=f"06{i:08d}"
            )
            ids.append(persoon.history.latest("history_date").history_id)
        return ids

    def get(url):
        with CaptureQueriesContext(connection) as ctx:
            r = client.get(url)
        assert r.status_code == 200
        return len(ctx.captured_queries), r

    client.force_login(world.werkcoach)
    url = _detail(world, verzoek)
    eerste = wijzig(WIJZIGINGEN_PER_PAGINA + 5, 0)
    client.get(url)
    bij_weinig, _r = get(url)
    alle = eerste + wijzig(2 * WIJZIGINGEN_PER_PAGINA + 10, len(eerste))
    assert len(alle) > 50  # more than the old cap
    bij_veel, r1 = get(url)
    assert bij_veel == bij_weinig  # a page costs the same, however many changes
    laatste = r1.context["page_wijzigingen"].paginator.num_pages
    gezien = []
    logs = AccessLog.objects.filter(dossier_id=world.dossier.pk, user_id=world.werkcoach.pk)
    voor = logs.count()
    for nummer in range(1, laatste + 1):
        n, r = get(url + f"?pagina_wijzigingen={nummer}")
        assert n <= bij_veel
        gezien += [w.history_id for w in r.context["kandidaten"]]
    assert logs.count() == voor + laatste  # every page read is logged
    assert gezien == list(reversed(alle))  # each once, newest first
    # the oldest change (on the last page) resolves the request, posted from its page
    oudste = alle[0]
    assert f'value="{oudste}"' in r.content.decode()
    response = client.post(
        url + f"?pagina_wijzigingen={laatste}",
        {"besluit": "gecorrigeerd", "wijziging": str(oudste), "toelichting": "Verbeterd."},
    )
    assert response.status_code == 302
    verzoek.refresh_from_db()
    assert verzoek.status == "gecorrigeerd" and verzoek.wijziging_history_id == oudste
