"""Correction requests (AVG art. 16): register on the dossier, resolve by pointing at
the change (a history row) made through the part's own edit screen, inform the person
by a B1 letter made through the outbox."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casefiles import outbox
from casefiles import services as core
from casefiles.choices import AccessAction
from casefiles.models import Dossier

from ..models import CorrectieVerzoek
from .choices import CorrectieOnderdeel, CorrectieStatus
from .rules import beslistermijn
from .sections import _tekst

BRIEF_KIND = "privacy.correctie_brief"
BRIEF_TEMPLATE = "privacy/pdf/correctie_brief.html"
ONDERDEEL = "avg_correctie"


@dataclass(frozen=True)
class Onderdeel:
    """A correctable part: its model (with a history table), how its rows are found
    from the dossier, and the edit screen where the correction is made."""

    model_label: str
    lookup: str  # "pk" of the dossier's person, or a filter with the dossier
    url_name: str

    def model(self):
        return apps.get_model(self.model_label)

    def ids(self, dossier: Dossier) -> list[int]:
        if self.lookup == "persoon":
            return [dossier.inburgeraar_id]
        if self.lookup == "dossier":
            return [dossier.pk]
        return list(
            self.model()._default_manager.filter(dossier=dossier).values_list("pk", flat=True)
        )

    def url(self, dossier: Dossier) -> str:
        return reverse(self.url_name, kwargs={"dossier_pk": dossier.pk})


ONDERDELEN: dict[str, Onderdeel] = {
    CorrectieOnderdeel.PERSOON: Onderdeel(
        "casefiles.Inburgeraar", "persoon", "casefiles:dossier_bewerken"
    ),
    CorrectieOnderdeel.DOSSIER: Onderdeel(
        "casefiles.Dossier", "dossier", "casefiles:dossier_bewerken"
    ),
    CorrectieOnderdeel.FEITEN: Onderdeel(
        "casefiles.Inburgeringsfeiten", "filter", "casefiles:inburgeringsfeiten"
    ),
    CorrectieOnderdeel.INTAKE: Onderdeel("intake.BredeIntake", "filter", "intake:tab"),
    CorrectieOnderdeel.PIP: Onderdeel("pip_plans.PipVersie", "filter", "pip_plans:tab"),
    CorrectieOnderdeel.HANDHAVING: Onderdeel("pip_plans.Handhaving", "filter", "pip_plans:tab"),
}


@dataclass
class Wijziging:
    """One saved change of the part: who, when, and each field before and after."""

    history_id: int
    moment: Any
    door: str
    velden: list[tuple[str, str, str]]  # (label, before, after)


def _wijziging(record, model) -> Wijziging | None:
    prev = record.prev_record
    velden = []
    if prev is not None:
        delta = record.diff_against(prev)
        for change in delta.changes:
            try:
                f = model._meta.get_field(change.field)
                label = str(f.verbose_name)
                label = label[:1].upper() + label[1:]
            except Exception:
                label = change.field
            if change.field == "lock_version":
                continue
            velden.append((label, _tekst(change.old), _tekst(change.new)))
        if not velden:
            return None
    user = record.history_user
    return Wijziging(
        history_id=record.history_id,
        moment=record.history_date,
        door=(user.get_full_name() or user.get_username()) if user else "",
        velden=velden,
    )


def wijzigingen_qs(verzoek: CorrectieVerzoek, *, sinds: dt.date | None = None):
    """The history rows of the request's part since the request was received (newest
    first), or only the one that resolved it. The detail page pages them (issue 16: a
    cap of 50 hid older changes, and those could then not be chosen)."""
    onderdeel = ONDERDELEN[verzoek.onderdeel]
    model = onderdeel.model()
    qs = model.history.filter(id__in=onderdeel.ids(verzoek.dossier)).select_related("history_user")
    if verzoek.wijziging_history_id and sinds is None:
        qs = qs.filter(history_id=verzoek.wijziging_history_id)
    else:
        vanaf = sinds or verzoek.ontvangen_op
        qs = qs.filter(history_date__date__gte=vanaf, history_type="~")
    return qs.order_by("-history_date", "-history_id")


def wijzigingen_van(verzoek: CorrectieVerzoek, records) -> list[Wijziging]:
    """The changes shown for these history rows (a row that changed only the lock
    version shows nothing)."""
    model = ONDERDELEN[verzoek.onderdeel].model()
    return [w for w in (_wijziging(r, model) for r in records) if w is not None]


def wijzigingen(verzoek: CorrectieVerzoek, *, sinds: dt.date | None = None) -> list[Wijziging]:
    """Every change of :func:`wijzigingen_qs` (for the resolving change: one)."""
    return wijzigingen_van(verzoek, wijzigingen_qs(verzoek, sinds=sinds))


def is_kandidaat(verzoek: CorrectieVerzoek, history_id) -> bool:
    """Whether the history row is a change of the request's part since receipt (on
    any page of the detail, not only the first)."""
    if history_id is None:
        return False
    rijen = wijzigingen_qs(verzoek, sinds=verzoek.ontvangen_op).filter(history_id=history_id)
    return bool(wijzigingen_van(verzoek, rijen))


@transaction.atomic
def correctie_registreren(
    *, actor, dossier: Dossier, onderdeel: str, verzoek: str, ontvangen_op: dt.date, request=None
) -> CorrectieVerzoek:
    if ontvangen_op > timezone.localdate():
        raise ValidationError({"ontvangen_op": _("Deze datum ligt in de toekomst.")})
    obj = CorrectieVerzoek(
        dossier=dossier,
        onderdeel=onderdeel,
        verzoek=verzoek.strip(),
        ontvangen_op=ontvangen_op,
        beslistermijn=beslistermijn(ontvangen_op),
        geregistreerd_door=actor,
    )
    obj.full_clean()
    obj.save()
    core.gebeurtenis_record(
        dossier=dossier,
        actor=actor,
        soort="privacy",
        titel=_("Verzoek om correctie (AVG) ontvangen; beslissen vóór %(d)s")
        % {"d": obj.beslistermijn.strftime("%d-%m-%Y")},
    )
    core.access_log_record(
        user=actor,
        dossier=dossier,
        action=AccessAction.CREATE,
        onderdeel=ONDERDEEL,
        object_id=obj.pk,
        request=request,
    )
    return obj


@transaction.atomic
def correctie_afhandelen(
    *,
    actor,
    verzoek: CorrectieVerzoek,
    besluit: str,
    toelichting: str,
    history_id: int | None = None,
    request=None,
) -> CorrectieVerzoek:
    """Record the decision. ``gecorrigeerd`` needs the change that resolved it: a
    history row of the request's part, saved on or after the day of receipt. The
    letter to the person is made through the outbox."""
    locked = CorrectieVerzoek.objects.select_for_update().get(pk=verzoek.pk)
    if locked.status != CorrectieStatus.OPEN:
        raise ValidationError(_("Over dit verzoek is al besloten."))
    if besluit not in (CorrectieStatus.GECORRIGEERD, CorrectieStatus.AFGEWEZEN):
        raise ValidationError({"besluit": _("Kies gecorrigeerd of afgewezen.")})
    if not toelichting.strip():
        raise ValidationError({"toelichting": _("Schrijf kort wat u besloot en waarom.")})
    locked.dossier = verzoek.dossier
    if besluit == CorrectieStatus.GECORRIGEERD:
        if not is_kandidaat(locked, history_id):
            raise ValidationError(
                {
                    "wijziging": _(
                        "Kies de wijziging die het verzoek oplost. Maak de correctie eerst "
                        "in het scherm van dit onderdeel."
                    )
                }
            )
        locked.wijziging_model = ONDERDELEN[locked.onderdeel].model().history.model._meta.label
        locked.wijziging_history_id = history_id
    locked.status = besluit
    locked.besluit_op = timezone.localdate()
    locked.besluit_toelichting = toelichting.strip()
    locked.besloten_door = actor
    locked.full_clean()
    locked.save()
    core.gebeurtenis_record(
        dossier=locked.dossier,
        actor=actor,
        soort="privacy",
        titel=_("Verzoek om correctie (AVG): %(b)s") % {"b": locked.get_status_display().lower()},
    )
    core.access_log_record(
        user=actor,
        dossier=locked.dossier,
        action=AccessAction.UPDATE,
        onderdeel=ONDERDEEL,
        object_id=locked.pk,
        request=request,
    )
    outbox.enqueue(
        kind=BRIEF_KIND,
        payload={"verzoek_id": locked.pk},
        dedup_key=f"{BRIEF_KIND}:{locked.pk}",
        gemeente_id=locked.dossier.gemeente_id,
        dossier_id=locked.dossier_id,
    )
    return locked


def correctie_brief_maken(*, verzoek_id: int) -> CorrectieVerzoek | None:
    """The outbox handler: the B1 letter as a document of the dossier (Documenten tab,
    where it is printed and sent). Idempotent: a request with a letter is left alone."""
    from casefiles.pdf import render_html_to_pdf

    verzoek = (
        CorrectieVerzoek.objects.select_for_update(of=("self",))
        .select_related("dossier__inburgeraar", "dossier__gemeente", "besloten_door")
        .filter(pk=verzoek_id)
        .first()
    )
    if verzoek is None or verzoek.brief_id or verzoek.status == CorrectieStatus.OPEN:
        return verzoek
    dossier = verzoek.dossier
    html = render_to_string(
        BRIEF_TEMPLATE,
        {
            "verzoek": verzoek,
            "dossier": dossier,
            "persoon": dossier.inburgeraar,
            "gemeente": dossier.gemeente,
            "wijziging": next(iter(wijzigingen(verzoek)), None),
            "datum": timezone.localdate(),
        },
    )
    pdf = render_html_to_pdf(html)
    document = core.document_add(
        actor=verzoek.besloten_door,
        dossier=dossier,
        titel=_("Brief: besluit op uw verzoek om correctie"),
        soort="brief",
        upload=SimpleUploadedFile(
            f"besluit-correctie-{verzoek.pk}.pdf", pdf, content_type="application/pdf"
        ),
    )
    verzoek.brief = document
    verzoek.save(update_fields=["brief"])
    return verzoek
