"""Demo data of monitoring: budget tables for the demo gemeenten and quarterly
snapshots (the last four closed quarters and the running one), so the dashboard
shows targets, costs against budget and a trend. Idempotent."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from casefiles import demo as core_demo
from casefiles.choices import Leerroute
from casefiles.models import Gemeente

from . import rules
from .models import BudgetRegel, KostenBudget
from .services import snapshot_kwartaal_aanvullen, snapshots_bijwerken

BUDGET = {
    # leerroute: (budget per year, price per traject) — Divosa: ± € 11 600 per traject
    # in 2025, onderwijsroute ≥ € 17 000 from 2026 (DESIGN.md §2 'money').
    Leerroute.B1: (Decimal("116000"), Decimal("11600")),
    Leerroute.Z: (Decimal("100000"), Decimal("10000")),
    Leerroute.ONDERWIJS: (Decimal("68000"), Decimal("17000")),
}


def _vorige(jaar: int, kw: int) -> tuple[int, int]:
    return (jaar, kw - 1) if kw > 1 else (jaar - 1, 4)


KOSTEN_BUDGET = [
    (
        "participatiebudget",
        Decimal("25000.00"),
        "Deel van het participatiebudget voor inburgeraars",
    ),
    ("uitvoeringskosten", Decimal("40000.00"), "Uitvoeringskosten inburgering (tolken, materiaal)"),
    (
        "rijksbijdrage",
        Decimal("127130.00"),
        "10 asielstatushouders × € 12.713, achteraf afgerekend",
    ),
]
"""Demo budgets of the other costs (issue 18); a real gemeente enters its own."""


def seed_demo(*, actor_for, stdout) -> None:
    vandaag = timezone.localdate()
    codes = [g["cbs_code"] for g in core_demo.GEMEENTEN]
    gemeenten = list(Gemeente.objects.filter(cbs_code__in=codes))
    nieuw = 0
    for gemeente in gemeenten:
        for jaar in (vandaag.year - 1, vandaag.year):
            for route, (budget, prijs) in BUDGET.items():
                _, created = BudgetRegel.objects.get_or_create(
                    gemeente=gemeente,
                    jaar=jaar,
                    leerroute=route,
                    defaults={"budget": budget, "prijs_per_traject": prijs},
                )
                nieuw += int(created)
        for jaar in (vandaag.year - 1, vandaag.year):  # issue 18: other costs
            for budget, bedrag, toelichting in KOSTEN_BUDGET:
                KostenBudget.objects.get_or_create(
                    gemeente=gemeente,
                    jaar=jaar,
                    budget=budget,
                    defaults={"bedrag": bedrag, "toelichting": toelichting},
                )
        jaar, kw = rules.kwartaal_van(vandaag)
        for _ in range(4):
            jaar, kw = _vorige(jaar, kw)
            snapshot_kwartaal_aanvullen(gemeente=gemeente, jaar=jaar, kwartaal=kw)
    snapshots_bijwerken(vandaag=vandaag)
    stdout.write(f"monitoring: {nieuw} budgetregels, kwartaalstanden bijgewerkt")
