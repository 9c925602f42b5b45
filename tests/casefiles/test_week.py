"""Item 3 of issue 15: "Mijn week", counters that lead somewhere, voortgangsgesprekken
visible as soon as they are planned, the caseload export, sortable columns, the
search cleared from the menu and the last three BSN digits searchable."""

import csv
import io
from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from casefiles.choices import TaakBron
from casefiles.exports import KOLOMMEN
from casefiles.models import AccessLog
from casefiles.views import ZOEK_SESSIE_SLEUTEL
from tests.factories import DossierFactory, InburgeraarFactory, TaakFactory

WEEK = "casefiles:week"


def _taak(dossier, dagen, titel, **kw):
    return TaakFactory(
        dossier=dossier, deadline=timezone.localdate() + timedelta(days=dagen), titel=titel, **kw
    )


def _titels(response):
    return [t.titel for t in response.context["taken"]]


def test_week_shows_own_overdue_and_next_seven_days(client, world):
    d = world.dossier
    _taak(d, -3, "te laat")
    _taak(d, 0, "vandaag")
    _taak(d, 7, "over een week")
    _taak(d, 8, "over acht dagen")
    client.force_login(world.werkcoach)
    response = client.get(reverse(WEEK))
    assert _titels(response) == ["te laat", "vandaag", "over een week"]
    assert _titels(client.get(reverse(WEEK) + "?toon=te_laat")) == ["te laat"]
    assert _titels(client.get(reverse(WEEK) + "?toon=deze_week")) == ["vandaag", "over een week"]
    # Alle open: also the legal PIP due date the intake app keeps as a task.
    alle = _titels(client.get(reverse(WEEK) + "?toon=open"))
    assert set(alle) == {
        "te laat",
        "vandaag",
        "over een week",
        "over acht dagen",
        "PIP vaststellen (wettelijke termijn)",
    }
    # Reading the week is logged for the dossiers it shows, in one statement.
    assert AccessLog.objects.filter(onderdeel="werkvoorraad.week", dossier_id=d.pk).exists()


def test_counters_on_the_werkvoorraad_link_to_the_filtered_lists(client, world):
    _taak(world.dossier, -1, "te laat")
    client.force_login(world.werkcoach)
    html = client.get(reverse("casefiles:werkvoorraad")).content.decode()
    for toon in ("open", "te_laat", "deze_week"):
        assert f'href="{reverse(WEEK)}?toon={toon}"' in html


def test_consulent_sees_her_own_tasks_not_the_werkcoachs(client, world):
    d = world.dossier
    _taak(d, 1, "taak van de werkcoach", toegewezen_aan=world.werkcoach)
    _taak(d, 2, "betaling mislukt", toegewezen_aan=world.consulent, bron=TaakBron.BETALING)
    client.force_login(world.consulent)
    assert _titels(client.get(reverse(WEEK))) == ["betaling mislukt"]
    client.force_login(world.werkcoach)
    assert _titels(client.get(reverse(WEEK))) == ["taak van de werkcoach"]


def test_another_gemeentes_tasks_never_show(client, world):
    _taak(world.dossier_elders, 1, "elders", toegewezen_aan=world.werkcoach)
    client.force_login(world.werkcoach)
    assert _titels(client.get(reverse(WEEK))) == []


def test_voortgangsgesprek_is_a_task_as_soon_as_it_is_planned(client, world):
    from tests.pip_plans.factories import vastgestelde_pip

    with time_machine.travel("2026-03-10 10:00 +01:00", tick=False):
        d = DossierFactory(gemeente=world.gemeente, werkcoach=world.werkcoach)
        vastgestelde_pip(d, world.werkcoach, dagtekening=date(2026, 3, 9))
        client.force_login(world.werkcoach)
        taken = client.get(reverse(WEEK) + "?toon=open").context["taken"]
        gesprek = [t for t in taken if t.bron == TaakBron.VOORTGANGSGESPREK]
        assert [(t.titel, t.deadline) for t in gesprek] == [
            ("Voortgangsgesprek op 09-06-2026", date(2026, 6, 9))
        ]
    # A week before the gesprek it is in "Mijn week" (no reminder sweep has run).
    with time_machine.travel("2026-06-03 10:00 +02:00", tick=False):
        client.force_login(world.werkcoach)
        assert "Voortgangsgesprek op 09-06-2026" in _titels(client.get(reverse(WEEK)))


