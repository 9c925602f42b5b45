"""Every write to the core's case data. Views, admin actions, commands, Celery tasks
and imports all call these functions, each with an explicit ``actor``."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Field
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from . import rules
from .choices import AccessAction, DossierStatus, TaakBron, TaakStatus
from .middleware import current_request_id
from .models import (
    AccessLog,
    Contactmoment,
    Document,
    DoelgroepPeriode,
    Dossier,
    Gebeurtenis,
    Gemeente,
    Inburgeraar,
    Taak,
)

# --- access log and timeline ------------------------------------------------------


def access_log_record(
    *,
    user,
    dossier: Dossier | None,
    action: str,
    onderdeel: str,
    doel: str = "",
    object_id: str | int = "",
    request=None,
) -> AccessLog:
    """Append one access-log row. Ids only; the request id ties it to log lines."""
    return AccessLog.objects.create(
        user_id=user.pk,
        dossier_id=dossier.pk if dossier else None,
        gemeente_id=dossier.gemeente_id if dossier else None,
        action=action,
        onderdeel=onderdeel,
        object_id=str(object_id or ""),
        doel=doel[:200],
        request_id=getattr(request, "request_id", "") or current_request_id(),
    )


def access_log_bulk(
    *, user, dossiers, action: str, onderdeel: str, doel: str = "", request=None
) -> int:
    """Append one access-log row per dossier in ONE statement (list pages and exports
    that show several dossiers). Ids only."""
    request_id = getattr(request, "request_id", "") or current_request_id()
    rows = [
        AccessLog(
            user_id=user.pk,
            dossier_id=d.pk,
            gemeente_id=d.gemeente_id,
            action=action,
            onderdeel=onderdeel,
            doel=doel[:200],
            request_id=request_id,
        )
        for d in {d.pk: d for d in dossiers}.values()
    ]
    AccessLog.objects.bulk_create(rows)
    return len(rows)


def gebeurtenis_record(
    *, dossier: Dossier, actor, soort: str, titel: str, moment=None
) -> Gebeurtenis:
    """Add a line to the dossier's timeline. Keep ``titel`` free of
    special-category content: it is shown to everyone who may see the dossier."""
    return Gebeurtenis.objects.create(
        dossier=dossier,
        actor=actor if getattr(actor, "pk", None) else None,
        soort=soort,
        titel=titel[:300],
        moment=moment or timezone.now(),
    )


# --- dossiers --------------------------------------------------------------------


def _full_clean_or_raise(obj, exclude: list[str] | None = None) -> None:
    obj.full_clean(exclude=exclude)


@transaction.atomic
def dossier_create(
    *,
    actor,
    gemeente: Gemeente,
    persoon: dict[str, Any],
    doelgroep: str,
    datums: dict[str, date | None] | None = None,
    azc: str = "",
    werkcoach=None,
    consulent=None,
    bron: str = "handmatig",
) -> Dossier:
    """Create an inburgeraar (or reuse the one with this BSN) and their dossier in
    ``gemeente``. Refuses a second dossier for the same person in the same gemeente."""
    bsn = rules.bsn_normalise(persoon.get("bsn", ""))
    inburgeraar = Inburgeraar.objects.filter(bsn=bsn).first()
    if inburgeraar is None:
        inburgeraar = Inburgeraar(**{**persoon, "bsn": bsn})
        _full_clean_or_raise(inburgeraar)
        inburgeraar.save()
    elif Dossier.objects.filter(gemeente=gemeente, inburgeraar=inburgeraar).exists():
        raise ValidationError(
            _("Er bestaat al een dossier voor deze persoon in deze gemeente."),
            code="duplicate",
        )
    dossier = Dossier(
        gemeente=gemeente,
        inburgeraar=inburgeraar,
        doelgroep=doelgroep,
        azc=azc,
        werkcoach=werkcoach,
        consulent=consulent,
        **(datums or {}),
    )
    _full_clean_or_raise(dossier, exclude=["inburgeraar", "gemeente"])
    dossier.save()
    DoelgroepPeriode.objects.create(
        dossier=dossier,
        doelgroep=doelgroep,
        bron=bron,
        geldig_vanaf=dossier.datum_start_plicht
        or dossier.datum_koppeling
        or dossier.datum_vestiging
        or timezone.localdate(),
    )
    gebeurtenis_record(
        dossier=dossier,
        actor=actor,
        soort="dossier",
        titel=_("Dossier aangemaakt (%(bron)s)") % {"bron": bron},
    )
    access_log_record(user=actor, dossier=dossier, action=AccessAction.CREATE, onderdeel="dossier")
    return dossier


@transaction.atomic
def dossier_update(*, actor, dossier: Dossier, **fields) -> Dossier:
    """Change key dates and other plain fields of a dossier (not status, doelgroep
    or assignment: those have their own services)."""
    forbidden = {
        "status",
        "doelgroep",
        "werkcoach",
        "consulent",
        "gemeente",
        "inburgeraar",
        "termijn_start",
    }
    if forbidden & fields.keys():
        raise ValueError(f"Use the dedicated service for {sorted(forbidden & fields.keys())}")
    changed = [name for name, value in fields.items() if getattr(dossier, name) != value]
    for name, value in fields.items():
        setattr(dossier, name, value)
    _full_clean_or_raise(dossier)
    dossier.save()
    if changed:
        # Only concrete fields can be set on a dossier, so get_field() returns a Field.
        labels = ", ".join(
            str(cast(Field, Dossier._meta.get_field(n)).verbose_name) for n in changed
        )
        gebeurtenis_record(
            dossier=dossier,
            actor=actor,
            soort="dossier",
            titel=_("Dossiergegevens gewijzigd: %(velden)s") % {"velden": labels},
        )
    _notify_dossier_dates_changed(dossier)
    return dossier


def _notify_dossier_dates_changed(dossier: Dossier) -> None:
    """Let other apps keep their deadline tasks in step (e.g. the PIP clock)."""
    from .signals import dossier_dates_changed

    dossier_dates_changed.send(sender=Dossier, dossier=dossier)


@transaction.atomic
def dossier_assign(*, actor, dossier: Dossier, werkcoach=None, consulent=None) -> Dossier:
    """Assign the werkcoach and/or consulent. They must work for the dossier's gemeente."""
    from .permissions import user_gemeente_ids

    for person, label in ((werkcoach, _("werkcoach")), (consulent, _("consulent"))):
        if person is not None and dossier.gemeente_id not in user_gemeente_ids(person):
            raise ValidationError(
                _("Deze %(rol)s werkt niet voor de gemeente van dit dossier.") % {"rol": label}
            )
    if werkcoach is not None and werkcoach != dossier.werkcoach:
        dossier.werkcoach = werkcoach
        gebeurtenis_record(
            dossier=dossier,
            actor=actor,
            soort="toewijzing",
            titel=_("Werkcoach toegewezen: %(naam)s")
            % {"naam": werkcoach.get_full_name() or werkcoach.get_username()},
        )
        Taak.objects.filter(
            dossier=dossier, status=TaakStatus.OPEN, toegewezen_aan__isnull=True
        ).update(toegewezen_aan=werkcoach)
    if consulent is not None and consulent != dossier.consulent:
        dossier.consulent = consulent
        gebeurtenis_record(
            dossier=dossier,
            actor=actor,
            soort="toewijzing",
            titel=_("Consulent toegewezen: %(naam)s")
            % {"naam": consulent.get_full_name() or consulent.get_username()},
        )
    dossier.save(update_fields=["werkcoach", "consulent", "gewijzigd_op"])
    return dossier


