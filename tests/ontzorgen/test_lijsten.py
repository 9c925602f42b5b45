"""Issue 16: lists that stay small — the ontzorgen overview and a batch page show one
page of payments, in a constant number of queries, with the page's dossiers in ONE
access-log insert; "Mijn week" is paginated the same way."""

from __future__ import annotations

from datetime import date, timedelta
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


def _batch(gemeente, n: int, door, msg_id: str = "") -> Batch:
    batch = Batch.objects.create(
        gemeente=gemeente,
        uitvoerdatum=timezone.localdate() + timedelta(days=1),
        msg_id=msg_id or f"ONTZ-TEST-{gemeente.pk}-{n}",
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


# --- the overview's failures, evaluations and batches: each its own page parameter -------


def _mislukt(gemeente, n: int) -> None:
    _betalingen(gemeente, n, status=BetalingStatus.MISLUKT, reden="Rekening opgeheven")


def _evaluaties(gemeente, n: int) -> None:
    from casefiles.choices import TaakBron

    for _ in range(n):
        TaakFactory(dossier=DossierFactory(gemeente=gemeente), bron=TaakBron.ONTZORGEN)


def test_overzicht_pages_failures_and_evaluations_each_on_its_own(client, world):
    from ontzorgen.views import LIJST_PER_PAGINA

    client.force_login(world.consulent)
    url = reverse("ontzorgen:overzicht")
    _mislukt(world.gemeente, 10)
    _evaluaties(world.gemeente, 10)
    _mislukt(world.andere_gemeente, 3)  # another gemeente's work: never shown
    _evaluaties(world.andere_gemeente, 3)
    client.get(url)
    bij_10, inserts, r10 = _get(client, url)
    assert inserts == 1
    assert r10.context["page_mislukt"].paginator.count == 10
    assert r10.context["page_evaluaties"].paginator.count == 10
    _mislukt(world.gemeente, 90)
    _evaluaties(world.gemeente, 90)
    bij_100, inserts, r100 = _get(client, url)
    assert (bij_100, inserts) == (bij_10, 1)
    # the counts are the real totals, not the length of a capped list
    assert r100.context["page_mislukt"].paginator.count == 100
    assert r100.context["page_evaluaties"].paginator.count == 100
    assert len(r100.context["mislukt"]) == LIJST_PER_PAGINA
    assert len(r100.context["evaluaties"]) == LIJST_PER_PAGINA
    assert "<strong>100</strong> mislukt of gestorneerd" in r100.content.decode()

    # paging the failures keeps the evaluations' page (and the other way round)
    n, inserts, r = _get(client, url + "?pagina_evaluaties=3&pagina_mislukt=4")
    assert (n, inserts) == (bij_10, 1)
    assert r.context["page_mislukt"].number == 4
    assert r.context["page_evaluaties"].number == 3
    html = r.content.decode()
    assert "?pagina_evaluaties=3&amp;pagina_mislukt=3#kop-mislukt" in html
    assert "?pagina_mislukt=4&amp;pagina_evaluaties=4#kop-evaluaties" in html

    # together the pages hold every failure of the gemeente exactly once, and only those
    gezien: list[int] = []
    for nummer in range(1, 5):
        r = client.get(url + f"?pagina_mislukt={nummer}")
        gezien += [b.pk for b in r.context["mislukt"]]
        assert {b.gemeente_id for b in r.context["mislukt"]} == {world.gemeente.pk}
    assert len(gezien) == len(set(gezien)) == 100
    # the page's dossiers are in the access log
    assert _gelogd_dossiers(r.context["mislukt"], "ontzorgen.overzicht")


def _gelogd_dossiers(betalingen, onderdeel: str) -> bool:
    ids = {b.vaste_last.plan.dossier_id for b in betalingen}
    gelogd = AccessLog.objects.filter(onderdeel=onderdeel, dossier_id__in=ids)
    return set(gelogd.values_list("dossier_id", flat=True)) == ids


@pytest.mark.parametrize(
    ("query", "verwacht"),
    [("abc", 1), ("999", 4), ("-1", 4), ("0", 4), ("", 1), ("2.5", 1)],
)
def test_overzicht_bad_page_parameter_gives_a_page(client, world, query, verwacht):
    from ontzorgen.views import LIJST_PER_PAGINA

    client.force_login(world.consulent)
    _mislukt(world.gemeente, 3 * LIJST_PER_PAGINA + 1)
    for param in ("pagina_mislukt", "pagina", "pagina_evaluaties", "pagina_batches"):
        response = client.get(reverse("ontzorgen:overzicht") + f"?{param}={query}")
        assert response.status_code == 200
    response = client.get(reverse("ontzorgen:overzicht") + f"?pagina_mislukt={query}")
    assert response.context["page_mislukt"].number == verwacht


def test_overzicht_pages_the_batches(client, world):
    from ontzorgen.views import BATCHES_PER_PAGINA

    client.force_login(world.consulent)
    url = reverse("ontzorgen:overzicht")
    for i in range(BATCHES_PER_PAGINA + 3):
        _batch(world.gemeente, 1, world.consulent, msg_id=f"ONTZ-TEST-B{i}")
    _batch(world.andere_gemeente, 1, world.consulent_elders)
    r1 = client.get(url)
    assert r1.context["page_batches"].paginator.count == BATCHES_PER_PAGINA + 3
    assert len(r1.context["batches"]) == BATCHES_PER_PAGINA
    r2 = client.get(url + "?pagina_batches=2")
    assert len(r2.context["batches"]) == 3
    assert {b.gemeente_id for b in r2.context["batches"]} == {world.gemeente.pk}


# --- the withholding instruction's persons (issue 18's detail page) ----------------------


def _opdracht(gemeente, n: int, maand, door):
    from ontzorgen import inhouding

    for _ in range(n):
        BetalingFactory(
            vaste_last__plan__dossier__gemeente=gemeente,
            maand=maand,
            status=BetalingStatus.BETAALD,
        )
    return inhouding.inhouding_maken(actor=door, gemeente=gemeente, maand=maand)


def test_inhouding_detail_pages_persons_with_one_accesslog_insert(client, world):
    from ontzorgen.inhouding_views import PERSONEN_PER_PAGINA

    client.force_login(world.consulent)
    jan, feb = date(2027, 1, 1), date(2027, 2, 1)
    klein = _opdracht(world.gemeente, 10, jan, world.consulent)
    groot = _opdracht(world.gemeente, 100, feb, world.consulent)
    assert (klein.aantal_personen, groot.aantal_personen) == (10, 100)
    url = lambda o, q="": reverse("ontzorgen:inhouding_detail", kwargs={"opdracht_pk": o.pk}) + q  # noqa: E731
    client.get(url(klein))
    bij_10, inserts, r10 = _get(client, url(klein))
    assert inserts == 1
    assert len(r10.context["personen"]) == 10
    bij_100, inserts, r1 = _get(client, url(groot))
    assert (bij_100, inserts) == (bij_10, 1)
    assert len(r1.context["personen"]) == PERSONEN_PER_PAGINA
    assert "(100 personen)" in r1.content.decode()
    n2, inserts, r2 = _get(client, url(groot, "?pagina=2"))
    assert (n2, inserts) == (bij_10, 1)
    eerste = [p.dossier_id for p in r1.context["personen"]]
    tweede = [p.dossier_id for p in r2.context["personen"]]
    assert len(tweede) == 100 - PERSONEN_PER_PAGINA
    alle = set(groot.regels.values_list("dossier_id", flat=True))
    assert set(eerste) | set(tweede) == alle and not set(eerste) & set(tweede)
    # each person with their line
    assert all(len(p.regels) == 1 for p in r2.context["personen"])
    # page 2 logged exactly its own persons
    gelogd = AccessLog.objects.filter(
        onderdeel="ontzorgen.inhouding", object_id=str(groot.pk), action="view"
    )
    assert set(gelogd.filter(dossier_id__in=tweede).values_list("dossier_id", flat=True)) == set(
        tweede
    )
    # a bad page parameter gives a page, not an error
    assert client.get(url(groot, "?pagina=abc")).context["page"].number == 1
    assert client.get(url(groot, "?pagina=999")).context["page"].number == 2
    # the CSV stays the whole instruction
    csv = client.get(reverse("ontzorgen:inhouding_csv", kwargs={"opdracht_pk": groot.pk}))
    assert csv.content.decode().count("\n") == 1 + 100
    # another gemeente's consulent cannot open it
    client.force_login(world.consulent_elders)
    assert client.get(url(groot)).status_code == 404


def test_inhouding_lijst_pages_the_reconciliation_and_the_instructions(client, world):
    from ontzorgen.inhouding_views import AANSLUITING_PER_PAGINA

    client.force_login(world.consulent)
    url = reverse("ontzorgen:inhouding_lijst")
    jan = date(2027, 1, 1)

    def betaald(gemeente, n):
        for _ in range(n):
            BetalingFactory(
                vaste_last__plan__dossier__gemeente=gemeente,
                maand=jan,
                status=BetalingStatus.BETAALD,
            )

    betaald(world.gemeente, 10)
    betaald(world.andere_gemeente, 3)  # another gemeente's: never shown
    client.get(url)
    bij_10, inserts, r10 = _get(client, url)
    assert inserts == 1
    assert r10.context["page_niet"].paginator.count == 10
    betaald(world.gemeente, 90)
    bij_100, inserts, r = _get(client, url)
    assert (bij_100, inserts) == (bij_10, 1)
    assert len(r.context["niet_ingehouden"]) == AANSLUITING_PER_PAGINA
    assert "Betaald, nog op geen opdracht (100)" in r.content.decode()
    n2, inserts, r2 = _get(client, url + "?pagina_niet=2&pagina=1")
    assert (n2, inserts) == (bij_10, 1)
    eerste = {b.pk for b in r.context["niet_ingehouden"]}
    tweede = {b.pk for b in r2.context["niet_ingehouden"]}
    assert len(tweede) == 100 - AANSLUITING_PER_PAGINA and not eerste & tweede
    assert {b.gemeente_id for b in r2.context["niet_ingehouden"]} == {world.gemeente.pk}
    assert _gelogd_dossiers(r2.context["niet_ingehouden"], "ontzorgen.inhouding")
    assert "?pagina=1&amp;pagina_niet=1#kop-niet-ingehouden" in r2.content.decode()
    for bad, nummer in (("abc", 1), ("999", 2)):
        assert client.get(url + f"?pagina_niet={bad}").context["page_niet"].number == nummer
        assert client.get(url + f"?pagina={bad}").status_code == 200
    # the reconciliation still counts the whole: it does not close
    assert not r2.context["aansluiting"].sluit
