"""URL permission cases of duo.inbound (tests/test_url_permissions.py): the
"Bij DUO opvragen" tab, the beheerder's list of notifications not processed, and
DUO's notification endpoint, which no user calls (a :class:`MachineCase`)."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

from django.test import override_settings
from django.urls import reverse

from duo.inbound.models import Notificatie, NotificatieStatus
from tests.permission_helper import MachineCase, UrlCase


def _dossier(w):
    return {"dossier_pk": w.dossier.pk}


def _mislukt(w, gemeente=None):
    """A notification of ``gemeente`` (default: the world's own) that was not processed."""
    return Notificatie.objects.create(
        bericht_id=uuid.uuid4(),
        gemeente=gemeente or w.gemeente,
        gebeurtenis_id="SS139",
        registratie_moment=datetime.now(UTC),
        bsn="999990019",
        status=NotificatieStatus.MISLUKT,
        resultaat="DUO kent geen inburgeringsplicht van de persoon.",
    )


OPVRAGEN_CASES = [
    UrlCase("duo_inbound:opvragen", _dossier),
    UrlCase(
        "duo_inbound:overnemen",
        lambda w: {"dossier_pk": w.dossier.pk, "veld": "doelgroep"},
        method="post",
        ok_status=(302,),
    ),
]
"""The dossier tab that asks DUO (tests/duo/inbound/test_views.py runs them again
with a DUO that answers)."""

BEHEER_CASES = [
    # ids only, no personal data: nothing to log
    UrlCase(
        "duo_inbound:beheer",
        permitted="beheer",
        no_perm="werkcoach",
        other_gemeente=None,
        logs=False,
    ),
    UrlCase(
        "duo_inbound:opnieuw",
        lambda w: {"pk": _mislukt(w).pk},
        method="post",
        permitted="beheer",
        no_perm="werkcoach",
        other_gemeente="beheer_elders",
        ok_status=(302,),
        logs=False,
    ),
]

CASES = [*OPVRAGEN_CASES, *BEHEER_CASES]


DUO_OIN = "00000001800866472000"
OIN_EIGEN = "00000001001690000000"
OIN_ELDERS = "00000001000148000000"
VERIFY_HEADER = "X-SSL-Client-Verify"


def _notificatie(client, *, bsn, bron=DUO_OIN, doel=OIN_EIGEN, certificaat="SUCCESS"):
    kop = {"HTTP_BRON": bron, "HTTP_DOEL": doel, "HTTP_BERICHTID": str(uuid.uuid4())}
    if certificaat is not None:
        kop["HTTP_X_SSL_CLIENT_VERIFY"] = certificaat
    data = {
        "registratieDatumTijd": datetime.now(UTC).isoformat(timespec="seconds"),
        "gebeurtenisId": "SS124",
        "bsn": bsn,
    }
    return client.post(
        reverse("duo_notificaties"), data=json.dumps(data), content_type="application/json", **kop
    )


def _notificaties_matrix(client, w) -> None:
    """DUO's notification endpoint has no user: DUO is authenticated by its client
    certificate (mutual TLS, checked by the proxy, which passes its verdict in
    DUO_NOTIFICATIE_CLIENT_VERIFY_HEADER) and by the ``bron`` OIN; the ``doel`` OIN
    chooses the gemeente. The matrix in those terms: no or a refused certificate →
    401, whoever is logged in; a sender that is not DUO → 403; a doel that is none of
    our gemeenten → 403; a person of another gemeente (no dossier in the doel
    gemeente) → 403 with nothing of the person kept; DUO about the gemeente's own
    dossier → 201; a GET → 405. Only the 201 stores a notification with personal
    data."""
    w.gemeente.oin, w.andere_gemeente.oin = OIN_EIGEN, OIN_ELDERS
    w.gemeente.save(update_fields=["oin"])
    w.andere_gemeente.save(update_fields=["oin"])
    eigen = w.dossier.inburgeraar.bsn
    elders = w.dossier_elders.inburgeraar.bsn
    with override_settings(
        DUO_OIN=DUO_OIN,
        DUO_NOTIFICATIE_BRON_OINS=[],
        DUO_NOTIFICATIE_CLIENT_VERIFY_HEADER=VERIFY_HEADER,
    ):
        client.logout()
        assert _notificatie(client, bsn=eigen, certificaat=None).status_code == 401
        assert _notificatie(client, bsn=eigen, certificaat="FAILED:expired").status_code == 401
        # a session of any user is no certificate
        for rol in ("werkcoach", "beheer", "privacy", "partner"):
            client.force_login(getattr(w, rol))
            r = _notificatie(client, bsn=eigen, certificaat=None)
            assert r.status_code == 401, f"{rol} without certificate got {r.status_code}"
        client.logout()
        assert not Notificatie.objects.exists()
        # a certificate, but the sender is a gemeente (our own OIN), not DUO
        assert _notificatie(client, bsn=eigen, bron=OIN_EIGEN).status_code == 403
        # for a gemeente that is not ours
        assert _notificatie(client, bsn=eigen, doel="00000001009999999000").status_code == 403
        assert not Notificatie.objects.exists()
        # about a person of another gemeente: refused, nothing of the person kept
        assert _notificatie(client, bsn=elders).status_code == 403
        n = Notificatie.objects.get()
        assert (n.status, n.bsn, n.dossier_id) == (NotificatieStatus.GEWEIGERD, "", None)
        # DUO about our own dossier
        assert _notificatie(client, bsn=eigen).status_code == 201
        assert Notificatie.objects.get(bsn=eigen).dossier_id == w.dossier.pk
        assert client.get(reverse("duo_notificaties")).status_code == 405


MACHINE_CASES = [MachineCase("duo_notificaties", _notificaties_matrix)]
