"""The load test's arithmetic (monitoring/loadtest.py): percentiles from every latency,
totals over rounds, CPU per request. The load test itself is a command (make
loadtest), never a timed test."""

from __future__ import annotations

from monitoring.loadtest import Resultaat, percentile


def test_nearest_rank_percentiles():
    values = [i / 1000 for i in range(1, 101)]  # 1 … 100 ms, shuffled below
    values.reverse()
    assert percentile(values, 50) == 0.050
    assert percentile(values, 95) == 0.095
    assert percentile(values, 99) == 0.099
    assert percentile([0.2], 99) == 0.2


def test_rows_per_endpoint_and_total_over_merged_rounds():
    a, b = Resultaat(), Resultaat()
    for _ in range(8):
        a.add("werkvoorraad", 0.010, True)
    a.add("contactmoment_opslaan", 0.030, False)
    b.add("werkvoorraad", 0.020, True)
    a.duur, b.duur = 2.0, 3.0
    a.cpu, b.cpu = 0.1, 0.1
    a.db_cpu, b.db_cpu = 0.05, 0.05
    totaal = Resultaat()
    totaal.merge(a)
    totaal.merge(b)
    rows = {r["endpoint"]: r for r in totaal.rows()}
    assert rows["werkvoorraad"]["n"] == 9
    assert rows["werkvoorraad"]["p50_ms"] == 10.0
    assert rows["werkvoorraad"]["p99_ms"] == 20.0
    assert rows["contactmoment_opslaan"]["fouten"] == 1
    t = rows["TOTAAL"]
    assert t["n"] == 10 and t["fouten"] == 1
    assert t["rps"] == 2.0  # 10 requests in 5 s
    assert t["cpu_ms_per_req"] == 20.0 and t["db_cpu_ms_per_req"] == 10.0
    assert t["server_cpu_ms_per_req"] == 30.0
    assert t["rps_per_core"] == 33.3
