"""Writes of inzage requests (AVG art. 15/20): request, generate (outbox), download once."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casefiles import outbox
from casefiles.choices import AccessAction
from casefiles.models import Gemeente
from casefiles.rules import bsn_is_valid, bsn_normalise
from casefiles.services import access_log_record_many

from ..models import InzageVerzoek
from . import export as export_mod
from .choices import InzageStatus
from .selectors import dossier_ids_van, inburgeraar_voor_inzage

logger = logging.getLogger(__name__)

OUTBOX_KIND = "privacy.inzage"
ONDERDEEL = "avg_inzage"
DOEL_VERZOEK = "AVG art. 15: inzageverzoek van de betrokkene"
SYSTEEM_GEBRUIKER = "systeem-avg"
WACHT_OP_WORKER_SECONDEN = 120
"""The command waits this long for a worker that took its job first (operational)."""


def systeem_actor():
    """The inactive account that stands for the command line (``manage.py avg_inzage``)
    in the access log: it cannot log in (no usable password, not active)."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=SYSTEEM_GEBRUIKER,
        defaults={"is_active": False, "first_name": "Systeem", "last_name": "(AVG-inzage)"},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _log(*, actor, dossier_ids, gemeente_id: int, action: str, verzoek_id, request=None) -> None:
    access_log_record_many(
        user=actor,
        dossiers=[(pk, gemeente_id) for pk in dossier_ids],
        action=action,
        onderdeel=ONDERDEEL,
        doel=DOEL_VERZOEK,
        object_id=verzoek_id,
        request=request,
    )


@transaction.atomic
def inzage_aanvragen(
    *,
    actor,
    gemeente_ids: list[int],
    gemeente: Gemeente,
    bsn: str,
    ontvangen_op: dt.date,
    request=None,
) -> InzageVerzoek:
    """Register an inzage request for the person with ``bsn`` in ``gemeente`` (one of
    ``gemeente_ids``, the actor's) and queue the export. A BSN that does not pass the
    elfproef, or that is not known in the gemeente (or in a gemeente of someone
    else), raises ValidationError with the same message for both cases of absence."""
    bsn = bsn_normalise(bsn or "")
    if not bsn_is_valid(bsn):
        raise ValidationError({"bsn": _("Dit is geen geldig BSN. Controleer de 9 cijfers.")})
    if ontvangen_op > timezone.localdate():
        raise ValidationError({"ontvangen_op": _("Deze datum ligt in de toekomst.")})
    inburgeraar = inburgeraar_voor_inzage(gemeente_ids=gemeente_ids, gemeente=gemeente, bsn=bsn)
    if inburgeraar is None:
        raise ValidationError(
            {"bsn": _("Niet gevonden: er is geen inburgeraar met dit BSN in deze gemeente.")}
        )
    dossier_ids = dossier_ids_van(inburgeraar)
    verzoek = InzageVerzoek(
        gemeente=gemeente,
        inburgeraar=inburgeraar,
        ontvangen_op=ontvangen_op,
        aangevraagd_door=actor,
        dossier_ids=list(dossier_ids),
    )
    verzoek.full_clean()
    verzoek.save()
    _log(
        actor=actor,
        dossier_ids=dossier_ids,
        gemeente_id=gemeente.pk,
        action=AccessAction.EXPORT,
        verzoek_id=verzoek.pk,
        request=request,
    )
    outbox.enqueue(
        kind=OUTBOX_KIND,
        payload={"verzoek_id": verzoek.pk},
        dedup_key=f"{OUTBOX_KIND}:{verzoek.pk}",
        gemeente_id=gemeente.pk,
    )
    return verzoek


def inzage_genereren(*, verzoek_id: int) -> InzageVerzoek | None:
    """Make the export of a queued request and store it privately (the outbox handler).
    Idempotent: a request that is no longer queued is left alone."""
    verzoek = (
        InzageVerzoek.objects.select_for_update(of=("self",))
        .select_related("inburgeraar__gemeente")
        .filter(pk=verzoek_id)
        .first()
    )
    if verzoek is None or verzoek.status != InzageStatus.WACHTRIJ:
        return verzoek
    if verzoek.inburgeraar is None:
        verzoek.status = InzageStatus.MISLUKT
        verzoek.save(update_fields=["status"])
        return verzoek
    dossier_ids = dossier_ids_van(verzoek.inburgeraar)
    exp = export_mod.build(
        inburgeraar=verzoek.inburgeraar, dossier_ids=dossier_ids, verzoek_id=verzoek.pk
    )
    data = export_mod.zip_bytes(exp)
    verzoek.bestand.save("inzage.zip", ContentFile(data), save=False)
    stored = verzoek.bestand.name
    verzoek.sha256 = hashlib.sha256(data).hexdigest()
    verzoek.grootte = len(data)
    verzoek.samenvatting = exp.samenvatting()
    verzoek.dossier_ids = list(dossier_ids)
    verzoek.status = InzageStatus.GEREED
    verzoek.gereed_op = timezone.now()
    try:
        verzoek.save()
    except Exception:
        verzoek.bestand.storage.delete(stored)
        raise
    return verzoek


@transaction.atomic
def inzage_downloaden(*, actor, verzoek: InzageVerzoek, request=None) -> bytes:
    """Hand the export to its requester once: read it, delete the file, log the
    download. A second call finds no file and raises ValidationError."""
    locked = InzageVerzoek.objects.select_for_update().get(pk=verzoek.pk)
    if locked.aangevraagd_door_id != actor.pk:
        raise ValidationError(_("Alleen wie het verzoek deed, kan het bestand downloaden."))
    if locked.status != InzageStatus.GEREED or not locked.bestand:
        raise ValidationError(_("Dit bestand is niet (meer) beschikbaar."))
    with locked.bestand.open("rb") as fh:
        data = fh.read()
    name = locked.bestand.name
    locked.bestand = ""
    locked.status = InzageStatus.GEDOWNLOAD
    locked.gedownload_op = timezone.now()
    locked.save(update_fields=["bestand", "status", "gedownload_op"])
    _log(
        actor=actor,
        dossier_ids=locked.dossier_ids,
        gemeente_id=locked.gemeente_id,
        action=AccessAction.EXPORT,
        verzoek_id=locked.pk,
        request=request,
    )
    storage = InzageVerzoek._meta.get_field("bestand").storage
    transaction.on_commit(lambda: storage.delete(name))
    verzoek.refresh_from_db()
    return data


def inzage_direct(*, actor, gemeente: Gemeente, bsn: str, ontvangen_op: dt.date):
    """The command line: register the request, run its outbox job here and now (when a
    worker did not already), and download it at once. Returns (verzoek, ZIP bytes);
    no file stays behind."""
    verzoek = inzage_aanvragen(
        actor=actor,
        gemeente_ids=[gemeente.pk],
        gemeente=gemeente,
        bsn=bsn,
        ontvangen_op=ontvangen_op,
    )
    job = outbox.OutboxJob.objects.get(dedup_key=f"{OUTBOX_KIND}:{verzoek.pk}")
    outbox.run_job(job.pk)
    verzoek.refresh_from_db()
    # a worker may have taken the job first (run_job then skips it): wait for it
    deadline = time.monotonic() + WACHT_OP_WORKER_SECONDEN
    while verzoek.status == InzageStatus.WACHTRIJ and time.monotonic() < deadline:
        time.sleep(0.5)
        verzoek.refresh_from_db()
    if verzoek.status != InzageStatus.GEREED:
        raise ValidationError(_("De export kon niet worden gemaakt."))
    data = inzage_downloaden(actor=actor, verzoek=verzoek)
    return verzoek, data
