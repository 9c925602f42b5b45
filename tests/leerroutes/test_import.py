"""The provider import: a messy file, re-import, the command and the upload pages."""

from datetime import date
from decimal import Decimal as D
from io import StringIO

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from casefiles.models import Gebeurtenis
from leerroutes import importers
from leerroutes.models import Examen, Urenregistratie
from tests.factories import DossierFactory, InburgeraarFactory
from tests.leerroutes.factories import AanbiederFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)


@pytest.fixture
def aanbieder(world):
    return AanbiederFactory(gemeenten=[world.gemeente], duo_code="BOW123")


def messy_file(world) -> bytes:
    """Semicolons, a BOM, Dutch dates and decimal commas, and every kind of bad row."""
    own = world.dossier.inburgeraar.bsn
    elders = world.dossier_elders.inburgeraar.bsn
    nobody = InburgeraarFactory().bsn  # a person without any dossier
    rows = [
        "BSN;Type;Van;Tot;Soort;Aanwezig;Geoorloofd;Ongeoorloofd;Onderdeel;Niveau;Datum;Resultaat;Poging",
        f"{own};uren;01-10-2026;31-10-2026;taal_knm;62,5;4;1;;;;;",  # 2 good
        f"{own};examen;;;;;;;Lezen;B1;2026-10-15;behaald;",  # 3 good
        f"{own};examen;;;;;;;knm;;15-10-2026;geslaagd;1",  # 4 good (KNM without level)
        f"{nobody};uren;2026-10-01;2026-10-31;taal_knm;10;;;;;;;",  # 5 unknown
        f"{elders};uren;2026-10-01;2026-10-31;taal_knm;10;;;;;;;",  # 6 other gemeente
        f"{own};uren;2026-09-01;2026-09-30;taal_knm;-3;;;;;;;",  # 7 negative
        f"{own};uren;2026-09-01;2026-09-07;taal_knm;90;;;;;;;",  # 8 absurd
        f"{own};uren;2026-11-01;2026-12-31;taal_knm;10;;;;;;;",  # 9 future
        f"{own};uren;01-10-2026;31-10-2026;taal_knm;62,5;4;1;;;;;",  # 10 duplicate of 2
        "123456789;uren;2026-10-01;2026-10-31;taal_knm;10;;;;;;;",  # 11 elfproef
        f"{own};examen;;;;;;;spreken;C3;2026-10-15;behaald;",  # 12 bad level
        f"{own};cursus;;;;;;;;;;;",  # 13 bad type
        f"{own};examen;;;;;;;schrijven;B1;2026-12-15;behaald;",  # 14 future exam
        "",
    ]
    return ("\ufeff" + "\r\n".join(rows)).encode("utf-8")


@time_machine.travel(TODAY, tick=False)
def test_rommelig_bestand_goede_regels_bewaard_fouten_met_regelnummer(world, aanbieder):
    result = importers.run_import(
        actor=world.werkcoach, aanbieder=aanbieder, content=messy_file(world)
    )
    assert result.ok
    assert [r.line for r in result.rows] == [2, 3, 4]
    fouten = {e.line: " ".join(e.reasons) for e in result.errors}
    assert sorted(fouten) == [5, 6, 7, 8, 9, 10, 11, 12, 13, 14]
    # unknown BSN and another gemeente's person give the same answer: nothing tells
    # the user that another gemeente knows the BSN (issue 12)
    assert "Geen dossier met dit BSN" in fouten[5]
    assert fouten[6] == fouten[5]
    assert "andere gemeente" not in fouten[6]
    assert "Negatief" in fouten[7]
    assert "Onwaarschijnlijk veel uren" in fouten[8]
    assert "toekomst" in fouten[9]
    assert "regel 2" in fouten[10]
    assert "elfproef" in fouten[11]
    assert "niveau" in fouten[12]
    assert "Onbekend type" in fouten[13]
    assert "toekomst" in fouten[14]
    uren = Urenregistratie.objects.get(dossier=world.dossier)
    assert (uren.aanwezig, uren.afwezig_geoorloofd, uren.afwezig_ongeoorloofd) == (
        D("62.5"),
        D(4),
        D(1),
    )
    assert uren.aanbieder == aanbieder
    assert Examen.objects.filter(dossier=world.dossier).count() == 2
    assert result.nieuw == 3


