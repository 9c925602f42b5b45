"""Rule tables of the leerroutes app. Every row names the source of the expected value."""

from datetime import date
from decimal import Decimal as D

import pytest

from casefiles.choices import Doelgroep, Leerroute, Niveau
from leerroutes import rules


@pytest.mark.parametrize(
    ("doelgroep", "taal", "participatie", "totaal", "bron"),
    [
        (
            Doelgroep.ASIELSTATUSHOUDER,
            D(800),
            D(800),
            None,
            "Bi art. 3.14: 800 taal/KNM én 800 participatie",
        ),
        (
            Doelgroep.NAREIZIGER,
            D(800),
            D(800),
            None,
            "Bi art. 3.14: nareizigers zijn asielmigranten (Wi art. 13)",
        ),
        (
            Doelgroep.GEZINSMIGRANT,
            D(800),
            None,
            None,
            "Bi art. 3.14: gezinsmigrant 800 uur taal en KNM; participatie telt niet",
        ),
        (
            Doelgroep.OVERIGE_MIGRANT,
            D(800),
            None,
            None,
            "Bi art. 3.14: overige migrant 800 uur taal en KNM; participatie telt niet",
        ),
    ],
)
def test_z_route_drempels_per_doelgroep(doelgroep, taal, participatie, totaal, bron):
    d = rules.z_drempels(doelgroep)
    assert (d.taal, d.participatie, d.totaal) == (taal, participatie, totaal), bron


@pytest.mark.parametrize(
    ("doelgroep", "taal", "part", "eindgesprek", "voldaan", "bron"),
    [
        (
            Doelgroep.ASIELSTATUSHOUDER,
            D(800),
            D(800),
            date(2026, 5, 1),
            True,
            "Bi 3.14: beide 800 + eindgesprek",
        ),
        (
            Doelgroep.ASIELSTATUSHOUDER,
            D(1200),
            D(799),
            date(2026, 5, 1),
            False,
            "Bi 3.14: participatie apart 800",
        ),
        (
            Doelgroep.ASIELSTATUSHOUDER,
            D(800),
            D(800),
            None,
            False,
            "Wi art. 9: Z-route eindigt met eindgesprek",
        ),
        (
            Doelgroep.GEZINSMIGRANT,
            D(500),
            D(300),
            date(2026, 5, 1),
            False,
            "Bi 3.14: gezinsmigrant — participatie-uren tellen niet mee",
        ),
        (
            Doelgroep.GEZINSMIGRANT,
            D(800),
            D(0),
            date(2026, 5, 1),
            True,
            "Bi 3.14: gezinsmigrant 800 uur taal en KNM",
        ),
        (
            Doelgroep.OVERIGE_MIGRANT,
            D("799.5"),
            D(900),
            date(2026, 5, 1),
            False,
            "Bi 3.14: 799,5 < 800 taal/KNM",
        ),
    ],
)
def test_z_route_voldaan(doelgroep, taal, part, eindgesprek, voldaan, bron):
    stand = rules.route_voldaan(
        route=Leerroute.Z,
        niveau=Niveau.A1,
        doelgroep=doelgroep,
        uren_taal=taal,
        uren_participatie=part,
        z_eindgesprek=eindgesprek,
    )
    assert stand.voldaan is voldaan, bron


ALLE_B1 = [
    ("lezen", "B1", True),
    ("luisteren", "B1", True),
    ("schrijven", "B1", True),
    ("spreken", "B1", True),
    ("knm", "", True),
]


@pytest.mark.parametrize(
    ("uitslagen", "afgeschaald", "voldaan", "bron"),
    [
        (ALLE_B1, [], True, "Wi art. 7: vier vaardigheden op B1 + KNM"),
        (ALLE_B1[:4], [], False, "Wi art. 7: KNM hoort erbij"),
        (
            [*ALLE_B1[:3], ("spreken", "A2", True), ALLE_B1[4]],
            [],
            False,
            "A2 voldoet niet zonder afschaling",
        ),
        (
            [*ALLE_B1[:3], ("spreken", "A2", True), ALLE_B1[4]],
            ["spreken"],
            True,
            "Wi art. 17: afgeschaald onderdeel op A2",
        ),
        ([*ALLE_B1[:3], ("spreken", "B1", False), ALLE_B1[4]], [], False, "niet behaald telt niet"),
    ],
)
def test_b1_route_voldaan(uitslagen, afgeschaald, voldaan, bron):
    stand = rules.route_voldaan(
        route=Leerroute.B1,
        niveau=Niveau.B1,
        doelgroep=Doelgroep.ASIELSTATUSHOUDER,
        afgeschaald=afgeschaald,
        uitslagen=uitslagen,
    )
    assert stand.voldaan is voldaan, bron


