"""Every write to the core's case data. Views, admin actions, commands, Celery tasks
and imports all call these functions, each with an explicit ``actor``."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, timedelta
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Field
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from . import locking, rules
from .choices import (
    AccessAction,
    Doelgroep,
    DossierStatus,
    PlichtEindeReden,
    PlichtGrond,
    Rol,
    TaakBron,
    TaakStatus,
)
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
    Inburgeringsfeiten,
    PlichtEinde,
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
    ketenpartner_id: int | None = None,
) -> AccessLog:
    """Append one access-log row. Ids only; the request id ties it to log lines.
    ``ketenpartner_id``: the organisation a ketenpartner user acts for (issue 18)."""
    from .accesslog import append

    return append(
        [
            {
                "user_id": user.pk,
                "dossier_id": dossier.pk if dossier else None,
                "gemeente_id": dossier.gemeente_id if dossier else None,
                "action": action,
                "onderdeel": onderdeel,
                "object_id": str(object_id or ""),
                "doel": doel[:200],
                "request_id": getattr(request, "request_id", "") or current_request_id(),
                "ketenpartner_id": ketenpartner_id,
            }
        ]
    )[0]


def access_log_record_many(
    *,
    user,
    dossiers: Iterable[Any],
    action: str,
    onderdeel: str,
    doel: str = "",
    object_id: str | int = "",
    request=None,
    ketenpartner_id: int | None = None,
) -> list[AccessLog]:
    """One access-log row per dossier shown on a list page, written in one INSERT.

    ``dossiers`` holds Dossier objects or ``(dossier_id, gemeente_id)`` pairs; a
    dossier shown twice on a page is logged once."""
    from .accesslog import append

    request_id = getattr(request, "request_id", "") or current_request_id()
    seen: dict[int, int | None] = {}
    for d in dossiers:
        pk, gemeente_id = (d.pk, d.gemeente_id) if isinstance(d, Dossier) else d
        seen.setdefault(pk, gemeente_id)
    return append(
        [
            {
                "user_id": user.pk,
                "dossier_id": pk,
                "gemeente_id": gemeente_id,
                "action": action,
                "onderdeel": onderdeel,
                "object_id": str(object_id or ""),
                "doel": doel[:200],
                "request_id": request_id,
                "ketenpartner_id": ketenpartner_id,
            }
            for pk, gemeente_id in seen.items()
        ]
    )


def gebeurtenis_record(
    *, dossier: Dossier, actor, soort: str, titel: str, moment=None
) -> Gebeurtenis:
    """Add a line to the dossier's timeline. Keep ``titel`` free of
    special-category content: it is shown to everyone who may see the dossier."""
    g = Gebeurtenis(
        dossier=dossier,
        actor=actor if getattr(actor, "pk", None) else None,
        soort=soort,
        titel=titel[:300],
        moment=moment or timezone.now(),
    )
    buffer = _gebeurtenis_buffer.get()
    if buffer is not None:
        buffer.append(g)  # written with the others at the end of the bundle
    else:
        g.save()
    return g


_gebeurtenis_buffer: ContextVar[list[Gebeurtenis] | None] = ContextVar(
    "gebeurtenis_buffer", default=None
)


@contextmanager
def gebeurtenissen_gebundeld():
    """Within this block every :func:`gebeurtenis_record` is kept and all are written
    in ONE insert at its end (issue 16: a service that records several timeline lines,
    e.g. a new dossier and its first task, costs one statement for them). Nothing in
    the block may read those lines back. Nested: the outermost bundle writes."""
    if _gebeurtenis_buffer.get() is not None:
        yield
        return
    buffer: list[Gebeurtenis] = []
    token = _gebeurtenis_buffer.set(buffer)
    try:
        yield
    finally:
        _gebeurtenis_buffer.reset(token)
    if buffer:
        Gebeurtenis.objects.bulk_create(buffer)


def save_checked(obj, **kwargs) -> None:
    """Save ``obj`` and let the DATABASE check its model's constraints (issue 16:
    Django's full_clean would check each with its own query and savepoint). A
    violated constraint becomes a ValidationError with the constraint's message.
    Call it inside the service's atomic block and let the error leave that block
    (the block's rollback ends the failed statement's transaction state)."""
    try:
        obj.save(**kwargs)
    except IntegrityError as exc:
        tekst = str(exc)
        for c in obj._meta.constraints:
            if c.name in tekst:
                raise ValidationError(
                    c.get_violation_error_message(), code=c.violation_error_code or "constraint"
                ) from exc
        raise


# --- dossiers --------------------------------------------------------------------


def _full_clean_or_raise(
    obj, exclude: list[str] | None = None, *, validate_constraints: bool = True
) -> None:
    """Model validation. ``validate_constraints=False`` where the database enforces
    the constraints anyway and Python checks the same in ``clean()``: Django would
    check each constraint with its own query (and savepoint)."""
    obj.full_clean(exclude=exclude, validate_constraints=validate_constraints)


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
    """Create the inburgeraar and their dossier in ``gemeente``.

    The person record belongs to this gemeente only (DESIGN §5): a BSN another
    gemeente knows gives a new, separate record here, and nothing about the other
    record is read, copied or revealed. Refuses a second dossier for the same BSN
    in the same gemeente. Assigning a werkcoach or consulent at creation follows
    the rules of :func:`dossier_assign`."""
    bsn = rules.bsn_normalise(persoon.get("bsn", ""))
    if werkcoach is not None or consulent is not None:
        assignment_check(
            actor=actor, gemeente_id=gemeente.pk, werkcoach=werkcoach, consulent=consulent
        )
    duplicate = ValidationError(
        _("Er bestaat al een dossier voor deze persoon in deze gemeente."), code="duplicate"
    )
    inburgeraar = Inburgeraar.objects.filter(gemeente=gemeente, bsn=bsn).first()
    if inburgeraar is not None and Dossier.objects.filter(inburgeraar=inburgeraar).exists():
        raise duplicate
    if inburgeraar is None:
        inburgeraar = Inburgeraar(gemeente=gemeente)
    for name, value in {**persoon, "bsn": bsn}.items():
        setattr(inburgeraar, name, value)
    _full_clean_or_raise(inburgeraar, exclude=["gemeente"])
    try:
        # no savepoint of its own: an error here ends this service's transaction anyway
        inburgeraar.save()
    except IntegrityError as exc:  # the same BSN registered at this moment by a colleague
        raise duplicate from exc
    dossier = Dossier(
        gemeente=gemeente,
        inburgeraar=inburgeraar,
        doelgroep=doelgroep,
        azc=azc,
        werkcoach=werkcoach,
        consulent=consulent,
        **(datums or {}),
    )
    # The constraints (one dossier per person per gemeente, termijn_eind needs a start)
    # are the database's; Dossier.clean() gives the Dutch message for the termijn.
    _full_clean_or_raise(dossier, exclude=["inburgeraar", "gemeente"], validate_constraints=False)
    with gebeurtenissen_gebundeld():
        return _dossier_create_rest(
            actor=actor, dossier=dossier, doelgroep=doelgroep, bron=bron, duplicate=duplicate
        )


def _dossier_create_rest(*, actor, dossier: Dossier, doelgroep: str, bron: str, duplicate):
    try:
        dossier.save()  # (other apps start their clocks on post_save: the PIP deadline)
    except IntegrityError as exc:  # a dossier made for this person at this very moment
        raise duplicate from exc
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
def dossier_update(
    *, actor, dossier: Dossier, bewerkversie: str | None = None, **fields
) -> Dossier:
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
    locking.claim(dossier, bewerkversie, fields=fields)
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


def assignment_check(
    *, actor, gemeente_id: int, werkcoach=None, consulent=None, dossier=None
) -> None:
    """Who may assign whom (issue 12: assignment is not a key to health data).

    - the actor holds ``casefiles.assign_dossier`` (teamleider, functioneel
      beheerder — not the werkcoach) and works for the dossier's gemeente;
    - nobody assigns a dossier to themselves;
    - the werkcoach holds the werkcoach role and the consulent the consulent role,
      and both work for the dossier's gemeente;
    - a teamleider assigns only members of its own teams, and only dossiers of its
      team's caseload (:func:`casefiles.selectors.caseload_dossiers`).
    """
    from .permissions import has_role, user_gemeente_ids
    from .selectors import caseload_dossiers, team_members

    if actor is None or not actor.has_perm("casefiles.assign_dossier"):
        raise ValidationError(_("U mag geen dossiers toewijzen."), code="forbidden")
    if gemeente_id not in user_gemeente_ids(actor):
        raise ValidationError(_("U werkt niet voor de gemeente van dit dossier."), code="forbidden")
    for person, label, rol in (
        (werkcoach, _("werkcoach"), Rol.WERKCOACH),
        (consulent, _("consulent"), Rol.CONSULENT),
    ):
        if person is None:
            continue
        if person.pk == actor.pk:
            raise ValidationError(
                _("U kunt een dossier niet aan uzelf toewijzen. Vraag dit aan uw teamleider."),
                code="self_assign",
            )
        if gemeente_id not in user_gemeente_ids(person):
            raise ValidationError(
                _("Deze %(rol)s werkt niet voor de gemeente van dit dossier.") % {"rol": label}
            )
        if not has_role(person, rol) or not person.is_active:
            raise ValidationError(
                _("%(naam)s heeft niet de rol %(rol)s.")
                % {"naam": person.get_full_name() or person.get_username(), "rol": label}
            )
    if has_role(actor, Rol.TEAMLEIDER):
        members = set(
            team_members(user=actor, gemeente_id=gemeente_id).values_list("pk", flat=True)
        )
        for person in (werkcoach, consulent):
            if person is not None and person.pk not in members:
                raise ValidationError(
                    _("U kunt alleen toewijzen aan medewerkers van uw eigen team."),
                    code="not_in_team",
                )
        if dossier is not None and not caseload_dossiers(user=actor).filter(pk=dossier.pk).exists():
            raise ValidationError(
                _("Dit dossier hoort niet bij de caseload van uw team."), code="not_in_team"
            )


@transaction.atomic
def dossier_assign(*, actor, dossier: Dossier, werkcoach=None, consulent=None) -> Dossier:
    """Assign the werkcoach and/or consulent (see :func:`assignment_check`)."""
    assignment_check(
        actor=actor,
        gemeente_id=dossier.gemeente_id,
        werkcoach=werkcoach,
        consulent=consulent,
        dossier=dossier,
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
    """Record a new doelgroep period (DUO SS124/SS125) with its date and source, and
    make it current when it is the latest one. Begeleiding, ontzorgen and the MAP/PVT
    boete rules read the doelgroep on their own relevant date from this history
    (casefiles.selectors.doelgroep_op). SS124 goes from asielstatushouder to
    gezinsmigrant/overige migrant, SS125 the other way (DUO Gebeurtenissen)."""
    errors: dict[str, str] = {}
    if geldig_vanaf > timezone.localdate():
        errors["geldig_vanaf"] = _("De datum ligt in de toekomst.")
    if doelgroep not in Doelgroep.values:
        errors["doelgroep"] = _("Kies een doelgroep.")
    elif bron == "DUO SS124" and rules.is_asiel(doelgroep):
        errors["doelgroep"] = _(
            "SS124 wijzigt de doelgroep van asielstatushouder naar gezinsmigrant of overige "
            "migrant."
        )
    elif bron == "DUO SS125" and not rules.is_asiel(doelgroep):
        errors["doelgroep"] = _(
            "SS125 wijzigt de doelgroep van gezinsmigrant of overige migrant naar "
            "asielstatushouder."
        )
    if errors:
        raise ValidationError(errors)
    if not dossier.doelgroep_periodes.exists():
        # Keep what was known before the change in the history (older dossiers had no
        # period): the current doelgroep from the start of the plicht.
        begin = (
            dossier.datum_start_plicht
            or dossier.datum_koppeling
            or dossier.datum_vestiging
            or geldig_vanaf
        )
        DoelgroepPeriode.objects.create(
            dossier=dossier,
            doelgroep=dossier.doelgroep,
            bron="dossier (voor de wijziging)",
            geldig_vanaf=min(begin, geldig_vanaf),
        )
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
        titel=_("Doelgroep: %(dg)s vanaf %(d)s (%(bron)s)")
        % {
            "dg": Doelgroep(doelgroep).label,
            "d": geldig_vanaf.strftime("%d-%m-%Y"),
            "bron": bron,
        },
    )
    return dossier


@transaction.atomic
def inburgeraar_update(
    *, actor, dossier: Dossier, bewerkversie: str | None = None, **fields
) -> Inburgeraar:
    persoon = dossier.inburgeraar
    locking.claim(persoon, bewerkversie, fields=fields)
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
    # The dossier and assignee come from the database already (no query per foreign
    # key); the constraints (one task per sleutel, a done task has its date) are the
    # database's: a new task cannot break the second, taak_upsert avoids the first.
    _full_clean_or_raise(
        taak,
        exclude=["dossier", "toegewezen_aan", *([] if sleutel else ["sleutel"])],
        validate_constraints=False,
    )
    with transaction.atomic(savepoint=False):  # validated above: no savepoint needed
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


# --- the person's facts across gemeenten, and the end of the plicht ------------------

FEITEN_VELDEN = (
    "bron",
    "vorige_gemeentecode",
    "eerste_pip_dagtekening",
    "eerste_pip_leerroute",
    "termijn_startdatum",
    "termijn_einddatum",
    "huidige_leerroute",
    "huidig_niveau",
)


@transaction.atomic
def inburgeringsfeiten_opslaan(*, actor, dossier: Dossier, **fields) -> Inburgeringsfeiten:
    """Record the person-level facts on this dossier (from the previous gemeente's
    data or DUO): the first PIP in any gemeente, DUO's termijn, the current leerroute
    and level. DUO's termijn is the termijn (Wi art. 11): when its start is known the
    dossier's termijn follows it (last day = DUO's exclusive einddatum − 1, or three
    years after the start); without DUO's start but with the first PIP's dagtekening
    the termijn starts the day after it. A move never starts a new termijn."""
    onbekend = set(fields) - set(FEITEN_VELDEN)
    if onbekend:
        raise ValueError(f"Unknown fields {sorted(onbekend)}")
    Dossier.objects.select_for_update().filter(pk=dossier.pk).first()
    feiten = Inburgeringsfeiten.objects.filter(dossier=dossier).first() or Inburgeringsfeiten(
        dossier=dossier
    )
    for name, value in fields.items():
        setattr(feiten, name, value)
    vandaag = timezone.localdate()
    if feiten.eerste_pip_dagtekening and feiten.eerste_pip_dagtekening > vandaag:
        raise ValidationError(
            {"eerste_pip_dagtekening": _("De dagtekening van de eerste PIP ligt in de toekomst.")}
        )
    feiten.vastgelegd_door = actor
    feiten.full_clean(exclude=["dossier"])
    feiten.save()
    gebeurtenis_record(
        dossier=dossier,
        actor=actor,
        soort="termijn",
        titel=_("Gegevens van de persoon uit %(bron)s vastgelegd (eerste PIP, termijn, leerroute)")
        % {"bron": feiten.get_bron_display().lower()},
    )
    start = feiten.termijn_startdatum
    if start is None and feiten.eerste_pip_dagtekening:
        start = feiten.eerste_pip_dagtekening + timedelta(days=1)
    if start is not None:
        eind = (
            rules.termijn_laatste_dag_uit_duo(feiten.termijn_einddatum)
            if feiten.termijn_einddatum
            else rules.termijn_laatste_dag(start)
        )
        if (dossier.termijn_start, dossier.termijn_eind) != (start, eind):
            Dossier.objects.filter(pk=dossier.pk).update(termijn_start=start, termijn_eind=eind)
            dossier.termijn_start, dossier.termijn_eind = start, eind
            gebeurtenis_record(
                dossier=dossier,
                actor=actor,
                soort="termijn",
                titel=_("Inburgeringstermijn van de persoon: %(s)s t/m %(e)s (Wi art. 11)")
                % {"s": start.strftime("%d-%m-%Y"), "e": eind.strftime("%d-%m-%Y")},
            )
    _notify_dossier_dates_changed(dossier)
    return feiten


WETTELIJKE_TAAKBRONNEN = frozenset(
    {
        TaakBron.PIP_DEADLINE,
        TaakBron.VOORTGANGSGESPREK,
        TaakBron.LEERROUTE,
        TaakBron.MAP,
        TaakBron.PVT,
        TaakBron.TERMIJN,
        TaakBron.HANDHAVING,
    }
)
"""Tasks that exist because of the law's deadlines for a person with a plicht: they
are closed when DUO decides the plicht ended (Wi art. 3–6)."""

GROND_PER_REDEN: dict[str, frozenset[str]] = {
    PlichtEindeReden.ONTHEFFING: frozenset({PlichtGrond.BIO, PlichtGrond.MED}),
    PlichtEindeReden.VRIJSTELLING: frozenset(
        {PlichtGrond.AVI, PlichtGrond.DIP, PlichtGrond.DOC, PlichtGrond.INB}
    ),
    PlichtEindeReden.TIJDELIJKE_VRIJSTELLING: frozenset({PlichtGrond.INS, PlichtGrond.OPL}),
}
"""Which of DUO's grounds go with which decision: ontheffing BIO/MED
(OntheffingsgrondInburgering); gehele vrijstelling AVI/DIP/DOC/INB, tijdelijke
vrijstelling INS/OPL (RedenVrijstellingInburgeringsplicht); GED is a partial
vrijstelling, which does not end the plicht. Source: DUO Ontheffing and
Vrijstelling APIs."""


@transaction.atomic
def plicht_einde_gevolgen(
    *,
    dossier: Dossier,
    reden: str,
    einddatum_plicht: date,
    einddatum_vrijstelling: date | None = None,
    **_velden,
) -> list[str]:
    """What recording DUO's decision will do, in plain Dutch, for the confirmation page
    (issue 15): the legal deadlines that close and what the gemeente can no longer do.
    The ground is not repeated (it may be medical)."""
    from .selectors import plicht_eindes

    label = str(dict(PlichtEindeReden.choices).get(reden, reden)).lower()
    gevolgen = [
        _("Het besluit van DUO wordt vastgelegd: %(r)s, laatste dag van de plicht %(d)s.")
        % {"r": label, "d": formats.date_format(einddatum_plicht, "j F Y")}
    ]
    feiten = [
        rules.PlichtEindeFeit(
            reden=p.reden,
            reden_label=str(p.get_reden_display()),
            einddatum_plicht=p.einddatum_plicht,
            einddatum_vrijstelling=p.einddatum_vrijstelling,
        )
        for p in plicht_eindes(dossier=dossier)
    ] + [rules.PlichtEindeFeit(reden, label, einddatum_plicht, einddatum_vrijstelling)]
    eindigt = rules.geen_plicht(
        regime=dossier.regime,
        op=timezone.localdate(),
        geboortedatum=dossier.inburgeraar.geboortedatum,
        datum_plicht_voldaan=dossier.datum_plicht_voldaan,
        plicht_eindes=feiten,
    )
    if eindigt is None:
        gevolgen.append(
            _(
                "Vandaag geldt de plicht hierna nog (de vrijstelling is voorbij): er worden geen "
                "termijnen gesloten."
            )
        )
    else:
        open_taken = list(
            Taak.objects.filter(
                dossier=dossier, status=TaakStatus.OPEN, bron__in=WETTELIJKE_TAAKBRONNEN
            ).order_by("deadline", "pk")
        )
        if open_taken:
            gevolgen.append(
                _("%(n)s open wettelijke termijn(en) worden gesloten:") % {"n": len(open_taken)}
            )
            gevolgen += [
                _("wordt gesloten: %(t)s (uiterlijk %(d)s)")
                % {"t": t.titel, "d": formats.date_format(t.deadline, "j F Y")}
                for t in open_taken
            ]
        else:
            gevolgen.append(_("Er zijn geen open wettelijke termijnen die gesloten worden."))
        gevolgen.append(_("Geplande voortgangsgesprekken vervallen."))
        gevolgen.append(
            _("De gemeente stelt daarna geen PIP of PIP-wijziging meer vast en legt geen boete op.")
        )
    gevolgen.append(
        _("Een vastgelegd besluit kan hier niet worden verwijderd; controleer het besluit van DUO.")
    )
    return gevolgen


def plicht_einde_vastleggen(
    *,
    actor,
    dossier: Dossier,
    reden: str,
    datum_oordeel: date,
    einddatum_plicht: date,
    bron: str,
    grond: str = "",
    einddatum_vrijstelling: date | None = None,
    kenmerk: str = "",
) -> PlichtEinde:
    """Record DUO's decision that the plicht ended (DUO decides; we record the
    decision, its date, ground and source). When the plicht has ended by today the
    open legal deadlines (PIP clock, gesprekken, MAP/PVT, termijn signals) are closed
    with one timeline line; the ground is never put in the timeline (it may be
    medical)."""
    vandaag = timezone.localdate()
    errors: dict[str, str] = {}
    if datum_oordeel > vandaag:
        errors["datum_oordeel"] = _("De datum van het besluit van DUO ligt in de toekomst.")
    if einddatum_plicht > vandaag:
        errors["einddatum_plicht"] = _(
            "De plicht is nog niet geëindigd: leg het besluit vast op of na de laatste dag."
        )
    gronden = GROND_PER_REDEN.get(reden)
    if gronden is not None and grond not in gronden:
        errors["grond"] = _("Kies de grond die DUO in het besluit noemt.")
    elif gronden is None and grond:
        errors["grond"] = _("Bij deze reden hoort geen grond van DUO.")
    if einddatum_vrijstelling and reden != PlichtEindeReden.TIJDELIJKE_VRIJSTELLING:
        errors["einddatum_vrijstelling"] = _("Alleen een tijdelijke vrijstelling heeft een einde.")
    elif einddatum_vrijstelling and einddatum_vrijstelling <= einddatum_plicht:
        errors["einddatum_vrijstelling"] = _(
            "Het einde van de vrijstelling ligt na de laatste dag van de plicht."
        )
    if errors:
        raise ValidationError(errors)
    Dossier.objects.select_for_update().filter(pk=dossier.pk).first()
    besluit = PlichtEinde(
        dossier=dossier,
        reden=reden,
        grond=grond,
        datum_oordeel=datum_oordeel,
        einddatum_plicht=einddatum_plicht,
        einddatum_vrijstelling=einddatum_vrijstelling,
        bron=bron,
        kenmerk=kenmerk,
        vastgelegd_door=actor,
    )
    besluit.full_clean(exclude=["dossier"])
    besluit.save()
    if reden == PlichtEindeReden.VOLDAAN and dossier.datum_plicht_voldaan is None:
        Dossier.objects.filter(pk=dossier.pk).update(datum_plicht_voldaan=einddatum_plicht)
        dossier.datum_plicht_voldaan = einddatum_plicht
    titel = _("Inburgeringsplicht geëindigd volgens DUO: %(r)s, laatste dag %(d)s") % {
        "r": besluit.get_reden_display().lower(),
        "d": einddatum_plicht.strftime("%d-%m-%Y"),
    }
    from .selectors import geen_plicht

    if geen_plicht(dossier=dossier, op=vandaag) is not None:
        open_taken = Taak.objects.filter(
            dossier=dossier, status=TaakStatus.OPEN, bron__in=WETTELIJKE_TAAKBRONNEN
        )
        gesloten = open_taken.update(status=TaakStatus.VERVALLEN)
        from .signals import plicht_beeindigd

        plicht_beeindigd.send(sender=Dossier, dossier=dossier)
        titel += " " + _("— %(n)s open wettelijke termijn(en) gesloten") % {"n": gesloten}
    gebeurtenis_record(dossier=dossier, actor=actor, soort="plicht", titel=titel)
    return besluit