@transaction.atomic
def dossier_change_status(
    *, actor, dossier: Dossier, status: str, toelichting: str = ""
) -> Dossier:
    """Move the dossier to ``status`` if the life of a dossier allows it
    (rules.DOSSIER_TRANSITIONS); otherwise a clear Dutch error."""
    current = dossier.status
    if current == status:
        return dossier
    if not rules.transition_allowed(current, status):
        raise ValidationError(
            _("Een dossier met status '%(van)s' kan niet naar '%(naar)s'.")
            % {"van": DossierStatus(current).label, "naar": DossierStatus(status).label},
            code="invalid_transition",
        )
    dossier.status = status
    dossier.save(update_fields=["status", "gewijzigd_op"])
    titel = _("Status gewijzigd: %(van)s → %(naar)s") % {
        "van": DossierStatus(current).label,
        "naar": DossierStatus(status).label,
    }
    if toelichting:
        titel = f"{titel} ({toelichting[:120]})"
    gebeurtenis_record(dossier=dossier, actor=actor, soort="status", titel=titel)
    if status not in rules.ACTIVE_STATUSES:
        # Closing lets the open tasks (legal deadlines included) lapse, marked so that
        # reopening can bring exactly these back.
        Taak.objects.filter(dossier=dossier, status=TaakStatus.OPEN).update(
            status=TaakStatus.VERVALLEN, vervallen_bij_sluiting=True
        )
    elif current not in rules.ACTIVE_STATUSES:
        # Reopening restores what closing ended.
        heropend = Taak.objects.filter(
            dossier=dossier, status=TaakStatus.VERVALLEN, vervallen_bij_sluiting=True
        ).update(status=TaakStatus.OPEN, vervallen_bij_sluiting=False)
        if heropend:
            gebeurtenis_record(
                dossier=dossier,
                actor=actor,
                soort="taak",
                titel=_("%(n)s taak/taken weer open na heropenen") % {"n": heropend},
            )
    return dossier


