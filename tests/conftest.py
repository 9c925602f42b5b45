"""Shared fixtures: a small world of two gemeenten with one user per role, and a
dossier in the first gemeente assigned to its werkcoach and consulent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from casefiles.choices import DeelOnderdeel, Rol
from casefiles.models import Deling, Ketenpartner, PartnerMedewerker, Team
from tests.factories import DossierFactory, GemeenteFactory, staff


@dataclass
class World:
    gemeente: object
    andere_gemeente: object
    werkcoach: object
    werkcoach2: object
    consulent: object
    beleid: object
    beheer: object
    werkcoach_elders: object
    consulent_elders: object
    dossier: object
    dossier_elders: object
    # issue 12: the teamleider (assigns its team's caseload) and a superuser
    teamleider: object = None
    teamleider_elders: object = None
    team: object = None
    beheer_elders: object = None
    # issue 18: a VluchtelingenWerk coach with an active share of ``dossier`` (every
    # part, on recorded consent), and a coach of another partner organisation
    partner_org: object = None
    partner: object = None
    partner_elders: object = None
    deling: object = None
    # issue 17: the privacyfunctionaris (AVG requests, no case work) of each gemeente
    privacy: object = None
    privacy_elders: object = None


def deel_alles(*, dossier, partner_org, door) -> Deling:
    """An active share of every shareable part of ``dossier`` with ``partner_org``, on
    consent recorded yesterday, valid for a year (issue 18)."""
    today = timezone.localdate()
    return Deling.objects.create(
        dossier=dossier,
        partner=partner_org,
        onderdelen=list(DeelOnderdeel.values),
        toestemming_datum=today - timedelta(days=1),
        toestemming_vorm="schriftelijk",
        geldig_van=today - timedelta(days=1),
        geldig_tot=today + timedelta(days=365),
        gedeeld_door=door,
    )


@pytest.fixture
def world(db) -> World:
    gemeente = GemeenteFactory(naam="De Wolden", cbs_code="1690")
    andere = GemeenteFactory(naam="Dalfsen", cbs_code="0148")
    werkcoach = staff(Rol.WERKCOACH, gemeente, username="wc", first_name="Wendy")
    werkcoach2 = staff(Rol.WERKCOACH, gemeente, username="wc2", first_name="Willem")
    consulent = staff(Rol.CONSULENT, gemeente, username="cmb", first_name="Carla")
    beleid = staff(Rol.BELEID, gemeente, username="beleid", is_staff=True)
    beheer = staff(Rol.BEHEER, gemeente, username="beheer", is_staff=True)
    werkcoach_elders = staff(Rol.WERKCOACH, andere, username="wc_elders")
    consulent_elders = staff(Rol.CONSULENT, andere, username="cmb_elders")
    dossier = DossierFactory(gemeente=gemeente, werkcoach=werkcoach, consulent=consulent)
    dossier_elders = DossierFactory(
        gemeente=andere, werkcoach=werkcoach_elders, consulent=consulent_elders
    )
    teamleider = staff(Rol.TEAMLEIDER, gemeente, username="tl", first_name="Tamara")
    teamleider_elders = staff(Rol.TEAMLEIDER, andere, username="tl_elders")
    beheer_elders = staff(Rol.BEHEER, andere, username="beheer_elders", is_staff=True)
    team = Team.objects.create(gemeente=gemeente, naam="Team Inburgering")
    team.leden.add(werkcoach, werkcoach2, consulent, teamleider)
    team_elders = Team.objects.create(gemeente=andere, naam="Team Inburgering")
    team_elders.leden.add(werkcoach_elders, consulent_elders, teamleider_elders)
    partner_org = Ketenpartner.objects.create(
        gemeente=gemeente, naam="VluchtelingenWerk De Wolden", soort="vluchtelingenwerk"
    )
    andere_org = Ketenpartner.objects.create(gemeente=gemeente, naam="Humanitas", soort="welzijn")
    partner = staff(Rol.KETENPARTNER, gemeente, username="vwn", first_name="Vera")
    PartnerMedewerker.objects.create(user=partner, partner=partner_org)
    partner_elders = staff(Rol.KETENPARTNER, gemeente, username="humanitas")
    PartnerMedewerker.objects.create(user=partner_elders, partner=andere_org)
    deling = deel_alles(dossier=dossier, partner_org=partner_org, door=consulent)
    privacy = staff(Rol.PRIVACY, gemeente, username="fg", first_name="Frida")
    privacy_elders = staff(Rol.PRIVACY, andere, username="fg_elders")
    return World(
        gemeente,
        andere,
        werkcoach,
        werkcoach2,
        consulent,
        beleid,
        beheer,
        werkcoach_elders,
        consulent_elders,
        dossier,
        dossier_elders,
        teamleider=teamleider,
        teamleider_elders=teamleider_elders,
        team=team,
        beheer_elders=beheer_elders,
        partner_org=partner_org,
        partner=partner,
        partner_elders=partner_elders,
        deling=deling,
        privacy=privacy,
        privacy_elders=privacy_elders,
    )


# --- a real Celery worker (for tests about background work) -------------------------

import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

from django.conf import settings  # noqa: E402


def _on_postgres_and_redis() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql" and bool(settings.REDIS_URL)


@pytest.fixture
def celery_worker_process(transactional_db):
    """Start ``celery -A inburgering worker`` as a separate process against the test
    database and Redis; tasks are sent for real (not eager). Needs PostgreSQL and
    REDIS_URL (CI always has both); skipped on the embedded SQLite default."""
    if not _on_postgres_and_redis():
        pytest.skip("needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)")
    from django.db import connection

    from inburgering.celery import app

    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "inburgering.settings.test",
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "CELERY_TASK_ALWAYS_EAGER": "false",
    }
    app.control.purge()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "inburgering",
            "worker",
            "--pool=prefork",
            "--concurrency=2",
            "--loglevel=warning",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "-n",
            f"test-{os.getpid()}@%h",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    old_eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if app.control.ping(timeout=1.0):
                break
            if proc.poll() is not None:
                raise RuntimeError(proc.stdout.read().decode())
        else:
            raise RuntimeError("Celery worker did not start within 60 s")
        yield proc
    finally:
        app.conf.task_always_eager = old_eager
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