def test_onderwijsroute_vraagt_pip_niveau():
    """DESIGN.md §2: onderwijsroute B1/B2 — with B2 in the PIP, B1 results are not enough."""
    stand = rules.route_voldaan(
        route=Leerroute.ONDERWIJS,
        niveau=Niveau.B2,
        doelgroep="asielstatushouder",
        uitslagen=ALLE_B1,
    )
    assert not stand.voldaan
    assert "Examen lezen (B2)" in stand.open


@pytest.mark.parametrize(
    ("route", "uren", "gehaald", "afgeschaald", "mogelijk", "onderdelen", "bron"),
    [
        (
            Leerroute.B1,
            D(600),
            {"lezen"},
            set(),
            True,
            ["luisteren", "schrijven", "spreken"],
            "Wi 17 / Bi 5.5: ≥ 600 uur",
        ),
        (Leerroute.B1, D("599.5"), set(), set(), False, [], "Bi 5.5: minder dan 600 uur"),
        (Leerroute.Z, D(900), set(), set(), False, [], "Wi 17: alleen B1-route"),
        (Leerroute.ONDERWIJS, D(900), set(), set(), False, [], "Wi 17: alleen B1-route"),
        (
            Leerroute.B1,
            D(700),
            {"lezen", "luisteren"},
            {"spreken"},
            True,
            ["schrijven"],
            "per onderdeel, niet opnieuw",
        ),
        (
            Leerroute.B1,
            D(700),
            {"lezen", "luisteren", "schrijven", "spreken"},
            set(),
            False,
            [],
            "alles behaald",
        ),
    ],
)
def test_afschalen_mogelijk(route, uren, gehaald, afgeschaald, mogelijk, onderdelen, bron):
    advies = rules.afschalen_mogelijk(
        route=route, cursus_uren=uren, gehaald=gehaald, afgeschaald=afgeschaald
    )
    assert advies.mogelijk is mogelijk, bron
    assert advies.onderdelen == onderdelen, bron


@pytest.mark.parametrize(
    ("route", "start", "maanden", "verwacht", "bron"),
    [
        (
            Leerroute.B1,
            date(2026, 1, 15),
            (2, 6, 10),
            date(2026, 10, 1),
            "seeds: ~6 mnd → 15-7, eerste start okt",
        ),
        (
            Leerroute.B1,
            date(2026, 4, 1),
            (2, 6, 10),
            date(2026, 10, 1),
            "seeds: precies 1-10 telt mee",
        ),
        (
            Leerroute.Z,
            date(2026, 1, 15),
            (2, 6, 10),
            date(2027, 2, 1),
            "seeds: ~9 mnd → 15-10, dan feb",
        ),
        (
            Leerroute.B1,
            date(2026, 8, 20),
            (),
            date(2027, 6, 1),
            "standaard feb/jun/okt: 20-2-2027 → juni",
        ),
        (
            Leerroute.B1,
            date(2026, 1, 15),
            (3, 9),
            date(2026, 9, 1),
            "startmaanden van de aanbieder",
        ),
        (
            Leerroute.ONDERWIJS,
            date(2026, 1, 15),
            (2, 6, 10),
            None,
            "Wi art. 8: geen MAP in onderwijsroute",
        ),
        (Leerroute.B1, None, (2, 6, 10), None, "zonder startdatum geen voorstel"),
    ],
)
def test_map_cohort_suggestie(route, start, maanden, verwacht, bron):
    assert (
        rules.map_cohort_suggestie(route=route, route_start=start, startmaanden=maanden) == verwacht
    ), bron


