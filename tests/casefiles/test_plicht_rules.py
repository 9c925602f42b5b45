"""Table tests of the plicht and termijn rules of the core (casefiles.rules). Every
row names its source; boundary days (last day of a window, leap days, month ends)."""

from datetime import date

import pytest

from casefiles import rules
from casefiles.rules import PlichtEindeFeit

D = date


@pytest.mark.parametrize(
    ("geboren", "aow", "bron"),
    [
        (D(1955, 5, 31), D(2021, 9, 30), "AOW art. 7a / SVB: 66 jaar en 4 maanden"),
        (D(1955, 6, 1), D(2022, 1, 1), "SVB: vanaf geboren 1-6-1955 66 jaar en 7 maanden"),
        (D(1956, 2, 29), D(2022, 9, 29), "SVB: 66 + 7 maanden, geboren op een schrikkeldag"),
        (D(1956, 3, 1), D(2023, 1, 1), "SVB: vanaf geboren 1-3-1956 66 jaar en 10 maanden"),
        (D(1956, 12, 31), D(2023, 10, 31), "SVB: 66 + 10 maanden, maandeinde"),
        (D(1957, 1, 1), D(2024, 1, 1), "SVB: vanaf geboren 1-1-1957 67 jaar"),
        (D(1960, 12, 31), D(2027, 12, 31), "SVB: laatste geboortedag met 67 jaar"),
        (D(1961, 1, 1), D(2028, 4, 1), "AOW art. 7a: 67 jaar en 3 maanden vanaf 2028"),
        (D(1964, 2, 29), D(2031, 5, 29), "AOW art. 7a: 67 + 3 maanden, schrikkeldag"),
        (D(1961, 11, 30), D(2029, 2, 28), "67 + 3 maanden naar februari: maandeinde"),
    ],
)
def test_aow_datum(geboren, aow, bron):
    assert rules.aow_datum(geboren) == aow, bron


@pytest.mark.parametrize(
    ("start", "maanden", "laatste", "bron"),
    [
        (D(2026, 3, 2), 36, D(2029, 3, 1), "Wi art. 11: 3 jaar, laatste dag = dag ervoor"),
        (D(2028, 2, 29), 36, D(2031, 2, 28), "Wi art. 11: start op schrikkeldag"),
        (D(2026, 3, 2), 18, D(2027, 9, 1), "Divosa: schakelen 1,5 jaar"),
        (D(2026, 8, 31), 18, D(2028, 2, 29), "1,5 jaar vanaf 31 augustus: schrikkeldag"),
        (D(2027, 8, 31), 18, D(2029, 2, 28), "1,5 jaar vanaf 31 augustus: 28 februari"),
        (D(2026, 1, 1), 36, D(2028, 12, 31), "Wi art. 11: jaargrens"),
    ],
)
def test_periode_laatste_dag(start, maanden, laatste, bron):
    assert rules.periode_laatste_dag(start, maanden) == laatste, bron


def test_duo_einddatum_is_exclusive():
    """DUO Inburgeringstermijn API: einddatum 'exclusief' — our last day is the day before."""
    assert rules.termijn_laatste_dag_uit_duo(D(2029, 3, 2)) == D(2029, 3, 1)
    assert rules.termijn_laatste_dag(D(2026, 3, 2)) + rules.timedelta(days=1) == D(2029, 3, 2)


ONTHEFFING = PlichtEindeFeit("ontheffing", "Volledige ontheffing", D(2026, 3, 1))
TIJDELIJK = PlichtEindeFeit(
    "tijdelijke_vrijstelling", "Tijdelijke vrijstelling", D(2026, 3, 1), D(2026, 9, 30)
)


@pytest.mark.parametrize(
    ("kwargs", "code", "bron"),
    [
        ({"regime": "WI2013"}, "wi2013", "Wi 2021 overgangsrecht: boete is DUO's"),
        ({"geboortedatum": D(2008, 3, 10)}, None, "Wi art. 3 lid 2: 16–17 op verzoek mogelijk"),
        ({"geboortedatum": D(2010, 3, 10)}, None, "geen minimumleeftijd in de regel"),
        ({"geboortedatum": D(1959, 3, 10)}, "aow", "AOW-leeftijd (67) bereikt op 10-3-2026"),
        ({"geboortedatum": D(1959, 3, 11)}, None, "AOW-leeftijd pas morgen: nog plicht"),
        ({"datum_plicht_voldaan": D(2026, 3, 10)}, None, "voldaan vandaag: laatste dag"),
        ({"datum_plicht_voldaan": D(2026, 3, 9)}, "voldaan", "Wi art. 7–9: voldaan"),
        ({"plicht_eindes": [ONTHEFFING]}, "einde_ontheffing", "DUO: volledige ontheffing"),
        (
            {"plicht_eindes": [PlichtEindeFeit("ontheffing", "x", D(2026, 3, 10))]},
            None,
            "DUO: einddatum inclusief — op de laatste dag nog plicht",
        ),
        ({"plicht_eindes": [TIJDELIJK]}, "einde_tijdelijke_vrijstelling", "tijdelijk"),
        (
            {"plicht_eindes": [TIJDELIJK], "op": D(2026, 9, 30)},
            "einde_tijdelijke_vrijstelling",
            "laatste dag van de tijdelijke vrijstelling",
        ),
        (
            {"plicht_eindes": [TIJDELIJK], "op": D(2026, 10, 1)},
            None,
            "DUO SS129/SS130: plicht hervat na de tijdelijke vrijstelling",
        ),
    ],
)
def test_geen_plicht(kwargs, code, bron):
    args = {"regime": "WI2021", "op": D(2026, 3, 10), **kwargs}
    geen = rules.geen_plicht(**args)
    assert (geen.code if geen else None) == code, bron
    if geen:
        assert geen.bericht and geen.bron
