"""Every indicator on a small hand-built data set. The expected numbers are worked
out by hand in the comments; the data set is built in ``data`` below.

Period: 1 January – 30 June 2025; "today" is frozen at 15 July 2025.

    dossier  doelgroep          status      start plicht  DUO SS139   vestiging   koppeling
    D1       asielstatushouder  uitvoering  2024-10-01    2024-10-15  2024-11-01  2024-09-01
    D2       asielstatushouder  uitvoering  2024-12-20    2025-01-02  2025-01-05  –
    D3       gezinsmigrant      uitvoering  2025-01-15    2025-02-01  2025-01-20  –
    D4       gezinsmigrant      uitvoering  2025-01-05    –           2025-01-10  –
    D5       nareiziger         afgerond    2021-06-01    –           2021-07-01  –   (Wi 2013)
    D6       asielstatushouder  afgerond    2022-03-01    –           2022-03-10  –
    D7       gezinsmigrant      afgerond    2022-04-15    –           2022-04-01  –
    D8       overige_migrant    aangemeld   2025-05-20    –           2025-06-01  –
    D9       asielstatushouder  uitvoering  2024-07-01    –           2024-08-15  2024-07-10
    D10      asielstatushouder (other gemeente: never counted)
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from casefiles.models import Activiteit, MaatschappelijkeBegeleiding, Uitstroom
from casefiles.models import ParticipatieladderMeting as Ladder
from monitoring.indicators import REGISTRY, Filters, bereken
from monitoring.models import BudgetRegel
from tests.factories import GemeenteFactory

from .factories import dossier, pip, pip_taak, traject, uren, zet

VAN, TOT = date(2025, 1, 1), date(2025, 6, 30)


@pytest.fixture
def data(db, time_machine):
    return bouw_data(time_machine)


def bouw_data(time_machine) -> Filters:
    """The hand-built data set of the module docstring; the Filters of the period."""
    time_machine.move_to(datetime(2025, 7, 15, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam")))
    from pip_plans.models import Handhaving, Voortgangsgesprek

    g = GemeenteFactory(naam="Testgemeente", cbs_code="9101")
    elders = GemeenteFactory(naam="Elders", cbs_code="9102")
    A, G, N, OV = "asielstatushouder", "gezinsmigrant", "nareiziger", "overige_migrant"
    d1 = dossier(
        g,
        doelgroep=A,
        status="uitvoering",
        start=date(2024, 10, 1),
        duo=date(2024, 10, 15),
        vestiging=date(2024, 11, 1),
        koppeling=date(2024, 9, 1),
    )
    d2 = dossier(
        g,
        doelgroep=A,
        status="uitvoering",
        start=date(2024, 12, 20),
        duo=date(2025, 1, 2),
        vestiging=date(2025, 1, 5),
    )
    d3 = dossier(
        g,
        doelgroep=G,
        status="uitvoering",
        start=date(2025, 1, 15),
        duo=date(2025, 2, 1),
        vestiging=date(2025, 1, 20),
    )
    d4 = dossier(
        g, doelgroep=G, status="uitvoering", start=date(2025, 1, 5), vestiging=date(2025, 1, 10)
    )
    d5 = dossier(
        g, doelgroep=N, status="afgerond", start=date(2021, 6, 1), vestiging=date(2021, 7, 1)
    )
    d6 = dossier(
        g, doelgroep=A, status="afgerond", start=date(2022, 3, 1), vestiging=date(2022, 3, 10)
    )
    d7 = dossier(
        g, doelgroep=G, status="afgerond", start=date(2022, 4, 15), vestiging=date(2022, 4, 1)
    )
    dossier(
        g, doelgroep=OV, status="aangemeld", start=date(2025, 5, 20), vestiging=date(2025, 6, 1)
    )
    d9 = dossier(
        g,
        doelgroep=A,
        status="uitvoering",
        start=date(2024, 7, 1),
        vestiging=date(2024, 8, 15),
        koppeling=date(2024, 7, 10),
    )
    d10 = dossier(
        elders,
        doelgroep=A,
        status="uitvoering",
        start=date(2024, 10, 1),
        duo=date(2024, 10, 15),
        vestiging=date(2024, 11, 1),
    )

    # PIPs. D1 switched from B1 to Z (v2); a concept v3 does not count.
    p1 = pip(d1, 1, date(2025, 1, 10), "b1")
    pip(d1, 2, date(2025, 5, 1), "z")
    pip(d1, 3, None, "onderwijs", status="concept")
    p2 = pip(d2, 1, date(2025, 3, 20), "z")
    p3 = pip(d3, 1, date(2025, 3, 1), "onderwijs")
    p4 = pip(d4, 1, date(2025, 4, 1), "b1")
    pip(d6, 1, date(2022, 5, 1), "b1")
    pip(d7, 1, date(2022, 6, 1), "b1")
    p10 = pip(d10, 1, date(2025, 1, 10), "b1")
    zet(d1, termijn_start=date(2025, 1, 11))
    zet(d2, termijn_start=date(2025, 3, 21))
    zet(d3, termijn_start=date(2025, 3, 2))
    zet(d4, termijn_start=date(2025, 4, 2))
    zet(d6, termijn_start=date(2022, 5, 2), datum_plicht_voldaan=date(2025, 3, 2))
    zet(d7, termijn_start=date(2022, 6, 2), datum_plicht_voldaan=date(2025, 6, 2))
    zet(d5, datum_plicht_voldaan=date(2025, 5, 1))
    zet(d10, termijn_start=date(2025, 1, 11))
    # The PIP clock is intake.rules.pip_deadline, computed in SQL (no task needed):
    # D4 awaited information from third parties (requested 10 March, arrived 1 April:
    # deadline 15 April). Stale tasks with other dates must not count.
    from tests.intake.factories import BredeIntakeFactory

    BredeIntakeFactory(
        dossier=d4,
        datum=date(2025, 2, 1),
        info_derden_opgevraagd_op=date(2025, 3, 10),
        info_derden_ontvangen_op=date(2025, 4, 1),
        uren=Decimal(0),
    )
    pip_taak(d1, date(2024, 12, 24))
    pip_taak(d2, date(2025, 6, 1))

    # Trajecten
    traject(d1, "b1", "gestopt", date(2025, 1, 20), eind=date(2025, 4, 30), kosten=11600)
    traject(d1, "z", "gestart", date(2025, 5, 5))
    traject(d2, "z", "gestart", date(2025, 3, 25), kosten=10000)
    traject(d3, "onderwijs", "gestart", date(2025, 3, 10), kosten=17000)
    traject(d4, "b1", "aangemeld", date(2025, 4, 10))
    traject(d5, "z", "afgerond", date(2023, 1, 10), eind=date(2025, 4, 15), kosten=9000)
    traject(d6, "b1", "afgerond", date(2022, 5, 10), eind=date(2025, 3, 1), kosten=11000)
    traject(d7, "b1", "afgerond", date(2022, 6, 10), eind=date(2024, 12, 20), kosten=11000)
    traject(d10, "b1", "gestart", date(2025, 1, 20), kosten=11600)
    BudgetRegel.objects.create(
        gemeente=g,
        jaar=2025,
        leerroute="b1",
        budget=Decimal(100000),
        prijs_per_traject=Decimal(12000),
    )
    BudgetRegel.objects.create(
        gemeente=g,
        jaar=2025,
        leerroute="z",
        budget=Decimal(50000),
        prijs_per_traject=Decimal(10500),
    )
    BudgetRegel.objects.create(
        gemeente=g, jaar=2024, leerroute="b1", budget=Decimal(999999), prijs_per_traject=Decimal(1)
    )
    BudgetRegel.objects.create(
        gemeente=elders,
        jaar=2025,
        leerroute="b1",
        budget=Decimal(777777),
        prijs_per_traject=Decimal(1),
    )

    # Hours
    uren(d1, "taal_knm", date(2025, 1, 1), date(2025, 3, 31), 100)
    uren(d1, "intake_taal", date(2025, 1, 1), date(2025, 1, 31), 20)
    uren(d2, "taal_knm", date(2025, 4, 1), date(2025, 6, 30), 150)
    uren(d2, "participatie", date(2025, 4, 1), date(2025, 6, 30), 80)
    uren(d3, "taalstage_werk", date(2025, 2, 1), date(2025, 2, 28), 40)
    uren(d3, "taal_knm", date(2024, 10, 1), date(2024, 12, 31), 999)
    uren(d10, "taal_knm", date(2025, 1, 1), date(2025, 3, 31), 555)

    # Outcomes
    Uitstroom.objects.create(dossier=d1, soort="werk_voltijd", datum=date(2024, 12, 1))
    Uitstroom.objects.create(dossier=d1, soort="eigen_bedrijf", datum=date(2025, 2, 1))
    Uitstroom.objects.create(dossier=d6, soort="werk_deeltijd", datum=date(2025, 3, 15))
    Uitstroom.objects.create(dossier=d6, soort="werk_voltijd", datum=date(2025, 5, 1))
    Uitstroom.objects.create(dossier=d3, soort="opleiding", datum=date(2025, 6, 15))
    Uitstroom.objects.create(dossier=d5, soort="maatschappelijk_actief", datum=date(2025, 4, 1))
    Uitstroom.objects.create(dossier=d10, soort="werk_voltijd", datum=date(2025, 2, 1))

    # Participation activities
    Activiteit.objects.create(dossier=d1, soort="taalstage", start=date(2025, 3, 1))
    Activiteit.objects.create(
        dossier=d9, soort="vrijwilligerswerk", start=date(2024, 12, 1), eind=date(2025, 1, 31)
    )
    Activiteit.objects.create(dossier=d9, soort="koffie_en_taal", start=date(2025, 1, 1))

    # Participatieladder
    Ladder.objects.create(dossier=d1, datum=date(2024, 11, 20), trede=2, bron="intake")
    Ladder.objects.create(dossier=d1, datum=date(2025, 5, 10), trede=4, bron="voortgangsgesprek")
    Ladder.objects.create(dossier=d2, datum=date(2025, 1, 20), trede=2, bron="intake")
    Ladder.objects.create(dossier=d3, datum=date(2025, 2, 10), trede=3, bron="intake")
    Ladder.objects.create(dossier=d3, datum=date(2025, 7, 10), trede=5, bron="handmatig")
    Ladder.objects.create(dossier=d9, datum=date(2024, 9, 1), trede=1, bron="intake")
    Ladder.objects.create(dossier=d9, datum=date(2024, 9, 30), trede=4, bron="intake")

    # Maatschappelijke begeleiding
    MaatschappelijkeBegeleiding.objects.create(
        dossier=d1, start=date(2024, 11, 1), geplande_eind=date(2026, 5, 1)
    )
    MaatschappelijkeBegeleiding.objects.create(
        dossier=d6, start=date(2022, 3, 10), geplande_eind=date(2023, 9, 10), eind=date(2025, 2, 10)
    )
    MaatschappelijkeBegeleiding.objects.create(
        dossier=d5, start=date(2023, 1, 1), geplande_eind=date(2024, 7, 1)
    )
    MaatschappelijkeBegeleiding.objects.create(
        dossier=d9, start=date(2024, 9, 1), geplande_eind=date(2026, 3, 1), eind=date(2025, 3, 1)
    )

    # Voortgangsgesprekken
    def gesprek(d, versie, gepland, status, gehouden=None):
        Voortgangsgesprek.objects.create(
            dossier=d, pip_versie=versie, gepland_op=gepland, status=status, gehouden_op=gehouden
        )

    gesprek(d1, p1, date(2025, 2, 1), "gehouden", date(2025, 2, 10))
    gesprek(d1, p1, date(2025, 5, 1), "gehouden", date(2025, 5, 20))
    gesprek(d2, p2, date(2025, 6, 1), "gepland")
    gesprek(d3, p3, date(2025, 6, 20), "vervallen")
    gesprek(d4, p4, date(2024, 12, 15), "gehouden", date(2024, 12, 15))
    gesprek(d4, p4, date(2025, 6, 28), "gehouden", date(2025, 6, 28))
    gesprek(d10, p10, date(2025, 2, 1), "gepland")

    # Handhaving
    Handhaving.objects.create(
        dossier=d1,
        soort="waarschuwing",
        verplichting="leerroute",
        reden="x",
        datum=date(2025, 2, 1),
        bekendgemaakt_op=date(2025, 2, 2),
    )
    Handhaving.objects.create(
        dossier=d2,
        soort="boete",
        verplichting="leerroute",
        reden="x",
        datum=date(2025, 3, 1),
        bedrag=Decimal(100),
    )
    Handhaving.objects.create(
        dossier=d3, soort="waarschuwing", verplichting="pvt", reden="x", datum=date(2024, 11, 1)
    )
    Handhaving.objects.create(
        dossier=d10,
        soort="boete",
        verplichting="pvt",
        reden="x",
        datum=date(2025, 3, 1),
        bedrag=Decimal(100),
    )

    # Ontzorgen
    from ontzorgen.models import Ontzorgingsplan

    Ontzorgingsplan.objects.create(
        dossier=d1, start=date(2024, 11, 1), geplande_eind=date(2025, 5, 1), eind=date(2025, 5, 1)
    )
    Ontzorgingsplan.objects.create(
        dossier=d2, start=date(2025, 1, 5), geplande_eind=date(2025, 10, 5), verlenging_reden="x"
    )
    Ontzorgingsplan.objects.create(
        dossier=d9, start=date(2024, 8, 15), geplande_eind=date(2025, 2, 15), eind=date(2025, 3, 15)
    )
    Ontzorgingsplan.objects.create(
        dossier=d6, start=date(2022, 4, 1), geplande_eind=date(2022, 10, 1), eind=date(2022, 10, 1)
    )
    Ontzorgingsplan.objects.create(
        dossier=d10, start=date(2025, 1, 5), geplande_eind=date(2025, 10, 5), verlenging_reden="x"
    )
    return Filters(gemeente_ids=(g.pk,), van=VAN, tot=TOT)


def waarden(f: Filters, key: str) -> dict:
    """{categorie: (waarde, n, doel)} of one indicator."""
    return {r.categorie: (r.waarde, r.n, r.doel) for r in bereken(f, [key])}


def test_every_indicator_is_tested_here():
    tested = {name.removeprefix("test_") for name in globals() if name.startswith("test_")}
    assert set(REGISTRY) <= tested, set(REGISTRY) - tested


def test_inburgeraars_doelgroep(data):
    # asiel: D1 D2 D6 D9 = 4; nareiziger: D5 = 1; gezinsmigrant: D3 D4 D7 = 3;
    # overige: D8 = 1. D10 is in another gemeente.
    w = waarden(data, "inburgeraars_doelgroep")
    assert {k: v[0] for k, v in w.items()} == {
        "asielstatushouder": 4,
        "nareiziger": 1,
        "gezinsmigrant": 3,
        "overige_migrant": 1,
    }


def test_inburgeraars_regime(data):
    # Only D5 started before 2022 (Wi 2013); the other 8 are Wi 2021.
    w = waarden(data, "inburgeraars_regime")
    assert (w["WI2021"][0], w["WI2013"][0]) == (8, 1)


def test_inburgeraars_status(data):
    # uitvoering: D1 D2 D3 D4 D9 = 5; afgerond: D5 D6 D7 = 3; aangemeld: D8 = 1.
    w = waarden(data, "inburgeraars_status")
    assert {k: v[0] for k, v in w.items() if v[0]} == {
        "uitvoering": 5,
        "afgerond": 3,
        "aangemeld": 1,
    }


def test_instroom_kwartaal(data):
    # instroom = koppeling, else vestiging, else start plicht; in the period:
    # D2 (2025-01-05), D3 (01-20), D4 (01-10) in K1; D8 (06-01) in K2.
    # D1 and D9 were gekoppeld in 2024; D5, D6, D7 settled years ago.
    w = waarden(data, "instroom_kwartaal")
    assert {k: v[0] for k, v in w.items()} == {"2025-K1": 3, "2025-K2": 1}


def test_route_verdeling(data):
    # Termijn started in the period: D1, D2, D3, D4 (4). Current route: D1 z (v2
    # replaced the B1 PIP; the concept v3 does not count), D2 z, D3 onderwijs, D4 b1.
    # b1 1/4 = 25.0 %, z 2/4 = 50.0 %, onderwijs 1/4 = 25.0 %.
    w = waarden(data, "route_verdeling")
    assert w["b1"][:2] == (Decimal("25.0"), 1)
    assert w["z"][:2] == (Decimal("50.0"), 2)
    assert w["onderwijs"][:2] == (Decimal("25.0"), 1)
    assert (w["b1"][2], w["z"][2], w["onderwijs"][2]) == (40, 40, 20)


def test_plicht_voldaan(data):
    # voldaan in the period: D5 (05-01), D6 (03-02), D7 (06-02) = 3
    assert waarden(data, "plicht_voldaan")[""][0] == 3


def test_uitstroom(data):
    # In the period, distinct persons: werk D1 (eigen bedrijf 02-01; the 2024 job is
    # outside) and D6 (twice, counted once) = 2; opleiding D3 = 1; maatsch. actief D5 = 1.
    w = waarden(data, "uitstroom")
    assert (w["werk"][0], w["opleiding"][0], w["maatschappelijk_actief"][0]) == (2, 1, 1)


def test_route_resultaat(data):
    # Voldaan in the period: D6 (b1), D7 (b1), D5 (z via its trajectory, no PIP).
    # b1: D6 has paid work, D7 nothing → 1/2 = 50.0 % (target 75);
    # z: D5 maatschappelijk actief → 1/1 = 100.0 % (target 60); onderwijs: none.
    w = waarden(data, "route_resultaat")
    assert w["b1"] == (Decimal("50.0"), 1, Decimal(75))
    assert w["z"] == (Decimal("100.0"), 1, Decimal(60))
    assert w["onderwijs"][0] is None


def test_participatie_6m(data):
    # vestiging + 6 months in the period: D1 (2024-11-01 → 2025-05-01) and
    # D9 (2024-08-15 → 2025-02-15). D1 has a taalstage since 03-01 → participates;
    # D9's vrijwilligerswerk ended 01-31 and Koffie en Taal does not count → not.
    # D2 (→ 2025-07-05) falls after the period. 1/2 = 50.0 % (target 75).
    w = waarden(data, "participatie_6m")
    assert w[""] == (Decimal("50.0"), 1, Decimal(75))


def test_participatie_6m_on_the_first_and_last_day_of_the_period(db, time_machine):
    # 6 months after vestiging on the first day (2024-07-01 → 2025-01-01) and on the
    # last day of the period (2024-12-30 → 2025-06-30); the day before (2024-06-30 →
    # 2024-12-30) and the day after (2025-01-01 → 2025-07-01) fall out. (31 December
    # + 6 months differs per database: see docs/monitoring.md.)
    # The first has a running taalstage on 2025-01-01 → 1 of 2 = 50.0 %.
    time_machine.move_to(datetime(2025, 7, 15, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam")))
    g = GemeenteFactory(naam="Randen", cbs_code="9103")
    kwargs = {"doelgroep": "gezinsmigrant", "status": "uitvoering", "start": date(2024, 6, 1)}
    eerste = dossier(g, vestiging=date(2024, 7, 1), **kwargs)
    dossier(g, vestiging=date(2024, 12, 30), **kwargs)
    dossier(g, vestiging=date(2024, 6, 30), **kwargs)
    dossier(g, vestiging=date(2025, 1, 1), **kwargs)
    Activiteit.objects.create(dossier=eerste, soort="taalstage", start=date(2024, 12, 1))
    w = waarden(Filters(gemeente_ids=(g.pk,), van=VAN, tot=TOT), "participatie_6m")
    assert w[""] == (Decimal("50.0"), 1, Decimal(75))


def test_maanden_tot_voldaan(data):
    # D5: 2021-06-01 (no termijn: start plicht) → 2025-05-01 = 1461 − 31 = 1430 days
    # D6: 2022-05-02 → 2025-03-02 = 1096 − 61 = 1035 days
    # D7: 2022-06-02 → 2025-06-02 = 1096 days
    # mean 3561 / 3 = 1187 days / 30.4375 = 38.998 → 39.0 months (target 30)
    w = waarden(data, "maanden_tot_voldaan")
    assert w[""] == (Decimal("39.0"), 3, Decimal(30))


def test_ladder_intake(data):
    # earliest 'intake' measurement: D1 2, D2 2, D3 3, D9 1 (not its later 4)
    w = waarden(data, "ladder_intake")
    assert {k: v[0] for k, v in w.items() if v[0]} == {"1": 1, "2": 2, "3": 1}


def test_ladder_nu(data):
    # latest measurement on/before 30 June: D1 4 (05-10), D2 2, D3 3 (its 5 is
    # from July), D9 4 (09-30)
    w = waarden(data, "ladder_nu")
    assert {k: v[0] for k, v in w.items() if v[0]} == {"2": 1, "3": 1, "4": 2}


def test_mb_duur(data):
    # Ended in the period: D6 2022-03-10 → 2025-02-10 = 1096 − 28 = 1068 days;
    # D9 2024-09-01 → 2025-03-01 = 181 days. Mean 624.5 / 30.4375 = 20.517 → 20.5
    # months (norm 18). Running on 30 June: D1 and D5 = 2; D5 runs since
    # 2023-01-01 = 911 days > 18 × 30.4375 = 547.9 → 1 above the norm.
    w = waarden(data, "mb_duur")
    assert w["duur"] == (Decimal("20.5"), 2, Decimal(18))
    assert w["actief"][0] == 2
    assert w["boven_norm"][0] == 1


def test_pip_op_tijd(data):
    # Wi 2021, first PIP dagtekening in the period; deadline = intake.rules.pip_deadline
    # (10 weeks after the LATER of DUO's notice and the vestiging, Bi art. 5.3):
    # D1 duo 10-15, vestiging 11-01 → 2025-01-10; PIP 01-10 (last day) → on time
    #    (a stale task of 2024-12-24 does not count)
    # D2 duo 01-02, vestiging 01-05 → 03-16; PIP 03-20 → late (task 06-01 ignored)
    # D3 duo 02-01, vestiging 01-20 → 04-12; PIP 03-01 → on time
    # D4 vestiging 01-10 → 03-21, information of third parties arrived 04-01 → 04-15;
    #    PIP 04-01 → on time
    # D6/D7 PIPs are from 2022. 3/4 = 75.0 % (target: gemeente's 95)
    w = waarden(data, "pip_op_tijd")
    assert w[""] == (Decimal("75.0"), 3, Decimal(95))


def test_pip_mediaan_dagen(data):
    # days from the clock start (the later date) to the first PIP: D1 11-01 → 01-10 = 70;
    # D2 01-05 → 03-20 = 74; D3 02-01 → 03-01 = 28; D4 01-10 → 04-01 = 81.
    # sorted 28, 70, 74, 81 → median (70 + 74) / 2 = 72.0 days (target 70)
    w = waarden(data, "pip_mediaan_dagen")
    assert w[""] == (Decimal("72.0"), 4, Decimal(70))


def test_gesprekken_op_tijd(data):
    # planned in the period, not vervallen, held or due (planned < 15 July − 14 days):
    # D1 02-01 held 02-10 (9 days: on time); D1 05-01 held 05-20 (19: late);
    # D2 06-01 not held (due: late); D4 06-28 held 06-28 (on time). D3's is vervallen,
    # D4's 2024 one is outside. 2/4 = 50.0 %.
    w = waarden(data, "gesprekken_op_tijd")
    assert w[""][:2] == (Decimal("50.0"), 2)


def test_handhaving(data):
    # in the period: waarschuwing D1, boete D2; open (not bekendgemaakt): D2, D3
    w = waarden(data, "handhaving")
    assert (w["waarschuwing"][0], w["boete"][0], w["open"][0]) == (1, 1, 2)


def test_trajecten_afgerond(data):
    # afgerond with end in the period: D6 b1 (03-01), D5 z (04-15); D7's ended 2024;
    # D1's B1 trajectory was stopped, not afgerond.
    w = waarden(data, "trajecten_afgerond")
    assert (w["b1"][0], w["z"][0], w["onderwijs"][0]) == (1, 1, 0)


def test_uren_per_persoon(data):
    # taal: D1 100 + 20, D2 150 = 270 / 2 persons = 135.0 (D3's 999 is from 2024)
    # participatie: D2 80 / 1 = 80.0; taalstage/werk: D3 40 / 1 = 40.0
    w = waarden(data, "uren_per_persoon")
    assert w["taal"][:2] == (Decimal("135.0"), 2)
    assert w["participatie"][:2] == (Decimal("80.0"), 1)
    assert w["stage_werk"][:2] == (Decimal("40.0"), 1)


def test_kosten_leerroute(data):
    # registered in the period: b1 D1 11 600 + D4 (no costs: price 12 000) = 23 600;
    # z D2 10 000 + D1's z (no costs: 10 500) = 20 500; onderwijs D3 17 000.
    # Budget pro rata 181/365 days of 2025: b1 100 000 × 181/365 = 49 589.04;
    # z 50 000 × 181/365 = 24 794.52; onderwijs: no budget row.
    w = waarden(data, "kosten_leerroute")
    assert w["b1"] == (Decimal("23600.00"), 2, Decimal("49589.04"))
    assert w["z"] == (Decimal("20500.00"), 2, Decimal("24794.52"))
    assert w["onderwijs"] == (Decimal("17000.00"), 1, None)


def test_ontzorgen(data):
    # active on 30 June: D2 = 1; ended in the period at 6 months: D1 (11-01 → 05-01)
    # = 1 (D9 ended a month later); extended (planned > 6 months) and running in the
    # period: D2 = 1.
    w = waarden(data, "ontzorgen")
    assert (w["actief"][0], w["na_6_maanden"][0], w["verlengd"][0]) == (1, 1, 1)


# --- filters ------------------------------------------------------------------------


def test_filter_cohort(data):
    # plicht started in 2025: D3, D4 (gezinsmigrant), D8 (overige)
    from dataclasses import replace

    w = waarden(replace(data, cohort=2025), "inburgeraars_doelgroep")
    assert {k: v[0] for k, v in w.items() if v[0]} == {"gezinsmigrant": 2, "overige_migrant": 1}


def test_filter_doelgroep(data):
    from dataclasses import replace

    w = waarden(replace(data, doelgroep="gezinsmigrant"), "inburgeraars_status")
    assert {k: v[0] for k, v in w.items() if v[0]} == {"uitvoering": 2, "afgerond": 1}


def test_filter_leerroute(data):
    # current route z: D1 (PIP v2), D2 (PIP), D5 (no PIP: its trajectory)
    from dataclasses import replace

    f = replace(data, leerroute="z")
    w = waarden(f, "inburgeraars_doelgroep")
    assert {k: v[0] for k, v in w.items() if v[0]} == {"asielstatushouder": 2, "nareiziger": 1}
    # and child records follow the same population: uren of D1 + D2 only
    assert waarden(f, "uren_per_persoon")["taal"][:2] == (Decimal("135.0"), 2)


def test_filter_gemeente_limited_to_the_users_gemeenten(data, world):
    # world.beleid works for De Wolden only: asking for the test gemeente gives nothing
    f = Filters.for_user(world.beleid, gemeente_ids=list(data.gemeente_ids), van=VAN, tot=TOT)
    assert f.gemeente_ids == ()
    assert bereken(f) == []
    eigen = Filters.for_user(world.beleid, van=VAN, tot=TOT)
    assert eigen.gemeente_ids == (world.gemeente.pk,)


# --- issue 18: around the plan ---------------------------------------------------------------


def test_kinderen_vve(data):
    # children 2½–4 at the end of the period in households of the population; 5 of 6 in VVE
    from casefiles.models import Dossier, Gezinslid

    dossiers = list(Dossier.objects.filter(gemeente_id__in=data.gemeente_ids).order_by("pk"))
    geboren = date(TOT.year - 3, TOT.month, 1)  # about 3 years old at TOT
    for i in range(6):
        Gezinslid.objects.create(
            inburgeraar=dossiers[i % len(dossiers)].inburgeraar,
            relatie="kind",
            naam=f"Kind {i}",
            geboortedatum=geboren,
            vve_status="vve" if i else "geen",
        )
    elders = Dossier.objects.exclude(gemeente_id__in=data.gemeente_ids).first()
    if elders is not None:  # another gemeente's child is never counted
        Gezinslid.objects.create(
            inburgeraar=elders.inburgeraar,
            relatie="kind",
            naam="X",
            geboortedatum=geboren,
            vve_status="vve",
        )
    w = waarden(data, "kinderen_vve")
    assert w["kinderen"][:2] == (6, 6)
    assert round(float(w["in_vve"][0]), 1) == 83.3
    assert w["in_vve"][1] == 5


def test_kosten_overig(data):
    # other costs dated in the period per budget, against the budget table pro rata
    from casefiles.models import Dossier, Kostenpost
    from monitoring.models import KostenBudget

    dossiers = list(Dossier.objects.filter(gemeente_id__in=data.gemeente_ids).order_by("pk"))
    for i in range(5):
        Kostenpost.objects.create(
            dossier=dossiers[i % len(dossiers)],
            soort="reiskosten",
            budget="participatiebudget",
            datum=VAN,
            bedrag=Decimal("10.00"),
        )
    KostenBudget.objects.create(
        gemeente_id=data.gemeente_ids[0],
        jaar=VAN.year,
        budget="participatiebudget",
        bedrag=Decimal("1000"),
    )
    w = waarden(data, "kosten_overig")
    assert w["participatiebudget"][:2] == (Decimal("50.00"), 5)
    assert w["participatiebudget"][2] is not None and w["participatiebudget"][2] > 0
    assert w["uitvoeringskosten"][1] == 0


def test_duo_geweigerd(data):
    """duo: messages DUO refused (4xx) and messages not sent under DUO's rules, created
    in the period, of the filtered gemeenten only; waiting and sent ones do not count."""
    from datetime import timedelta

    from django.utils import timezone

    from casefiles.models import Gemeente
    from duo.models import BerichtStatus, DuoBericht

    g = Gemeente.objects.get(pk=data.gemeente_ids[0])
    elders = Gemeente.objects.exclude(pk=g.pk).first() or GemeenteFactory()
    binnen = timezone.make_aware(datetime(VAN.year, VAN.month, VAN.day, 12))
    buiten = binnen - timedelta(days=400)
    for i, (gem, status, op) in enumerate(
        [
            (g, BerichtStatus.GEWEIGERD, binnen),
            (g, BerichtStatus.GEWEIGERD, binnen),
            (g, BerichtStatus.ONGELDIG, binnen),
            (g, BerichtStatus.VERZONDEN, binnen),
            (g, BerichtStatus.WACHT, binnen),
            (g, BerichtStatus.GEWEIGERD, buiten),
            (elders, BerichtStatus.GEWEIGERD, binnen),
        ]
    ):
        DuoBericht.objects.create(
            gemeente=gem,
            soort="pip",
            methode="POST",
            api="PIP",
            dedup_key=f"t{i}",
            status=status,
            aangemaakt_op=op,
        )
    w = waarden(data, "duo_geweigerd")
    assert w["geweigerd"][0] == 2
    assert w["ongeldig"][0] == 1
