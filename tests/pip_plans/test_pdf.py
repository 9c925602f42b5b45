"""The beschikking letter: its text, its page count, idempotency by content hash,
private storage and the access-logged download."""

import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from casefiles.models import AccessLog
from pip_plans import services
from pip_plans.models import PipBrief
from tests.pip_plans.factories import AanbiederFactory, PipDoelFactory, vastgestelde_pip


@pytest.fixture
def brief(frozen, world):
    world.gemeente.telefoon = "0528 37 86 86"
    world.gemeente.ondertekenaar = "namens het college, J. de Vries, teamleider"
    world.gemeente.save()
    aanbieder = AanbiederFactory(naam="Taalhuis Drenthe", gemeenten=[world.gemeente])
    v = vastgestelde_pip(
        world.dossier,
        world.werkcoach,
        dagtekening=date(2026, 3, 9),
        aanbieder=aanbieder,
        mb_duur_maanden=18,
        map_afspraken="MAP bij het Taalhuis, start in juni.",
    )
    return services.brief_genereren(versie=v)


def tekst(brief) -> tuple[str, int]:
    with brief.bestand.open("rb") as f:
        reader = PdfReader(io.BytesIO(f.read()))
    return "\n".join(p.extract_text() for p in reader.pages), len(reader.pages)


def test_letter_text(brief, world):
    inhoud, paginas = tekst(brief)
    plat = " ".join(inhoud.split())
    assert 2 <= paginas <= 4
    assert brief.paginas == paginas
    for zin in [
        "Gemeente De Wolden",
        "OIN 00000001001234567000",
        "9 maart 2026",  # dagtekening
        "Besluit over uw inburgering",
        "U volgt de B1-route",
        "Taalhuis Drenthe",
        "Waarom deze leerroute?",
        "Uw doelen",
        "Nederlands leren tot niveau B1",
        "Uw rechten en plichten",
        "Wat gebeurt er als u zich niet aan de afspraken houdt?",
        "€ 800,00",
        "bezwaar maken",
        "binnen 6 weken",
        "Algemene wet bestuursrecht",
        "namens het college, J. de Vries",
        f"Pagina 1 van {paginas}",
        f"Pagina {paginas} van {paginas}",
        world.dossier.inburgeraar.achternaam,
    ]:
        assert zin in plat, zin
    assert world.dossier.inburgeraar.bsn not in plat  # no BSN in the letter


def test_letter_is_private_with_its_hash(brief, settings, world):
    import hashlib

    path = Path(brief.bestand.path)
    assert str(path).startswith(settings.STORAGES["private"]["OPTIONS"]["location"])
    assert hashlib.sha256(path.read_bytes()).hexdigest() == brief.sha256
    assert world.dossier.inburgeraar.achternaam not in str(path)  # ids only in the name


def test_same_content_gives_no_new_file(brief):
    again = services.brief_genereren(versie=brief.versie)
    assert again.pk == brief.pk
    assert PipBrief.objects.filter(versie=brief.versie).count() == 1


def test_task_is_idempotent(brief):
    from pip_plans.tasks import pip_brief_genereren

    assert pip_brief_genereren(brief.versie_id) == brief.pk  # run in process
    assert PipBrief.objects.count() == 1


def test_download_is_permission_checked_and_logged(brief, client, world):
    url = f"/pip/dossier/{world.dossier.pk}/brief/{brief.pk}/"
    client.force_login(world.werkcoach)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert AccessLog.objects.filter(
        dossier_id=world.dossier.pk, action="export", onderdeel="pip.brief"
    ).exists()
    client.force_login(world.werkcoach_elders)
    assert client.get(url).status_code == 404


def test_vaststellen_writes_the_letter_job_in_its_transaction(
    frozen, world, django_capture_on_commit_callbacks, monkeypatch
):
    """The letter is an outbox row written with the PIP; handed to Celery only after
    commit; the job makes the letter."""
    from casefiles import outbox
    from casefiles.tasks import outbox_job

    sent = []
    monkeypatch.setattr(outbox_job, "apply_async", lambda args, **kw: sent.append(args[0]))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        v = vastgestelde_pip(world.dossier, world.werkcoach)
    job = outbox.OutboxJob.objects.get(kind="pip.brief")
    assert job.payload == {"versie_id": v.pk}
    assert (job.gemeente_id, job.dossier_id) == (world.dossier.gemeente_id, world.dossier.pk)
    assert sent == []  # nothing before commit
    for cb in callbacks:
        cb()
    assert sent == [job.pk]
    assert not v.brieven.exists()
    assert outbox.run_pending_here() == {"done": 1}
    assert v.brieven.count() == 1


def test_changed_version_letter_mentions_the_old_one(frozen, world):
    vastgestelde_pip(world.dossier, world.werkcoach, dagtekening=date(2026, 3, 1))
    v2 = services.pip_wijzigen(
        actor=world.werkcoach,
        dossier=world.dossier,
        reden="wijziging",
        toelichting="Er komt een stage bij.",
    )
    PipDoelFactory(versie=v2, levensdomein="werk", doel="Taalstage bij de zorg")
    services.pip_vaststellen(actor=world.werkcoach, versie=v2, dagtekening=date(2026, 3, 10))
    inhoud, _ = tekst(services.brief_genereren(versie=v2))
    plat = " ".join(inhoud.split())
    assert "vervangt uw vorige PIP van 1 maart 2026" in plat
    assert "Taalstage bij de zorg" in plat


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_letter_renders_to_png(brief, tmp_path):
    """Renders the pages for a human to look at (test-artifacts/pip-brief-*.png)."""
    out = Path("test-artifacts")
    out.mkdir(exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", brief.bestand.path, str(out / "pip-brief")], check=True
    )
    assert list(out.glob("pip-brief-*.png"))
