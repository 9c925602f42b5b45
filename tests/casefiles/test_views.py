from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casefiles.models import AccessLog, Contactmoment
from tests.factories import DossierFactory, TaakFactory

pytestmark = pytest.mark.django_db


def _werkvoorraad_with(world, n):
    for _ in range(n):
        d = DossierFactory(gemeente=world.gemeente, werkcoach=world.werkcoach)
        TaakFactory(dossier=d, deadline=timezone.localdate() - timedelta(days=2))
        TaakFactory(dossier=d)


def _count_queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_werkvoorraad_same_number_of_queries_for_10_and_100_dossiers(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.werkcoach)
    url = reverse("casefiles:werkvoorraad") + "?wie=alle"
    _werkvoorraad_with(world, 10)
    client.get(url)  # warm the session and permission caches
    at_10 = _count_queries(client, url)
    _werkvoorraad_with(world, 90)
    at_100 = _count_queries(client, url)
    assert at_10 == at_100
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert response.context["page"].paginator.count == 101


def test_werkvoorraad_shows_overdue_tasks_and_counts(client, world):
    _werkvoorraad_with(world, 2)
    client.force_login(world.werkcoach)
    response = client.get(reverse("casefiles:werkvoorraad"))
    assert response.context["telling"]["te_laat"] == 2
    assert "2 dagen te laat" in response.content.decode()


def test_search_term_travels_by_post_not_in_url(client, world):
    client.force_login(world.werkcoach)
    bsn = world.dossier.inburgeraar.bsn
    response = client.post(reverse("casefiles:werkvoorraad"), {"zoek": bsn})
    assert response.status_code == 302 and bsn not in response["Location"]
    page = client.get(response["Location"])
    assert list(page.context["page"].object_list) == [world.dossier]


def test_dossier_page_query_budget(client, world, django_assert_max_num_queries):
    for _ in range(20):
        TaakFactory(dossier=world.dossier)
        Contactmoment.objects.create(dossier=world.dossier, onderwerp="x")
    client.force_login(world.werkcoach)
    with django_assert_max_num_queries(25):
        response = client.get(
            reverse("casefiles:dossier_detail", kwargs={"dossier_pk": world.dossier.pk})
        )
    assert response.status_code == 200


@pytest.mark.parametrize(
    "url_name", ["dossier_detail", "contactmomenten", "taken", "documenten", "dossier_bewerken"]
)
def test_every_dossier_view_writes_an_access_log_row(client, world, url_name):
    client.force_login(world.consulent)
    before = AccessLog.objects.count()
    response = client.get(reverse(f"casefiles:{url_name}", kwargs={"dossier_pk": world.dossier.pk}))
    assert response.status_code == 200
    row = AccessLog.objects.order_by("-id").first()
    assert AccessLog.objects.count() == before + 1
    assert (row.user_id, row.dossier_id, row.action) == (
        world.consulent.pk,
        world.dossier.pk,
        "view",
    )
    assert row.request_id == response["X-Request-ID"]


def test_access_log_holds_no_personal_data(client, world):
    client.force_login(world.werkcoach)
    client.get(reverse("casefiles:dossier_detail", kwargs={"dossier_pk": world.dossier.pk}))
    persoon = world.dossier.inburgeraar
    for row in AccessLog.objects.values():
        text = " ".join(str(v) for v in row.values())
        assert persoon.bsn not in text and persoon.achternaam not in text


def test_header_masks_the_bsn(client, world):
    client.force_login(world.werkcoach)
    html = client.get(
        reverse("casefiles:dossier_detail", kwargs={"dossier_pk": world.dossier.pk})
    ).content.decode()
    bsn = world.dossier.inburgeraar.bsn
    assert bsn not in html and f"******{bsn[-3:]}" in html