@pytest.mark.parametrize(
    "sort, verwacht",
    [
        ("deadline", ["b", "a", "c"]),
        ("-deadline", ["c", "a", "b"]),
        ("taak", ["a", "b", "c"]),
        ("-taak", ["c", "b", "a"]),
    ],
)
def test_week_columns_sort(client, world, sort, verwacht):
    _taak(world.dossier, 2, "a")
    _taak(world.dossier, 1, "b")
    _taak(world.dossier, 3, "c")
    client.force_login(world.werkcoach)
    response = client.get(reverse(WEEK) + f"?sort={sort}")
    assert _titels(response) == verwacht
    html = response.content.decode()
    assert 'aria-sort="ascending"' in html or 'aria-sort="descending"' in html


def test_werkvoorraad_columns_sort_by_name(client, world):
    for naam in ("Zwart", "Appel", "Molen"):
        DossierFactory(
            gemeente=world.gemeente,
            werkcoach=world.werkcoach,
            inburgeraar=InburgeraarFactory(gemeente=world.gemeente, achternaam=naam),
        )
    client.force_login(world.werkcoach)
    namen = [
        d.inburgeraar.achternaam
        for d in client.get(reverse("casefiles:werkvoorraad") + "?sort=naam").context["page"]
    ]
    assert namen == sorted(namen)
    omgekeerd = [
        d.inburgeraar.achternaam
        for d in client.get(reverse("casefiles:werkvoorraad") + "?sort=-naam").context["page"]
    ]
    assert omgekeerd == sorted(namen, reverse=True)


def test_week_has_a_query_budget(client, world, django_assert_max_num_queries):
    for i in range(30):
        d = DossierFactory(gemeente=world.gemeente, werkcoach=world.werkcoach)
        _taak(d, i % 7, f"taak {i}")
    client.force_login(world.werkcoach)
    client.get(reverse(WEEK))
    with django_assert_max_num_queries(10):
        response = client.get(reverse(WEEK))
    assert len(response.context["taken"]) == 30


