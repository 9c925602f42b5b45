"""The DUO pages: what the werkcoach and the beheerder see, and another gemeente's ids.
The four permission cases of these pages run in tests/test_url_permissions.py
(tests/duo/out/url_cases.py)."""

from __future__ import annotations

from django.urls import reverse

from casefiles.models import AccessLog
from duo.models import BerichtStatus, DuoBericht
from tests.duo.out.conftest import run_duo_jobs
from tests.duo.out.url_cases import _geweigerd
from tests.pip_plans.factories import vastgestelde_pip


def test_tab_shows_what_was_sent_and_duos_answer(client, world, duo_server):
    vastgestelde_pip(world.dossier, world.werkcoach)
    run_duo_jobs()
    client.force_login(world.werkcoach)
    r = client.get(reverse("duo:tab", kwargs={"dossier_pk": world.dossier.pk}))
    html = r.content.decode()
    assert "PIP registreren" in html
    assert "Verzonden naar DUO" in html
    assert "HTTP 201" in html
    assert world.dossier.inburgeraar.bsn not in html
    assert AccessLog.objects.filter(
        user_id=world.werkcoach.pk, dossier_id=world.dossier.pk, onderdeel="duo.berichten"
    ).exists()


def test_tab_shows_waiting_messages(client, world, duo_server):
    duo_server.set_down("503")
    vastgestelde_pip(world.dossier, world.werkcoach)
    run_duo_jobs()
    client.force_login(world.werkcoach)
    html = client.get(reverse("duo:tab", kwargs={"dossier_pk": world.dossier.pk})).content
    assert "1 bericht wacht op verzending" in html.decode()


def test_pip_page_says_sent_to_duo(client, world, duo_server):
    versie = vastgestelde_pip(world.dossier, world.werkcoach)
    url = reverse(
        "pip_plans:versie", kwargs={"dossier_pk": world.dossier.pk, "versie_pk": versie.pk}
    )
    client.force_login(world.werkcoach)
    assert "Wacht op verzending" in client.get(url).content.decode()
    run_duo_jobs()
    assert "Verzonden naar DUO" in client.get(url).content.decode()


def test_pip_page_shows_duos_refusal_in_dutch(client, world, duo_server):
    from datetime import timedelta

    from django.utils import timezone

    duo_server.person(world.dossier.inburgeraar.bsn).plicht_start = (
        timezone.localdate() + timedelta(days=1)
    )
    versie = vastgestelde_pip(world.dossier, world.werkcoach)
    run_duo_jobs()
    url = reverse(
        "pip_plans:versie", kwargs={"dossier_pk": world.dossier.pk, "versie_pk": versie.pk}
    )
    client.force_login(world.werkcoach)
    html = client.get(url).content.decode()
    assert "DUO heeft deze PIP geweigerd" in html
    reden = DuoBericht.objects.get().reden
    assert reden and reden in html


def test_beheerder_sees_only_its_gemeenten_and_ids_only(client, world):
    eigen = _geweigerd(world)
    elders = _geweigerd(world, gemeente=world.andere_gemeente)
    client.force_login(world.beheer)
    html = client.get(reverse("duo:mislukt")).content.decode()
    assert f"<td>{eigen.pk}</td>" in html
    assert f"<td>{elders.pk}</td>" not in html
    assert world.dossier.inburgeraar.bsn not in html
    assert world.dossier.inburgeraar.achternaam not in html


def test_retry_of_another_gemeentes_message_is_404_and_changes_nothing(client, world):
    elders = _geweigerd(world, gemeente=world.andere_gemeente)
    client.force_login(world.beheer)
    r = client.post(reverse("duo:opnieuw", kwargs={"pk": elders.pk}))
    assert r.status_code == 404
    elders.refresh_from_db()
    assert elders.status == BerichtStatus.GEWEIGERD


def test_retry_sends_again_and_succeeds(client, world, duo_server):
    bsn = world.dossier.inburgeraar.bsn
    from datetime import timedelta

    from django.utils import timezone

    person = duo_server.person(bsn)
    echte_start = person.plicht_start
    person.plicht_start = timezone.localdate() + timedelta(days=1)
    vastgestelde_pip(world.dossier, world.werkcoach)
    run_duo_jobs()
    bericht = DuoBericht.objects.get()
    assert bericht.status == BerichtStatus.GEWEIGERD
    person.plicht_start = echte_start  # DUO's data corrected
    client.force_login(world.beheer)
    r = client.post(reverse("duo:opnieuw", kwargs={"pk": bericht.pk}))
    assert r.status_code == 302
    run_duo_jobs()
    bericht.refresh_from_db()
    assert bericht.status == BerichtStatus.VERZONDEN
    assert len(duo_server.person(bsn).pips) == 1


def test_other_gemeentes_dossier_tab_is_404(client, world):
    client.force_login(world.werkcoach)
    r = client.get(reverse("duo:tab", kwargs={"dossier_pk": world.dossier_elders.pk}))
    assert r.status_code == 404


def test_tab_query_budget_does_not_grow_with_messages(client, world, django_assert_max_num_queries):
    client.force_login(world.werkcoach)
    url = reverse("duo:tab", kwargs={"dossier_pk": world.dossier.pk})
    _geweigerd(world)
    client.get(url)  # warm the session and permission caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as een:
        client.get(url)
    for _ in range(10):
        _geweigerd(world)
    with django_assert_max_num_queries(len(een.captured_queries)):
        r = client.get(url)
    assert r.content.decode().count("PIP registreren") == 11


def test_beheerder_finds_the_list_from_the_admin(client, world):
    client.force_login(world.beheer)
    html = client.get(reverse("admin:index")).content.decode()
    assert reverse("duo:mislukt") in html
    client.force_login(world.werkcoach)
    world.werkcoach.is_staff = True
    world.werkcoach.save()
    assert reverse("duo:mislukt") not in client.get(reverse("admin:index")).content.decode()
