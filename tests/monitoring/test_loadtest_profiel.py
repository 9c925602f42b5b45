"""manage.py loadtest_profiel (docs/monitoring.md, Belastingstest): the working round of
the load test request by request in one process; every step answers as the load test
expects, and what it saves is removed again. No timing is asserted."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection

from casefiles.models import Contactmoment


@pytest.mark.skipif(connection.vendor != "postgresql", reason="measures a PostgreSQL backend")
@pytest.mark.django_db
def test_profiles_every_step_of_the_round_and_cleans_up(settings):
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1"]
    out = io.StringIO()
    call_command("loadtest_profiel", herhalingen=1, dossiers=60, stdout=out, stderr=io.StringIO())
    tekst = out.getvalue()
    for stap in (
        "werkvoorraad_menu",
        "zoeken_resultaat",
        "tab_leerroute",
        "contactmoment_opslaan",
        "gemiddeld per request",
    ):
        assert stap in tekst
    assert not Contactmoment.objects.filter(onderwerp="Belastingstest").exists()
