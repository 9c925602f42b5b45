"""The inzage export holds every kind of data present for a fully filled dossier, in
the JSON and in the PDF, and nothing of another person of the same gemeente."""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse
from pypdf import PdfReader

from privacy.inzage.sections import sections
from tests.privacy.inzage.helpers import verzoek_gereed
from tests.privacy.inzage.vol_dossier import bouw_vol_dossier

pytestmark = pytest.mark.django_db

#: The kinds of record the full dossier of bouw_vol_dossier holds (model labels).
VERWACHTE_SOORTEN = {
    "duo.duobericht",
    "casefiles.inburgeraar",
    "casefiles.dossier",
    "casefiles.doelgroepperiode",
    "casefiles.inburgeringsfeiten",
    "intake.bredeintake",
    "intake.werkervaring",
    "intake.levensdomeinscore",
    "intake.intakegezondheid",
    "pip_plans.pipversie",
    "pip_plans.pipdoel",
    "pip_plans.pipbrief",
    "pip_plans.voortgangsgesprek",
    "pip_plans.gesprekdoeluitkomst",
    "pip_plans.handhaving",
    "casefiles.contactmoment",
    "leerroutes.traject",
    "leerroutes.urenregistratie",
    "leerroutes.examen",
    "leerroutes.mapinschrijving",
    "leerroutes.pvtinschrijving",
    "casefiles.activiteit",
    "casefiles.participatieladdermeting",
    "casefiles.maatschappelijkebegeleiding",
    "casefiles.verwijzing",
    "casefiles.koppeling",
    "casefiles.vrijwilligersignaal",
    "casefiles.gezinslid",
    "ontzorgen.ontzorgingsplan",
    "ontzorgen.vastelast",
    "ontzorgen.betaling",
    "ontzorgen.inhoudingsregel",
    "casefiles.kostenpost",
    "casefiles.startstap",
    "casefiles.taak",
    "casefiles.gebeurtenis",
    "casefiles.deling",
    "casefiles.document",
    "casefiles.accesslog",
    "privacy.inzageverzoek",
}


def _zip(verzoek) -> dict[str, bytes]:
    with verzoek.bestand.open("rb") as fh, zipfile.ZipFile(io.BytesIO(fh.read())) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _pdf_tekst(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    # words as the reader reads them: a line break inside a table cell is a space
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_every_section_of_a_full_dossier_and_nothing_of_another_person(world, client):
    vol = bouw_vol_dossier(
        world, bsn="111222333", voornaam="Saba", achternaam="Ghebremeskel", merk="EIGENMERK"
    )
    ander = bouw_vol_dossier(
        world, bsn="123456782", voornaam="Omar", achternaam="Zwartewater", merk="ANDERMERK"
    )
    # a colleague looked at the dossier: the access log must show it
    client.force_login(world.werkcoach)
    url = reverse("casefiles:dossier_detail", kwargs={"dossier_pk": vol.dossier.pk})
    assert client.get(url).status_code == 200

    verzoek = verzoek_gereed(actor=world.privacy, inburgeraar=vol.dossier.inburgeraar)
    bestanden = _zip(verzoek)
    data = json.loads(bestanden["inzage.json"])
    secties = {s["naam"]: s for s in data["secties"]}
    pdf = _pdf_tekst(bestanden["inzage.pdf"])
    if os.environ.get("INZAGE_DUMP_DIR"):  # to look at the PDF: pdftoppm -png inzage.pdf
        for naam in ("inzage.pdf", "inzage.json"):
            (Path(os.environ["INZAGE_DUMP_DIR"]) / naam).write_bytes(bestanden[naam])

    # every registered section is in the JSON with data, and its title in the PDF
    assert [s.name for s in sections()] == list(secties)
    for section in sections():
        assert secties[section.name]["aantal"] >= 1, f"section {section.name} is empty"
        assert section.title in pdf, f"section {section.name} missing from the PDF"
    assert verzoek.samenvatting == {k: v["aantal"] for k, v in secties.items()}

    # each kind of record the dossier holds (built through the services above)
    soorten = {r["soort"] for s in data["secties"] for r in s["records"]}
    assert soorten >= VERWACHTE_SOORTEN, sorted(VERWACHTE_SOORTEN - soorten)

    # this person's data, in both formats; the cover letter in B1
    tekst_json = bestanden["inzage.json"].decode()
    for waarde in (vol.bsn, "Ghebremeskel", "EIGENMERK", "Rugklachten"):
        assert waarde in tekst_json
    for waarde in ("Ghebremeskel", "Verslag van het huisbezoek EIGENMERK", "Rugklachten"):
        assert waarde in pdf
    assert "Dit zijn de gegevens die wij over u hebben" in pdf
    assert "AVG), artikel 15" in pdf
    assert "Pagina 1 van" in pdf  # the @page rule of static/pdf/briefhoofd.css
    # who looked: the werkcoach's view of the dossier, by name
    toegang = secties["toegang"]["records"]
    assert any(
        r["gegevens"]["medewerker"] == world.werkcoach.get_full_name()
        and r["gegevens"]["actie"] == "view"
        for r in toegang
    )
    # the files: the uploaded document and the PIP letter
    assert any(n.startswith("documenten/") for n in bestanden)
    brieven = [n for n in bestanden if n.startswith("brieven/")]
    assert brieven and bestanden[brieven[0]].startswith(b"%PDF")
    assert b"EIGENMERK" in bestanden[next(n for n in bestanden if n.startswith("documenten/"))]

    # nothing of the other person of the same gemeente, in any file of the export
    for naam, inhoud in bestanden.items():
        tekst = _pdf_tekst(inhoud) if naam in ("inzage.pdf", *brieven) else ""
        for waarde in (ander.bsn, "Zwartewater", "ANDERMERK"):
            assert waarde.encode() not in inhoud, f"{waarde} in {naam}"
            assert waarde not in tekst, f"{waarde} in {naam}"