@pytest.mark.parametrize(
    ("route", "toegestaan"),
    [(Leerroute.B1, True), (Leerroute.Z, True), (Leerroute.ONDERWIJS, False)],
)
def test_map_alleen_b1_en_z(route, toegestaan):
    """Wi art. 8."""
    assert rules.map_toegestaan(route) is toegestaan


@pytest.mark.parametrize(
    ("uren", "datum", "compleet", "bron"),
    [
        (D(12), date(2026, 3, 1), True, "Bi art. 3.1: 12 uur + ondertekening"),
        (D("11.5"), date(2026, 3, 1), False, "Bi art. 3.1: minder dan 12 uur"),
        (D(20), None, False, "Bi art. 3.1: eindigt met ondertekening"),
    ],
)
def test_pvt_compleet(uren, datum, compleet, bron):
    assert rules.pvt_compleet(uren=uren, datum_ondertekening=datum) is compleet, bron


TS, TE = date(2025, 1, 10), date(2028, 1, 10)


@pytest.mark.parametrize(
    ("datum", "binnen", "bron"),
    [
        (date(2025, 1, 10), True, "Wi art. 11: eerste dag termijn"),
        (date(2025, 1, 9), False, "voor de termijn"),
        (date(2028, 1, 10), True, "laatste dag"),
        (date(2028, 1, 11), False, "na de termijn"),
    ],
)
def test_binnen_termijn(datum, binnen, bron):
    assert rules.binnen_termijn(datum, TS, TE) is binnen, bron


@pytest.mark.parametrize(
    ("datum", "verwijtbaar", "fout", "bron"),
    [
        (date(2026, 6, 1), "", None, "DUO: binnen termijn, niets opgeven"),
        (date(2024, 12, 1), "", "voor de start", "DUO: niet voor start termijn"),
        (date(2028, 2, 1), "", "verwijtbaar", "DUO: overschrijding vraagt verwijtbaar"),
        (date(2028, 2, 1), "ja", None, "DUO: ja bij overschrijding"),
        (
            date(2026, 6, 1),
            "ja",
            "laat 'verwijtbaar' leeg",
            "DUO: ja alleen bij overschrijding",
        ),
        (
            date(2027, 12, 1),
            "nee",
            "laat 'verwijtbaar' leeg",
            "DUO: voor de einddatum geen verwijtbaar, ook geen nee (issue 11)",
        ),
        (date(2028, 1, 10), "nee", "laat 'verwijtbaar' leeg", "DUO: laatste dag termijn"),
        (date(2028, 1, 11), "", "verwijtbaar is", "DUO: eerste dag na de termijn"),
        (date(2028, 1, 11), "nee", None, "DUO: nee bij overschrijding binnen 2 maanden"),
        (date(2028, 3, 10), "nee", None, "DUO: nee — laatste dag van de 2 maanden"),
        (date(2028, 3, 11), "nee", "Kies 'ja'", "DUO: nee niet meer na 2 maanden (issue 11)"),
        (date(2028, 3, 11), "ja", None, "DUO: ja blijft mogelijk"),
    ],
)
def test_datum_termijn_fouten_duo(datum, verwijtbaar, fout, bron):
    fouten = rules.datum_termijn_fouten(
        datum=datum,
        wat="datum eindgesprek",
        termijn_start=TS,
        termijn_eind=TE,
        verwijtbaar=verwijtbaar,
        today=date(2028, 6, 1),
    )
    if fout is None:
        assert fouten == [], bron
    else:
        assert any(fout in f for f in fouten), (bron, fouten)


def test_datum_in_de_toekomst_geweigerd():
    """DUO: de datum eindgesprek MAP / ondertekening PVT mag niet in de toekomst liggen."""
    fouten = rules.datum_termijn_fouten(
        datum=date(2026, 6, 2),
        wat="datum",
        termijn_start=TS,
        termijn_eind=TE,
        verwijtbaar="",
        today=date(2026, 6, 1),
    )
    assert fouten == ["De datum kan niet in de toekomst liggen."]


