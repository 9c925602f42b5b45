"""export_indicators, generate_synthetic and bench_dashboard."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from casefiles import rules as core_rules
from casefiles.models import Dossier
from monitoring import synthetic
from monitoring.indicators import Filters, bereken


def test_export_csv_to_stdout(world):
    out = io.StringIO()
    call_command(
        "export_indicators", gemeente="1690", van="2025-01-01", tot="2025-12-31", stdout=out
    )
    rows = list(csv.DictReader(io.StringIO(out.getvalue().lstrip("\ufeff")), delimiter=";"))
    from datetime import date

    f = Filters(gemeente_ids=(world.gemeente.pk,), van=date(2025, 1, 1), tot=date(2025, 12, 31))
    assert len(rows) == len(bereken(f))
    by_key = {r["sleutel"]: r for r in rows}
    assert by_key["inburgeraars_doelgroep.asielstatushouder"]["waarde"] == "<5"
    assert {r["van"] for r in rows} == {"2025-01-01"}


def test_export_xlsx_to_file(world, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "indicatoren.xlsx"
    call_command(
        "export_indicators",
        gemeente="1690",
        van="2025-01-01",
        tot="2025-12-31",
        format="xlsx",
        output=str(target),
        stderr=io.StringIO(),
    )
    ws = load_workbook(target)["Indicatoren"]
    assert ws["A1"].value == "sleutel"
    values = {row[0]: row[4] for row in ws.iter_rows(min_row=2, values_only=True)}
    assert values["inburgeraars_doelgroep.asielstatushouder"] == "<5"


def test_export_xlsx_to_stdout_is_refused(world):
    with pytest.raises(CommandError, match="geef een bestand op met --output"):
        call_command(
            "export_indicators", gemeente="1690", van="2025-01-01", tot="2025-12-31", format="xlsx"
        )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"gemeente": "0000", "van": "2025-01-01", "tot": "2025-12-31"}, "Geen gemeente"),
        ({"gemeente": "1690", "van": "1-1-2025", "tot": "2025-12-31"}, "Ongeldige datum"),
        ({"gemeente": "1690", "van": "2025-12-31", "tot": "2025-01-01"}, "ligt voor"),
    ],
)
def test_export_refusals(world, kwargs, message):
    with pytest.raises(CommandError, match=message):
        call_command("export_indicators", **kwargs)


def test_synthetic_bsns_pass_the_elfproef_and_avoid_the_demo_range():
    bsns = synthetic.synthetic_bsns(synthetic.BSN_PREFIX_START)
    sample = [next(bsns) for _ in range(200)]
    assert all(core_rules.bsn_is_valid(b) for b in sample)
    assert all(b.startswith("8") for b in sample)  # demo: 9999…, factories: 1000…
    assert len(set(sample)) == 200


@pytest.mark.parametrize("bulk", [False, True])
def test_generate_synthetic(db, bulk):
    out = io.StringIO()
    args = ["--dossiers", "30", "--gemeenten", "2"] + (["--bulk"] if bulk else [])
    call_command("generate_synthetic", *args, stdout=out, stderr=io.StringIO())
    result = json.loads(out.getvalue())
    assert result["dossiers"] == 30
    dossiers = Dossier.objects.filter(gemeente__cbs_code__in=["9001", "9002"])
    assert dossiers.count() == 30
    assert dossiers.filter(status="uitvoering").exists()
    assert dossiers.exclude(pip_versies=None).exists()
    # adding more continues the BSN range without collisions
    call_command("generate_synthetic", *args, stdout=io.StringIO(), stderr=io.StringIO())
    assert dossiers.count() == 60


def test_bench_dashboard_prints_json_lines(db):
    out = io.StringIO()
    call_command(
        "bench_dashboard",
        "--sizes",
        "20",
        "--per-gemeente",
        "20",
        "--herhalingen",
        "1",
        stdout=out,
        stderr=io.StringIO(),
    )
    line = json.loads(out.getvalue().strip().splitlines()[-1])
    assert line["dossiers"] == 20
    assert line["dashboard_s"] > 0 and "ratio" in line
    if line["db"] == "postgresql":  # the baseline is SQL for PostgreSQL
        assert line["basislijn_s"] > 0 and line["uren_zonder_rollup_s"] > 0
    else:
        assert line["basislijn_s"] is None and line["gehaald"] is False
    assert line["dashboard_een_sessie_s"] > 0 and line["queries"] > 10
