"""Receiving DUO's notifications (DUO Notificatie API 1.8): check, store once per
``berichtId``, and hand the processing to the outbox in the same transaction.

Answers (the statuses the API gives):

* 201 — stored (or stored before: a repeat of a ``berichtId`` is answered 201 again
  and not processed twice);
* 400 — the request does not match the specification (headers ``bron``/``doel``/
  ``berichtId``, the JSON body);
* 401 — the proxy reports that the client certificate was not verified (only when
  ``DUO_NOTIFICATIE_CLIENT_VERIFY_HEADER`` is set);
* 403 — the ``bron`` is not DUO, the ``doel`` OIN is not one of our gemeenten, or the
  person is not one the gemeente may see (no dossier in that gemeente for an event
  about an existing plichtige). A refused notification is stored without BSN;
* 500 — anything unexpected (logged by kind only).

Nothing here logs a BSN, V-nummer or name: log lines carry the berichtId, the
gebeurtenis and our ids.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q

from casefiles import outbox
from casefiles.models import Dossier, Gemeente
from duo.schemas import notificatie as schema
from duo.schemas._base import SchemaError

from .choices import NotificatieStatus
from .models import Notificatie

logger = logging.getLogger(__name__)

OUTBOX_KIND = "duo.notificatie"

SYSTEEM_GEBRUIKERSNAAM = "duo-koppeling"
"""The system actor of everything DUO's notifications change: an inactive account
without a password, so the timeline and the access log name who did it."""

NIEUWE_PERSOON = frozenset({"SS101", "SS128", "SS139", "SS129", "SS120", "SS121"})
"""Events that announce a person to the gemeente (Gebeurtenissen: "Nieuwe
inburgeringsplichtige" and "Wijziging van gemeente"): they may create the dossier.
Every other event is about a person the gemeente already has a dossier for."""


def systeem_actor():
    """The account the DUO koppeling acts as (created on first use)."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=SYSTEEM_GEBRUIKERSNAAM,
        defaults={"first_name": "DUO-koppeling", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@dataclass(frozen=True)
class Antwoord:
    """What the endpoint answers: a status and, for the error statuses that have
    one in the specification, a ``Foutmelding`` body."""

    status: int
    reden: str = ""
    notificatie_id: int | None = None


def _bron_oins() -> list[str]:
    oins = list(getattr(settings, "DUO_NOTIFICATIE_BRON_OINS", []) or [])
    duo_oin = getattr(settings, "DUO_OIN", "")
    if not oins and duo_oin:
        oins = [duo_oin]
    return oins


def _gemeente_voor(doel: str) -> Gemeente | None:
    """The one gemeente with this OIN (none, or two with the same OIN: refused)."""
    found = list(Gemeente.objects.filter(oin=doel)[:2])
    return found[0] if len(found) == 1 else None


def _dossier_voor(*, gemeente: Gemeente, bsn: str | None, v_nummer: str) -> Dossier | None:
    """The dossier of this person in THIS gemeente (never another gemeente's)."""
    q = Q()
    if bsn:
        q |= Q(inburgeraar__bsn=bsn)
    if v_nummer:
        q |= Q(inburgeraar__v_nummer=v_nummer)
    if not q:
        return None
    return Dossier.objects.filter(q, gemeente=gemeente).order_by("-aangemaakt_op").first()


def notificatie_ontvangen(*, headers, body: bytes, client_verify: str | None = None) -> Antwoord:
    """Check one POST of DUO and store it. ``headers``: the request's headers
    (case-insensitive mapping); ``client_verify``: the proxy's certificate-check
    header when that check is configured."""
    if settings.DUO_NOTIFICATIE_CLIENT_VERIFY_HEADER and (client_verify or "") != "SUCCESS":
        logger.warning("DUO notificatie refused: client certificate not verified by the proxy")
        return Antwoord(401, "certificaat")
    try:
        kop = schema.parse_headers(headers)
    except SchemaError as exc:
        logger.warning("DUO notificatie refused (400): %s", exc)
        return Antwoord(400, str(exc))
    if kop.bron not in _bron_oins():
        logger.warning("DUO notificatie %s refused (403): bron is not DUO", kop.bericht_id)
        return Antwoord(403, "bron")
    try:
        data = json.loads(body.decode("utf-8"))
        bericht = schema.parse(data)
    except (UnicodeDecodeError, json.JSONDecodeError):
        logger.warning("DUO notificatie %s refused (400): body is not JSON", kop.bericht_id)
        return Antwoord(400, "json")
    except SchemaError as exc:
        logger.warning("DUO notificatie %s refused (400): %s", kop.bericht_id, exc)
        return Antwoord(400, str(exc))
    gemeente = _gemeente_voor(kop.doel)
    if gemeente is None:
        logger.warning(
            "DUO notificatie %s (%s) refused (403): doel OIN is not one of our gemeenten",
            kop.bericht_id,
            bericht.gebeurtenis_id,
        )
        return Antwoord(403, "doel")
    return _opslaan(kop=kop, bericht=bericht, gemeente=gemeente)


def _antwoord_op_herhaling(n: Notificatie) -> Antwoord:
    logger.info("DUO notificatie %s received again: not processed again", n.bericht_id)
    if n.status == NotificatieStatus.GEWEIGERD:
        return Antwoord(403, "persoon", n.pk)
    return Antwoord(201, "", n.pk)


def _bestaand(bericht_id) -> Notificatie | None:
    return Notificatie.objects.filter(bericht_id=bericht_id).first()


def _opslaan(*, kop: schema.Headers, bericht: schema.Notificatie, gemeente: Gemeente) -> Antwoord:
    bestaand = _bestaand(kop.bericht_id)
    if bestaand is not None:
        return _antwoord_op_herhaling(bestaand)
    v_nummer = bericht.v_nummer_tekst
    dossier = _dossier_voor(gemeente=gemeente, bsn=bericht.bsn, v_nummer=v_nummer)
    zichtbaar = dossier is not None or bericht.gebeurtenis_id in NIEUWE_PERSOON
    n = Notificatie(
        bericht_id=kop.bericht_id,
        gemeente=gemeente,
        gebeurtenis_id=bericht.gebeurtenis_id,
        registratie_moment=bericht.registratie_moment,
        dossier=dossier,
    )
    if zichtbaar:
        n.bsn = bericht.bsn or (dossier.inburgeraar.bsn if dossier else "")
        n.v_nummer = v_nummer
    else:
        # A person this gemeente has no dossier for: refused, and nothing of the
        # person is kept.
        n.status = NotificatieStatus.GEWEIGERD
        n.resultaat = "Geen dossier van deze persoon in deze gemeente; niets bewaard."
    try:
        with transaction.atomic():
            n.save()
            if zichtbaar:
                outbox.enqueue(
                    kind=OUTBOX_KIND,
                    payload={"notificatie_id": n.pk},
                    dedup_key=f"{OUTBOX_KIND}:{n.pk}",
                    gemeente_id=gemeente.pk,
                    dossier_id=dossier.pk if dossier else None,
                )
    except IntegrityError:
        # The same berichtId stored at this moment by a parallel delivery.
        return _antwoord_op_herhaling(Notificatie.objects.get(bericht_id=kop.bericht_id))
    if not zichtbaar:
        logger.warning(
            "DUO notificatie %s (%s) refused (403): person not known in gemeente %s",
            kop.bericht_id,
            bericht.gebeurtenis_id,
            gemeente.pk,
        )
        return Antwoord(403, "persoon", n.pk)
    logger.info(
        "DUO notificatie %s (%s) stored as %s for gemeente %s",
        kop.bericht_id,
        bericht.gebeurtenis_id,
        n.pk,
        gemeente.pk,
    )
    return Antwoord(201, "", n.pk)


@transaction.atomic
def notificatie_opnieuw(*, actor, notificatie: Notificatie) -> Notificatie:
    """The beheerder's retry: put a notification that failed (or whose job failed)
    back in the queue. A refused one kept no BSN and cannot be retried."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    from .selectors import OPNIEUW_MOGELIJK

    n = Notificatie.objects.select_for_update().get(pk=notificatie.pk)
    if n.status not in OPNIEUW_MOGELIJK:
        raise ValidationError(_("Deze notificatie kan niet opnieuw worden verwerkt."))
    n.status = NotificatieStatus.ONTVANGEN
    n.resultaat = ""
    n.verwerkt_op = None
    n.save(update_fields=["status", "resultaat", "verwerkt_op"])
    outbox.enqueue(
        kind=OUTBOX_KIND,
        payload={"notificatie_id": n.pk},
        gemeente_id=n.gemeente_id,
        dossier_id=n.dossier_id,
    )
    logger.info("DUO notificatie %s queued again by user %s", n.pk, actor.pk)
    return n
