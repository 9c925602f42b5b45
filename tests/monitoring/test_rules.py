"""The small-number rule and the on-track judgement (monitoring.rules)."""

from datetime import date
from decimal import Decimal

import pytest

from monitoring import rules
from monitoring.choices import Eenheid, Koers, Richting


@pytest.mark.parametrize(
    ("waarde", "n", "eenheid", "tekst"),
    [
        # DESIGN.md §2 'small numbers': any count below 5 shows as "<5"
        (0, 0, Eenheid.AANTAL, "<5"),
        (4, 4, Eenheid.AANTAL, "<5"),
        (5, 5, Eenheid.AANTAL, "5"),
        (1234, 1234, Eenheid.AANTAL, "1.234"),
        # ... and any percentage / mean computed from one
        (Decimal("75.0"), 3, Eenheid.PROCENT, "<5"),
        (Decimal("75.0"), 12, Eenheid.PROCENT, "75,0"),
        (Decimal("20.517"), 2, Eenheid.MAANDEN, "<5"),
        (Decimal("23600"), 7, Eenheid.EURO, "€ 23.600,00"),
        (None, None, Eenheid.PROCENT, ""),
    ],
)
def test_weergave(waarde, n, eenheid, tekst):
    assert rules.weergave(waarde, n, eenheid) == tekst


@pytest.mark.parametrize(
    ("waarde", "doel", "richting", "n", "koers"),
    [
        (Decimal(96), Decimal(95), Richting.HOGER, 50, Koers.OP_KOERS),  # PIP op tijd
        (Decimal(94), Decimal(95), Richting.HOGER, 50, Koers.NIET_OP_KOERS),
        (Decimal(29), Decimal(30), Richting.LAGER, 50, Koers.OP_KOERS),  # Dalfsen 30 mnd
        (Decimal(31), Decimal(30), Richting.LAGER, 50, Koers.NIET_OP_KOERS),
        (Decimal(49), Decimal(40), Richting.RICHTWAARDE, 50, Koers.OP_KOERS),  # ±10 pp
        (Decimal(51), Decimal(40), Richting.RICHTWAARDE, 50, Koers.NIET_OP_KOERS),
        (Decimal(99), Decimal(95), Richting.HOGER, 3, Koers.ONBEKEND),  # suppressed
        (Decimal(99), None, Richting.HOGER, 50, Koers.ONBEKEND),
    ],
)
def test_koers(waarde, doel, richting, n, koers):
    assert rules.koers(waarde, doel, richting, n) == koers


def test_targets_of_the_seeds():
    assert rules.ROUTE_VERDELING_DOEL == {"b1": 40, "z": 40, "onderwijs": 20}  # De Wolden §10
    assert rules.ROUTE_RESULTAAT_DOEL == {"b1": 75, "onderwijs": 90, "z": 60}  # De Wolden §10
    assert rules.PARTICIPATIE_DOEL == 75  # Dalfsen §3.3
    assert rules.MAANDEN_TOT_VOLDAAN_DOEL == 30  # Dalfsen §3.3
    assert rules.PIP_OP_TIJD_DOEL == 95  # DESIGN.md §2
    assert rules.MB_NORM_MAANDEN == 18  # De Wolden §10


@pytest.mark.parametrize(
    ("d", "kw", "start", "eind"),
    [
        (date(2025, 2, 10), (2025, 1), date(2025, 1, 1), date(2025, 3, 31)),
        (date(2025, 12, 31), (2025, 4), date(2025, 10, 1), date(2025, 12, 31)),
        (date(2024, 5, 1), (2024, 2), date(2024, 4, 1), date(2024, 6, 30)),
    ],
)
def test_kwartalen(d, kw, start, eind):
    assert rules.kwartaal_van(d) == kw
    assert rules.kwartaal_start(*kw) == start
    assert rules.kwartaal_eind(*kw) == eind
