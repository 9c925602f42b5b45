"""The duo_fake command and seeding the fake from the database."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from duo.fake import FakeDuo
from duo.fake.demo import new_plichtigen, seed_from_database
from duo.fake.server import FakeDuoServer
from tests.duo.conftest import OIN_DALFSEN, OIN_DE_WOLDEN


@pytest.mark.django_db
def test_seed_from_database_knows_our_dossiers(world):
    dossier = world.dossier
    dossier.datum_start_plicht = date(2026, 1, 5)
    dossier.datum_vestiging = date(2026, 1, 12)
    dossier.termijn_start = date(2026, 3, 1)
    dossier.termijn_eind = date(2029, 2, 28)
    dossier.save()
    fake = FakeDuo()
    counts = seed_from_database(fake)
    bsn = dossier.inburgeraar.bsn
    person = fake.person(bsn)
    assert person.gemeentecode == dossier.gemeente.cbs_code
    assert (person.plicht_start, person.vestigingsdatum) == (date(2026, 1, 5), date(2026, 1, 12))
    # our last day is inclusive, DUO's einddatum exclusive
    assert person.termijn_eind == date(2029, 3, 1)
    # every gemeente with an OIN is a known bron (the factories share one OIN), and the
    # demo's gemeenten are known too
    assert dossier.gemeente.oin in fake.gemeenten
    assert OIN_DALFSEN in fake.gemeenten and OIN_DE_WOLDEN in fake.gemeenten
    assert counts["nieuw"] == 2 and len(new_plichtigen(fake)) == 2
    assert all(fake.person(b).plicht_start == fake.today() for b in new_plichtigen(fake))
    assert counts["personen"] >= 2


@pytest.fixture(autouse=True)
def demo_mode(settings):
    settings.DEMO_MODE = True


def test_command_refuses_outside_dev_and_demo(settings):
    settings.DEMO_MODE = False
    settings.DEBUG = False
    with pytest.raises(CommandError, match="alleen voor ontwikkeling en demo"):
        call_command("duo_fake", "--port", "0", stdout=StringIO(), stderr=StringIO())


@pytest.mark.django_db
def test_command_starts_and_stops(monkeypatch, settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    started = {}

    def fake_serve(self):
        started["url"] = self.base_url
        started["notify"] = self.fake.notify_url
        started["persons"] = len(self.fake.store.persons)
        raise KeyboardInterrupt  # Ctrl+C

    monkeypatch.setattr(FakeDuoServer, "serve_forever", fake_serve)
    out = StringIO()
    call_command("duo_fake", "--port", "0", stdout=out, stderr=StringIO())
    assert started["url"].startswith("http://127.0.0.1:") and started["url"].endswith("/v1")
    assert started["notify"] == "http://127.0.0.1:8000/duo/v1/notificaties"
    from casefiles.models import Dossier

    # the two new plichtigen, plus whatever dossiers this database holds
    assert started["persons"] >= 2
    assert started["persons"] <= 2 + Dossier.objects.count()
    text = out.getvalue()
    assert "Fake DUO op http://127.0.0.1:" in text and "Fake DUO gestopt." in text
    assert "SS139" in text


def test_command_notify_url_option(monkeypatch):
    seen = {}

    def fake_serve(self):
        seen["notify"] = self.fake.notify_url
        raise KeyboardInterrupt

    monkeypatch.setattr(FakeDuoServer, "serve_forever", fake_serve)
    call_command(
        "duo_fake",
        "--port",
        "0",
        "--no-seed",
        "--notify-url",
        "http://127.0.0.1:9999/hook",
        stdout=StringIO(),
        stderr=StringIO(),
    )
    assert seen["notify"] == "http://127.0.0.1:9999/hook"


def test_set_today_and_back(fake_duo):
    fake_duo.set_today("2026-06-01")
    assert fake_duo.today() == date(2026, 6, 1)
    fake_duo.set_today(None)
    assert abs(fake_duo.today() - date.today()) <= timedelta(days=1)