def dossier_status_gevolgen(*, dossier: Dossier, status: str) -> list[str]:
    """What changing the dossier to ``status`` will do, in plain Dutch, for the
    confirmation page (the deadlines that lapse or come back)."""
    gevolgen = [
        _("De status wordt '%(naar)s' (nu: '%(van)s').")
        % {"naar": DossierStatus(status).label, "van": DossierStatus(dossier.status).label}
    ]
    if status not in rules.ACTIVE_STATUSES:
        open_taken = list(
            Taak.objects.filter(dossier=dossier, status=TaakStatus.OPEN).order_by("deadline")
        )
        if open_taken:
            gevolgen.append(
                _("%(n)s open taak/taken en wettelijke deadline(s) vervallen:")
                % {"n": len(open_taken)}
            )
            gevolgen += [
                _("vervalt: %(t)s (uiterlijk %(d)s)")
                % {"t": t.titel, "d": formats.date_format(t.deadline, "j F Y")}
                for t in open_taken
            ]
        else:
            gevolgen.append(_("Er zijn geen open taken die vervallen."))
        gevolgen.append(
            _("Er worden geen voortgangsgesprekken, herinneringen of betalingen meer gepland.")
        )
        if status == DossierStatus.VERHUISD:
            gevolgen.append(
                _(
                    "Verhuisd is definitief: dit dossier kan niet worden heropend. De nieuwe "
                    "gemeente opent een eigen dossier."
                )
            )
        else:
            gevolgen.append(
                _("U kunt het dossier later heropenen; de vervallen taken komen dan terug.")
            )
    elif dossier.status not in rules.ACTIVE_STATUSES:
        terug = Taak.objects.filter(
            dossier=dossier, status=TaakStatus.VERVALLEN, vervallen_bij_sluiting=True
        ).count()
        gevolgen.append(
            _("%(n)s taak/taken die bij het afsluiten vervielen, worden weer open.") % {"n": terug}
        )
    return gevolgen


