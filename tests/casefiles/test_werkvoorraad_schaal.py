"""Issue 16: the werkvoorraad at region scale — the stand the database keeps per
dossier, the order and counts it gives, a constant number of queries and the search
indexes. Timings are measured by ``manage.py bench_werkvoorraad``, never here."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Count, Min, Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casefiles import selectors
from casefiles.choices import TaakStatus
from casefiles.models import AccessLog, Dossier, Taak, WerkvoorraadStand
from tests.factories import DossierFactory, TaakFactory

pytestmark = pytest.mark.django_db

URL = "casefiles:werkvoorraad"


def _stand() -> dict[int, tuple]:
    return {
        s.dossier_id: (s.volgende_deadline, s.open_taken) for s in WerkvoorraadStand.objects.all()
    }


def _verwacht() -> dict[int, tuple]:
    """The stand computed from the tasks themselves, for every dossier."""
    open_ = Q(taken__status=TaakStatus.OPEN)
    return {
        d.pk: (d.eerste, d.n)
        for d in Dossier.objects.annotate(
            eerste=Min("taken__deadline", filter=open_), n=Count("taken", filter=open_)
        )
    }


def test_stand_follows_every_way_tasks_are_written(world):
    today = timezone.localdate()
    leeg = DossierFactory(gemeente=world.gemeente)
    Taak.objects.filter(dossier=leeg).delete()
    assert _stand() == _verwacht()
    assert _stand()[leeg.pk] == (None, 0)
    # a service-style create, a bulk_create (the nightly jobs), a queryset update
    t = TaakFactory(dossier=world.dossier, deadline=today - timedelta(days=9))
    Taak.objects.bulk_create(
        [
            Taak(dossier=leeg, titel="a", deadline=today + timedelta(days=3)),
            Taak(dossier=leeg, titel="b", deadline=today + timedelta(days=1)),
            Taak(dossier=world.dossier_elders, titel="c", deadline=today),
        ]
    )
    assert _stand() == _verwacht()
    assert _stand()[leeg.pk] == (today + timedelta(days=1), 2)
    assert _stand()[world.dossier.pk][0] == today - timedelta(days=9)
    Taak.objects.filter(pk=t.pk).update(status=TaakStatus.AFGEROND, afgerond_op=timezone.now())
    assert _stand() == _verwacht()
    Taak.objects.filter(dossier=leeg, titel="b").update(deadline=today + timedelta(days=30))
    assert _stand()[leeg.pk] == (today + timedelta(days=3), 2)
    # a task moved to another dossier changes both
    Taak.objects.filter(dossier=leeg, titel="a").update(dossier=world.dossier_elders)
    assert _stand() == _verwacht()
    assert _stand()[leeg.pk] == (today + timedelta(days=30), 1)
    Taak.objects.filter(dossier=leeg).delete()
    assert _stand()[leeg.pk] == (None, 0)
    assert _stand() == _verwacht()


def test_stand_goes_with_its_dossier(world):
    d = DossierFactory(gemeente=world.gemeente)
    TaakFactory(dossier=d)
    assert WerkvoorraadStand.objects.filter(dossier=d).exists()
    pk = d.pk
    d.delete()
    assert not WerkvoorraadStand.objects.filter(dossier_id=pk).exists()
    assert _stand() == _verwacht()


def test_list_sorted_by_first_open_deadline_without_deadline_last(world):
    today = timezone.localdate()
    Taak.objects.all().delete()
    laat = DossierFactory(gemeente=world.gemeente, werkcoach=world.werkcoach)
    vroeg = DossierFactory(gemeente=world.gemeente, werkcoach=world.werkcoach)
    geen = DossierFactory(gemeente=world.gemeente, werkcoach=world.werkcoach)
    Taak.objects.filter(dossier__in=[laat, vroeg, geen]).delete()
    TaakFactory(dossier=laat, deadline=today + timedelta(days=20), titel="Later")
    TaakFactory(dossier=vroeg, deadline=today - timedelta(days=2), titel="Te laat")
    TaakFactory(dossier=vroeg, deadline=today + timedelta(days=5), titel="Straks")
    TaakFactory(
        dossier=geen,
        deadline=today - timedelta(days=50),
        status=TaakStatus.AFGEROND,
        afgerond_op=timezone.now(),
    )
    rijen = list(selectors.werkvoorraad_dossiers(user=world.werkcoach))
    assert [d.pk for d in rijen if d.pk in {laat.pk, vroeg.pk, geen.pk}] == [
        vroeg.pk,
        laat.pk,
        geen.pk,
    ]
    eerste = next(d for d in rijen if d.pk == vroeg.pk)
    assert eerste.volgende_deadline == today - timedelta(days=2)
    assert eerste.volgende_taak == "Te laat"
    assert (eerste.open_taken_count, eerste.te_laat_count) == (2, 1)
    leeg = next(d for d in rijen if d.pk == geen.pk)
    assert (leeg.volgende_deadline, leeg.open_taken_count, leeg.te_laat_count) == (None, 0, 0)
    # the other direction and the sort on open tasks
    omgekeerd = [
        d.pk for d in selectors.werkvoorraad_dossiers(user=world.werkcoach, sortering="-deadline")
    ]
    assert omgekeerd.index(laat.pk) < omgekeerd.index(vroeg.pk)
    op_open = [
        d.pk for d in selectors.werkvoorraad_dossiers(user=world.werkcoach, sortering="-open")
    ]
    assert op_open[0] == vroeg.pk


def _maak(world, n: int, achternaam: str = "Haddad") -> None:
    today = timezone.localdate()
    for _ in range(n):
        d = DossierFactory(
            gemeente=world.gemeente, werkcoach=world.werkcoach, inburgeraar__achternaam=achternaam
        )
        TaakFactory(dossier=d, deadline=today - timedelta(days=2))
        TaakFactory(dossier=d)


def _queries(client, url) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


@pytest.mark.parametrize("zoek", ["", "Zewdiberhane"])
def test_constant_queries_for_5_and_50_rows_and_one_accesslog_insert(client, world, zoek):
    client.force_login(world.werkcoach)
    url = reverse(URL)
    if zoek:
        client.post(url, {"zoek": zoek})
    _maak(world, 5, "Zewdiberhane")
    client.get(url)  # warm the session and permission caches
    bij_5, r5 = _queries(client, url)
    _maak(world, 45, "Zewdiberhane")
    with CaptureQueriesContext(connection) as ctx:
        r50 = client.get(url)
    assert len(ctx.captured_queries) == bij_5
    assert bij_5 <= 14
    # the page's 25 dossiers are logged in ONE insert
    inserts = [q for q in ctx.captured_queries if 'INSERT INTO "casefiles_accesslog"' in q["sql"]]
    assert len(inserts) == 1
    assert r5.context["page"].paginator.count == 5 + (0 if zoek else 1)
    assert r50.context["page"].paginator.count == 50 + (0 if zoek else 1)
    assert len(r50.context["page"].object_list) == 25
    # page 2 (and beyond the last page: the last one)
    n2, r2 = _queries(client, url + "?pagina=2")
    assert n2 == bij_5
    assert r2.context["page"].number == 2
    assert not {d.pk for d in r2.context["page"].object_list} & {
        d.pk for d in r50.context["page"].object_list
    }
    logged = AccessLog.objects.filter(
        user_id=world.werkcoach.pk,
        dossier_id__in=[d.pk for d in r2.context["page"].object_list],
        onderdeel="werkvoorraad.zoeken" if zoek else "werkvoorraad",
    )
    assert logged.values("dossier_id").distinct().count() == 25


def test_paginator_counts_without_the_lists_joins(client, world):
    _maak(world, 3)
    client.force_login(world.werkcoach)
    client.get(reverse(URL))
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse(URL) + "?wie=alle")
    counts = [q["sql"] for q in ctx.captured_queries if "COUNT(*)" in q["sql"]]
    assert len(counts) == 1
    assert "casefiles_taak" not in counts[0] and "werkvoorraadstand" not in counts[0]


def test_search_never_crosses_the_gemeente(client, world):
    client.force_login(world.werkcoach)
    url = reverse(URL)
    for term in (world.dossier_elders.inburgeraar.bsn, world.dossier_elders.inburgeraar.achternaam):
        client.post(url, {"zoek": term})
        page = client.get(url).context["page"]
        assert world.dossier_elders not in page.object_list
    # the own gemeente's namesake is found
    client.post(url, {"zoek": world.dossier.inburgeraar.bsn})
    assert list(client.get(url).context["page"].object_list) == [world.dossier]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigram indexes exist on PostgreSQL only"
)
@pytest.mark.parametrize(
    ("lookup", "index"),
    [
        ({"achternaam__icontains": "Zewdi"}, "inburgeraar_achternaam_trgm"),
        ({"voornamen__icontains": "Amir"}, "inburgeraar_voornamen_trgm"),
        ({"tussenvoegsel__icontains": "van"}, "inburgeraar_tussenvoegsel_trgm"),
        ({"bsn": "123456782"}, "inburgeraar_bsn"),
    ],
)
def test_search_indexes_match_the_sql_django_writes(world, lookup, index):
    """The indexes are on exactly the expressions of Django's icontains (UPPER(col)
    LIKE UPPER(…)) and the BSN: with sequential scans off, the planner can use them
    (on 50 000 dossiers it does so by itself: bench_werkvoorraad)."""
    from casefiles.models import Inburgeraar

    sql, params = Inburgeraar.objects.filter(**lookup).query.sql_with_params()
    with connection.cursor() as c:
        c.execute("SET LOCAL enable_seqscan = off")
        c.execute("EXPLAIN " + sql, params)
        plan = "\n".join(r[0] for r in c.fetchall())
    assert index in plan


def test_caseload_constant_queries_cheap_count_and_overdue_per_row(client, world):
    today = timezone.localdate()
    client.force_login(world.teamleider)
    url = reverse("casefiles:caseload")
    _maak(world, 3)
    client.get(url)
    n3, r3 = _queries(client, url)
    _maak(world, 30)
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url)
    assert len(ctx.captured_queries) == n3
    counts = [q["sql"] for q in ctx.captured_queries if "COUNT(*)" in q["sql"]]
    assert len(counts) == 1 and "casefiles_taak" not in counts[0]
    assert r.context["page"].paginator.count == r3.context["page"].paginator.count + 30
    rij = next(d for d in r.context["page"].object_list if d.pk != world.dossier.pk)
    verwacht = Taak.objects.filter(dossier=rij, status=TaakStatus.OPEN, deadline__lt=today)
    assert rij.te_laat_count == verwacht.count() == 1
    eerste = Taak.objects.filter(dossier=rij, status=TaakStatus.OPEN).order_by("deadline")[0]
    assert rij.volgende_deadline == eerste.deadline


def test_herstellen_repairs_a_stand_that_bypassed_the_triggers(world):
    """After a restore with triggers off: a missing stand hides the dossier from the
    werkvoorraad; ``werkvoorraadstand_herstellen`` brings it back and fixes wrong ones."""
    from django.core.management import call_command

    TaakFactory(dossier=world.dossier, deadline=timezone.localdate() + timedelta(days=3))
    WerkvoorraadStand.objects.filter(dossier=world.dossier).delete()
    WerkvoorraadStand.objects.filter(dossier=world.dossier_elders).update(open_taken=99)
    assert world.dossier not in selectors.werkvoorraad_dossiers(user=world.werkcoach)
    call_command("werkvoorraadstand_herstellen", stdout=None)
    assert _stand() == _verwacht()
    assert world.dossier in selectors.werkvoorraad_dossiers(user=world.werkcoach)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's indexes")
@pytest.mark.parametrize(
    ("sortering", "index"),
    [("deadline", "werkvoorraadstand_deadline"), ("-deadline", "werkvoorraadstand_deadline_af")],
)
def test_both_deadline_orders_can_walk_an_index(world, sortering, index):
    """The list's ORDER BY matches an index (so a page reads a page, not the region);
    with full sorts off the planner shows it can use it."""
    _maak(world, 3)
    qs = selectors.werkvoorraad_dossiers(
        user=world.werkcoach, alleen_mijn=False, sortering=sortering
    )
    sql, params = qs[:25].query.sql_with_params()
    with connection.cursor() as c:
        c.execute("SET LOCAL enable_sort = off")
        c.execute("SET LOCAL enable_seqscan = off")
        c.execute("EXPLAIN " + sql, params)
        plan = "\n".join(r[0] for r in c.fetchall())
    assert f"Index Scan using {index} " in plan or f"Index Scan Backward using {index} " in plan
