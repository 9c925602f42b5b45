"""The dashboard's PIP clock (monitoring.indicators.trajecten._pip_populatie, SQL)
gives the same deadline as the one rule, intake.rules.pip_deadline (Bi art. 5.3),
for every kind of case: which of DUO's notice and the BRP registration is later,
one of them missing, awaited information of third parties (in time, late, received
before the request, several intakes), boundary days (leap day, month end)."""

from __future__ import annotations

from datetime import date

import pytest

from intake.rules import pip_klok_start
from intake.selectors import pip_deadline_info
from monitoring.indicators import Filters
from monitoring.indicators.trajecten import _pip_populatie
from tests.factories import GemeenteFactory
from tests.intake.factories import BredeIntakeFactory

from .factories import dossier, pip

D = date
# (duo, vestiging, [(opgevraagd, ontvangen), ...] per intake, source)
GEVALLEN = [
    (D(2025, 1, 2), D(2025, 1, 5), [], "Bi 5.3: vestiging later"),
    (D(2025, 2, 1), D(2025, 1, 20), [], "Bi 5.3: DUO later"),
    (D(2025, 2, 1), D(2025, 2, 1), [], "Bi 5.3: dezelfde dag"),
    (None, D(2025, 1, 10), [], "Bi 5.3: alleen vestiging"),
    (D(2025, 1, 10), None, [], "Bi 5.3: alleen DUO"),
    (None, None, [], "geen klok"),
    (None, D(2024, 12, 21), [], "Bi 5.3: laatste dag 28 februari 2025"),
    (D(2023, 12, 21), None, [], "Bi 5.3: laatste dag 29 februari 2024 (schrikkeldag)"),
    (None, D(2025, 1, 10), [(D(2025, 3, 1), D(2025, 4, 1))], "Bi 5.3: derden later"),
    (None, D(2025, 1, 10), [(D(2025, 2, 1), D(2025, 2, 10))], "Bi 5.3: derden vroeg"),
    (None, D(2025, 1, 10), [(D(2025, 3, 1), None)], "Bi 5.3: derden nog niet binnen"),
    (None, D(2025, 1, 10), [(D(2025, 3, 10), D(2025, 3, 9))], "ontvangen voor verzoek"),
    (
        None,
        D(2025, 1, 10),
        [(D(2025, 2, 1), D(2025, 4, 20)), (D(2025, 3, 1), D(2025, 3, 30))],
        "het meest recente verzoek telt",
    ),
    (None, None, [(D(2025, 3, 1), D(2025, 4, 1))], "derden zonder klok: geen termijn"),
]


@pytest.mark.django_db
def test_dashboard_pip_deadline_equals_the_rule():
    g = GemeenteFactory(naam="Klokgemeente", cbs_code="9201")
    verwacht = {}
    for i, (duo, vestiging, derden, bron) in enumerate(GEVALLEN):
        d = dossier(
            g,
            doelgroep="gezinsmigrant",
            status="uitvoering",
            start=D(2023, 1, 1),
            duo=duo,
            vestiging=vestiging,
        )
        for opgevraagd, ontvangen in derden:
            BredeIntakeFactory(
                dossier=d,
                datum=D(2025, 1, 15),
                info_derden_opgevraagd_op=opgevraagd,
                info_derden_ontvangen_op=ontvangen,
            )
        pip(d, 1, D(2025, 5, 1) if i % 2 else D(2025, 3, 1), "b1")
        info = pip_deadline_info(dossier=d)
        start = pip_klok_start(duo_melding=duo, vestiging=vestiging)
        verwacht[d.pk] = (info.deadline if info else None, start[0] if start else None, bron)
    f = Filters(gemeente_ids=(g.pk,), van=D(2025, 1, 1), tot=D(2025, 12, 31))
    rijen = {r.dossier_id: r for r in _pip_populatie(f)}
    assert set(rijen) == set(verwacht)
    for pk, (deadline, klok, bron) in verwacht.items():
        assert (rijen[pk]._klok, rijen[pk]._deadline) == (klok, deadline), bron
