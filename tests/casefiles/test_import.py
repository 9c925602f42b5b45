"""Import of aanmeldingen with a messy CSV: BOM, ';', mixed date formats, bad rows."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from casefiles.importers import parse, run_import
from casefiles.models import Dossier

pytestmark = pytest.mark.django_db

HEADER = (
    "bsn;v_nummer;achternaam;voornamen;geboortedatum;geslacht;land_van_herkomst;"
    "doelgroep;datum_verblijfsvergunning;datum_koppeling;azc;datum_vestiging"
)
MESSY = (
    "\ufeff"
    + "\r\n".join(
        [
            HEADER,
            "111222333;1234567890;Haddad;Amira;17-05-1990;v;Syrië;Asielstatushouder;2026-03-01;"
            "15-04-2026;AZC Zweeloo;2026-06-01",  # 2 ok
            "123456789;;Osman;Nour;1991-01-01;M;Eritrea;asielstatushouder;;;;",  # 3 bad BSN
            "123456782;;Kebede;Dawit;1985-02-02;X;Ethiopië;toerist;;;;",  # 4 doelgroep
            "100000009;;Rahimi;;31-02-1990;M;Afghanistan;GEZINSMIGRANT;;;;",  # 5 bad date
            "111222333;;Haddad;Amira;;;;nareiziger;;;;",  # 6 duplicate
            ";;;;;;;;;;;",  # empty: skipped
            "100000010;;Yusuf;Samir;;m;Somalië;overige migrant;;;;2026-01-01",  # 8 ok? see test
            "232262536;;Saleh;Sara;2090-01-01;V;Jemen;nareiziger;;;;",  # 9 future birth
        ]
    )
).encode("utf-8")


def test_messy_csv_reports_each_bad_row_and_keeps_good_ones(world):
    result = run_import(actor=world.werkcoach, gemeente=world.gemeente, content=MESSY)
    reasons = {e.line: " ".join(e.reasons) for e in result.errors}
    assert "elfproef" in reasons[3]
    assert "Onbekende doelgroep 'toerist'" in reasons[4]
    assert "Onmogelijke datum in geboortedatum: '31-02-1990'" in reasons[5]
    assert "ook op regel 2" in reasons[6]
    assert "toekomst" in reasons[9]
    created = set(world.gemeente.dossiers.values_list("inburgeraar__bsn", flat=True))
    good_bsns = {r.persoon["bsn"] for r in result.rows}
    assert "111222333" in created and good_bsns <= created
    amira = Dossier.objects.get(gemeente=world.gemeente, inburgeraar__bsn="111222333")
    assert amira.doelgroep == "asielstatushouder" and amira.azc == "AZC Zweeloo"
    assert amira.inburgeraar.geboortedatum.isoformat() == "1990-05-17"
    assert amira.inburgeraar.geslacht == "V"
    assert amira.datum_koppeling.isoformat() == "2026-04-15"
    assert result.created == len(result.rows)


def test_importing_the_same_file_twice_creates_nothing_new(world):
    run_import(actor=world.werkcoach, gemeente=world.gemeente, content=MESSY)
    count = Dossier.objects.count()
    second = run_import(actor=world.werkcoach, gemeente=world.gemeente, content=MESSY)
    assert Dossier.objects.count() == count
    assert second.created == 0
    assert any("bestaat al een dossier" in " ".join(e.reasons) for e in second.errors)


def test_comma_separated_utf8_without_bom(world):
    content = (
        b"bsn,achternaam,doelgroep,datum_vestiging\n111222333,Haddad,gezinsmigrant,2026-11-22\n"
    )
    result = run_import(actor=world.werkcoach, gemeente=world.gemeente, content=content)
    assert result.created == 1 and not result.errors


def test_missing_required_column_is_a_file_error(world):
    result = parse(b"bsn;naam\n111222333;x\n", gemeente=world.gemeente)
    assert "achternaam" in result.file_error and "doelgroep" in result.file_error


def test_dry_run_saves_nothing(world):
    result = run_import(actor=world.werkcoach, gemeente=world.gemeente, content=MESSY, dry_run=True)
    assert (
        result.rows
        and not Dossier.objects.filter(gemeente=world.gemeente)
        .exclude(pk=world.dossier.pk)
        .exists()
    )


def test_management_command(world, tmp_path, capsys):
    path = tmp_path / "aanmeldingen.csv"
    path.write_bytes(MESSY)
    call_command(
        "import_aanmeldingen",
        str(path),
        "--gemeente",
        "1690",
        "--dry-run",
        "--user",
        world.werkcoach.username,
    )
    out = capsys.readouterr().out
    assert "regel 3:" in out and "Niets opgeslagen" in out
    call_command(
        "import_aanmeldingen", str(path), "--gemeente", "1690", "--user", world.werkcoach.username
    )
    assert "dossiers aangemaakt" in capsys.readouterr().out
    assert world.gemeente.dossiers.filter(inburgeraar__bsn="111222333").exists()


def test_upload_preview_then_confirm(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world.werkcoach)
    response = client.post(
        reverse("casefiles:import_aanmeldingen"),
        {
            "gemeente": world.gemeente.pk,
            "bestand": SimpleUploadedFile("aanmeldingen.csv", MESSY, content_type="text/csv"),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "regels met fouten" in html and "Haddad" in html
    assert not world.gemeente.dossiers.filter(inburgeraar__bsn="111222333").exists()
    response = client.post(reverse("casefiles:import_aanmeldingen_bevestigen"))
    assert response.status_code == 200
    assert world.gemeente.dossiers.filter(inburgeraar__bsn="111222333").exists()
    # the pending file is gone: confirming again imports nothing
    response = client.post(reverse("casefiles:import_aanmeldingen_bevestigen"))
    assert response.status_code == 302


def test_upload_cannot_target_another_gemeente(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world.werkcoach)
    response = client.post(
        reverse("casefiles:import_aanmeldingen"),
        {
            "gemeente": world.andere_gemeente.pk,
            "bestand": SimpleUploadedFile("a.csv", MESSY, content_type="text/csv"),
        },
    )
    assert response.status_code == 200 and response.context["form"].errors
