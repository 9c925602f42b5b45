"""Table-driven tests of the PIP rules; every row names its source."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from pip_plans import rules
from pip_plans.rules import VaststellingFeiten, vaststellen_weigeringen

BASIS = VaststellingFeiten(
    regime="WI2021",
    dagtekening=date(2026, 3, 1),
    vandaag=date(2026, 3, 10),
    leerroute="b1",
    niveau="B1",
    reden="initieel",
    is_asiel=True,
    heeft_bijstand=False,
    datum_start_plicht=date(2026, 1, 1),
    datum_vestiging=date(2026, 1, 15),
    motivatie="Leerbaarheidstoets hoog.",
    aantal_doelen=1,
    pvt_uren=12,
)

WIJZIGING = replace(
    BASIS,
    eerste_pip=False,
    reden="wijziging",
    dagtekening=date(2026, 9, 1),
    vandaag=date(2026, 9, 2),
    vorige_dagtekening=date(2026, 3, 1),
    eerste_dagtekening=date(2026, 3, 1),
    vorige_leerroute="b1",
    vorige_niveau="B1",
    termijn_start=date(2026, 3, 2),
)


def codes(feiten):
    return {w.code for w in vaststellen_weigeringen(feiten)}


def test_a_complete_first_pip_passes():
    assert vaststellen_weigeringen(BASIS) == []


@pytest.mark.parametrize(
    ("bron", "wijziging", "code"),
    [
        ("Wi overgangsrecht: WI2013 has no PIP beschikking", {"regime": "WI2013"}, "wi2013"),
        ("DUO: dagtekening required", {"dagtekening": None}, "dagtekening_leeg"),
        (
            "Awb 3:40: no future dagtekening",
            {"dagtekening": date(2026, 3, 11)},
            "dagtekening_toekomst",
        ),
        (
            "DUO: not before start plicht",
            {"dagtekening": date(2025, 12, 31), "datum_vestiging": None},
            "voor_start_plicht",
        ),
        ("DUO: not before vestiging", {"dagtekening": date(2026, 1, 14)}, "voor_vestiging"),
        (
            "DUO: A2 never with onderwijsroute",
            {"leerroute": "onderwijs", "niveau": "A2"},
            "a2_onderwijs",
        ),
        ("DUO: B1 never with Z-route", {"leerroute": "z", "niveau": "B1"}, "b1_z"),
        ("DUO: A2 not in first PIP of B1-route", {"niveau": "A2"}, "a2_eerste_b1"),
        ("DUO: level required in B1/onderwijs", {"niveau": ""}, "niveau_leeg"),
        (
            "DUO: intensity only B1-route",
            {"leerroute": "z", "niveau": "", "geschatte_intensiteit_b1": 600},
            "intensiteit_niet_toegestaan",
        ),
        (
            "DUO: intensity only asiel",
            {"is_asiel": False, "geschatte_intensiteit_b1": 600},
            "intensiteit_niet_toegestaan",
        ),
        ("Bi 3.1: PVT >= 12 h", {"pvt_uren": 8}, "pvt_uren"),
        (
            "Wi art. 8: no MAP in onderwijsroute",
            {"leerroute": "onderwijs", "heeft_map": True},
            "map_onderwijs",
        ),
        ("Wi art. 13: MB only asiel", {"is_asiel": False, "heeft_mb": True}, "alleen_asiel"),
        (
            "Pw 56a: ontzorgen only asiel",
            {"is_asiel": False, "heeft_ontzorgen": True},
            "alleen_asiel",
        ),
        (
            "Wi art. 15: Pw obligations with bijstand",
            {"heeft_bijstand": True},
            "participatiewet_leeg",
        ),
        ("RvS 2024:5413: motivation", {"motivatie": "  "}, "motivatie_leeg"),
        ("Wi art. 15: at least one goal", {"aantal_doelen": 0}, "geen_doelen"),
        (
            "Wi art. 15: real goals, not the draft's placeholder",
            {"aantal_doelen_concepttekst": 1},
            "doelen_concepttekst",
        ),
        (
            "Wi art. 13: provider must work for the gemeente",
            {"aanbieder_voor_gemeente": False},
            "aanbieder_gemeente",
        ),
        ("DUO: provider must offer the route", {"aanbieder_biedt_route": False}, "aanbieder_route"),
        ("Wi art. 15: first PIP reason", {"reden": "schakelen"}, "reden_eerste"),
    ],
)
def test_first_pip_refusals(bron, wijziging, code):
    assert code in codes(replace(BASIS, **wijziging)), bron


@pytest.mark.parametrize(
    ("bron", "wijziging", "verwacht"),
    [
        (
            "DUO: not before the previous PIP",
            {"dagtekening": date(2026, 2, 28), "vandaag": date(2026, 9, 2)},
            "voor_vorige_pip",
        ),
        ("Wi art. 15: change needs a reason", {"reden": "initieel"}, "reden_initieel"),
        (
            "Divosa: route change is schakelen",
            {"leerroute": "z", "niveau": ""},
            "route_zonder_schakelen",
        ),
        (
            "Schulinck: verhuizing keeps the route",
            {"reden": "verhuizing", "leerroute": "z", "niveau": ""},
            "route_zonder_schakelen",
        ),
        ("Divosa: schakelen means another route", {"reden": "schakelen"}, "schakelen_zelfde_route"),
        (
            "Divosa: schakelen within 1.5 years",
            {
                "reden": "schakelen",
                "leerroute": "z",
                "niveau": "",
                "dagtekening": date(2027, 9, 3),
                "vandaag": date(2027, 9, 3),
            },
            "schakelen_te_laat",
        ),
        (
            "Wi art. 17: lower level is afschalen",
            {"niveau": "A2"},
            "niveau_omlaag_zonder_afschalen",
        ),
        (
            "Wi art. 17: afschalen only in B1-route",
            {
                "reden": "afschalen",
                "vorige_leerroute": "z",
                "leerroute": "z",
                "niveau": "A2",
                "cursus_uren": Decimal(700),
            },
            "afschalen_niet_b1",
        ),
        (
            "Bi 5.5: afschalen after 600 h",
            {"reden": "afschalen", "niveau": "A2", "cursus_uren": Decimal("599.5")},
            "afschalen_te_weinig_uren",
        ),
        (
            "Bi 5.5: hours unknown",
            {"reden": "afschalen", "niveau": "A2", "cursus_uren": None},
            "afschalen_uren_onbekend",
        ),
    ],
)
def test_change_refusals(bron, wijziging, verwacht):
    assert verwacht in codes(replace(WIJZIGING, **wijziging)), bron


@pytest.mark.parametrize(
    ("bron", "wijziging"),
    [
        (
            "Divosa: schakelen within 1.5 years is fine",
            {"reden": "schakelen", "leerroute": "z", "niveau": ""},
        ),
        (
            "Divosa: onderwijs → B1 always",
            {
                "reden": "schakelen",
                "vorige_leerroute": "onderwijs",
                "dagtekening": date(2028, 6, 1),
                "vandaag": date(2028, 6, 1),
            },
        ),
        (
            "Bi 5.5: afschalen at exactly 600 h",
            {"reden": "afschalen", "niveau": "A2", "cursus_uren": Decimal(600)},
        ),
        (
            "DUO: A2 after the first PIP of the B1-route",
            {"reden": "afschalen", "niveau": "A2", "cursus_uren": Decimal(800)},
        ),
        ("Schulinck: verhuizing with the same route", {"reden": "verhuizing"}),
    ],
)
def test_allowed_changes(bron, wijziging):
    assert vaststellen_weigeringen(replace(WIJZIGING, **wijziging)) == [], bron


def test_all_refusals_are_returned_at_once():
    feiten = replace(BASIS, leerroute="z", niveau="B1", motivatie="", aantal_doelen=0)
    assert {"b1_z", "motivatie_leeg", "geen_doelen"} <= codes(feiten)
    for w in vaststellen_weigeringen(feiten):
        assert w.bericht and w.bron


@pytest.mark.parametrize(
    ("dagtekening", "start", "eind", "bron"),
    [
        (
            date(2026, 3, 1),
            date(2026, 3, 2),
            date(2029, 3, 1),
            "Wi art. 11: day after, 3 years; last day = DUO's exclusive einddatum − 1",
        ),
        (date(2027, 2, 27), date(2027, 2, 28), date(2030, 2, 27), "Wi art. 11"),
        (
            date(2028, 2, 28),
            date(2028, 2, 29),
            date(2031, 2, 28),
            "Wi art. 11: start on a leap day runs until 28 Feb (ends when 1 March begins)",
        ),
        (
            date(2026, 1, 30),
            date(2026, 1, 31),
            date(2029, 1, 30),
            "Wi art. 11: start on a month end",
        ),
        (
            date(2026, 12, 31),
            date(2027, 1, 1),
            date(2029, 12, 31),
            "Wi art. 11: start on 1 January ends on 31 December",
        ),
    ],
)
def test_termijn(dagtekening, start, eind, bron):
    assert rules.termijn_for(dagtekening) == (start, eind), bron


def test_gesprek_schedule_follows_gemeente_policy():
    # Gemeente policy (default 3, 6, 12 then every 6 months) until the end of the termijn.
    data = rules.gesprek_data(
        vanaf=date(2026, 1, 31), maanden=[3, 6, 12], interval=6, tot=date(2029, 2, 1)
    )
    assert data[:4] == [date(2026, 4, 30), date(2026, 7, 31), date(2027, 1, 31), date(2027, 7, 31)]
    assert data[-1] == date(2029, 1, 31)
    assert len(data) == 7


@pytest.mark.parametrize(
    ("today", "kinds"),
    [
        (date(2026, 5, 1), []),
        (date(2026, 5, 3), ["vooraf"]),
        (date(2026, 5, 10), ["vooraf"]),
        (date(2026, 5, 11), ["te_laat"]),
    ],
)
def test_reminders_due(today, kinds):
    # gemeente policy herinnering_dagen = 7
    assert (
        rules.herinneringen_due(gepland_op=date(2026, 5, 10), today=today, dagen_vooraf=7) == kinds
    )


@pytest.mark.parametrize(
    ("soort", "bedrag", "waarschuwing", "beleid", "velden", "bron"),
    [
        ("waarschuwing", None, None, False, set(), "a waarschuwing is always possible"),
        ("waarschuwing", Decimal(50), None, False, {"bedrag"}, "a waarschuwing has no amount"),
        ("boete", Decimal(800), date(2026, 1, 1), False, set(), "Wi: max € 800 inclusive"),
        ("boete", Decimal("800.01"), date(2026, 1, 1), False, {"bedrag"}, "Wi: max € 800"),
        ("boete", None, date(2026, 1, 1), False, {"bedrag"}, "a boete has an amount"),
        ("boete", Decimal(200), None, False, {"soort"}, "last resort: waarschuwing first"),
        (
            "boete",
            Decimal(200),
            date(2026, 2, 1),
            False,
            {"soort"},
            "the waarschuwing must be earlier",
        ),
        ("boete", Decimal(200), None, True, set(), "gemeente policy: boete without waarschuwing"),
    ],
)
def test_handhaving(soort, bedrag, waarschuwing, beleid, velden, bron):
    fouten = rules.handhaving_weigeringen(
        soort=soort,
        bedrag=bedrag,
        datum=date(2026, 2, 1),
        vandaag=date(2026, 2, 2),
        datum_overtreding=date(2026, 1, 20),
        eerdere_waarschuwing=waarschuwing,
        boete_zonder_waarschuwing=beleid,
    )
    assert set(fouten) == velden, bron
