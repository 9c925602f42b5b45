"""The dashboard in the admin: who sees it, what it shows, the exports, the role
rules (a beleidsmedewerker never reaches a dossier) and a query budget."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import DossierFactory
from tests.test_url_permissions import collected_cases

DASHBOARD = "admin:monitoring_dashboard"


def test_beleidsmedewerker_sees_the_dashboard_as_admin_index(client, world):
    client.force_login(world.beleid)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Beleidsdashboard inburgering" in html
    assert 'data-sleutel="pip_op_tijd"' in html
    assert "mon-grafiek-routes" in html
    # aggregates only: the dossier's person never appears
    assert world.dossier.inburgeraar.achternaam not in html
    assert world.dossier.inburgeraar.bsn not in html


def test_dashboard_url_for_the_beleidsmedewerker(client, world):
    client.force_login(world.beleid)
    assert client.get(reverse(DASHBOARD)).status_code == 200


def test_the_period_fields_show_the_period_the_figures_cover(client, world, time_machine):
    # defaults: 1 January of this year up to today, in the ISO form a date input reads;
    # an entered period is shown as entered
    time_machine.move_to("2026-03-15 12:00:00+01:00")
    client.force_login(world.beleid)
    html = client.get(reverse(DASHBOARD)).content.decode()
    assert 'name="van" value="2026-01-01"' in html
    assert 'name="tot" value="2026-03-15"' in html
    html = client.get(reverse(DASHBOARD), {"van": "2025-04-01", "tot": "2025-06-30"}).content
    assert b'name="van" value="2025-04-01"' in html
    assert b'name="tot" value="2025-06-30"' in html


@pytest.mark.parametrize("who", ["werkcoach", "consulent"])
def test_werkcoach_and_consulent_do_not_get_the_admin(client, world, who):
    client.force_login(getattr(world, who))
    for url in (reverse("admin:index"), reverse(DASHBOARD)):
        response = client.get(url)
        assert response.status_code == 302
        assert "/beheer/login/" in response["Location"]


def test_staff_without_the_permission_gets_403(client, world):
    world.werkcoach.is_staff = True
    world.werkcoach.save()
    client.force_login(world.werkcoach)
    assert client.get(reverse(DASHBOARD)).status_code == 403
    assert client.get(reverse("admin:monitoring_export", args=["csv"])).status_code == 403
    # the ordinary admin index, not the dashboard
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert b"Beleidsdashboard" not in response.content


def test_functioneel_beheerder_keeps_the_ordinary_index(client, world):
    client.force_login(world.beheer)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert b"Beleidsdashboard inburgering" not in response.content
    assert client.get(reverse(DASHBOARD)).status_code == 403


@pytest.mark.parametrize("case", collected_cases(), ids=lambda c: c.name)
def test_beleidsmedewerker_gets_403_or_404_on_every_dossier_url(client, world, case):
    """Every URL of every app (tests/*/url_cases.py): the beleidsmedewerker is
    refused (403, or 404 for a record outside their gemeente)."""
    if case.setup:
        case.setup(world)
    url = case.url(world)
    data = case.data(world) if case.data else {}
    client.force_login(world.beleid)
    response = getattr(client, case.method)(url, data)
    assert response.status_code in (403, 404), f"{case.name}: {response.status_code}"


def test_the_url_cases_cover_the_dossier_urls():
    names = {c.name for c in collected_cases()}
    assert "casefiles:dossier_detail" in names
    assert len(names) >= 10


def test_beleidsmedewerker_holds_no_dossier_permission(world):
    perms = world.beleid.get_all_permissions()
    assert "monitoring.view_dashboard" in perms
    assert not [p for p in perms if p.startswith("casefiles.")]
    assert not [p for p in perms if p.split(".")[1].endswith("dossier")]


def test_small_numbers_are_suppressed_on_screen_and_in_the_charts(client, world):
    # De Wolden has one dossier (asielstatushouder, aangemeld): shown as <5
    client.force_login(world.beleid)
    html = client.get(reverse(DASHBOARD)).content.decode()
    row = html.split('data-sleutel="inburgeraars_doelgroep.asielstatushouder"')[1].split("</tr>")[0]
    assert "&lt;5" in row
    assert ">1<" not in row
    grafiek = json.loads(
        html.split('id="mon-grafiek-data" type="application/json">')[1].split("</script>")[0]
    )
    assert grafiek["ladder"]["intake"] == [None] * 6  # nothing below 5 reaches a chart


def test_export_csv(client, world):
    client.force_login(world.beleid)
    response = client.get(reverse("admin:monitoring_export", args=["csv"]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    by_key = {r["sleutel"]: r for r in rows}
    assert by_key["inburgeraars_doelgroep.asielstatushouder"]["waarde"] == "<5"
    assert by_key["pip_op_tijd"]["doel"] == "95,0"
    assert {r["gemeenten"] for r in rows} == {"De Wolden"}


def test_export_xlsx(client, world):
    from openpyxl import load_workbook

    client.force_login(world.beleid)
    response = client.get(reverse("admin:monitoring_export", args=["xlsx"]))
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb["Indicatoren"]
    header = [c.value for c in ws[1]]
    assert header[:5] == ["sleutel", "groep", "indicator", "eenheid", "waarde"]
    values = {row[0]: row[4] for row in ws.iter_rows(min_row=2, values_only=True)}
    assert values["inburgeraars_doelgroep.asielstatushouder"] == "<5"
    assert "Toelichting" in wb.sheetnames


def test_export_of_another_gemeente_gives_nothing_of_it(client, world):
    client.force_login(world.beleid)
    response = client.get(
        reverse("admin:monitoring_export", args=["csv"]), {"gemeente": world.andere_gemeente.pk}
    )
    # an invalid choice falls back to the user's own gemeenten, never to Dalfsen
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert {r["gemeenten"] for r in rows} == {"De Wolden"}


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_dashboard_query_budget_is_constant(client, world):
    client.force_login(world.beleid)
    url = reverse(DASHBOARD)
    DossierFactory.create_batch(9, gemeente=world.gemeente)
    tien = _queries(client, url)
    DossierFactory.create_batch(40, gemeente=world.gemeente)
    vijftig = _queries(client, url)
    assert tien == vijftig
    assert vijftig <= 45


@pytest.mark.parametrize(
    "naam", ['=HYPERLINK("http://x.invalid","klik")', "+31 6 1234", "@SUM(A1)"]
)
def test_exports_never_carry_a_formula(client, world, naam):
    """A gemeente name (reference data a beheerder types) that a spreadsheet would run
    as a formula is neutralised in CSV and XLSX."""
    from openpyxl import load_workbook

    world.gemeente.naam = naam
    world.gemeente.save()
    client.force_login(world.beleid)
    response = client.get(reverse("admin:monitoring_export", args=["csv"]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert {r["gemeenten"] for r in rows} == {"'" + naam}
    response = client.get(reverse("admin:monitoring_export", args=["xlsx"]))
    wb = load_workbook(io.BytesIO(response.content))
    cells = [row[8] for row in wb["Indicatoren"].iter_rows(min_row=2)]
    assert cells and all(c.value == naam and c.data_type == "s" for c in cells)
    assert all(c.quotePrefix for c in cells)
    assert wb["Toelichting"]["B1"].data_type == "s"
