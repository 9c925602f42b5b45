"""The monthly payment run works in chunks with a constant number of statements per
chunk (issue 16): 10 lines or 100 lines in one chunk cost the same statements, and a
smaller chunk size only adds whole chunks."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from ontzorgen import services
from ontzorgen.models import Betaling
from tests.factories import DossierFactory

from .factories import PlanFactory, VasteLastFactory

MAAND = date(2027, 3, 1)


def _lasten(gemeente, n: int) -> None:
    for _ in range(n):
        d = DossierFactory(gemeente=gemeente, datum_start_bijstand=date(2027, 1, 1))
        VasteLastFactory(plan=PlanFactory(dossier=d))


def _statements(**kw) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        gemaakt = services.betalingen_genereren(maand=MAAND, **kw)
    return len(ctx.captured_queries), len(gemaakt)


def test_statements_do_not_grow_with_the_lines(world):
    _lasten(world.gemeente, 10)
    tien, n = _statements()
    assert n == 10
    _lasten(world.gemeente, 90)
    honderd, n = _statements()  # the first 10 already paid: skipped by the constraint
    assert n == 90
    assert tien == honderd
    assert Betaling.objects.filter(maand=MAAND).count() == 100
    assert tien <= 10, tien  # lines, insert, timeline lines, read back, savepoints


def test_a_chunk_costs_the_same_whatever_its_size(world, monkeypatch):
    _lasten(world.gemeente, 40)
    monkeypatch.setattr(services, "BETAALRUN_CHUNK", 40)
    een_blok, n = _statements()
    assert n == 40
    Betaling.objects.all().delete()
    monkeypatch.setattr(services, "BETAALRUN_CHUNK", 10)
    vier_blokken, n = _statements()
    assert n == 40
    # three more chunks, each the same statements as the one chunk minus the final
    # empty SELECT that both runs share
    per_blok = een_blok - 1
    assert vier_blokken == 4 * per_blok + 1
