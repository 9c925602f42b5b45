"""Item 6 of issue 15: the letter a person can read. "Waarom deze leerroute?" in B1
sentences from the intake facts (never the werkcoach's internal motivation or system
text), a postal address before vaststellen, the end of the termijn and the first
voortgangsgesprek in the letter. The letter is rendered to PNG to look at."""

import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from casefiles.models import Inburgeraar
from intake.rules import RouteFeiten, leerroute_uitleg_b1
from pip_plans import rules, services
from pip_plans.models import PipVersie
from tests.intake.factories import BredeIntakeFactory
from tests.pip_plans.factories import concept, vastgestelde_pip

INTERN = "INTERN: cliënt twijfelt, advies genegeerd, zie mail teamleider"


@pytest.mark.parametrize(
    "route, feiten, moet, mag_niet",
    [
        (
            "b1",
            RouteFeiten(lbt_uitslag="haalbaar", opleiding_niveau="beroeps"),
            [
                "Daaruit blijkt dat u Nederlands kunt leren tot niveau B1.",
                "U heeft een beroepsopleiding gedaan.",
            ],
            ["te moeilijk"],
        ),
        (
            "z",
            RouteFeiten(lbt_uitslag="niet_haalbaar", alfabetisering="analfabeet"),
            [
                "niveau B1 nu te moeilijk voor u is",
                "U kunt nog niet lezen en schrijven.",
                "In de Z-route leert u Nederlands in uw eigen tempo.",
            ],
            ["kunt leren tot niveau B1"],
        ),
        (
            "onderwijs",
            RouteFeiten(
                lbt_uitslag="haalbaar",
                opleiding_niveau="vo",
                leeftijd=22,
                beoogde_opleiding="mbo verpleegkunde",
            ),
            ["U wilt graag deze opleiding doen: mbo verpleegkunde.", "U bent jonger dan 28 jaar."],
            [],
        ),
        ("b1", RouteFeiten(), ["Wij hebben met u gepraat over uw school"], []),
    ],
)
def test_waarom_in_b1_sentences_from_the_facts(route, feiten, moet, mag_niet):
    zinnen = leerroute_uitleg_b1(route, feiten)
    tekst = " ".join(zinnen)
    for zin in moet:
        assert zin in tekst
    for zin in mag_niet:
        assert zin not in tekst
    assert zinnen[-1] == "Daarom kiezen wij deze leerroute voor u."
    # B1: short sentences (at most 20 words each), no jargon of the system.
    for zin in tekst.replace("?", ".").split(". "):
        assert len(zin.split()) <= 20, zin
    for jargon in ("leerbaarheidstoets (DUO)", "advies", "route_", "Wi art", "voorlopig"):
        assert jargon not in tekst


def test_vaststellen_needs_a_postal_address(frozen, world):
    Inburgeraar.objects.filter(pk=world.dossier.inburgeraar_id).update(straat="", postcode="")
    world.dossier.inburgeraar.refresh_from_db()
    v = concept(world.dossier)
    codes = {w.code for w in services.pip_controle(versie=v, dagtekening=date(2026, 3, 9))}
    assert "postadres" in codes
    w = next(
        x
        for x in rules.vaststellen_weigeringen(
            services.vaststelling_feiten(v, dagtekening=date(2026, 3, 9))
        )
        if x.code == "postadres"
    )
    assert "Gegevens wijzigen" in w.bericht


def _tekst(brief) -> str:
    with brief.bestand.open("rb") as f:
        reader = PdfReader(io.BytesIO(f.read()))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def test_letter_explains_the_route_from_the_intake_and_gives_termijn_and_gesprek(
    frozen, world, tmp_path
):
    BredeIntakeFactory(
        dossier=world.dossier,
        afgerond=True,
        lbt_uitslag="haalbaar",
        opleiding_niveau="beroeps",
        keuze_motivatie=INTERN,
    )
    v = vastgestelde_pip(
        world.dossier, world.werkcoach, dagtekening=date(2026, 3, 9), motivatie=INTERN
    )
    assert PipVersie.objects.get(pk=v.pk).motivatie == INTERN  # kept in the dossier
    brief = services.brief_genereren(versie=v)
    tekst = _tekst(brief)
    assert "Daaruit blijkt dat u Nederlands kunt leren tot niveau B1." in tekst
    assert "U heeft een beroepsopleiding gedaan." in tekst
    assert "INTERN" not in tekst and "teamleider" not in tekst.split("Met vriendelijke")[0]
    # The last day of the termijn (Wi art. 11: starts the day after the dagtekening,
    # 3 years; DUO's einddatum 10 maart 2029 is exclusive).
    assert "om in te burgeren: tot en met 9 maart 2029." in tekst
    assert "Het eerste gesprek is rond 9 juni 2026" in tekst
    # Look at it: page 1 and 2 as PNG (pdftoppm).
    if shutil.which("pdftoppm"):
        pdf = tmp_path / "brief.pdf"
        with brief.bestand.open("rb") as f:
            pdf.write_bytes(f.read())
        uit = Path("test-artifacts")
        uit.mkdir(exist_ok=True)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "70",
                "-f",
                "1",
                "-l",
                "2",
                str(pdf),
                str(uit / "pip-brief"),
            ],
            check=True,
        )
        assert (uit / "pip-brief-1.png").stat().st_size > 10_000
