"""Writes of participation activities, outcomes (uitstroom) and participatieladder
measurements, each with an explicit ``actor`` and a line on the timeline."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casefiles import locking
from casefiles.choices import ActiviteitSoort, LadderBron
from casefiles.models import Activiteit, Dossier, ParticipatieladderMeting, Uitstroom
from casefiles.services import gebeurtenis_record

ACTIVITEIT_VELDEN = (
    "soort",
    "organisatie",
    "omschrijving",
    "start",
    "eind",
    "uren_per_week",
    "contract",
    "opleidingsniveau",
)


def _normalise(activiteit: Activiteit) -> None:
    """Contract only with paid work, a level only with education."""
    if activiteit.soort != ActiviteitSoort.BETAALD_WERK:
        activiteit.contract = ""
    elif not activiteit.contract:
        raise ValidationError({"contract": _("Kies het soort contract bij betaald werk.")})
    if activiteit.soort != ActiviteitSoort.OPLEIDING:
        activiteit.opleidingsniveau = ""


@transaction.atomic
def activiteit_create(
    *,
    actor,
    dossier: Dossier,
    soort: str,
    start: date,
    organisatie: str = "",
    omschrijving: str = "",
    eind: date | None = None,
    uren_per_week: Decimal | None = None,
    contract: str = "",
    opleidingsniveau: str = "",
) -> Activiteit:
    activiteit = Activiteit(
        dossier=dossier,
        soort=soort,
        start=start,
        organisatie=organisatie,
        omschrijving=omschrijving,
        eind=eind,
        uren_per_week=uren_per_week,
        contract=contract or "",
        opleidingsniveau=opleidingsniveau,
    )
    _normalise(activiteit)
    activiteit.full_clean()
    activiteit.save()
    gebeurtenis_record(
        dossier=dossier,
        actor=actor,
        soort="participatie",
        titel=_("Activiteit gestart: %(soort)s") % {"soort": activiteit.get_soort_display()},
    )
    return activiteit


@transaction.atomic
def activiteit_update(
    *, actor, activiteit: Activiteit, bewerkversie: str | None = None, **velden
) -> Activiteit:
    onbekend = set(velden) - set(ACTIVITEIT_VELDEN)
    if onbekend:
        raise ValueError(f"Unknown fields {sorted(onbekend)}")
    locking.claim(activiteit, bewerkversie, fields=velden)
    was_lopend = activiteit.eind is None
    for k, v in velden.items():
        setattr(activiteit, k, v if v is not None or k in ("eind", "uren_per_week") else "")
    _normalise(activiteit)
    activiteit.full_clean()
    activiteit.save()
    titel = (
        _("Activiteit beëindigd: %(soort)s")
        if was_lopend and activiteit.eind
        else _("Activiteit bijgewerkt: %(soort)s")
    )
    gebeurtenis_record(
        dossier=activiteit.dossier,
        actor=actor,
        soort="participatie",
        titel=titel % {"soort": activiteit.get_soort_display()},
    )
    return activiteit


@transaction.atomic
def uitstroom_create(
    *,
    actor,
    dossier: Dossier,
    soort: str,
    datum: date,
    einddatum: date | None = None,
    toelichting: str = "",
) -> Uitstroom:
    if einddatum and einddatum < datum:
        raise ValidationError({"einddatum": _("De einddatum kan niet voor de datum liggen.")})
    uitstroom = Uitstroom(
        dossier=dossier, soort=soort, datum=datum, einddatum=einddatum, toelichting=toelichting
    )
    uitstroom.full_clean()
    uitstroom.save()
    gebeurtenis_record(
        dossier=dossier,
        actor=actor,
        soort="uitstroom",
        titel=_("Uitstroom: %(soort)s") % {"soort": uitstroom.get_soort_display()},
    )
    return uitstroom


@transaction.atomic
def ladder_meting_create(
    *,
    actor,
    dossier: Dossier,
    datum: date,
    trede: int,
    bron: str = LadderBron.HANDMATIG,
) -> ParticipatieladderMeting:
    if datum > timezone.localdate():
        raise ValidationError({"datum": _("Een meting kan niet in de toekomst liggen.")})
    meting = ParticipatieladderMeting(dossier=dossier, datum=datum, trede=trede, bron=bron)
    meting.full_clean()
    meting.save()
    gebeurtenis_record(
        dossier=dossier,
        actor=actor,
        soort="participatie",
        titel=_("Participatieladder: trede %(t)s") % {"t": trede},
    )
    return meting