def test_new_dossier_form_keeps_what_was_typed(client, world):
    client.force_login(world.werkcoach)
    response = client.post(
        reverse("casefiles:dossier_nieuw"),
        {
            "persoon-bsn": "123456789",
            "persoon-achternaam": "Osman",
            "persoon-voornamen": "Nour",
            "persoon-geslacht": "V",
            "dossier-gemeente": world.gemeente.pk,
            "dossier-doelgroep": "gezinsmigrant",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "elfproef" in html
    assert 'value="Osman"' in html and 'value="Nour"' in html


def test_new_dossier_created(client, world):
    client.force_login(world.werkcoach)
    response = client.post(
        reverse("casefiles:dossier_nieuw"),
        {
            "persoon-bsn": "111222333",
            "persoon-achternaam": "Osman",
            "persoon-geslacht": "V",
            "dossier-gemeente": world.gemeente.pk,
            "dossier-doelgroep": "gezinsmigrant",
            "dossier-werkcoach": world.werkcoach.pk,
        },
    )
    assert response.status_code == 302
    assert world.gemeente.dossiers.filter(inburgeraar__bsn="111222333").exists()


def test_new_dossier_cannot_target_another_gemeente(client, world):
    client.force_login(world.werkcoach)
    response = client.post(
        reverse("casefiles:dossier_nieuw"),
        {
            "persoon-bsn": "111222333",
            "persoon-achternaam": "Osman",
            "persoon-geslacht": "V",
            "dossier-gemeente": world.andere_gemeente.pk,
            "dossier-doelgroep": "gezinsmigrant",
        },
    )
    assert response.status_code == 200
    assert not world.andere_gemeente.dossiers.filter(inburgeraar__bsn="111222333").exists()


def test_refused_status_change_shows_dutch_message(client, world):
    client.force_login(world.werkcoach)
    url = reverse("casefiles:dossier_status", kwargs={"dossier_pk": world.dossier.pk})
    response = client.post(url, {"status": "afgerond"}, follow=True)
    assert "niet mogelijk" in response.content.decode()
    world.dossier.refresh_from_db()
    assert world.dossier.status == "aangemeld"


def test_werkcoach_cannot_edit_as_consulent_only_perm(client, world):
    """The consulent has no assign permission: 403 on toewijzen."""
    client.force_login(world.consulent)
    url = reverse("casefiles:dossier_toewijzen", kwargs={"dossier_pk": world.dossier.pk})
    assert client.post(url, {"werkcoach": world.werkcoach2.pk}).status_code == 403


def test_document_download_only_through_view(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from casefiles.services import document_add

    doc = document_add(
        actor=world.werkcoach,
        dossier=world.dossier,
        titel="Paspoort",
        soort="identiteit",
        upload=SimpleUploadedFile("p.pdf", b"%PDF-1.4 abc"),
    )
    client.force_login(world.werkcoach)
    response = client.get(
        reverse(
            "casefiles:document_download",
            kwargs={"dossier_pk": world.dossier.pk, "document_pk": doc.pk},
        )
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 abc"
    assert response["Cache-Control"] == "private, no-store"
    assert AccessLog.objects.filter(dossier_id=world.dossier.pk, action="export").exists()


@pytest.mark.parametrize(
    ("url_name", "budget"),
    [
        # (queries before issue 16's load-test round: 10, 15, 9, 10, 16, 19)
        ("casefiles:werkvoorraad", 9),
        ("casefiles:dossier_detail", 13),
        ("casefiles:contactmomenten", 8),
        ("casefiles:taken", 9),
        ("pip_plans:tab", 15),
        ("leerroutes:tab", 18),
    ],
)
def test_werkronde_of_the_load_test_query_budgets(
    client, world, django_assert_max_num_queries, url_name, budget
):
    """The pages of `make loadtest`'s working round (docs/monitoring.md,
    Belastingstest): the permissions in one query, the dossier overview reads its
    plicht decisions once."""
    for _ in range(3):
        TaakFactory(dossier=world.dossier)
    client.force_login(world.werkcoach)
    kwargs = {} if url_name == "casefiles:werkvoorraad" else {"dossier_pk": world.dossier.pk}
    url = reverse(url_name, kwargs=kwargs)
    client.get(url)  # the session, once
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200


def test_saving_a_contactmoment_query_budget(client, world, django_assert_max_num_queries):
    client.force_login(world.werkcoach)
    url = reverse("casefiles:contactmomenten", kwargs={"dossier_pk": world.dossier.pk})
    client.get(url)
    data = {"datum": "2026-11-27T10:00", "soort": "telefoon", "onderwerp": "x", "verslag": "y"}
    with django_assert_max_num_queries(12):  # 13 before
        assert client.post(url, data).status_code == 302
    assert world.dossier.contactmomenten.filter(onderwerp="x").exists()
