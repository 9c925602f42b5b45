"""The reminder sweep works in chunks with a constant number of statements per chunk
(issue 16): 10 or 100 due gesprekken in one chunk cost the same statements."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from casefiles.choices import DossierStatus
from pip_plans import services
from pip_plans.models import Herinnering, PipVersie, Voortgangsgesprek
from tests.factories import DossierFactory


def _gesprekken(gemeente, werkcoach, n: int) -> None:
    today = timezone.localdate()
    for i in range(n):
        d = DossierFactory(gemeente=gemeente, werkcoach=werkcoach, status=DossierStatus.UITVOERING)
        v = PipVersie.objects.create(dossier=d, nummer=1, leerroute="b1", niveau="B1")
        dag = today + timedelta(days=3) if i % 2 else today - timedelta(days=2)
        Voortgangsgesprek.objects.create(dossier=d, pip_versie=v, gepland_op=dag)


def _statements() -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as ctx:
        telling = services.herinneringen_versturen()
    return len(ctx.captured_queries), telling


def test_statements_do_not_grow_with_the_gesprekken(world):
    _gesprekken(world.gemeente, world.werkcoach, 10)
    tien, telling = _statements()
    assert telling["vooraf"] + telling["te_laat"] == 10
    _gesprekken(world.gemeente, world.werkcoach, 90)
    honderd, telling = _statements()
    assert telling["vooraf"] + telling["te_laat"] == 90
    assert telling["overgeslagen"] == 10  # queued before: once only
    assert tien == honderd
    assert Herinnering.objects.count() == 100
    assert tien <= 8, tien  # gesprekken, claims, outbox jobs, empty next chunk, savepoints
