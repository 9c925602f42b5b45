"""Issue 16, lists that stay small: the beheer lists of DUO, the volunteer register and
the partner's notifications show one page, in a constant number of queries, page 2
holds the rest, a bad page number gives a page (never a 500) and another gemeente's
rows never show. These lists show numbers, volunteers or notification titles, no
inburgeraar's personal data: they write no access-log rows (the ontzorgen and
werkvoorraad lists that do are tested in tests/ontzorgen/test_lijsten.py)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casefiles.models import PartnerMelding, Vrijwilliger
from duo.inbound.models import Notificatie, NotificatieStatus
from duo.models import BerichtStatus, DuoBericht

pytestmark = pytest.mark.django_db


def _berichten(w, gemeente, n: int) -> list[int]:
    dossier = w.dossier if gemeente == w.gemeente else w.dossier_elders
    rows = DuoBericht.objects.bulk_create(
        DuoBericht(
            gemeente=gemeente,
            dossier=dossier,
            soort="pip",
            methode="POST",
            api="PIP",
            dedup_key=f"lijst:{uuid.uuid4().hex}",
            status=BerichtStatus.GEWEIGERD,
            http_status=403,
            reden="Datum dagtekening ligt voor de vestiging.",
        )
        for _ in range(n)
    )
    return [r.pk for r in rows]


def _notificaties(w, gemeente, n: int) -> list[int]:
    rows = Notificatie.objects.bulk_create(
        Notificatie(
            bericht_id=uuid.uuid4(),
            gemeente=gemeente,
            gebeurtenis_id="SS139",
            registratie_moment=datetime.now(UTC),
            bsn="999990019",
            status=NotificatieStatus.MISLUKT,
            resultaat="DUO kent geen inburgeringsplicht van de persoon.",
        )
        for _ in range(n)
    )
    return [r.pk for r in rows]


def _vrijwilligers(w, gemeente, n: int) -> list[int]:
    rows = Vrijwilliger.objects.bulk_create(
        Vrijwilliger(
            gemeente=gemeente,
            naam=f"Vrijwilliger {uuid.uuid4().hex[:8]}",
            vog_datum=date(2026, 1, 5),
        )
        for _ in range(n)
    )
    return [r.pk for r in rows]


def _meldingen(w, gemeente, n: int) -> list[int]:
    """Notifications for Humanitas (the partner_elders' organisation); "another
    gemeente" here is the other organisation of the world, whose notifications
    Humanitas must never see."""
    from casefiles.begeleiding import services as mb_services
    from casefiles.models import Ketenpartner

    partner = (
        Ketenpartner.objects.get(gemeente=w.gemeente, naam="Humanitas")
        if gemeente == w.gemeente
        else w.partner_org
    )
    pks = []
    for _ in range(n):
        v = mb_services.verwijzing_create(
            actor=w.consulent,
            dossier=w.dossier,
            partner=partner,
            datum=date.today(),
            reden="Taalcafé",
        )
        pks.append(PartnerMelding.objects.get(verwijzing=v, partner=partner).pk)
    return pks


@dataclass
class Lijst:
    url: str
    user: str
    maak: Callable[[Any, Any, int], list[int]]
    context: str
    per_pagina: str  # "module:NAME"
    param: str = "pagina"
    page: str = "page"


LIJSTEN = [
    Lijst("duo:mislukt", "beheer", _berichten, "berichten", "duo.views:PER_PAGINA"),
    Lijst(
        "duo_inbound:beheer",
        "beheer",
        _notificaties,
        "notificaties",
        "duo.inbound.views:PER_PAGINA",
    ),
    Lijst(
        "vrijwilligers:lijst",
        "consulent",
        _vrijwilligers,
        "vrijwilligers",
        "casefiles.vrijwilligers.views:PER_PAGINA",
    ),
    Lijst(
        "partners:overzicht",
        "partner_elders",
        _meldingen,
        "meldingen",
        "casefiles.partners.views:MELDINGEN_PER_PAGINA",
        "pagina_meldingen",
        "page_meldingen",
    ),
]


def _pks(lijst: Lijst, response) -> list[int]:
    rows = response.context[lijst.context]
    if lijst.context == "meldingen":
        return [m.pk for m, _gedeeld in rows]
    return [r.pk for r in rows]


def _get(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    inserts = [q for q in ctx.captured_queries if 'INSERT INTO "casefiles_accesslog"' in q["sql"]]
    return len(ctx.captured_queries), len(inserts), response


@pytest.mark.parametrize("lijst", LIJSTEN, ids=[lijst.url for lijst in LIJSTEN])
def test_list_is_paged_with_constant_queries(client, world, lijst):
    import importlib

    module, name = lijst.per_pagina.split(":")
    per_pagina = getattr(importlib.import_module(module), name)
    user = getattr(world, lijst.user)
    client.force_login(user)
    url = reverse(lijst.url)
    # another gemeente's rows (for the partner: an organisation it is not)
    elders = set(lijst.maak(world, world.andere_gemeente, 3))
    eigen = lijst.maak(world, world.gemeente, 10)
    client.get(url)
    bij_10, inserts, r10 = _get(client, url)
    assert inserts == 0
    paginator = r10.context[lijst.page].paginator
    basis = paginator.count - 10  # rows the world starts with (the partner's own)
    assert basis >= 0
    totaal = max(100, per_pagina + 5)
    eigen += lijst.maak(world, world.gemeente, totaal - 10)
    bij_veel, inserts, r1 = _get(client, url)
    assert (bij_veel, inserts) == (bij_10, 0)
    assert r1.context[lijst.page].paginator.count == basis + totaal
    eerste = _pks(lijst, r1)
    assert len(eerste) == per_pagina
    laatste = r1.context[lijst.page].paginator.num_pages
    n2, inserts, r2 = _get(client, url + f"?{lijst.param}=2")
    assert (n2, inserts) == (bij_10, 0)
    tweede = _pks(lijst, r2)
    assert tweede and not set(tweede) & set(eerste)
    # every page together: each row once, none of another gemeente's
    gezien = [*eerste, *tweede]
    for nummer in range(3, laatste + 1):
        gezien += _pks(lijst, client.get(url + f"?{lijst.param}={nummer}"))
    assert len(gezien) == len(set(gezien)) == basis + totaal
    assert set(eigen) <= set(gezien)
    assert not set(gezien) & elders
    # a bad page number gives a page, not an error
    for bad, nummer in (("abc", 1), ("999", laatste), ("", 1)):
        r = client.get(url + f"?{lijst.param}={bad}")
        assert r.status_code == 200
        assert r.context[lijst.page].number == nummer
    assert "Volgende" in r1.content.decode()


# --- the dossier's timeline ------------------------------------------------------------


def test_dossier_timeline_is_paged_with_constant_queries(client, world):
    from datetime import timedelta

    from django.utils import timezone

    from casefiles.models import AccessLog, Gebeurtenis
    from casefiles.views import TIJDLIJN_PER_PAGINA
    from tests.factories import DossierFactory

    dossier = DossierFactory(gemeente=world.gemeente, werkcoach=world.werkcoach)
    begin = timezone.now() - timedelta(days=1000)

    def gebeurtenissen(n: int, vanaf: int) -> None:
        Gebeurtenis.objects.bulk_create(
            Gebeurtenis(
                dossier=dossier,
                actor=world.werkcoach,
                soort="notitie",
                titel=f"Gebeurtenis {vanaf + i}",
                moment=begin + timedelta(days=vanaf + i),
            )
            for i in range(n)
        )

    client.force_login(world.werkcoach)
    url = reverse("casefiles:dossier_detail", kwargs={"dossier_pk": dossier.pk})
    voor = set(Gebeurtenis.objects.filter(dossier=dossier).values_list("pk", flat=True))
    gebeurtenissen(10, 0)
    client.get(url)
    bij_10, inserts, r10 = _get(client, url)
    assert inserts == 1  # the dossier's own access-log row
    gebeurtenissen(90, 10)
    bij_100, inserts, r1 = _get(client, url)
    assert (bij_100, inserts) == (bij_10, 1)
    totaal = 100 + len(voor)
    assert r1.context["page_tijdlijn"].paginator.count == totaal
    assert len(r1.context["tijdlijn"]) == TIJDLIJN_PER_PAGINA
    # newest first; page 2 (on its own parameter) holds the older ones
    n2, inserts, r2 = _get(client, url + "?pagina_tijdlijn=2")
    assert (n2, inserts) == (bij_10, 1)
    eerste = [g.pk for g in r1.context["tijdlijn"]]
    tweede = [g.pk for g in r2.context["tijdlijn"]]
    laatste = r1.context["page_tijdlijn"].paginator.num_pages
    rest = [g.pk for g in client.get(url + f"?pagina_tijdlijn={laatste}").context["tijdlijn"]]
    alle = [*eerste, *tweede, *(rest if laatste > 2 else [])]
    assert len(alle) == len(set(alle)) == totaal
    assert "Gebeurtenis 99" in r1.content.decode()
    assert "Gebeurtenis 0<" in client.get(url + f"?pagina_tijdlijn={laatste}").content.decode()
    assert "pagina_tijdlijn=1#kop-tijdlijn" in r2.content.decode()
    assert AccessLog.objects.filter(dossier_id=dossier.pk, user_id=world.werkcoach.pk).exists()
    for bad, nummer in (("abc", 1), ("999", laatste)):
        r = client.get(url + f"?pagina_tijdlijn={bad}")
        assert r.status_code == 200 and r.context["page_tijdlijn"].number == nummer
    # another gemeente's werkcoach cannot open the dossier
    client.force_login(world.consulent_elders)
    assert client.get(url).status_code == 404


# --- the Leerroute tab's hour registrations ---------------------------------------------


def test_leerroute_hour_registrations_are_paged(client, world):
    from datetime import timedelta
    from decimal import Decimal

    from leerroutes.views import UREN_PER_PAGINA
    from tests.factories import DossierFactory
    from tests.leerroutes.factories import UrenFactory

    dossier = DossierFactory(gemeente=world.gemeente, werkcoach=world.werkcoach)
    begin = date(2024, 1, 1)

    def weken(n: int, vanaf: int) -> None:
        for i in range(vanaf, vanaf + n):
            start = begin + timedelta(weeks=i)
            UrenFactory(
                dossier=dossier,
                periode_start=start,
                periode_eind=start + timedelta(days=6),
                aanwezig=Decimal("10"),
            )

    client.force_login(world.werkcoach)
    url = reverse("leerroutes:tab", kwargs={"dossier_pk": dossier.pk})
    weken(10, 0)
    client.get(url)
    bij_10, inserts, _r = _get(client, url)
    assert inserts == 1  # the dossier's own access-log row
    weken(90, 10)
    bij_100, inserts, r1 = _get(client, url)
    assert (bij_100, inserts) == (bij_10, 1)
    html = r1.content.decode()
    assert "Registraties per periode (100)" in html
    # the totals are of every registration, not of the page
    assert r1.context["o"].totalen["taal_knm"]["aanwezig"] == Decimal("1000")
    eerste = [u.pk for u in r1.context["o"].uren]
    assert len(eerste) == UREN_PER_PAGINA
    assert r1.context["o"].uren[0].periode_start == begin + timedelta(weeks=99)  # latest first
    n2, inserts, r2 = _get(client, url + "?pagina_uren=2")
    assert (n2, inserts) == (bij_10, 1)
    tweede = [u.pk for u in r2.context["o"].uren]
    assert len(tweede) == 100 - UREN_PER_PAGINA and not set(eerste) & set(tweede)
    assert '<details id="uren-registraties" open>' in r2.content.decode()
    for bad, nummer in (("abc", 1), ("999", 2)):
        r = client.get(url + f"?pagina_uren={bad}")
        assert r.status_code == 200 and r.context["page_uren"].number == nummer
    client.force_login(world.consulent_elders)
    assert client.get(url).status_code == 404


def test_werkvoorraad_task_preview_links_to_all_open_tasks(client, world):
    """The werkvoorraad shows the first 15 open tasks; when there are more it says how
    many and links to the paged list in Mijn week (no silent cap)."""
    from tests.factories import DossierFactory, TaakFactory

    client.force_login(world.werkcoach)
    url = reverse("casefiles:werkvoorraad")
    for _ in range(3):
        TaakFactory(dossier=DossierFactory(gemeente=world.gemeente, werkcoach=world.werkcoach))
    open_taken = reverse("casefiles:week") + "?toon=open"
    html = client.get(url).content.decode()
    assert "open taken in Mijn week" not in html
    for _ in range(15):
        TaakFactory(dossier=DossierFactory(gemeente=world.gemeente, werkcoach=world.werkcoach))
    r = client.get(url)
    totaal = r.context["telling"]["open"]
    assert len(r.context["taken"]) == 15 < totaal
    assert f'href="{open_taken}">Alle {totaal} open taken in Mijn week</a>' in r.content.decode()


# --- the PIP tab's progress notes of ketenpartners ---------------------------------------


def test_pip_tab_pages_the_partners_progress_notes(client, world):
    from datetime import timedelta

    from pip_plans.models import DoelVoortgang
    from pip_plans.views import VOORTGANG_PER_PAGINA
    from tests.pip_plans.factories import PipDoelFactory, PipVersieFactory

    versie = PipVersieFactory(dossier=world.dossier)
    doel = PipDoelFactory(versie=versie, partner=world.partner_org, doel="Buddy vinden")
    begin = date(2026, 1, 1)

    def notities(n: int, vanaf: int) -> None:
        DoelVoortgang.objects.bulk_create(
            DoelVoortgang(
                doel=doel,
                partner=world.partner_org,
                auteur=world.partner,
                datum=begin + timedelta(days=vanaf + i),
                tekst=f"Notitie {vanaf + i}.",
            )
            for i in range(n)
        )

    client.force_login(world.werkcoach)
    url = reverse("pip_plans:tab", kwargs={"dossier_pk": world.dossier.pk})
    notities(10, 0)
    client.get(url)
    bij_10, inserts, _r = _get(client, url)
    assert inserts == 1  # the dossier's own access-log row
    notities(90, 10)
    bij_100, inserts, r1 = _get(client, url)
    assert (bij_100, inserts) == (bij_10, 1)
    assert r1.context["page_voortgang"].paginator.count == 100
    eerste = [v.pk for v in r1.context["partner_voortgang"]]
    assert len(eerste) == VOORTGANG_PER_PAGINA
    assert "Notitie 99." in r1.content.decode()  # newest first
    laatste = r1.context["page_voortgang"].paginator.num_pages
    gezien = list(eerste)
    for nummer in range(2, laatste + 1):
        n, inserts, r = _get(client, url + f"?pagina_voortgang={nummer}")
        assert (n, inserts) == (bij_10, 1)
        gezien += [v.pk for v in r.context["partner_voortgang"]]
    assert len(gezien) == len(set(gezien)) == 100
    assert "Notitie 0." in r.content.decode()
    for bad, nummer in (("abc", 1), ("999", laatste)):
        r = client.get(url + f"?pagina_voortgang={bad}")
        assert r.status_code == 200 and r.context["page_voortgang"].number == nummer
    client.force_login(world.werkcoach_elders)
    assert client.get(url).status_code == 404


# --- the DUO tab's messages ---------------------------------------------------------------


def _dossier_berichten(world, dossier, n: int, vanaf: int, status=BerichtStatus.VERZONDEN):
    """n messages of the dossier, "Bericht <i>." one hour apart: 0 is the oldest."""
    from datetime import timedelta

    from django.utils import timezone

    begin = timezone.now() - timedelta(days=1000)
    rows = DuoBericht.objects.bulk_create(
        DuoBericht(
            gemeente=world.gemeente,
            dossier=dossier,
            soort="pip",
            methode="POST",
            api="PIP",
            dedup_key=f"tab:{dossier.pk}:{vanaf + i}",
            status=status,
            http_status=201 if status == BerichtStatus.VERZONDEN else None,
            reden=f"Bericht {vanaf + i}.",
        )
        for i in range(n)
    )
    for i, r in enumerate(rows):
        DuoBericht.objects.filter(pk=r.pk).update(aangemaakt_op=begin + timedelta(hours=vanaf + i))
    return [r.pk for r in rows]


def test_duo_tab_reaches_the_201st_message(client, world):
    """The DUO tab showed at most 200 messages and said nothing of the rest; following
    its page links as the werkcoach does reaches every message, newest first."""
    import re

    from tests.factories import DossierFactory

    dossier = DossierFactory(gemeente=world.gemeente, werkcoach=world.werkcoach)
    _dossier_berichten(world, dossier, 205, 0)
    client.force_login(world.werkcoach)
    url = reverse("duo:tab", kwargs={"dossier_pk": dossier.pk})
    getoond, volgende = [], url
    while volgende:
        html = client.get(volgende).content.decode()
        getoond += re.findall(r"Bericht (\d+)\.", html)
        link = re.search(r'href="(\?[^"]*)">Volgende</a>', html)
        volgende = url + link.group(1).replace("&amp;", "&") if link else None
    assert getoond == [str(i) for i in range(204, -1, -1)]
    assert getoond[200] == "4"  # the 201st newest


def test_duo_tab_pages_every_message_with_constant_queries(client, world):
    """Every message on a page of its own parameter, in the same number of queries;
    each page read is logged; the waiting count is of every message."""
    from casefiles.models import AccessLog
    from duo.views import BERICHTEN_PER_PAGINA
    from tests.factories import DossierFactory

    dossier = DossierFactory(gemeente=world.gemeente, werkcoach=world.werkcoach)
    client.force_login(world.werkcoach)
    url = reverse("duo:tab", kwargs={"dossier_pk": dossier.pk})
    eigen = _dossier_berichten(world, dossier, 10, 0)
    client.get(url)
    bij_10, inserts, _r = _get(client, url)
    assert inserts == 1  # the dossier's own access-log row
    eigen += _dossier_berichten(world, dossier, 240, 10)
    eigen += _dossier_berichten(world, dossier, 3, 250, status=BerichtStatus.WACHT)
    elders = set(_berichten(world, world.andere_gemeente, 3))
    totaal = 253
    bij_veel, inserts, r1 = _get(client, url)
    assert (bij_veel, inserts) == (bij_10, 1)
    assert r1.context["page_berichten"].paginator.count == totaal
    html = r1.content.decode()
    assert "3 berichten wachten op verzending" in html  # the newest three wait
    eerste = [b.pk for b in r1.context["berichten"]]
    assert len(eerste) == BERICHTEN_PER_PAGINA
    laatste = r1.context["page_berichten"].paginator.num_pages
    gezien = list(eerste)
    logs = AccessLog.objects.filter(
        dossier_id=dossier.pk, user_id=world.werkcoach.pk, onderdeel="duo.berichten"
    )
    voor = logs.count()
    for nummer in range(2, laatste + 1):
        n, inserts, r = _get(client, url + f"?pagina_berichten={nummer}")
        assert (n, inserts) == (bij_10, 1)
        gezien += [b.pk for b in r.context["berichten"]]
        # the waiting count stays the dossier's, on a page without those messages
        assert "3 berichten wachten op verzending" in r.content.decode()
    assert logs.count() == voor + laatste - 1  # every page read is logged
    assert gezien == [*reversed(eigen)]  # each once, newest first
    assert not set(gezien) & elders
    assert "pagina_berichten=1#kop-duo" in client.get(url + "?pagina_berichten=2").content.decode()
    for bad, nummer in (("abc", 1), ("999", laatste), ("", 1)):
        r = client.get(url + f"?pagina_berichten={bad}")
        assert r.status_code == 200 and r.context["page_berichten"].number == nummer
    client.force_login(world.werkcoach_elders)
    assert client.get(url).status_code == 404
