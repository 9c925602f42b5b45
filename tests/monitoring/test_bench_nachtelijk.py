"""bench_nachtelijk: times the three nightly jobs on synthetic data and reports items
per second and statements per item; the data survives (every job is rolled back)."""

from __future__ import annotations

import io
import json

from django.core.management import call_command

from casefiles.models import Taak
from ontzorgen.models import Betaling
from pip_plans.models import Herinnering


def test_bench_nachtelijk_reports_every_job(db):
    out = io.StringIO()
    args = ["--dossiers", "60", "--voor", "20"]
    call_command("bench_nachtelijk", *args, stdout=out, stderr=io.StringIO())
    regels = {r["taak"]: r for r in map(json.loads, out.getvalue().strip().splitlines())}
    assert set(regels) == {
        "leerroute_signalen",
        "leerroute_signalen_per_dossier_vroeger",
        "herinneringen",
        "betaalrun",
    }
    signalen, vroeger = (
        regels["leerroute_signalen"],
        regels["leerroute_signalen_per_dossier_vroeger"],
    )
    assert signalen["items"] > 20 and vroeger["items"] == 20
    # set-based: far fewer statements per dossier than one dossier at a time
    assert signalen["statements_per_item"] * 3 < vroeger["statements_per_item"]
    assert all(r["items_per_s"] is None or r["items_per_s"] > 0 for r in regels.values())
    # rolled back: the next run measures the same work
    assert not Taak.objects.filter(sleutel__startswith="leerroute:").exists()
    assert not Herinnering.objects.exists() and not Betaling.objects.exists()
