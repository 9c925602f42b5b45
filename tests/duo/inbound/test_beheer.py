"""The beheerder's list of DUO notifications that were not processed, with retry:
ids only, own gemeenten only. The four permission cases of these pages run in
tests/test_url_permissions.py (tests/duo/inbound/url_cases.py)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from casefiles.outbox import OutboxJob
from duo.inbound.models import Notificatie, NotificatieStatus

pytestmark = pytest.mark.django_db


def _n(gemeente, status, bsn="999990019", **kw):
    return Notificatie.objects.create(
        bericht_id=uuid.uuid4(),
        gemeente=gemeente,
        gebeurtenis_id="SS139",
        registratie_moment=datetime.now(UTC),
        bsn="" if status == NotificatieStatus.GEWEIGERD else bsn,
        status=status,
        resultaat="DUO kent geen inburgeringsplicht van de persoon.",
        **kw,
    )


def test_list_shows_own_gemeente_ids_only_never_the_bsn(client, world):
    eigen = _n(world.gemeente, NotificatieStatus.MISLUKT)
    _n(world.gemeente, NotificatieStatus.VERWERKT)
    elders = _n(world.andere_gemeente, NotificatieStatus.MISLUKT)
    client.force_login(world.beheer)
    html = client.get(reverse("duo_inbound:beheer")).content.decode()
    assert f"<td>{eigen.pk}</td>" in html
    assert f"<td>{elders.pk}</td>" not in html
    assert "999990019" not in html
    assert html.count("SS139") == 1  # the processed one is not listed


def test_retry_puts_it_back_in_the_queue(client, world):
    n = _n(world.gemeente, NotificatieStatus.MISLUKT)
    client.force_login(world.beheer)
    client.post(reverse("duo_inbound:opnieuw", kwargs={"pk": n.pk}))
    n.refresh_from_db()
    assert (n.status, n.resultaat) == (NotificatieStatus.ONTVANGEN, "")
    assert OutboxJob.objects.filter(
        kind="duo.notificatie", payload={"notificatie_id": n.pk}
    ).exists()


def test_refused_cannot_be_retried(client, world):
    n = _n(world.gemeente, NotificatieStatus.GEWEIGERD)
    client.force_login(world.beheer)
    r = client.post(reverse("duo_inbound:opnieuw", kwargs={"pk": n.pk}), follow=True)
    assert "kan niet opnieuw" in r.content.decode()
    n.refresh_from_db()
    assert n.status == NotificatieStatus.GEWEIGERD
    assert not OutboxJob.objects.filter(kind="duo.notificatie").exists()