@transaction.atomic
def dossier_change_doelgroep(
    *,
    actor,
    dossier: Dossier,
    doelgroep: str,
    geldig_vanaf: date,
    bron: str = "handmatig",
    gedetailleerd: str = "",
) -> Dossier:
    """Record a new doelgroep period (e.g. DUO SS124/SS125) and make it current when
    it is the latest one."""
    DoelgroepPeriode.objects.create(
        dossier=dossier,
        doelgroep=doelgroep,
        bron=bron,
        geldig_vanaf=geldig_vanaf,
        gedetailleerde_doelgroep=gedetailleerd,
    )
    latest = dossier.doelgroep_periodes.order_by("-geldig_vanaf", "-id").first()
    if latest and latest.doelgroep != dossier.doelgroep:
        dossier.doelgroep = latest.doelgroep
        dossier.save(update_fields=["doelgroep", "gewijzigd_op"])
    gebeurtenis_record(
        dossier=dossier,
        actor=actor,
        soort="doelgroep",
        titel=_("Doelgroep: %(dg)s vanaf %(d)s")
        % {"dg": dossier.get_doelgroep_display(), "d": geldig_vanaf.strftime("%d-%m-%Y")},
    )
    return dossier


@transaction.atomic
def inburgeraar_update(*, actor, dossier: Dossier, **fields) -> Inburgeraar:
    persoon = dossier.inburgeraar
    if "bsn" in fields:
        fields["bsn"] = rules.bsn_normalise(fields["bsn"])
    for name, value in fields.items():
        setattr(persoon, name, value)
    _full_clean_or_raise(persoon)
    persoon.save()
    gebeurtenis_record(
        dossier=dossier, actor=actor, soort="persoon", titel=_("Persoonsgegevens gewijzigd")
    )
    return persoon


# --- contact moments, tasks, documents ----------------------------------------------


@transaction.atomic
def contactmoment_create(
    *,
    actor,
    dossier: Dossier,
    onderwerp: str,
    soort: str,
    datum=None,
    verslag: str = "",
    tolk_ingezet: bool = False,
) -> Contactmoment:
    cm = Contactmoment(
        dossier=dossier,
        onderwerp=onderwerp,
        soort=soort,
        datum=datum or timezone.now(),
        verslag=verslag,
        tolk_ingezet=tolk_ingezet,
        medewerker=actor,
    )
    _full_clean_or_raise(cm)
    cm.save()
    gebeurtenis_record(
        dossier=dossier,
        actor=actor,
        soort="contactmoment",
        titel=_("Contactmoment (%(soort)s): %(onderwerp)s")
        % {"soort": cm.get_soort_display().lower(), "onderwerp": onderwerp},
        moment=cm.datum,
    )
    return cm


@transaction.atomic
def taak_create(
    *,
    actor,
    dossier: Dossier,
    titel: str,
    deadline: date,
    omschrijving: str = "",
    toegewezen_aan=None,
    bron: str = TaakBron.HANDMATIG,
    sleutel: str = "",
) -> Taak:
    taak = Taak(
        dossier=dossier,
        titel=titel,
        deadline=deadline,
        omschrijving=omschrijving,
        toegewezen_aan=toegewezen_aan or dossier.werkcoach,
        bron=bron,
        sleutel=sleutel,
    )
    _full_clean_or_raise(taak, exclude=["sleutel"] if not sleutel else None)
    taak.save()
    gebeurtenis_record(
        dossier=dossier,
        actor=actor,
        soort="taak",
        titel=_("Taak aangemaakt: %(titel)s") % {"titel": titel},
    )
    return taak


