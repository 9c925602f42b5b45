"""Writes of maatschappelijke begeleiding and referrals to ketenpartners."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from casefiles import locking
from casefiles.choices import MBOnderwerp, Overdracht, TaakBron
from casefiles.models import Dossier, Ketenpartner, MaatschappelijkeBegeleiding, Verwijzing
from casefiles.permissions import user_gemeente_ids
from casefiles.services import gebeurtenis_record, taak_cancel, taak_upsert

from . import rules

MB_FIELDS = frozenset(
    {"start", "geplande_eind", "consulent", "vrijwilligers", "intensiteit", "onderwerpen"}
)


def _sleutel_einde(mb: MaatschappelijkeBegeleiding) -> str:
    return f"begeleiding-{mb.pk}-einde"


def _check(mb: MaatschappelijkeBegeleiding) -> None:
    errors = {}
    onbekend = set(mb.onderwerpen or []) - set(MBOnderwerp.values)
    if onbekend:
        errors["onderwerpen"] = _("Onbekend onderwerp: %(o)s.") % {"o": ", ".join(sorted(onbekend))}
    if mb.consulent is not None and mb.dossier.gemeente_id not in user_gemeente_ids(mb.consulent):
        errors["consulent"] = _("Deze consulent werkt niet voor de gemeente van dit dossier.")
    if mb.start and mb.geplande_eind and mb.geplande_eind <= mb.start:
        errors["geplande_eind"] = _("Het geplande einde ligt na de start.")
    if errors:
        raise ValidationError(errors)
    mb.full_clean()


def _einde_taak(mb: MaatschappelijkeBegeleiding, actor) -> None:
    if not mb.is_actief:
        taak_cancel(dossier=mb.dossier, sleutel=_sleutel_einde(mb))
        return
    taak_upsert(
        dossier=mb.dossier,
        sleutel=_sleutel_einde(mb),
        titel=_("Einde maatschappelijke begeleiding voorbereiden: warme overdracht"),
        deadline=rules.einde_taak_datum(mb.geplande_eind),
        bron=TaakBron.BEGELEIDING,
        omschrijving=_(
            "De begeleiding eindigt op %(d)s. Bespreek de overdracht naar welzijn, "
            "maatschappelijk werk of het wijkteam."
        )
        % {"d": date_format(mb.geplande_eind, "j F Y")},
        toegewezen_aan=mb.consulent or mb.dossier.consulent,
        actor=actor,
    )


@transaction.atomic
def begeleiding_start(
    *, actor, dossier: Dossier, start: date, **fields
) -> MaatschappelijkeBegeleiding:
    """Start a trajectory for an asielstatushouder or nareiziger. The planned end is
    start + the gemeente's duration (default 18 months); a task to prepare the
    handover falls two months before it."""
    if set(fields) - MB_FIELDS:
        raise ValueError(f"Unknown fields {sorted(set(fields) - MB_FIELDS)}")
    from casefiles.selectors import doelgroep_op

    # The doelgroep on the start date (dated history, DUO SS124/SS125; Wi art. 13).
    if not rules.mag_begeleiding(doelgroep_op(dossier=dossier, op=start)):
        raise ValidationError(
            _(
                "Maatschappelijke begeleiding is alleen voor asielstatushouders en "
                "nareizigers (Wet inburgering art. 13)."
            ),
            code="doelgroep",
        )
    if dossier.begeleidingen.filter(eind__isnull=True).exists():
        raise ValidationError(
            _("Er loopt al een maatschappelijke begeleiding in dit dossier."), code="loopt_al"
        )
    if not fields.get("geplande_eind"):
        fields["geplande_eind"] = rules.geplande_eind(start, dossier.gemeente.mb_maanden)
    fields.setdefault("consulent", dossier.consulent)
    if fields["consulent"] is None:
        fields["consulent"] = dossier.consulent
    mb = MaatschappelijkeBegeleiding(dossier=dossier, start=start, **fields)
    _check(mb)
    mb.save()
    gebeurtenis_record(
        dossier=dossier,
        actor=actor,
        soort="begeleiding",
        titel=_("Maatschappelijke begeleiding gestart (gepland tot %(d)s)")
        % {"d": date_format(mb.geplande_eind, "j F Y")},
    )
    _einde_taak(mb, actor)
    return mb


@transaction.atomic
def begeleiding_update(
    *, actor, begeleiding: MaatschappelijkeBegeleiding, bewerkversie: str | None = None, **fields
) -> MaatschappelijkeBegeleiding:
    if set(fields) - MB_FIELDS:
        raise ValueError(f"Unknown fields {sorted(set(fields) - MB_FIELDS)}")
    locking.claim(begeleiding, bewerkversie, fields=fields)
    for name, value in fields.items():
        setattr(begeleiding, name, value)
    _check(begeleiding)
    begeleiding.save()
    gebeurtenis_record(
        dossier=begeleiding.dossier,
        actor=actor,
        soort="begeleiding",
        titel=_("Maatschappelijke begeleiding bijgewerkt"),
    )
    _einde_taak(begeleiding, actor)
    return begeleiding


@transaction.atomic
def begeleiding_beeindigen(
    *,
    actor,
    begeleiding: MaatschappelijkeBegeleiding,
    eind: date,
    eind_reden: str,
    overdracht: str,
    overdracht_toelichting: str = "",
) -> MaatschappelijkeBegeleiding:
    """End the trajectory with a reason and a handover (or explicitly none)."""
    errors = {}
    if not eind_reden:
        errors["eind_reden"] = _("Kies de reden van het einde.")
    if not overdracht:
        errors["overdracht"] = _("Kies naar wie de begeleiding wordt overgedragen (of 'geen').")
    elif overdracht != Overdracht.GEEN and not overdracht_toelichting.strip():
        errors["overdracht_toelichting"] = _(
            "Beschrijf de overdracht: met wie is gesproken en wat is afgesproken?"
        )
    if eind and eind < begeleiding.start:
        errors["eind"] = _("Het einde kan niet voor de start liggen.")
    if errors:
        raise ValidationError(errors)
    begeleiding.eind = eind
    begeleiding.eind_reden = eind_reden
    begeleiding.overdracht = overdracht
    begeleiding.overdracht_toelichting = overdracht_toelichting
    begeleiding.full_clean()
    begeleiding.save()
    gebeurtenis_record(
        dossier=begeleiding.dossier,
        actor=actor,
        soort="begeleiding",
        titel=_("Maatschappelijke begeleiding beëindigd (%(reden)s), overdracht: %(o)s")
        % {
            "reden": begeleiding.get_eind_reden_display().lower(),
            "o": begeleiding.get_overdracht_display().lower(),
        },
    )
    _einde_taak(begeleiding, actor)
    return begeleiding


@transaction.atomic
def verwijzing_create(
    *, actor, dossier: Dossier, partner: Ketenpartner, datum: date, reden: str
) -> Verwijzing:
    if partner.gemeente_id != dossier.gemeente_id or not partner.actief:
        raise ValidationError(
            {"partner": _("Kies een actieve ketenpartner van de gemeente van dit dossier.")}
        )
    v = Verwijzing(dossier=dossier, partner=partner, datum=datum, reden=reden, door=actor)
    v.full_clean()
    v.save()
    # the partner organisation's users are told (issue 18; no personal data in it)
    from casefiles.partners.services import melding_verwijzing

    melding_verwijzing(verwijzing=v)
    gebeurtenis_record(
        dossier=dossier,
        actor=actor,
        soort="verwijzing",
        titel=_("Verwezen naar %(partner)s") % {"partner": partner.naam},
    )
    return v


@transaction.atomic
def verwijzing_update(
    *,
    actor,
    verwijzing: Verwijzing,
    status: str,
    terugkoppeling: str = "",
    bewerkversie: str | None = None,
) -> Verwijzing:
    current = locking.claim(verwijzing, bewerkversie, fields=["status", "terugkoppeling"])
    oud = current.status
    verwijzing.status = status
    verwijzing.terugkoppeling = terugkoppeling
    verwijzing.full_clean()
    verwijzing.save()
    if oud != status:
        gebeurtenis_record(
            dossier=verwijzing.dossier,
            actor=actor,
            soort="verwijzing",
            titel=_("Verwijzing naar %(partner)s: %(status)s")
            % {
                "partner": verwijzing.partner.naam,
                "status": verwijzing.get_status_display().lower(),
            },
        )
    return verwijzing
