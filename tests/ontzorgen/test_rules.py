"""Rule tables of ontzorgen; every row cites the source of the expected value."""

from datetime import date

import pytest

from casefiles.choices import Doelgroep
from ontzorgen import rules
from ontzorgen.choices import BetalingStatus as S


@pytest.mark.parametrize(
    ("doelgroep", "bijstand", "geschikt", "source"),
    [
        (Doelgroep.ASIELSTATUSHOUDER, date(2027, 1, 1), True, "Pw art. 56a: asiel + bijstand"),
        (Doelgroep.NAREIZIGER, date(2027, 1, 1), True, "Pw art. 56a: nareiziger = asielvergunning"),
        (Doelgroep.ASIELSTATUSHOUDER, None, False, "Pw art. 56a: alleen bij bijstand"),
        (Doelgroep.GEZINSMIGRANT, date(2027, 1, 1), False, "Pw art. 56a: geen asielvergunning"),
        (Doelgroep.OVERIGE_MIGRANT, None, False, "Pw art. 56a: beide voorwaarden ontbreken"),
    ],
)
def test_geschiktheid(doelgroep, bijstand, geschikt, source):
    uitslag = rules.geschiktheid(doelgroep=doelgroep, datum_start_bijstand=bijstand)
    assert uitslag.geschikt is geschikt, source
    assert bool(uitslag.redenen) is (not geschikt)


def test_geweigerd_wordt_in_het_nederlands_uitgelegd():
    uitslag = rules.geschiktheid(doelgroep=Doelgroep.GEZINSMIGRANT, datum_start_bijstand=None)
    assert len(uitslag.redenen) == 2
    assert "asielstatushouders en nareizigers" in uitslag.redenen[0]
    assert "startdatum bijstand" in uitslag.redenen[1]


@pytest.mark.parametrize(
    ("start", "minimum", "source"),
    [
        (date(2027, 1, 1), date(2027, 7, 1), "Pw art. 56a: eerste 6 maanden"),
        (date(2027, 8, 31), date(2028, 2, 29), "6 maanden, dag begrensd op schrikkel-februari"),
        (date(2027, 10, 15), date(2028, 4, 15), "6 maanden over de jaargrens"),
    ],
)
def test_minimum_eind(start, minimum, source):
    assert rules.minimum_eind(start) == minimum, source
    assert rules.eind_is_toegestaan(start, minimum)
    assert not rules.eind_is_toegestaan(start, date.fromordinal(minimum.toordinal() - 1))


def test_evaluatie_in_maand_5_en_nazorg_na_3_maanden():
    # issue 6 / gemeente policy: evaluation at the start of month 5; nazorg +3 months
    assert rules.evaluatie_datum(date(2027, 1, 1)) == date(2027, 5, 1)
    assert rules.nazorg_datum(date(2027, 7, 1)) == date(2027, 10, 1)


@pytest.mark.parametrize(
    ("maand", "kwargs", "actief", "why"),
    [
        (date(2027, 1, 1), {}, True, "first month of the plan"),
        (date(2027, 6, 1), {}, True, "month 6: still within the 6-month minimum"),
        (date(2027, 7, 1), {}, False, "plan end (exclusive) 1 July: nothing paid in July"),
        (date(2027, 3, 1), {"afbouw_maand": date(2027, 3, 1)}, False, "afbouw: pays himself"),
        (date(2027, 2, 1), {"afbouw_maand": date(2027, 3, 1)}, True, "month before afbouw"),
        (date(2027, 4, 1), {"eind": date(2027, 3, 31)}, False, "line ended"),
        (date(2026, 12, 1), {}, False, "before the line started"),
    ],
)
def test_regel_actief_in_maand(maand, kwargs, actief, why):
    base = {
        "start": date(2027, 1, 1),
        "eind": None,
        "afbouw_maand": None,
        "plan_start": date(2027, 1, 1),
        "plan_eind": date(2027, 7, 1),
    }
    assert rules.regel_actief_in_maand(maand=maand, **{**base, **kwargs}) is actief, why


@pytest.mark.parametrize(
    ("van", "naar", "ok"),
    [
        (S.GEPLAND, S.GEEXPORTEERD, True),
        (S.GEEXPORTEERD, S.BETAALD, True),
        (S.GEEXPORTEERD, S.MISLUKT, True),
        (S.BETAALD, S.GESTORNEERD, True),
        (S.MISLUKT, S.GEPLAND, True),
        (S.GEPLAND, S.BETAALD, False),  # SEPA: only what went to the bank can be paid
        (S.BETAALD, S.MISLUKT, False),  # a paid payment can only be reversed (storno)
        (S.GESTORNEERD, S.BETAALD, False),
    ],
)
def test_betaling_transitions(van, naar, ok):
    assert rules.betaling_transition_allowed(van, naar) is ok


def test_uitvoerdatum_en_centen():
    assert rules.uitvoerdatum(date(2027, 2, 1), 28) == date(2027, 2, 28)
    from decimal import Decimal

    assert rules.bedrag_in_centen(Decimal("654.20")) == 65420