def test_export_has_the_columns_and_dossiers_of_the_list(client, world):
    extra = DossierFactory(gemeente=world.gemeente, werkcoach=world.werkcoach, status="intake")
    _taak(extra, -2, "te laat")
    client.force_login(world.werkcoach)
    lijst = list(client.get(reverse("casefiles:werkvoorraad")).context["page"])
    response = client.get(reverse("casefiles:werkvoorraad_export", kwargs={"formaat": "csv"}))
    assert response["Content-Disposition"].startswith('attachment; filename="werkvoorraad-')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == KOLOMMEN
    assert [r[0] for r in rows[1:]] == [d.inburgeraar.volledige_naam for d in lijst]
    rij = next(r for r in rows[1:] if r[0] == extra.inburgeraar.volledige_naam)
    assert rij[1] == "******" + extra.inburgeraar.bsn[-3:]  # masked, as on screen
    assert rij[3] == "Brede intake" and rij[8] == "1"
    assert extra.inburgeraar.bsn not in response.content.decode("utf-8-sig")
    # The same filter as the list: only intake dossiers.
    response = client.get(
        reverse("casefiles:werkvoorraad_export", kwargs={"formaat": "csv"}) + "?status=intake"
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert [r[0] for r in rows[1:]] == [extra.inburgeraar.volledige_naam]
    assert set(
        AccessLog.objects.filter(onderdeel="werkvoorraad.export").values_list(
            "dossier_id", flat=True
        )
    ) == {d.pk for d in lijst}


def test_export_xlsx(client, world):
    from openpyxl import load_workbook

    client.force_login(world.werkcoach)
    response = client.get(reverse("casefiles:werkvoorraad_export", kwargs={"formaat": "xlsx"}))
    ws = load_workbook(io.BytesIO(response.content))["Werkvoorraad"]
    assert [c.value for c in ws[1]] == KOLOMMEN
    assert ws.cell(row=2, column=1).value == world.dossier.inburgeraar.volledige_naam


def test_menu_link_clears_the_search(client, world):
    client.force_login(world.werkcoach)
    client.post(reverse("casefiles:werkvoorraad"), {"zoek": "Haddad"})
    assert client.session[ZOEK_SESSIE_SLEUTEL] == "Haddad"
    response = client.get(reverse("casefiles:werkvoorraad") + "?menu=1")
    assert response.status_code == 302 and response["Location"] == reverse("casefiles:werkvoorraad")
    assert ZOEK_SESSIE_SLEUTEL not in client.session
    html = client.get(reverse("home"), follow=True).content.decode()
    assert f'href="{reverse("casefiles:werkvoorraad")}?menu=1"' in html


@pytest.mark.parametrize("invoer", ["{laatste}", "******{laatste}", " {laatste} "])
def test_last_three_bsn_digits_can_be_searched(client, world, invoer):
    persoon = world.dossier.inburgeraar
    laatste = persoon.bsn[-3:]
    client.force_login(world.werkcoach)
    client.post(reverse("casefiles:werkvoorraad"), {"zoek": invoer.format(laatste=laatste)})
    gevonden = list(client.get(reverse("casefiles:werkvoorraad")).context["page"])
    assert world.dossier in gevonden
    assert all(d.inburgeraar.bsn.endswith(laatste) for d in gevonden)


def test_legal_deadline_tasks_are_not_completed_by_a_click(client, world):
    from casefiles.choices import TaakStatus

    taak = _taak(world.dossier, 3, "Voortgangsgesprek op …", bron=TaakBron.VOORTGANGSGESPREK)
    client.force_login(world.werkcoach)
    html = client.get(reverse(WEEK)).content.decode()
    assert "Afgerond als het gesprek is vastgelegd" in html
    url = reverse(
        "casefiles:taak_afronden", kwargs={"dossier_pk": world.dossier.pk, "taak_pk": taak.pk}
    )
    response = client.post(url, {"volgende": "week"}, follow=True)
    assert "wordt vanzelf afgerond" in response.content.decode()
    taak.refresh_from_db()
    assert taak.status == TaakStatus.OPEN


def test_export_links_follow_an_htmx_filter_and_say_when_the_download_is_cut(
    client, world, monkeypatch
):
    """The download links travel with the list: a filter chosen through htmx (which
    swaps only the list) changes them too; when the list holds more dossiers than one
    download may, the page says so (the export never cut silently)."""
    from html import unescape

    from casefiles import views

    DossierFactory(gemeente=world.gemeente, werkcoach=world.werkcoach, status="intake")
    client.force_login(world.werkcoach)
    url = reverse("casefiles:werkvoorraad")
    export = reverse("casefiles:werkvoorraad_export", kwargs={"formaat": "csv"})
    r = client.get(url + "?status=intake", headers={"HX-Request": "true"})
    assert f'href="{export}?status=intake"' in unescape(r.content.decode())
    assert "Een download bevat de eerste" not in r.content.decode()
    totaal = client.get(url).context["page"].paginator.count
    monkeypatch.setattr(views, "WERKVOORRAAD_EXPORT_MAX", totaal - 1)
    html = client.get(url).content.decode()
    assert f"Een download bevat de eerste {totaal - 1} van deze {totaal} dossiers" in html
    rows = list(
        csv.reader(io.StringIO(client.get(export).content.decode("utf-8-sig")), delimiter=";")
    )
    assert len(rows) - 1 == totaal - 1
