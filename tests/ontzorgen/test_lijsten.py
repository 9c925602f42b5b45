"""Issue 16: lists that stay small — the ontzorgen overview and a batch page show one
page of payments, in a constant number of queries, with the page's dossiers in ONE
access-log insert; "Mijn week" is paginated the same way."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casefiles.models import AccessLog
from ontzorgen import rules
from ontzorgen.choices import BetalingStatus
from ontzorgen.models import Batch
from ontzorgen.views import BATCH_PER_PAGINA, OVERZICHT_PER_PAGINA
from tests.factories import DossierFactory, TaakFactory
from tests.ontzorgen.factories import BetalingFactory

pytestmark = pytest.mark.django_db


def _betalingen(gemeente, n: int, **kw) -> None:
    today = timezone.localdate()
    for _ in range(n):
        BetalingFactory(
            vaste_last__plan__dossier__gemeente=gemeente,
            maand=rules.maand_start(today),
            uitvoerdatum=today,
            **kw,
        )


def _get(client, url):
    """(statements, access-log INSERT statements, response). On SQLite a multi-row
    INSERT is split at its limit of bound variables (about 75 rows of the access
    log), so there the page's rows count as one insert per such chunk."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    inserts = [q for q in ctx.captured_queries if 'INSERT INTO "casefiles_accesslog"' in q["sql"]]
    if connection.vendor == "sqlite":
        return len(ctx.captured_queries) - len(inserts) + 1, 1 if inserts else 0, response
    return len(ctx.captured_queries), len(inserts), response


def _gelogd(response, onderdeel: str) -> set[int]:
    ids = {b.vaste_last.plan.dossier_id for b in response.context["page"].object_list}
    return set(
        AccessLog.objects.filter(onderdeel=onderdeel, dossier_id__in=ids).values_list(
            "dossier_id", flat=True
        )
    )


def test_overzicht_pages_this_months_payments(client, world):
    client.force_login(world.consulent)
    url = reverse("ontzorgen:overzicht")
    _betalingen(world.gemeente, 5)
    _betalingen(world.andere_gemeente, 3)  # another gemeente's payments: never shown
    client.get(url)
    bij_5, inserts, r5 = _get(client, url)
    assert inserts == 1
    assert r5.context["page"].paginator.count == 5
    _betalingen(world.gemeente, OVERZICHT_PER_PAGINA + 10 - 5)
    bij_60, inserts, r60 = _get(client, url)
    assert (bij_60, inserts) == (bij_5, 1)
    assert len(r60.context["deze_maand"]) == OVERZICHT_PER_PAGINA
    assert r60.context["telling"]["aantal"] == OVERZICHT_PER_PAGINA + 10
    assert f"({OVERZICHT_PER_PAGINA + 10} betalingen)" in r60.content.decode()
    n2, inserts, r2 = _get(client, url + "?pagina=2")
    assert (n2, inserts) == (bij_5, 1)
    tweede = r2.context["deze_maand"]
    assert len(tweede) == 10
    assert {b.gemeente_id for b in tweede} == {world.gemeente.pk}
    assert not {b.pk for b in tweede} & {b.pk for b in r60.context["deze_maand"]}
    assert _gelogd(r2, "ontzorgen.overzicht") == {b.vaste_last.plan.dossier_id for b in tweede}


def _batch(gemeente, n: int, door) -> Batch:
    batch = Batch.objects.create(
        gemeente=gemeente,
        uitvoerdatum=timezone.localdate() + timedelta(days=1),
        msg_id=f"ONTZ-TEST-{gemeente.pk}-{n}",
        aantal=n,
        totaal=Decimal("654.20") * n,
        xml="<Document/>",
        geexporteerd_door=door,
    )
    _betalingen(gemeente, n, batch=batch, status=BetalingStatus.GEEXPORTEERD)
    return batch


def test_batch_page_is_paginated_with_one_accesslog_insert(client, world):
    client.force_login(world.consulent)
    klein = _batch(world.gemeente, 5, world.consulent)
    groot = _batch(world.gemeente, BATCH_PER_PAGINA + 7, world.consulent)
    url = lambda b, q="": reverse("ontzorgen:batch_detail", kwargs={"batch_pk": b.pk}) + q  # noqa: E731
    client.get(url(klein))
    bij_5, inserts, _r = _get(client, url(klein))
    assert inserts == 1
    bij_groot, inserts, r1 = _get(client, url(groot))
    assert (bij_groot, inserts) == (bij_5, 1)
    assert len(r1.context["betalingen"]) == BATCH_PER_PAGINA
    n2, inserts, r2 = _get(client, url(groot, "?pagina=2"))
    assert (n2, inserts) == (bij_5, 1)
    assert len(r2.context["betalingen"]) == 7
    assert _gelogd(r2, "ontzorgen.batch") == {
        b.vaste_last.plan.dossier_id for b in r2.context["betalingen"]
    }
    # another gemeente's batch stays out of reach
    elders = _batch(world.andere_gemeente, 2, world.consulent_elders)
    assert client.get(url(elders)).status_code == 404


def test_week_is_paginated_with_constant_queries(client, world):
    from casefiles.views import WEEK_PER_PAGINA

    client.force_login(world.werkcoach)
    url = reverse("casefiles:week") + "?toon=open"

    def taken(n):
        for _ in range(n):
            d = DossierFactory(gemeente=world.gemeente, werkcoach=world.werkcoach)
            TaakFactory(dossier=d, toegewezen_aan=world.werkcoach)

    taken(5)
    client.get(url)
    bij_5, inserts, _r = _get(client, url)
    assert inserts == 1
    taken(WEEK_PER_PAGINA)
    bij_groot, inserts, r = _get(client, url)
    assert (bij_groot, inserts) == (bij_5, 1)
    totaal = r.context["page"].paginator.count
    assert totaal >= WEEK_PER_PAGINA + 5
    assert len(r.context["taken"]) == WEEK_PER_PAGINA
    n2, inserts, r2 = _get(client, url + "&pagina=2")
    assert (n2, inserts) == (bij_5, 1)
    assert len(r2.context["taken"]) == min(WEEK_PER_PAGINA, totaal - WEEK_PER_PAGINA)
    assert not {t.pk for t in r2.context["taken"]} & {t.pk for t in r.context["taken"]}
    assert "toon=open&amp;pagina=1" in r2.content.decode()
