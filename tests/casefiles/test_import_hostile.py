"""Hostile files for both importers (tests/fixtures/hostile/, written by maak.py):
a CR or NUL inside a cell, binary garbage, a 200 KB cell, a broken quote followed by
good rows, dates past 2100, NaN, UTF-16 with and without BOM. Each gives a Dutch
report (bad line with its number and reason, good lines kept) and never a 500, in
the parser, through the upload view, and on confirming."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casefiles import importers
from casefiles.models import Dossier
from leerroutes import importers as voortgang_importers
from tests.factories import DossierFactory, InburgeraarFactory

HIER = Path(__file__).resolve().parent.parent / "fixtures" / "hostile"
BSN = ["999990019", "999990020", "999990032", "999990044", "999990056", "999990068"]

# file -> (good lines, {bad line: part of the Dutch reason}) ; None = file refused
AANMELDINGEN = {
    "cr_in_cel.csv": ([2, 4], {3: "regeleinde (CR)"}),
    "nul_in_cel.csv": ([2, 4], {3: "ongeldig teken (NUL)"}),
    "cel_200kb.csv": ([2, 4], {3: "te lang"}),
    "gebroken_aanhalingsteken.csv": ([2, 4, 5, 6], {3: "aanhalingstekens"}),
    "jaar_na_2100.csv": ([2, 4], {3: "Onmogelijke datum", 5: "Onmogelijke datum"}),
    "nan.csv": ([2, 4], {3: "Onmogelijke datum"}),
    "utf16.csv": ([2, 3, 4], {}),
    "utf16_zonder_bom.csv": ([2, 3], {}),
    "binair.csv": None,
}
VOORTGANG = {
    "cr_in_cel.csv": ([2, 4], {3: "regeleinde (CR)"}),
    "nul_in_cel.csv": ([2, 4], {3: "ongeldig teken (NUL)"}),
    "cel_200kb.csv": ([2, 4], {3: "te lang"}),
    "gebroken_aanhalingsteken.csv": ([2, 4, 5, 6], {3: "aanhalingstekens"}),
    "jaar_na_2100.csv": ([2, 4], {3: "Onmogelijke datum"}),
    "nan.csv": ([2, 4], {3: "Geen getal", 5: "Geen getal", 6: "Geen getal"}),
    "utf16.csv": ([2, 3, 4], {}),
    "utf16_zonder_bom.csv": ([2, 3], {}),
    "binair.csv": None,
}


def _check(result, expected):
    if expected is None:
        assert "geen CSV-bestand" in result.file_error
        return
    good, bad = expected
    assert result.file_error == ""
    assert [r.line for r in result.rows] == good
    assert {e.line for e in result.errors} == set(bad)
    for e in result.errors:
        assert bad[e.line] in " ".join(e.reasons), (e.line, e.reasons)


@pytest.mark.parametrize("naam", sorted(AANMELDINGEN))
def test_aanmeldingen_parser(world, naam):
    content = (HIER / "aanmeldingen" / naam).read_bytes()
    _check(importers.parse(content, gemeente=world.gemeente), AANMELDINGEN[naam])


@pytest.mark.parametrize("naam", sorted(AANMELDINGEN))
def test_aanmeldingen_upload_and_confirm_never_500(world, client, naam):
    client.force_login(world.werkcoach)
    content = (HIER / "aanmeldingen" / naam).read_bytes()
    response = client.post(
        reverse("casefiles:import_aanmeldingen"),
        {"gemeente": world.gemeente.pk, "bestand": SimpleUploadedFile(naam, content)},
    )
    assert response.status_code == 200
    body = response.content.decode()
    expected = AANMELDINGEN[naam]
    if expected is None:
        assert "Dit bestand kan niet worden ingelezen" in body
        return
    good, bad = expected
    for line in bad:
        assert f"<td>{line}</td>" in body or f"Regel {line}" in body or f">{line}<" in body
    response = client.post(reverse("casefiles:import_aanmeldingen_bevestigen"))
    assert response.status_code == 200
    assert response.context["result"].created == len(good)
    assert Dossier.objects.filter(gemeente=world.gemeente, inburgeraar__bsn__in=BSN).count() == len(
        good
    )


@pytest.fixture
def aanbieder_met_dossiers(world):
    from tests.leerroutes.factories import AanbiederFactory

    aanbieder = AanbiederFactory(gemeenten=[world.gemeente])
    for bsn in BSN:
        DossierFactory(
            gemeente=world.gemeente,
            inburgeraar=InburgeraarFactory(bsn=bsn, gemeente=world.gemeente),
            in_uitvoering=True,
        )
    return aanbieder


@pytest.mark.parametrize("naam", sorted(VOORTGANG))
def test_voortgang_parser(world, aanbieder_met_dossiers, naam):
    content = (HIER / "voortgang" / naam).read_bytes()
    result = voortgang_importers.parse(content, aanbieder=aanbieder_met_dossiers)
    _check(result, VOORTGANG[naam])


@pytest.mark.parametrize("naam", sorted(VOORTGANG))
def test_voortgang_upload_and_confirm_never_500(world, client, aanbieder_met_dossiers, naam):
    from leerroutes.models import Urenregistratie

    client.force_login(world.werkcoach)
    content = (HIER / "voortgang" / naam).read_bytes()
    response = client.post(
        reverse("leerroutes:import_voortgang"),
        {"aanbieder": aanbieder_met_dossiers.pk, "bestand": SimpleUploadedFile(naam, content)},
    )
    assert response.status_code == 200
    expected = VOORTGANG[naam]
    if expected is None:
        assert "geen CSV-bestand" in response.content.decode()
        return
    response = client.post(reverse("leerroutes:import_voortgang_bevestigen"))
    assert response.status_code == 200
    assert Urenregistratie.objects.filter(aanbieder=aanbieder_met_dossiers).count() == len(
        expected[0]
    )
