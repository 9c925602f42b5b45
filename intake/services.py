"""Every write of the brede intake, each with an explicit ``actor``."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casefiles import locking
from casefiles import rules as casefiles_rules
from casefiles import services as casefiles_services
from casefiles.choices import (
    AccessAction,
    DossierStatus,
    LadderBron,
    Leerroute,
    Levensdomein,
    Niveau,
    TaakBron,
)
from casefiles.models import Dossier, ParticipatieladderMeting, Taak
from casefiles.permissions import can_see_special_category

from . import rules, selectors
from .choices import DoelInzage, IntakeStatus
from .models import BredeIntake, IntakeGezondheid, LevensdomeinScore, Werkervaring

PIP_DEADLINE_SLEUTEL = "pip_deadline"
PIP_DEADLINE_TITEL = "PIP vaststellen (wettelijke termijn)"

SECTIES: dict[str, tuple[str, list[str]]] = {
    "algemeen": (
        "Algemeen",
        [
            "datum",
            "locatie",
            "locatie_toelichting",
            "tolk_ingezet",
            "tolk_taal",
            "uren",
            "info_derden_opgevraagd_op",
            "info_derden_ontvangen_op",
            "info_derden_omschrijving",
        ],
    ),
    "leerbaarheidstoets": ("Leerbaarheidstoets", ["lbt_datum", "lbt_uitslag"]),
    "opleiding": (
        "Opleiding en alfabetisering",
        [
            "opleiding_niveau",
            "opleiding_jaren",
            "opleiding_land",
            "diplomas",
            "waardering_aangevraagd",
            "waardering_resultaat",
            "alfabetisering",
            "beoogde_opleiding",
        ],
    ),
    "talen": (
        "Nederlands en andere talen",
        ["nl_lezen", "nl_luisteren", "nl_schrijven", "nl_spreken", "andere_talen"],
    ),
    "motivatie": (
        "Motivatie, interesses en vaardigheden",
        [
            "motivatie",
            "interesses",
            "competenties",
            "werknemersvaardigheden",
            "digitale_vaardigheden",
        ],
    ),
    "situatie": (
        "Gezin, kinderopvang, mobiliteit en wonen",
        [
            "gezinssituatie",
            "kinderopvang_nodig",
            "kinderopvang_toelichting",
            "rijbewijs",
            "fiets",
            "ov_beperkt",
            "mobiliteit_toelichting",
            "huisvesting",
        ],
    ),
    "financien": ("Financiën", ["schulden", "signaal_ontzorgen", "financien_toelichting"]),
    "netwerk": ("Sociaal netwerk", ["sociaal_netwerk"]),
    "participatieladder": ("Participatieladder", ["participatieladder"]),
}
"""The plain sections: key → (label, fields of BredeIntake). Work history, life
domains, the route choice and health have their own services."""


def _check_bewerkbaar(intake: BredeIntake) -> None:
    if intake.status == IntakeStatus.AFGEROND:
        raise ValidationError(
            _("Deze intake is afgerond. Heropen de intake om iets te wijzigen."),
            code="afgerond",
        )


def _move_dossier_status(*, actor, dossier: Dossier, van: str, naar: str) -> None:
    if dossier.status == van and casefiles_rules.transition_allowed(van, naar):
        casefiles_services.dossier_change_status(actor=actor, dossier=dossier, status=naar)


# --- intake ----------------------------------------------------------------------------


@transaction.atomic
def intake_create(
    *,
    actor,
    dossier: Dossier,
    datum: date,
    locatie: str,
    status: str = IntakeStatus.GEPLAND,
    tolk_ingezet: bool = False,
    tolk_taal: str = "",
) -> BredeIntake:
    """Plan or start a new brede intake. One open (gepland/lopend) intake at a time."""
    if selectors.intake_open(dossier=dossier) is not None:
        raise ValidationError(
            _("Er is al een geplande of lopende intake. Rond die eerst af."), code="open_intake"
        )
    if status == IntakeStatus.AFGEROND:
        raise ValueError("A new intake cannot start as afgerond")
    intake = BredeIntake(
        dossier=dossier,
        datum=datum,
        locatie=locatie,
        status=status,
        tolk_ingezet=tolk_ingezet,
        tolk_taal=tolk_taal,
        uitgevoerd_door=actor,
    )
    intake.full_clean()
    intake.save()
    casefiles_services.gebeurtenis_record(
        dossier=dossier,
        actor=actor,
        soort="intake",
        titel=(
            _("Brede intake gestart op %(d)s")
            if status == IntakeStatus.LOPEND
            else _("Brede intake gepland op %(d)s")
        )
        % {"d": datum.strftime("%d-%m-%Y")},
    )
    if status == IntakeStatus.LOPEND:
        _move_dossier_status(
            actor=actor, dossier=dossier, van=DossierStatus.AANGEMELD, naar=DossierStatus.INTAKE
        )
    return intake


@transaction.atomic
def intake_sectie_opslaan(
    *,
    actor,
    intake: BredeIntake,
    sectie: str,
    data: dict[str, Any],
    bewerkversie: str | None = None,
) -> BredeIntake:
    """Save one section of the intake; the other sections are not touched. A
    ``bewerkversie`` from before a colleague changed THIS section is refused
    (casefiles.locking); a change of another section meanwhile is no conflict."""
    if sectie not in SECTIES:
        raise ValueError(f"Unknown section {sectie!r}")
    _check_bewerkbaar(intake)
    label, velden = SECTIES[sectie]
    locking.claim(intake, bewerkversie, fields=velden)
    oud = {naam: getattr(intake, naam) for naam in velden}
    for naam in velden:
        if naam in data:
            setattr(intake, naam, data[naam])
    # Field rules and clean() in Python; the model's constraints in the database
    # (save_checked), and no existence query per foreign key this section does not set.
    intake.full_clean(
        exclude=[
            f.name for f in BredeIntake._meta.fields if f.is_relation and f.name not in velden
        ],
        validate_constraints=False,
    )
    casefiles_services.save_checked(intake, update_fields=[*velden, "gewijzigd_op", "lock_version"])
    gewijzigd = [n for n in velden if oud[n] != getattr(intake, n)]
    if gewijzigd:
        casefiles_services.gebeurtenis_record(
            dossier=intake.dossier,
            actor=actor,
            soort="intake",
            titel=_("Brede intake: onderdeel '%(s)s' bijgewerkt") % {"s": label},
        )
    if sectie == "participatieladder" or ("datum" in gewijzigd and intake.participatieladder):
        _ladder_meting_bijwerken(intake=intake, oude_datum=oud.get("datum"))
    if {"info_derden_opgevraagd_op", "info_derden_ontvangen_op"} & set(gewijzigd):
        pip_deadline_sync(dossier=intake.dossier, actor=actor)
    return intake


def _ladder_meting_bijwerken(*, intake: BredeIntake, oude_datum: date | None) -> None:
    """Keep one ParticipatieladderMeting (bron intake) at the intake's date, so
    monitoring can compare the step at intake with now."""
    metingen = ParticipatieladderMeting.objects.filter(
        dossier=intake.dossier, bron=LadderBron.INTAKE
    )
    if oude_datum and oude_datum != intake.datum:
        metingen.filter(datum=oude_datum).delete()
    if intake.participatieladder is None:
        metingen.filter(datum=intake.datum).delete()
        return
    ParticipatieladderMeting.objects.update_or_create(
        dossier=intake.dossier,
        bron=LadderBron.INTAKE,
        datum=intake.datum,
        defaults={"trede": intake.participatieladder},
    )


@transaction.atomic
def werkervaring_toevoegen(
    *, actor, intake: BredeIntake, beroep: str, jaren, land: str, toelichting: str = ""
) -> Werkervaring:
    _check_bewerkbaar(intake)
    regel = Werkervaring(
        intake=intake, beroep=beroep, jaren=jaren, land=land, toelichting=toelichting
    )
    regel.full_clean()
    regel.save()
    casefiles_services.gebeurtenis_record(
        dossier=intake.dossier,
        actor=actor,
        soort="intake",
        titel=_("Brede intake: werkervaring toegevoegd"),
    )
    return regel


@transaction.atomic
def werkervaring_verwijderen(*, actor, intake: BredeIntake, pk: int) -> None:
    _check_bewerkbaar(intake)
    deleted, _rows = Werkervaring.objects.filter(intake=intake, pk=pk).delete()
    if deleted:
        casefiles_services.gebeurtenis_record(
            dossier=intake.dossier,
            actor=actor,
            soort="intake",
            titel=_("Brede intake: werkervaring verwijderd"),
        )


@transaction.atomic
def levensdomeinen_opslaan(
    *, actor, intake: BredeIntake, scores: dict[str, tuple[int | None, str]]
) -> list[LevensdomeinScore]:
    """Save the scores and notes of the five life domains (domein → (score, notes))."""
    _check_bewerkbaar(intake)
    result = []
    for domein in Levensdomein:
        if domein.value not in scores:
            continue
        score, toelichting = scores[domein.value]
        obj = LevensdomeinScore.objects.filter(intake=intake, domein=domein.value).first()
        obj = obj or LevensdomeinScore(intake=intake, domein=domein.value)
        obj.score, obj.toelichting = score, toelichting
        obj.full_clean()
        obj.save()
        result.append(obj)
    casefiles_services.gebeurtenis_record(
        dossier=intake.dossier,
        actor=actor,
        soort="intake",
        titel=_("Brede intake: levensdomeinen bijgewerkt"),
    )
    return result


@transaction.atomic
def intake_route_kiezen(
    *,
    actor,
    intake: BredeIntake,
    route: str,
    niveau: str,
    keuze_motivatie: str,
    afwijking_reden: str = "",
) -> BredeIntake:
    """Record the werkcoach's choice of leerroute and level, with the advice as it
    stands now. Choosing against the advice needs a written reason."""
    _check_bewerkbaar(intake)
    errors: dict[str, list[str]] = {}
    if route not in Leerroute.values or niveau not in Niveau.values:
        raise ValidationError({"route_niveau": _("Kies een leerroute en een niveau.")})
    if not rules.niveau_toegestaan(route, niveau):
        errors["route_niveau"] = [
            _("Niveau %(n)s kan niet met de %(r)s (regel van DUO).")
            % {"n": niveau, "r": Leerroute(route).label}
        ]
    if not keuze_motivatie.strip():
        errors["keuze_motivatie"] = [_("Motiveer de keuze: waarom past deze leerroute?")]
    advies = selectors.advies_voor(intake=intake)
    if route != advies.route and not afwijking_reden.strip():
        errors["afwijking_reden"] = [
            _("U kiest een andere leerroute dan het advies (%(a)s). Schrijf op waarom u afwijkt.")
            % {"a": Leerroute(advies.route).label}
        ]
    if errors:
        raise ValidationError(errors)
    intake.gekozen_route = route
    intake.gekozen_niveau = niveau
    intake.keuze_motivatie = keuze_motivatie.strip()
    intake.afwijking_reden = afwijking_reden.strip() if route != advies.route else ""
    intake.advies_route = advies.route
    intake.advies_redenen = list(advies.redenen)
    intake.keuze_door = actor
    intake.keuze_op = timezone.now()
    intake.full_clean()
    intake.save()
    titel = _("Leerroute gekozen bij de brede intake: %(r)s, niveau %(n)s") % {
        "r": Leerroute(route).label,
        "n": niveau,
    }
    if route != advies.route:
        titel += " " + _("(afwijkend van het advies %(a)s)") % {"a": Leerroute(advies.route).label}
    casefiles_services.gebeurtenis_record(
        dossier=intake.dossier, actor=actor, soort="intake", titel=titel
    )
    return intake


@transaction.atomic
def intake_status_wijzigen(
    *, actor, intake: BredeIntake, actie: str, op: date | None = None
) -> BredeIntake:
    """starten (gepland → lopend), afronden (lopend → afgerond on ``op``, default
    today; needs a chosen route) or heropenen (afgerond → lopend)."""
    dossier = intake.dossier
    if actie == "starten" and intake.status == IntakeStatus.GEPLAND:
        intake.status = IntakeStatus.LOPEND
        titel = _("Brede intake gestart")
        _move_dossier_status(
            actor=actor, dossier=dossier, van=DossierStatus.AANGEMELD, naar=DossierStatus.INTAKE
        )
    elif actie == "afronden" and intake.status in (IntakeStatus.GEPLAND, IntakeStatus.LOPEND):
        if not (intake.gekozen_route and intake.gekozen_niveau):
            raise ValidationError(
                _("Leg eerst de gekozen leerroute en het niveau vast; daarna kunt u afronden."),
                code="geen_keuze",
            )
        intake.status = IntakeStatus.AFGEROND
        intake.afgerond_op = op or max(timezone.localdate(), intake.datum)
        titel = _("Brede intake afgerond")
        _move_dossier_status(
            actor=actor, dossier=dossier, van=DossierStatus.AANGEMELD, naar=DossierStatus.INTAKE
        )
        _move_dossier_status(
            actor=actor, dossier=dossier, van=DossierStatus.INTAKE, naar=DossierStatus.PIP
        )
    elif actie == "heropenen" and intake.status == IntakeStatus.AFGEROND:
        if selectors.intake_open(dossier=dossier) is not None:
            raise ValidationError(_("Er is al een andere intake open."), code="open_intake")
        intake.status = IntakeStatus.LOPEND
        intake.afgerond_op = None
        titel = _("Brede intake heropend")
    else:
        raise ValidationError(_("Deze statuswijziging is niet mogelijk."), code="ongeldig")
    intake.full_clean()
    intake.save(update_fields=["status", "afgerond_op", "gewijzigd_op"])
    casefiles_services.gebeurtenis_record(dossier=dossier, actor=actor, soort="intake", titel=titel)
    return intake


@transaction.atomic
def gezondheid_opslaan(
    *,
    actor,
    intake: BredeIntake,
    doel: str,
    data: dict[str, Any],
    bewerkversie: str | None = None,
) -> IntakeGezondheid:
    """Save the health section. Only the assigned werkcoach/consulent; the write is
    access-logged with its purpose. No timeline line: even the fact stays out of it."""
    if not can_see_special_category(actor, intake.dossier):
        raise PermissionDenied
    if doel not in DoelInzage.values:
        raise ValidationError({"doel": _("Kies het doel van deze wijziging.")})
    _check_bewerkbaar(intake)
    obj = IntakeGezondheid.objects.filter(intake=intake).first() or IntakeGezondheid(intake=intake)
    if obj.pk:
        locking.claim(
            obj, bewerkversie, fields=("lichamelijk", "psychisch", "in_behandeling", "gevolgen")
        )
    for naam in ("lichamelijk", "psychisch", "in_behandeling", "gevolgen"):
        if naam in data:
            setattr(obj, naam, data[naam])
    obj.gewijzigd_door = actor
    obj.full_clean()
    obj.save()
    casefiles_services.access_log_record(
        user=actor,
        dossier=intake.dossier,
        action=AccessAction.UPDATE,
        onderdeel="intake.gezondheid",
        doel=str(DoelInzage(doel).label),
        object_id=intake.pk,
    )
    return obj


# --- the PIP deadline task ---------------------------------------------------------------


def pip_deadline_start(*, dossier: Dossier) -> Taak | None:
    """The PIP clock of a dossier that was just created (its post_save): the same
    rules as :func:`pip_deadline_sync`, without reading what a new dossier cannot
    have yet — a brede intake, an end of the plicht, a deadline task (issue 16: a new
    dossier in at most 12 statements)."""
    info = rules.pip_deadline(
        regime=dossier.regime,
        duo_melding=dossier.datum_duo_melding,
        vestiging=dossier.datum_vestiging,
        info_opgevraagd=None,
        info_ontvangen=None,
    )
    geen = casefiles_rules.geen_plicht(
        regime=dossier.regime,
        op=timezone.localdate(),
        geboortedatum=dossier.inburgeraar.geboortedatum,
        datum_plicht_voldaan=dossier.datum_plicht_voldaan,
        plicht_eindes=[],
    )
    if info is None or geen is not None:
        return None  # no clock: and no task to let lapse
    if not rules.pip_klok_loopt(status=dossier.status, termijn_start=dossier.termijn_start):
        return None
    return casefiles_services.taak_create(
        actor=None,
        dossier=dossier,
        sleutel=PIP_DEADLINE_SLEUTEL,
        titel=PIP_DEADLINE_TITEL,
        deadline=info.deadline,
        bron=TaakBron.PIP_DEADLINE,
        omschrijving=_("Uiterlijk vaststellen: %(g)s (Bi art. 5.3).") % {"g": info.grondslag},
    )


@transaction.atomic
def pip_deadline_sync(*, dossier: Dossier, actor=None) -> Taak | None:
    """Keep the one ``pip_deadline`` task of the dossier in step with the rules.

    - clock applies and running (no PIP yet, status aangemeld/intake/pip): create
      or move the task (a completed task is left alone by ``taak_upsert``);
    - no clock at all (Wi 2013, no dates) or no plicht (AOW, DUO's ontheffing or
      vrijstelling, …): let an open task lapse;
    - PIP already vastgesteld or dossier further on: leave the task to the PIP app,
      which marks it afgerond."""
    from casefiles.selectors import geen_plicht

    info = selectors.pip_deadline_info(dossier=dossier)
    if info is None or geen_plicht(dossier=dossier) is not None:
        # No clock, or no plicht (any more): no deadline task (Wi art. 3–6).
        casefiles_services.taak_cancel(dossier=dossier, sleutel=PIP_DEADLINE_SLEUTEL)
        return None
    if not rules.pip_klok_loopt(status=dossier.status, termijn_start=dossier.termijn_start):
        return None
    return casefiles_services.taak_upsert(
        dossier=dossier,
        sleutel=PIP_DEADLINE_SLEUTEL,
        titel=PIP_DEADLINE_TITEL,
        deadline=info.deadline,
        bron=TaakBron.PIP_DEADLINE,
        omschrijving=_("Uiterlijk vaststellen: %(g)s (Bi art. 5.3).") % {"g": info.grondslag},
        actor=actor,
    )