@time_machine.travel(TODAY, tick=False)
def test_hetzelfde_bestand_opnieuw_verandert_niets(world, aanbieder):
    content = messy_file(world)
    importers.run_import(actor=world.werkcoach, aanbieder=aanbieder, content=content)
    counts = (Urenregistratie.objects.count(), Examen.objects.count(), Gebeurtenis.objects.count())
    result = importers.run_import(actor=world.werkcoach, aanbieder=aanbieder, content=content)
    assert (result.nieuw, result.bijgewerkt, result.ongewijzigd) == (0, 0, 3)
    assert (
        Urenregistratie.objects.count(),
        Examen.objects.count(),
        Gebeurtenis.objects.count(),
    ) == counts


@time_machine.travel(TODAY, tick=False)
def test_komma_bestand_en_correctie(world, aanbieder):
    bsn = world.dossier.inburgeraar.bsn
    content = (
        f"bsn,type,van,tot,soort,aanwezig\n{bsn},uren,2026-10-01,2026-10-31,participatie,20\n"
    ).encode()
    assert (
        importers.run_import(actor=world.werkcoach, aanbieder=aanbieder, content=content).nieuw == 1
    )
    content = content.replace(b",20\n", b",24\n")
    assert (
        importers.run_import(actor=world.werkcoach, aanbieder=aanbieder, content=content).bijgewerkt
        == 1
    )
    assert Urenregistratie.objects.get().aanwezig == D(24)


def test_bestandsfouten(world, aanbieder):
    assert importers.parse(b"", aanbieder=aanbieder).file_error == "Het bestand is leeg."
    assert "ontbreken" in importers.parse(b"naam;uren\nx;1\n", aanbieder=aanbieder).file_error


@time_machine.travel(TODAY, tick=False)
def test_persoon_met_dossier_in_gemeente_die_aanbieder_niet_bedient(world, aanbieder):
    """The same person may have a dossier elsewhere: only the provider's gemeenten count."""
    persoon = world.dossier_elders.inburgeraar
    content = (
        f"bsn;type;van;tot;soort;aanwezig\n{persoon.bsn};uren;2026-10-01;2026-10-31;taal_knm;10\n"
    ).encode()
    result = importers.parse(content, aanbieder=aanbieder)
    assert "Geen dossier met dit BSN" in result.errors[0].reasons[0]
    # the same BSN registered here too: a record of this gemeente of its own
    DossierFactory(gemeente=world.gemeente, inburgeraar__bsn=persoon.bsn)
    assert importers.parse(content, aanbieder=aanbieder).rows


@time_machine.travel(TODAY, tick=False)
def test_command_dry_run_en_import(world, aanbieder, tmp_path):
    path = tmp_path / "voortgang.csv"
    path.write_bytes(messy_file(world))
    out = StringIO()
    call_command("import_voortgang", str(path), "--aanbieder", "BOW123", "--dry-run", stdout=out)
    assert "3 goede regels" in out.getvalue() and "regel 5:" in out.getvalue()
    assert not Urenregistratie.objects.exists()
    out = StringIO()
    call_command("import_voortgang", str(path), "--aanbieder", "BOW123", "--user", "wc", stdout=out)
    assert "Klaar: 3 nieuw" in out.getvalue()
    assert Urenregistratie.objects.count() == 1


@time_machine.travel(TODAY, tick=False)
def test_upload_preview_en_bevestigen(client, world, aanbieder):
    client.force_login(world.werkcoach)
    url = reverse("leerroutes:import_voortgang")
    upload = SimpleUploadedFile("voortgang.csv", messy_file(world), content_type="text/csv")
    response = client.post(url, {"aanbieder": aanbieder.pk, "bestand": upload})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Geen dossier met dit BSN" in html and "Importeren" in html
    assert not Urenregistratie.objects.exists()  # preview touches nothing
    response = client.post(reverse("leerroutes:import_voortgang_bevestigen"))
    assert response.status_code == 200
    assert Urenregistratie.objects.count() == 1
    assert Examen.objects.count() == 2
    # the confirmation cannot be replayed
    response = client.post(reverse("leerroutes:import_voortgang_bevestigen"))
    assert response.status_code == 302
