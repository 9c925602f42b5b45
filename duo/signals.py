"""How the DUO koppeling hears about decisions: Django model signals of the apps it
reports on (nothing of theirs imports duo). Every receiver returns at once when
``DUO_BASE_URL`` is empty, and records nothing for a gemeente without an OIN.

- PIP vastgesteld → DUO's rules are checked first (a violation refuses the
  vaststelling with a Dutch message), then a PIP POST is recorded;
- the current PIP ingetrokken with no vastgestelde version left → PIP DELETE;
- werkcoach assigned/changed/removed → contactpersoon koppelen/ontkoppelen (the
  werkcoach is registered at DUO first, once per gemeente); a registered
  werkcoach's name, e-mail or phone changed → PUT of the contactpersoon;
- MAP eindgesprek / PVT ondertekening (with verwijtbaar) → PUT map/pvt;
- Z-route afgerond → PUT zroute; inburgeringsaanbod (asiel, aanbieder with a DUO
  instellingsnummer) → POST per instelling;
- hour records saved or deleted → the category's cumulative total (PUT uren).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models.signals import post_delete, post_save, pre_save

from . import conf
from .models import BerichtSoort


def _aan() -> bool:
    return bool(conf.base_url())


# --- PIP ----------------------------------------------------------------------------


def pip_pre_save(sender, instance, raw=False, **kwargs):
    """Refuse vaststellen when DUO would refuse the PIP (DUO's PIP rules)."""
    from pip_plans.choices import VersieStatus

    if raw or not _aan() or instance.pk is None or instance.status != VersieStatus.VASTGESTELD:
        return
    dossier = instance.dossier
    if not conf.enabled_for(dossier.gemeente) or dossier.regime != "WI2021":
        return
    was = sender.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
    if was != VersieStatus.CONCEPT or instance.dagtekening is None:
        return
    from .outbound import pip_overtredingen

    overtredingen = pip_overtredingen(instance, dagtekening=instance.dagtekening)
    if overtredingen:
        raise ValidationError(
            [ValidationError(o.bericht, code=f"duo_{o.code}") for o in overtredingen],
            code="refused",
        )


def pip_post_save(sender, instance, raw=False, **kwargs):
    from pip_plans.choices import VersieStatus

    if raw or not _aan():
        return
    if instance.status not in (VersieStatus.VASTGESTELD, VersieStatus.INGETROKKEN):
        return  # a concept: nothing for DUO (and no query)
    from .outbound import bericht_aanmaken

    dossier = instance.dossier
    if instance.status == VersieStatus.VASTGESTELD:
        bericht_aanmaken(
            soort=BerichtSoort.PIP,
            gemeente=dossier.gemeente,
            dossier=dossier,
            object_id=instance.pk,
            dedup_key=f"pip:{instance.pk}",
            actor=instance.vastgesteld_door,
        )
    elif instance.status == VersieStatus.INGETROKKEN:
        nog_vastgesteld = sender.objects.filter(
            dossier=dossier, status=VersieStatus.VASTGESTELD
        ).exists()
        al_verzonden = dossier.duo_berichten.filter(soort=BerichtSoort.PIP).exists()
        if not nog_vastgesteld and al_verzonden:
            bericht_aanmaken(
                soort=BerichtSoort.PIP_VERWIJDEREN,
                gemeente=dossier.gemeente,
                dossier=dossier,
                object_id=instance.pk,
                dedup_key=f"pip_verwijderen:{instance.pk}",
            )


# --- contactpersoon ---------------------------------------------------------------


def dossier_pre_save(sender, instance, raw=False, **kwargs):
    if raw or not _aan() or instance.pk is None:
        return
    instance._duo_werkcoach_was = (
        sender.objects.filter(pk=instance.pk).values_list("werkcoach_id", flat=True).first()
    )


def dossier_post_save(sender, instance, raw=False, created=False, **kwargs):
    if raw or not _aan():
        return
    was = None if created else getattr(instance, "_duo_werkcoach_was", None)
    nu = instance.werkcoach_id
    if was == nu:
        return
    from .outbound import contactpersoon_wijzigen

    contactpersoon_wijzigen(dossier=instance, oud_id=was, nieuw_id=nu)


def medewerker_post_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """A user or staff profile saved: a registered contactpersoon's data may have
    changed (name, e-mail, phone). A login (only last_login) is not a change."""
    if raw or not _aan():
        return
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    from .outbound import contactpersoon_gegevens_gewijzigd

    user_id = instance.user_id if hasattr(instance, "user_id") else instance.pk
    contactpersoon_gegevens_gewijzigd(medewerker_id=user_id)


# --- MAP, PVT, Z-route, aanbod ---------------------------------------------------


def map_post_save(sender, instance, raw=False, **kwargs):
    if raw or not _aan():
        return
    from .outbound import bericht_aanmaken

    soort = BerichtSoort.MAP if sender.__name__ == "MapInschrijving" else BerichtSoort.PVT
    datum = (
        instance.datum_eindgesprek if soort == BerichtSoort.MAP else instance.datum_ondertekening
    )
    if datum is None and not sender.objects.filter(pk=instance.pk).exists():
        return
    dossier = instance.dossier
    if datum is None and not dossier.duo_berichten.filter(soort=soort).exists():
        return  # nothing was sent, so nothing to withdraw
    bericht_aanmaken(
        soort=soort,
        gemeente=dossier.gemeente,
        dossier=dossier,
        object_id=instance.pk,
        dedup_key=f"{soort}:{instance.pk}:{datum or '-'}:{instance.verwijtbaar or '-'}",
    )


def traject_post_save(sender, instance, raw=False, **kwargs):
    if raw or not _aan():
        return
    from .outbound import bericht_aanmaken

    dossier = instance.dossier
    if instance.z_afgerond_op:
        bericht_aanmaken(
            soort=BerichtSoort.ZROUTE,
            gemeente=dossier.gemeente,
            dossier=dossier,
            object_id=instance.pk,
            dedup_key=f"zroute:{instance.pk}:{instance.z_afgerond_op}",
        )
    aanbieder = instance.aanbieder
    if instance.datum_aanbod and aanbieder is not None and aanbieder.duo_code:
        from casefiles import rules as core_rules

        if core_rules.is_asiel(dossier.doelgroep):
            bericht_aanmaken(
                soort=BerichtSoort.AANBOD,
                gemeente=dossier.gemeente,
                dossier=dossier,
                object_id=instance.pk,
                dedup_key=(
                    f"aanbod:{instance.pk}:{aanbieder.pk}:{instance.datum_aanbod}:"
                    f"{instance.datum_start}:{instance.aanvang_taalschakeltraject}:"
                    f"{instance.einde_cursus}"
                ),
            )


# --- gevolgde uren -------------------------------------------------------------------

_UREN = {
    "taal_knm": BerichtSoort.UREN_TAAL,
    "intake_taal": BerichtSoort.UREN_INTAKE,
    "participatie": BerichtSoort.UREN_PARTICIPATIE,
}


def uren_changed(sender, instance, raw=False, **kwargs):
    if raw or not _aan():
        return
    soort = _UREN.get(instance.soort)
    if soort is None:
        return
    from casefiles.models import Dossier

    from .outbound import bericht_aanmaken, wacht_al

    dossier = Dossier.objects.select_related("gemeente").filter(pk=instance.dossier_id).first()
    if dossier is None or wacht_al(dossier=dossier, soort=soort):
        return
    bericht_aanmaken(soort=soort, gemeente=dossier.gemeente, dossier=dossier)


def connect() -> None:
    from django.contrib.auth import get_user_model

    from casefiles.models import Dossier, StaffProfile
    from leerroutes.models import MapInschrijving, PvtInschrijving, Traject, Urenregistratie
    from pip_plans.models import PipVersie

    pre_save.connect(pip_pre_save, sender=PipVersie, dispatch_uid="duo_pip_pre_save")
    post_save.connect(pip_post_save, sender=PipVersie, dispatch_uid="duo_pip_post_save")
    pre_save.connect(dossier_pre_save, sender=Dossier, dispatch_uid="duo_dossier_pre_save")
    post_save.connect(dossier_post_save, sender=Dossier, dispatch_uid="duo_dossier_post_save")
    post_save.connect(medewerker_post_save, sender=get_user_model(), dispatch_uid="duo_user")
    post_save.connect(medewerker_post_save, sender=StaffProfile, dispatch_uid="duo_profiel")
    post_save.connect(map_post_save, sender=MapInschrijving, dispatch_uid="duo_map")
    post_save.connect(map_post_save, sender=PvtInschrijving, dispatch_uid="duo_pvt")
    post_save.connect(traject_post_save, sender=Traject, dispatch_uid="duo_traject")
    post_save.connect(uren_changed, sender=Urenregistratie, dispatch_uid="duo_uren_save")
    post_delete.connect(uren_changed, sender=Urenregistratie, dispatch_uid="duo_uren_delete")
