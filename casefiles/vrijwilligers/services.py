"""Writes of the volunteer register, matches and signals."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from casefiles.choices import TaakBron
from casefiles.models import Dossier, Koppeling, Vrijwilliger, VrijwilligerSignaal
from casefiles.permissions import user_gemeente_ids
from casefiles.services import gebeurtenis_record, taak_create

from . import rules

VRIJWILLIGER_FIELDS = frozenset(
    {
        "naam",
        "email",
        "telefoon",
        "soort",
        "organisatie",
        "talen",
        "vog_datum",
        "training",
        "training_datum",
        "actief",
    }
)


def _check_vrijwilliger(v: Vrijwilliger, actor) -> None:
    if v.gemeente_id not in user_gemeente_ids(actor):
        raise ValidationError({"gemeente": _("U werkt niet voor deze gemeente.")})
    if v.organisatie is not None and v.organisatie.gemeente_id != v.gemeente_id:
        raise ValidationError({"organisatie": _("Kies een organisatie van dezelfde gemeente.")})
    today = timezone.localdate()
    if v.vog_datum and v.vog_datum > today:
        raise ValidationError({"vog_datum": _("De datum van de VOG ligt in de toekomst.")})
    if v.training_datum and v.training_datum > today:
        raise ValidationError({"training_datum": _("De datum ligt in de toekomst.")})
    v.full_clean()


@transaction.atomic
def vrijwilliger_create(*, actor, gemeente, **fields) -> Vrijwilliger:
    if set(fields) - VRIJWILLIGER_FIELDS:
        raise ValueError(f"Unknown fields {sorted(set(fields) - VRIJWILLIGER_FIELDS)}")
    v = Vrijwilliger(gemeente=gemeente, **fields)
    _check_vrijwilliger(v, actor)
    v.save()
    return v


@transaction.atomic
def vrijwilliger_update(*, actor, vrijwilliger: Vrijwilliger, **fields) -> Vrijwilliger:
    if set(fields) - VRIJWILLIGER_FIELDS:
        raise ValueError(f"Unknown fields {sorted(set(fields) - VRIJWILLIGER_FIELDS)}")
    for name, value in fields.items():
        setattr(vrijwilliger, name, value)
    _check_vrijwilliger(vrijwilliger, actor)
    vrijwilliger.save()
    return vrijwilliger


@transaction.atomic
def koppeling_create(
    *, actor, dossier: Dossier, vrijwilliger: Vrijwilliger, soort: str, start: date, doel: str = ""
) -> Koppeling:
    """Match a volunteer of the dossier's gemeente to the inburgeraar. The volunteer is
    active and has a VOG not older than three years on the start date."""
    errors: dict[str, str] = {}
    if vrijwilliger.gemeente_id != dossier.gemeente_id or not vrijwilliger.actief:
        errors["vrijwilliger"] = _("Kies een actieve vrijwilliger van de gemeente van dit dossier.")
    elif not rules.vog_geldig(vrijwilliger.vog_datum, start):
        errors["vrijwilliger"] = _(
            "Deze vrijwilliger heeft geen geldige VOG (niet ouder dan %(j)s jaar op de "
            "startdatum). Vraag eerst een nieuwe VOG aan."
        ) % {"j": rules.VOG_GELDIG_JAREN}
    elif dossier.vrijwilliger_koppelingen.filter(
        vrijwilliger=vrijwilliger, eind__isnull=True
    ).exists():
        errors["vrijwilliger"] = _("Deze vrijwilliger is al aan deze inburgeraar gekoppeld.")
    if errors:
        raise ValidationError(errors)
    k = Koppeling(
        dossier=dossier,
        vrijwilliger=vrijwilliger,
        soort=soort,
        start=start,
        doel=doel,
        gekoppeld_door=actor,
    )
    k.full_clean()
    k.save()
    gebeurtenis_record(
        dossier=dossier,
        actor=actor,
        soort="vrijwilliger",
        titel=_("Gekoppeld aan %(soort)s %(naam)s vanaf %(d)s")
        % {
            "soort": k.get_soort_display().lower(),
            "naam": vrijwilliger.naam,
            "d": date_format(start, "j F Y"),
        },
    )
    return k


@transaction.atomic
def koppeling_beeindigen(*, actor, koppeling: Koppeling, eind: date) -> Koppeling:
    if not koppeling.is_actief:
        raise ValidationError(_("Deze koppeling is al beëindigd."))
    if eind < koppeling.start:
        raise ValidationError({"eind": _("Het einde kan niet voor de start liggen.")})
    koppeling.eind = eind
    koppeling.save(update_fields=["eind"])
    gebeurtenis_record(
        dossier=koppeling.dossier,
        actor=actor,
        soort="vrijwilliger",
        titel=_("Koppeling met %(naam)s beëindigd") % {"naam": koppeling.vrijwilliger.naam},
    )
    return koppeling


@transaction.atomic
def signaal_create(
    *, actor, koppeling: Koppeling, datum: date, omschrijving: str
) -> VrijwilligerSignaal:
    """Record what the volunteer noticed; the consulent (else the werkcoach) gets a
    task to act on it within three days."""
    if not omschrijving.strip():
        raise ValidationError({"omschrijving": _("Beschrijf wat de vrijwilliger signaleerde.")})
    if datum > timezone.localdate():
        raise ValidationError({"datum": _("De datum ligt in de toekomst.")})
    dossier = koppeling.dossier
    signaal = VrijwilligerSignaal.objects.create(
        koppeling=koppeling, datum=datum, omschrijving=omschrijving.strip(), vastgelegd_door=actor
    )
    signaal.taak = taak_create(
        actor=actor,
        dossier=dossier,
        titel=_("Signaal van vrijwilliger %(naam)s") % {"naam": koppeling.vrijwilliger.naam},
        omschrijving=signaal.omschrijving,
        deadline=timezone.localdate() + timedelta(days=rules.SIGNAAL_TAAK_DAGEN),
        toegewezen_aan=dossier.consulent or dossier.werkcoach,
        bron=TaakBron.VRIJWILLIGER,
        sleutel=f"vrijwilliger-signaal-{signaal.pk}",
    )
    signaal.save(update_fields=["taak"])
    return signaal