@transaction.atomic
def taak_upsert(
    *,
    dossier: Dossier,
    sleutel: str,
    titel: str,
    deadline: date,
    bron: str,
    omschrijving: str = "",
    toegewezen_aan=None,
    actor=None,
) -> Taak:
    """Keep exactly one task per (dossier, sleutel) in step with its source.

    Creates it when missing, moves its deadline and title when the source changed,
    and reopens a task that had lapsed. A completed task is left alone."""
    taak = Taak.objects.select_for_update().filter(dossier=dossier, sleutel=sleutel).first()
    assignee = toegewezen_aan or dossier.werkcoach
    if taak is None:
        return taak_create(
            actor=actor,
            dossier=dossier,
            titel=titel,
            deadline=deadline,
            omschrijving=omschrijving,
            toegewezen_aan=assignee,
            bron=bron,
            sleutel=sleutel,
        )
    if taak.status == TaakStatus.AFGEROND:
        return taak
    changed = (taak.deadline, taak.titel, taak.status) != (deadline, titel, TaakStatus.OPEN)
    if changed:
        taak.deadline, taak.titel, taak.status = deadline, titel, TaakStatus.OPEN
        taak.omschrijving = omschrijving or taak.omschrijving
        if taak.toegewezen_aan_id is None:
            taak.toegewezen_aan = assignee
        taak.save()
    return taak


@transaction.atomic
def taak_cancel(*, dossier: Dossier, sleutel: str) -> int:
    """Let a rule-made task lapse when its source no longer applies."""
    return Taak.objects.filter(dossier=dossier, sleutel=sleutel, status=TaakStatus.OPEN).update(
        status=TaakStatus.VERVALLEN
    )


@transaction.atomic
def taak_complete(*, actor, taak: Taak) -> Taak:
    if taak.status != TaakStatus.OPEN:
        raise ValidationError(_("Deze taak is niet meer open."), code="not_open")
    taak.status = TaakStatus.AFGEROND
    taak.afgerond_op = timezone.now()
    taak.afgerond_door = actor
    taak.save(update_fields=["status", "afgerond_op", "afgerond_door"])
    gebeurtenis_record(
        dossier=taak.dossier,
        actor=actor,
        soort="taak",
        titel=_("Taak afgerond: %(titel)s") % {"titel": taak.titel},
    )
    return taak


@transaction.atomic
def document_add(*, actor, dossier: Dossier, titel: str, soort: str, upload) -> Document:
    """Store an uploaded file privately after checking its type and size."""
    from pathlib import PurePath

    from django.conf import settings

    from .models import ALLOWED_DOCUMENT_TYPES

    suffix = PurePath(upload.name).suffix.lower()
    if suffix not in ALLOWED_DOCUMENT_TYPES:
        raise ValidationError(
            {
                "bestand": _("Dit bestandstype is niet toegestaan. Toegestaan: %(types)s.")
                % {"types": ", ".join(sorted({s.strip(".") for s in ALLOWED_DOCUMENT_TYPES}))}
            }
        )
    if upload.size > settings.DOCUMENT_MAX_BYTES:
        raise ValidationError(
            {
                "bestand": _("Het bestand is te groot (maximaal %(mb)s MB).")
                % {"mb": settings.DOCUMENT_MAX_BYTES // (1024 * 1024)}
            }
        )
    head = upload.read(8)
    upload.seek(0)
    if suffix == ".pdf" and not head.startswith(b"%PDF"):
        raise ValidationError({"bestand": _("Dit bestand is geen echte PDF.")})
    if suffix == ".png" and not head.startswith(b"\x89PNG"):
        raise ValidationError({"bestand": _("Dit bestand is geen echte PNG-afbeelding.")})
    if suffix in (".jpg", ".jpeg") and not head.startswith(b"\xff\xd8"):
        raise ValidationError({"bestand": _("Dit bestand is geen echte JPEG-afbeelding.")})
    doc = Document(
        dossier=dossier,
        titel=titel,
        soort=soort,
        bestandsnaam=PurePath(upload.name).name[:255],
        content_type=ALLOWED_DOCUMENT_TYPES[suffix],
        grootte=upload.size,
        sha256=Document.sha256_of(upload),
        geupload_door=actor,
    )
    upload.seek(0)
    doc.bestand.save(upload.name, upload, save=False)
    doc.save()
    gebeurtenis_record(
        dossier=dossier,
        actor=actor,
        soort="document",
        titel=_("Document toegevoegd: %(titel)s") % {"titel": titel},
    )
    return doc
