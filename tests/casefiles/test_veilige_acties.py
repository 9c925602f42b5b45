"""Item 1 of issue 15: no consequential choice is preset; closing, ending, vaststellen,
deleting, marking paid ask for confirmation on a page that says what will happen
(without JavaScript); reopening restores what closing ended."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from casefiles.choices import DossierStatus, TaakStatus
from casefiles.forms import StatusForm
from casefiles.services import dossier_change_status, taak_cancel
from tests.factories import DossierFactory, TaakFactory


def _status_url(d):
    return reverse("casefiles:dossier_status", kwargs={"dossier_pk": d.pk})


@pytest.mark.parametrize("status", [s for s in DossierStatus if s != DossierStatus.VERHUISD])
def test_status_form_is_never_preset(world, status):
    d = DossierFactory(gemeente=world.gemeente, status=status)
    form = StatusForm(dossier=d)
    assert form.fields["status"].choices[0][0] == ""
    assert form["status"].value() in (None, "")


def test_status_without_a_choice_changes_nothing(client, world):
    d = DossierFactory(gemeente=world.gemeente, werkcoach=world.werkcoach, status="uitvoering")
    client.force_login(world.werkcoach)
    response = client.post(_status_url(d), {"status": ""}, follow=True)
    assert "Kies de nieuwe status." in response.content.decode()
    d.refresh_from_db()
    assert d.status == "uitvoering"


def test_closing_asks_first_and_names_the_deadlines_that_lapse(client, world):
    d = DossierFactory(gemeente=world.gemeente, werkcoach=world.werkcoach, status="uitvoering")
    TaakFactory(dossier=d, titel="Voortgangsgesprek op 01-02-2027", deadline=date(2027, 2, 1))
    client.force_login(world.werkcoach)
    response = client.post(_status_url(d), {"status": "afgerond", "toelichting": "Diploma"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Status wijzigen naar &#x27;Afgerond&#x27;?" in html
    assert "vervalt: Voortgangsgesprek op 01-02-2027 (uiterlijk 1 februari 2027)" in html
    assert "de vervallen taken komen dan terug" in html
    # The confirmation repeats what was posted and works without JavaScript: a form.
    assert 'name="toelichting" value="Diploma"' in html and 'name="bevestigd" value="1"' in html
    assert "<script" not in html.split('id="kop-bevestigen"')[1].split("</section>")[0]
    d.refresh_from_db()
    assert d.status == "uitvoering"
    client.post(_status_url(d), {"status": "afgerond", "bevestigd": "1"})
    d.refresh_from_db()
    assert d.status == "afgerond"


def test_verhuisd_says_it_is_final(client, world):
    d = DossierFactory(gemeente=world.gemeente, werkcoach=world.werkcoach, status="uitvoering")
    client.force_login(world.werkcoach)
    html = client.post(_status_url(d), {"status": "verhuisd"}).content.decode()
    assert "Verhuisd is definitief" in html


def test_reopening_restores_what_closing_ended(world):
    d = DossierFactory(gemeente=world.gemeente, werkcoach=world.werkcoach, status="uitvoering")
    open_taak = TaakFactory(dossier=d, titel="open")
    al_vervallen = TaakFactory(dossier=d, titel="al vervallen", sleutel="x")
    taak_cancel(dossier=d, sleutel="x")
    klaar = TaakFactory(
        dossier=d, titel="klaar", status=TaakStatus.AFGEROND, afgerond_op=timezone.now()
    )
    dossier_change_status(actor=world.werkcoach, dossier=d, status=DossierStatus.AFGEROND)
    open_taak.refresh_from_db()
    assert open_taak.status == TaakStatus.VERVALLEN
    dossier_change_status(actor=world.werkcoach, dossier=d, status=DossierStatus.UITVOERING)
    for taak, status in (
        (open_taak, TaakStatus.OPEN),
        (al_vervallen, TaakStatus.VERVALLEN),  # lapsed for its own reason: stays
        (klaar, TaakStatus.AFGEROND),
    ):
        taak.refresh_from_db()
        assert taak.status == status, taak.titel
    assert d.gebeurtenissen.filter(titel__contains="weer open na heropenen").exists()


def test_reopening_a_beeindigd_dossier_restores_the_pip_clock(client, world):
    d = world.dossier  # has the PIP deadline task of the intake app
    taak = d.taken.get(sleutel="pip_deadline")
    client.force_login(world.werkcoach)
    client.post(_status_url(d), {"status": "beeindigd", "bevestigd": "1"})
    taak.refresh_from_db()
    assert taak.status == TaakStatus.VERVALLEN
    html = client.post(_status_url(d), {"status": "aangemeld"}).content.decode()
    assert "1 taak/taken die bij het afsluiten vervielen, worden weer open." in html
    client.post(_status_url(d), {"status": "aangemeld", "bevestigd": "1"})
    taak.refresh_from_db()
    assert taak.status == TaakStatus.OPEN
