"""Writes of partner access: sharing a dossier on consent and withdrawing it (the
gemeente), notifications of referrals, and what a ketenpartner may change in a
shared dossier (contact moments, its report on a referral, the begeleiding)."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from casefiles.choices import DeelOnderdeel, TaakBron
from casefiles.models import (
    Contactmoment,
    Deling,
    Dossier,
    Ketenpartner,
    MaatschappelijkeBegeleiding,
    PartnerMelding,
    Verwijzing,
)
from casefiles.services import contactmoment_create, gebeurtenis_record, taak_upsert

from . import rules


def _deling_check(
    *,
    dossier: Dossier,
    partner: Ketenpartner,
    onderdelen: list[str],
    toestemming_datum: date,
    geldig_van: date,
    geldig_tot: date,
) -> None:
    errors: dict[str, str] = {}
    if partner.gemeente_id != dossier.gemeente_id or not partner.actief:
        errors["partner"] = _("Kies een actieve ketenpartner van de gemeente van dit dossier.")
    if not rules.onderdelen_geldig(onderdelen):
        errors["onderdelen"] = _(
            "Kies minstens één onderdeel om te delen. Gezondheid, handhaving en betalingen "
            "worden nooit gedeeld."
        )
    if toestemming_datum and toestemming_datum > timezone.localdate():
        errors["toestemming_datum"] = _("De datum van de toestemming ligt in de toekomst.")
    elif toestemming_datum and geldig_van and toestemming_datum > geldig_van:
        errors["geldig_van"] = _("Er wordt pas gedeeld vanaf de dag van de toestemming.")
    if geldig_van and geldig_tot and geldig_tot < geldig_van:
        errors["geldig_tot"] = _("Het einde van het delen ligt na het begin.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def deling_create(
    *,
    actor,
    dossier: Dossier,
    partner: Ketenpartner,
    onderdelen: list[str],
    toestemming_datum: date,
    toestemming_vorm: str,
    geldig_van: date,
    geldig_tot: date,
    toestemming_toelichting: str = "",
) -> Deling:
    """Share parts of the dossier with a partner organisation, after recording the
    inburgeraar's consent (what, with whom, from/until). One running share per
    partner: change it by withdrawing it and recording a new consent."""
    _deling_check(
        dossier=dossier,
        partner=partner,
        onderdelen=onderdelen,
        toestemming_datum=toestemming_datum,
        geldig_van=geldig_van,
        geldig_tot=geldig_tot,
    )
    deling = Deling(
        dossier=dossier,
        partner=partner,
        onderdelen=[o for o in DeelOnderdeel.values if o in set(onderdelen)],
        toestemming_datum=toestemming_datum,
        toestemming_vorm=toestemming_vorm,
        toestemming_toelichting=toestemming_toelichting,
        geldig_van=geldig_van,
        geldig_tot=geldig_tot,
        gedeeld_door=actor,
    )
    deling.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            deling.save()
    except IntegrityError as exc:
        raise ValidationError(
            {
                "partner": _(
                    "Er loopt al een deling met deze ketenpartner. Trek die eerst in en leg "
                    "dan de nieuwe toestemming vast."
                )
            }
        ) from exc
    gebeurtenis_record(
        dossier=dossier,
        actor=actor,
        soort="deling",
        titel=_("Gedeeld met %(partner)s op toestemming (%(van)s t/m %(tot)s): %(wat)s")
        % {
            "partner": partner.naam,
            "van": date_format(geldig_van, "j F Y"),
            "tot": date_format(geldig_tot, "j F Y"),
            "wat": ", ".join(deling.onderdelen_labels).lower(),
        },
    )
    return deling


@transaction.atomic
def deling_intrekken(*, actor, deling: Deling, reden: str) -> Deling:
    """Withdraw a share (the inburgeraar withdrew consent, or it is no longer
    needed): from this moment the partner sees nothing of the dossier."""
    deling = Deling.objects.select_for_update().get(pk=deling.pk)
    if deling.is_ingetrokken:
        raise ValidationError(_("Deze deling is al ingetrokken."), code="ingetrokken")
    if not reden.strip():
        raise ValidationError({"reden": _("Geef de reden van de intrekking op.")})
    deling.ingetrokken_op = timezone.now()
    deling.ingetrokken_door = actor
    deling.intrekking_reden = reden.strip()[:300]
    deling.save(update_fields=["ingetrokken_op", "ingetrokken_door", "intrekking_reden"])
    gebeurtenis_record(
        dossier=deling.dossier,
        actor=actor,
        soort="deling",
        titel=_("Delen met %(partner)s ingetrokken") % {"partner": deling.partner.naam},
    )
    return deling


def melding_verwijzing(*, verwijzing: Verwijzing) -> PartnerMelding:
    """Notify the partner organisation's users of a new referral. No personal data in
    the notification: the partner sees the person only through a share."""
    melding, _created = PartnerMelding.objects.get_or_create(
        verwijzing=verwijzing,
        partner=verwijzing.partner,
        defaults={
            "titel": _("Nieuwe verwijzing van gemeente %(g)s (nummer %(n)s)")
            % {"g": verwijzing.dossier.gemeente.naam, "n": verwijzing.pk}
        },
    )
    return melding


@transaction.atomic
def melding_gelezen(*, actor, melding: PartnerMelding) -> PartnerMelding:
    if melding.gelezen_op is None:
        melding.gelezen_op = timezone.now()
        melding.gelezen_door = actor
        melding.save(update_fields=["gelezen_op", "gelezen_door"])
    return melding


def _vereist(deling: Deling, onderdeel: str) -> None:
    if not deling.deelt(onderdeel) or not deling.is_actief(timezone.localdate()):
        raise ValidationError(_("Dit onderdeel is niet met uw organisatie gedeeld."))


@transaction.atomic
def partner_contactmoment_create(
    *, actor, deling: Deling, onderwerp: str, soort: str, datum=None, verslag: str = ""
) -> Contactmoment:
    """A contact moment the partner writes in the shared dossier (it then sees its
    own organisation's contact moments, never the gemeente's)."""
    _vereist(deling, DeelOnderdeel.CONTACTMOMENTEN)
    return contactmoment_create(
        actor=actor,
        dossier=deling.dossier,
        onderwerp=onderwerp,
        soort=soort,
        datum=datum,
        verslag=verslag,
    )


@transaction.atomic
def partner_terugkoppeling(
    *, actor, deling: Deling, verwijzing: Verwijzing, status: str, terugkoppeling: str
) -> Verwijzing:
    """The partner reports back on a referral to it: status and feedback. The
    consulent gets a task to read it."""
    from casefiles.begeleiding.services import verwijzing_update

    _vereist(deling, DeelOnderdeel.VERWIJZINGEN)
    if verwijzing.partner_id != deling.partner_id or verwijzing.dossier_id != deling.dossier_id:
        raise ValidationError(_("Deze verwijzing is niet aan uw organisatie gericht."))
    if not terugkoppeling.strip():
        raise ValidationError({"terugkoppeling": _("Schrijf uw terugkoppeling aan de gemeente.")})
    verwijzing = verwijzing_update(
        actor=actor, verwijzing=verwijzing, status=status, terugkoppeling=terugkoppeling
    )
    dossier = deling.dossier
    taak_upsert(
        dossier=dossier,
        sleutel=f"verwijzing-{verwijzing.pk}-terugkoppeling-{status}",
        titel=_("Terugkoppeling van %(p)s op de verwijzing lezen") % {"p": deling.partner.naam},
        deadline=timezone.localdate() + timedelta(days=rules.TERUGKOPPELING_TAAK_DAGEN),
        bron=TaakBron.KETENPARTNER,
        omschrijving=_("Status: %(s)s.") % {"s": verwijzing.get_status_display()},
        toegewezen_aan=dossier.consulent or dossier.werkcoach,
        actor=actor,
    )
    return verwijzing


PARTNER_MB_FIELDS = frozenset({"intensiteit", "vrijwilligers", "onderwerpen"})


@transaction.atomic
def partner_begeleiding_update(
    *, actor, deling: Deling, begeleiding: MaatschappelijkeBegeleiding, **fields
) -> MaatschappelijkeBegeleiding:
    """A partner that carries out the begeleiding keeps its practical part up to date
    (topics, intensity, volunteers); dates, consulent and the end stay the gemeente's."""
    from casefiles.begeleiding.services import begeleiding_update

    _vereist(deling, DeelOnderdeel.BEGELEIDING)
    if set(fields) - PARTNER_MB_FIELDS:
        raise ValueError(f"Not for a partner: {sorted(set(fields) - PARTNER_MB_FIELDS)}")
    if begeleiding.dossier_id != deling.dossier_id or not begeleiding.is_actief:
        raise ValidationError(_("Er loopt geen begeleiding in dit dossier."))
    return begeleiding_update(actor=actor, begeleiding=begeleiding, **fields)
