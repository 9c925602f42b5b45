"""Reads of monitoring: the indicator table, chart data and the quarterly trend,
always limited to the gemeenten the user works for and with small numbers
suppressed before anything reaches a template, a chart or an export."""

from __future__ import annotations

from collections import defaultdict

from casefiles.choices import Leerroute

from . import rules
from .indicators import Filters, Rij, bereken
from .models import IndicatorSnapshot

TREND_SLEUTELS = [
    ("pip_op_tijd", "PIP op tijd (%)"),
    ("participatie_6m", "Participeert na 6 maanden (%)"),
    ("route_resultaat.b1", "B1-route → betaald werk (%)"),
    ("inburgeraars_status.uitvoering", "In uitvoering (aantal)"),
]
"""The figures shown as a quarterly trend (from the nightly snapshots)."""


def indicator_tabel(f: Filters) -> list[Rij]:
    return bereken(f)


def gegroepeerd(rijen: list[Rij]) -> list[tuple[str, list[Rij]]]:
    groepen: dict[str, list[Rij]] = {}
    for r in rijen:
        groepen.setdefault(str(r.indicator.groep), []).append(r)
    return list(groepen.items())


def _chart_waarde(rij: Rij):
    """A figure for a chart: None when suppressed (a chart never shows < 5)."""
    if rij.onderdrukt or rij.waarde is None:
        return None
    return float(rij.waarde)


def grafiek_data(rijen: list[Rij]) -> dict:
    per = {r.sleutel: r for r in rijen}
    routes = [Leerroute.B1, Leerroute.Z, Leerroute.ONDERWIJS]
    route = {
        "labels": [str(r.label) for r in routes],
        "werkelijk": [_chart_waarde(per[f"route_verdeling.{r}"]) for r in routes],
        "verwacht": [float(rules.ROUTE_VERDELING_DOEL[r]) for r in routes],
    }
    ladder = {
        "labels": [f"trede {t}" for t in range(1, 7)],
        "intake": [_chart_waarde(per[f"ladder_intake.{t}"]) for t in range(1, 7)],
        "nu": [_chart_waarde(per[f"ladder_nu.{t}"]) for t in range(1, 7)],
    }
    return {"routes": route, "ladder": ladder}


def trend(f: Filters) -> dict:
    """Per trend figure and per gemeente: the value of each quarter as stored by the
    nightly snapshot (definitive for closed quarters). Suppressed values are None."""
    rows = (
        IndicatorSnapshot.objects.filter(
            gemeente_id__in=f.gemeente_ids, sleutel__in=[k for k, _ in TREND_SLEUTELS]
        )
        .select_related("gemeente")
        .order_by("jaar", "kwartaal")
    )
    kwartalen: list[str] = []
    data: dict = defaultdict(lambda: defaultdict(dict))
    for s in rows:  # snapshot rows: (gemeenten × quarters × a few keys), not dossiers
        label = rules.kwartaal_label(s.jaar, s.kwartaal)
        if label not in kwartalen:
            kwartalen.append(label)
        waarde = None if rules.is_onderdrukt(s.n) or s.waarde is None else float(s.waarde)
        data[s.sleutel][s.gemeente.naam][label] = {
            "waarde": waarde,
            "tekst": rules.weergave(s.waarde, s.n, _eenheid(s.sleutel)),
            "definitief": s.definitief,
        }
    reeksen = []
    for sleutel, titel in TREND_SLEUTELS:
        per_gemeente = [
            {
                "gemeente": naam,
                "punten": [waarden.get(k, {"waarde": None, "tekst": ""}) for k in kwartalen],
            }
            for naam, waarden in sorted(data[sleutel].items())
        ]
        reeksen.append({"sleutel": sleutel, "titel": titel, "reeksen": per_gemeente})
    return {"kwartalen": kwartalen, "figuren": reeksen}


def _eenheid(sleutel: str) -> str:
    from .choices import Eenheid

    return Eenheid.AANTAL if sleutel.startswith("inburgeraars_") else Eenheid.PROCENT