@pytest.mark.parametrize(
    ("kwargs", "fout", "bron"),
    [
        ({}, None, "DUO: alles in orde"),
        (
            {"doelgroep": Doelgroep.GEZINSMIGRANT},
            "alleen voor asielstatushouders",
            "DUO: alleen asielmigrant",
        ),
        ({"heeft_pip": False}, "na een vastgesteld PIP", "DUO: persoon heeft een PIP"),
        ({"datum_aanbod": date(2025, 1, 1)}, "dagtekening", "DUO: niet voor dagtekening PIP"),
        (
            {"aanvang_taalschakeltraject": date(2025, 2, 15)},
            "datum inburgeringsaanbod",
            "DUO: aanvang niet voor aanbod",
        ),
        ({"einde_cursus": date(2025, 6, 1)}, "einde cursus", "DUO: aanvang niet voor einde cursus"),
        (
            {"aanvang_taalschakeltraject": date(2028, 3, 1), "einde_cursus": None},
            "buiten de inburgeringstermijn",
            "DUO: binnen termijn",
        ),
    ],
)
def test_inburgeringsaanbod_regels_duo(kwargs, fout, bron):
    base = {
        "doelgroep": Doelgroep.ASIELSTATUSHOUDER,
        "heeft_pip": True,
        "pip_dagtekening": date(2025, 1, 9),
        "datum_aanbod": date(2025, 3, 1),
        "aanvang_taalschakeltraject": date(2025, 5, 1),
        "einde_cursus": date(2025, 4, 30),
        "termijn_start": TS,
        "termijn_eind": TE,
    }
    fouten = rules.aanbod_fouten(**{**base, **kwargs})
    if fout is None:
        assert fouten == [], bron
    else:
        assert any(fout in f for f in fouten), (bron, fouten)


@pytest.mark.parametrize(
    ("doelgroep", "poging", "kosten", "bron"),
    [
        (Doelgroep.ASIELSTATUSHOUDER, 1, D("0.00"), "DUO: 2 gratis pogingen"),
        (Doelgroep.ASIELSTATUSHOUDER, 2, D("0.00"), "DUO: 2 gratis pogingen"),
        (Doelgroep.ASIELSTATUSHOUDER, 3, D("50.00"), "DUO: daarna € 50"),
        (Doelgroep.GEZINSMIGRANT, 1, D("50.00"), "DUO: € 50 per examen"),
    ],
)
def test_examen_kosten(doelgroep, poging, kosten, bron):
    assert rules.examen_kosten(doelgroep=doelgroep, poging=poging) == kosten, bron


@pytest.mark.parametrize(
    ("start", "eind", "maximum"),
    [
        (date(2026, 1, 1), date(2026, 1, 1), D(10)),
        (date(2026, 1, 1), date(2026, 1, 7), D(40)),
        (date(2026, 1, 1), date(2026, 1, 31), D(200)),
    ],
)
def test_max_uren_periode(start, eind, maximum):
    """Gemeente policy: at most 10 hours a day and 40 a week."""
    assert rules.max_uren_periode(start, eind) == maximum


def test_termijn_signalen_6_en_2_maanden():
    """Issue 5 / DUO verwijtbaar window: 6 and 2 months before the end."""
    assert rules.termijn_signaal_datums(date(2028, 1, 31)) == {
        6: date(2027, 7, 31),
        2: date(2027, 11, 30),
    }


@pytest.mark.parametrize(
    ("van", "naar", "ok"),
    [
        ("aangemeld", "gestart", True),
        ("aangemeld", "wachtlijst", True),
        ("gestart", "onderbroken", True),
        ("onderbroken", "gestart", True),
        ("gestart", "afgerond", True),
        ("afgerond", "gestart", False),
        ("gestopt", "gestart", False),
        ("aangemeld", "afgerond", False),
    ],
)
def test_traject_overgangen(van, naar, ok):
    assert rules.traject_overgang_toegestaan(van, naar) is ok


def test_traject_kosten_alleen_asiel():
    """Wi art. 13 / DESIGN.md §2: the gemeente buys the leerroute for asielmigranten only."""
    assert rules.traject_kosten(doelgroep="asielstatushouder", prijs=D(10000)) == D(10000)
    assert rules.traject_kosten(doelgroep="gezinsmigrant", prijs=D(10000)) is None
