"""The PIP rules at the edges (issue 11): schakelen in every direction and on the
last day of the window, verhuizing keeps route and termijn, DUO's niveau rule for
the person's first PIP in any gemeente, no plicht no PIP. Every row names its
source; each wrong case gives exactly one refusal (one clear reason)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from casefiles.rules import GeenPlicht
from pip_plans.rules import VaststellingFeiten, vaststellen_weigeringen

D = date
# termijn started 2 March 2026: schakelen until and including 1 September 2027
WIJZIGING = VaststellingFeiten(
    regime="WI2021",
    dagtekening=D(2026, 9, 1),
    vandaag=D(2026, 9, 2),
    leerroute="b1",
    niveau="B1",
    reden="wijziging",
    is_asiel=True,
    heeft_bijstand=False,
    datum_start_plicht=D(2026, 1, 1),
    datum_vestiging=D(2026, 1, 15),
    motivatie="Leerbaarheidstoets en voortgang.",
    aantal_doelen=1,
    pvt_uren=12,
    eerste_pip=False,
    vorige_dagtekening=D(2026, 3, 1),
    eerste_dagtekening=D(2026, 3, 1),
    vorige_leerroute="b1",
    vorige_niveau="B1",
    termijn_start=D(2026, 3, 2),
)


def codes(feiten):
    return [w.code for w in vaststellen_weigeringen(feiten)]


SEPTEMBER = D(2026, 9, 1)


def schakel(van, naar, niveau, dag=SEPTEMBER, **extra):
    return replace(
        WIJZIGING,
        reden="schakelen",
        vorige_leerroute=van,
        vorige_niveau="" if van == "z" else "B1",
        leerroute=naar,
        niveau=niveau,
        dagtekening=dag,
        vandaag=dag,
        **extra,
    )


@pytest.mark.parametrize(
    ("feiten", "bron"),
    [
        (schakel("b1", "z", "A2"), "Divosa: B1 → Z; A2 with a route change is schakelen"),
        (schakel("b1", "z", ""), "DUO PIP: Z-route without a level"),
        (schakel("z", "b1", "B1"), "Divosa: Z → B1 within 1.5 years"),
        (schakel("onderwijs", "z", "A2"), "issue 11: onderwijs → Z within the window"),
        (schakel("z", "onderwijs", "B1"), "issue 11: Z → onderwijs within the window"),
        (schakel("onderwijs", "b1", "B1", D(2029, 2, 1)), "Divosa: onderwijs → B1 always"),
        (schakel("b1", "z", "A2", D(2027, 9, 1)), "Divosa: last day of the 1.5 years"),
    ],
)
def test_allowed_route_changes(feiten, bron):
    assert codes(feiten) == [], bron


@pytest.mark.parametrize(
    ("feiten", "code", "bron"),
    [
        (schakel("b1", "z", "A2", D(2027, 9, 2)), "schakelen_te_laat", "Divosa: day after"),
        (schakel("z", "b1", "B1", D(2027, 9, 2)), "schakelen_te_laat", "Divosa: 1.5 years"),
        (schakel("onderwijs", "z", "A2", D(2027, 9, 2)), "schakelen_te_laat", "issue 11"),
        (schakel("b1", "onderwijs", "B1"), "schakelen_niet_toegestaan", "issue 11: not listed"),
        (schakel("b1", "z", "B1"), "b1_z", "DUO: B1 never with the Z-route"),
        (schakel("z", "onderwijs", "A2"), "a2_onderwijs", "DUO: A2 never with onderwijs"),
        (
            replace(schakel("b1", "z", "A2"), reden="wijziging"),
            "route_zonder_schakelen",
            "Schulinck: another route is schakelen (not 'afschalen')",
        ),
        (
            replace(schakel("b1", "z", "A2"), reden="afschalen"),
            "afschalen_niet_b1",
            "Wi art. 17: afschalen only within the B1-route",
        ),
        (
            replace(WIJZIGING, niveau="A2"),
            "niveau_omlaag_zonder_afschalen",
            "Wi art. 17: B1 → A2 in the B1-route is afschalen",
        ),
        (
            replace(WIJZIGING, reden="schakelen"),
            "schakelen_zelfde_route",
            "Divosa: schakelen is another route",
        ),
    ],
)
def test_refused_changes_give_one_reason(feiten, code, bron):
    assert codes(feiten) == [code], bron


def test_afschalen_in_the_b1_route_at_600_hours():
    feiten = replace(WIJZIGING, reden="afschalen", niveau="A2", cursus_uren=Decimal(600))
    assert codes(feiten) == [], "Wi art. 17; Bi art. 5.5: ≥ 600 hours"


VERHUIZING = replace(
    WIJZIGING,
    eerste_pip=True,
    reden="verhuizing",
    vorige_dagtekening=None,
    vorige_leerroute="",
    vorige_niveau="",
    eerste_dagtekening=D(2025, 6, 1),
    eerdere_pip_elders=True,
    elders_leerroute="b1",
    termijn_start=D(2025, 6, 2),
)


@pytest.mark.parametrize(
    ("wijziging", "verwacht", "bron"),
    [
        ({}, [], "Wi art. 11 lid 2–3: verhuizing keeps route and termijn"),
        ({"niveau": "A2"}, [], "DUO: A2 in the B1-route after the person's first PIP (elsewhere)"),
        ({"reden": "initieel"}, ["reden_verhuizing"], "a person who moved: reason verhuizing"),
        ({"leerroute": "z", "niveau": "A2"}, ["verhuizing_andere_route"], "Schulinck"),
        (
            {
                "dagtekening": D(2025, 5, 31),
                "datum_vestiging": None,
                "datum_start_plicht": D(2025, 1, 1),
            },
            ["voor_vorige_pip"],
            "DUO: not before the dagtekening of the initial PIP (any gemeente)",
        ),
        (
            {"eerdere_pip_elders": False, "elders_leerroute": "", "eerste_dagtekening": None},
            ["verhuizing_zonder_gegevens"],
            "verhuizing needs the previous gemeente's data",
        ),
    ],
)
def test_verhuizing(wijziging, verwacht, bron):
    assert codes(replace(VERHUIZING, **wijziging)) == verwacht, bron


def test_a2_in_the_first_pip_of_the_person_is_refused():
    eerste = replace(
        WIJZIGING,
        eerste_pip=True,
        reden="initieel",
        niveau="A2",
        vorige_leerroute="",
        vorige_niveau="",
        vorige_dagtekening=None,
        eerste_dagtekening=None,
        termijn_start=None,
    )
    assert codes(eerste) == ["a2_eerste_b1"], "DUO: A2 not in the first PIP of a B1-route"


@pytest.mark.parametrize(
    ("feiten", "code", "bron"),
    [
        (replace(WIJZIGING, regime="WI2013"), "wi2013", "Wi 2021 overgangsrecht"),
        (
            replace(WIJZIGING, geen_plicht=GeenPlicht("aow", "AOW bereikt.", "Wi art. 3")),
            "aow",
            "Wi art. 3: AOW on the dagtekening",
        ),
        (
            replace(
                WIJZIGING,
                niveau="A2",
                motivatie="",
                geen_plicht=GeenPlicht("einde_ontheffing", "Ontheffing.", "DUO"),
            ),
            "einde_ontheffing",
            "DUO: ontheffing — one reason, no other refusals",
        ),
    ],
)
def test_no_plicht_no_pip_one_reason(feiten, code, bron):
    assert codes(feiten) == [code], bron
