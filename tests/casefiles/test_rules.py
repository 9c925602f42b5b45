"""Rule tables of the core. Each row cites the source of its expected value."""

from datetime import date

import pytest

from casefiles import rules
from casefiles.choices import Doelgroep, DossierStatus, Regime


@pytest.mark.parametrize(
    ("bsn", "valid", "source"),
    [
        ("111222333", True, "elfproef: 9*1+8*1+7*1+6*2+5*2+4*2+3*3+2*3-1*3 = 66, divisible by 11"),
        ("123456782", True, "elfproef: weighted sum 154 = 14*11"),
        ("123456789", False, "elfproef: weighted sum 147 not divisible by 11"),
        ("111222334", False, "elfproef: last digit changed breaks the check"),
        ("12345678", False, "RvIG: a BSN has 9 digits (8-digit legacy numbers get a leading 0)"),
        ("1234567890", False, "RvIG: a BSN has 9 digits"),
        ("12345678a", False, "RvIG: digits only"),
        ("", False, "empty is not a BSN"),
        ("999990019", True, "RvIG test range 9999xxxxx passing the elfproef"),
    ],
)
def test_bsn_elfproef(bsn, valid, source):
    assert rules.bsn_is_valid(bsn) is valid, source


@pytest.mark.parametrize(
    ("start", "regime", "source"),
    [
        (date(2022, 1, 1), Regime.WI2021, "Wi 2021 overgangsrecht: plicht from 2022-01-01"),
        (date(2021, 12, 31), Regime.WI2013, "Wi 2021 overgangsrecht: ondertussengroep"),
        (date(2026, 11, 22), Regime.WI2021, "any start after 2022"),
        (None, Regime.WI2021, "unknown start: new plichtigen fall under the Wi 2021"),
    ],
)
def test_regime(start, regime, source):
    assert rules.regime_for(start) == regime, source


@pytest.mark.parametrize(
    ("doelgroep", "asiel"),
    [
        (Doelgroep.ASIELSTATUSHOUDER, True),
        (Doelgroep.NAREIZIGER, True),  # Wi art. 13: nareizigers count as asielstatushouders
        (Doelgroep.GEZINSMIGRANT, False),
        (Doelgroep.OVERIGE_MIGRANT, False),
    ],
)
def test_is_asiel(doelgroep, asiel):
    assert rules.is_asiel(doelgroep) is asiel


@pytest.mark.parametrize(
    ("van", "naar", "allowed"),
    [
        (DossierStatus.AANGEMELD, DossierStatus.INTAKE, True),
        (DossierStatus.AANGEMELD, DossierStatus.UITVOERING, False),  # no PIP without intake
        (DossierStatus.INTAKE, DossierStatus.PIP, True),
        (DossierStatus.PIP, DossierStatus.UITVOERING, True),
        (DossierStatus.UITVOERING, DossierStatus.AFGEROND, True),
        (DossierStatus.UITVOERING, DossierStatus.AANGEMELD, False),
        (DossierStatus.AFGEROND, DossierStatus.UITVOERING, True),  # reopen
        (DossierStatus.VERHUISD, DossierStatus.UITVOERING, False),  # final: new gemeente
    ],
)
def test_transitions(van, naar, allowed):
    assert rules.transition_allowed(van, naar) is allowed


def test_mask_bsn_shows_only_last_three():
    assert rules.mask_bsn("111222333") == "******333"


@pytest.mark.parametrize(
    ("d", "maanden", "verwacht"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),  # clipped to the month's end
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year
        (date(2024, 8, 31), 6, date(2025, 2, 28)),  # over the year's end
        (date(2025, 3, 31), -1, date(2025, 2, 28)),  # backwards
        (date(2025, 11, 15), 14, date(2027, 1, 15)),
    ],
)
def test_add_months(d, maanden, verwacht):
    assert rules.add_months(d, maanden) == verwacht


def test_every_app_uses_the_one_add_months():
    from casefiles.begeleiding import rules as mb
    from leerroutes import rules as lr
    from ontzorgen import rules as oz
    from pip_plans import rules as pp

    assert mb.add_months is lr.add_months is oz.add_months is pp.add_months is rules.add_months


@pytest.mark.parametrize(
    ("waarde", "gevaarlijk"),
    [
        ("=1+1", True),
        ("+31 6 1234", True),
        ("-2+3", True),
        ("@SUM(A1)", True),
        ("\t=1", True),
        ("\r=1", True),
        ("-3,5", False),  # a plain negative number stays a number
        ("-12,5 %", False),
        ("<5", False),
        ("De Wolden", False),
        (12, False),
    ],
)
def test_csv_injection_is_neutralised(waarde, gevaarlijk):
    """OWASP CSV injection: cells starting with = + - @ tab CR."""
    from casefiles import csvsafe

    assert csvsafe.gevaarlijk(waarde) is gevaarlijk
    assert csvsafe.neutraliseer(waarde) == (f"'{waarde}" if gevaarlijk else waarde)
