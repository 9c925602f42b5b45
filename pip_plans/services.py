"""Every write of the PIP app: versions, goals, vaststellen, letters,
voortgangsgesprekken with their reminders, and handhaving. Each with an explicit
``actor``; timeline lines carry no special-category content."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from casefiles import locking, outbox
from casefiles import rules as core_rules
from casefiles import services as core
from casefiles.choices import DossierStatus, TaakBron, TaakStatus
from casefiles.models import Dossier, Taak
from casefiles.selectors import inburgeringsfeiten

from . import rules
from .choices import (
    GesprekStatus,
    HandhavingSoort,
    HerinneringSoort,
    HerinneringStatus,
    VersieStatus,
    WijzigingReden,
)
from .models import (
    GesprekDoelUitkomst,
    Handhaving,
    Herinnering,
    PipBrief,
    PipDoel,
    PipVersie,
    Voortgangsgesprek,
)

logger = logging.getLogger(__name__)

INHOUD_VELDEN = [
    "reden_toelichting",
    "leerroute",
    "niveau",
    "geschatte_intensiteit_b1",
    "alfabetisering",
    "mag_opleiding_afmaken",
    "aanbieder",
    "pvt_uren",
    "pvt_afspraken",
    "map_uren",
    "map_afspraken",
    "mb_duur_maanden",
    "mb_intensiteit",
    "ontzorgen",
    "ontzorgen_afspraken",
    "participatiewet",
    "motivatie",
]
"""The content fields of a version that a werkcoach edits in a concept (and that
'Wijzigen' copies into the new concept)."""

DOEL_VELDEN = ["levensdomein", "doel", "acties", "wie", "streefdatum", "partner", "volgorde"]


def _refuse_unless_concept(versie: PipVersie) -> None:
    if versie.status != VersieStatus.CONCEPT:
        raise ValidationError(
            "Deze PIP-versie is vastgesteld en kan niet meer worden gewijzigd. Kies "
            "'Wijzigen' om een nieuwe versie te maken.",
            code="immutable",
        )


def _refuse_without_plicht(dossier: Dossier, op: date | None = None) -> None:
    """No plicht, no PIP: refuse a new concept or change (Wi art. 3–6, 15)."""
    from casefiles.selectors import geen_plicht

    geen = geen_plicht(dossier=dossier, op=op)
    if geen is not None:
        raise ValidationError(geen.bericht, code=geen.code)


def huidige_versie(dossier: Dossier) -> PipVersie | None:
    """The current PIP: the vastgestelde version with the highest number."""
    return (
        PipVersie.objects.filter(dossier=dossier, status=VersieStatus.VASTGESTELD)
        .order_by("-nummer")
        .first()
    )


# --- drafting -------------------------------------------------------------------------


def intake_summary_for(dossier: Dossier):
    """The intake app's summary, or None when that app (or an intake) is missing."""
    try:
        from intake.selectors import intake_summary
    except ImportError:
        return None
    return intake_summary(dossier=dossier)


def _draft_from_intake(dossier: Dossier) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Fields and goals of a first concept, taken from the brede intake: route,
    level, motivation, alfabetisering, one goal section per life domain. Never
    health data (the summary has none)."""
    summary = intake_summary_for(dossier)
    velden: dict[str, Any] = {}
    doelen: list[dict[str, Any]] = []
    if summary is None:
        return velden, doelen
    route = getattr(summary, "gekozen_route", None) or getattr(summary, "advies_route", None)
    if route:
        velden["leerroute"] = str(route)
    niveau = str(getattr(summary, "gekozen_niveau", "") or "")
    if niveau in ("A2", "B1"):
        velden["niveau"] = niveau
    elif route in ("b1", "onderwijs"):
        velden["niveau"] = "B1"
    alfa = getattr(summary, "alfabetisering", "") or ""
    if alfa in ("A", "AA", "NVT"):
        velden["alfabetisering"] = alfa
    delen = []
    if getattr(summary, "keuze_motivatie", ""):
        delen.append(summary.keuze_motivatie.strip())
    if getattr(summary, "leerbaarheidstoets", ""):
        delen.append(f"Leerbaarheidstoets: {summary.leerbaarheidstoets}.")
    redenen = list(getattr(summary, "advies_redenen", []) or [])
    if redenen:
        delen.append(
            "Advies uit de brede intake: "
            + "; ".join(str(r).strip().rstrip(".") for r in redenen)
            + "."
        )
    datum = getattr(summary, "datum", None)
    if datum:
        delen.append(f"Brede intake van {datum:%d-%m-%Y}.")
    velden["motivatie"] = "\n".join(delen)
    for i, ld in enumerate(getattr(summary, "levensdomeinen", []) or []):
        toelichting = getattr(ld, "toelichting", "") or ""
        label = str(getattr(ld, "label", ld.domein)).lower()
        doelen.append(
            {
                "levensdomein": str(ld.domein),
                "doel": f"{rules.DOEL_CONCEPT_PREFIX}{label}"[:300],
                "acties": toelichting,
                "wie": "",
                "streefdatum": None,
                "volgorde": i,
            }
        )
    return velden, doelen


def _volgend_nummer(dossier: Dossier) -> int:
    top = PipVersie.objects.filter(dossier=dossier).aggregate(m=Max("nummer"))["m"]
    return (top or 0) + 1


@transaction.atomic
def pip_concept_create(*, actor, dossier: Dossier) -> PipVersie:
    """Start the first PIP of a dossier as a concept drafted from the brede intake."""
    Dossier.objects.select_for_update().filter(pk=dossier.pk).first()
    _refuse_without_plicht(dossier)
    if PipVersie.objects.filter(dossier=dossier, status=VersieStatus.CONCEPT).exists():
        raise ValidationError("Er is al een concept-PIP voor dit dossier.", code="concept_exists")
    if huidige_versie(dossier) is not None:
        raise ValidationError(
            "Er is al een vastgestelde PIP. Kies 'Wijzigen' om een nieuwe versie te maken.",
            code="has_pip",
        )
    velden, doelen = _draft_from_intake(dossier)
    reden = WijzigingReden.INITIEEL
    feiten = inburgeringsfeiten(dossier=dossier)
    if feiten is not None and feiten.eerdere_pip:
        # A person who moved: the PIP of this gemeente keeps the leerroute (and level)
        # and the termijn of the previous one (Wi art. 11 lid 2–3; DESIGN.md §4).
        reden = WijzigingReden.VERHUIZING
        if feiten.huidige_leerroute:
            velden["leerroute"] = feiten.huidige_leerroute
            velden["niveau"] = feiten.huidig_niveau or (
                "" if feiten.huidige_leerroute == "z" else "B1"
            )
            if not velden.get("motivatie"):
                velden["motivatie"] = (
                    f"Verhuizing: de {feiten.get_huidige_leerroute_display()} uit de PIP van "
                    f"de vorige gemeente loopt door, net als de inburgeringstermijn "
                    f"(Wet inburgering art. 11)."
                )
    versie = PipVersie(
        dossier=dossier,
        nummer=_volgend_nummer(dossier),
        reden=reden,
        aangemaakt_door=actor,
        **velden,
    )
    versie.full_clean()
    versie.save()
    for d in doelen:
        PipDoel.objects.create(versie=versie, **d)
    core.gebeurtenis_record(
        dossier=dossier,
        actor=actor,
        soort="pip",
        titel=f"Concept-PIP (versie {versie.nummer}) gemaakt"
        + (" vanuit de brede intake" if velden else ""),
    )
    if dossier.status == DossierStatus.INTAKE:
        core.dossier_change_status(actor=actor, dossier=dossier, status=DossierStatus.PIP)
    return versie


@transaction.atomic
def pip_wijzigen(*, actor, dossier: Dossier, reden: str, toelichting: str = "") -> PipVersie:
    """'Wijzigen': a new concept copied from the current vastgestelde version,
    pointing to it (``vervangt``). The current version stays as it is."""
    Dossier.objects.select_for_update().filter(pk=dossier.pk).first()
    _refuse_without_plicht(dossier)
    huidig = huidige_versie(dossier)
    if huidig is None:
        raise ValidationError("Er is nog geen vastgestelde PIP om te wijzigen.", code="no_pip")
    if PipVersie.objects.filter(dossier=dossier, status=VersieStatus.CONCEPT).exists():
        raise ValidationError(
            "Er is al een concept voor een wijziging. Werk dat concept af of verwijder het.",
            code="concept_exists",
        )
    if reden == WijzigingReden.INITIEEL:
        raise ValidationError("Kies een reden voor de wijziging.", code="reden")
    nieuw = PipVersie(
        dossier=dossier,
        nummer=_volgend_nummer(dossier),
        reden=reden,
        reden_toelichting=toelichting,
        vervangt=huidig,
        aangemaakt_door=actor,
        **{f: getattr(huidig, f) for f in INHOUD_VELDEN if f != "reden_toelichting"},
    )
    nieuw.full_clean()
    nieuw.save()
    for d in huidig.doelen.all():
        PipDoel.objects.create(versie=nieuw, **{f: getattr(d, f) for f in DOEL_VELDEN})
    core.gebeurtenis_record(
        dossier=dossier,
        actor=actor,
        soort="pip",
        titel=f"PIP-wijziging gestart: versie {nieuw.nummer} ({nieuw.get_reden_display().lower()})",
    )
    return nieuw


def doelen_waarden(versie: PipVersie) -> list[list[Any]]:
    """The goals of a concept as plain values: part of the concept's edit fingerprint,
    so a colleague's change of a goal is an edit conflict too."""
    return [
        [d.pk, *(str(getattr(d, f)) for f in DOEL_VELDEN)]
        for d in PipDoel.objects.filter(versie_id=versie.pk).order_by("pk")
    ]


@transaction.atomic
def pip_concept_update(
    *, actor, versie: PipVersie, bewerkversie: str | None = None, **velden
) -> PipVersie:
    """Change content fields of a concept (refused for a vastgestelde version).
    ``bewerkversie`` (from the form) refuses a save over a colleague's newer one
    (casefiles.locking.EditConflict)."""
    versie = PipVersie.objects.select_for_update().get(pk=versie.pk)
    _refuse_unless_concept(versie)
    onbekend = set(velden) - set(INHOUD_VELDEN) - {"reden"}
    if onbekend:
        raise ValueError(f"Not editable here: {sorted(onbekend)}")
    locking.claim(versie, bewerkversie, fields=velden, extra_of=doelen_waarden)
    for k, v in velden.items():
        setattr(versie, k, v)
    versie.full_clean()
    versie.save()
    return versie


@transaction.atomic
def pip_doelen_save(*, actor, versie: PipVersie, doelen: list[dict[str, Any]]) -> list[PipDoel]:
    """Replace the goals of a concept with ``doelen`` (dicts with an optional ``id``
    for an existing goal and ``DELETE`` to drop it)."""
    versie = PipVersie.objects.select_for_update().get(pk=versie.pk)
    _refuse_unless_concept(versie)
    bestaand = {d.pk: d for d in versie.doelen.all()}
    gehouden = []
    for i, data in enumerate(doelen):
        data = dict(data)
        pk = data.pop("id", None)
        weg = data.pop("DELETE", False)
        doel = bestaand.get(getattr(pk, "pk", pk)) if pk else None
        if weg:
            if doel is not None:
                doel.delete()
            continue
        if doel is None:
            doel = PipDoel(versie=versie)
        for f in DOEL_VELDEN:
            if f in data:
                setattr(doel, f, data[f])
        if "volgorde" not in data:
            doel.volgorde = i
        if doel.partner is not None and doel.partner.gemeente_id != versie.dossier.gemeente_id:
            raise ValidationError(
                "Kies een ketenpartner van de gemeente van dit dossier.", code="partner"
            )
        doel.full_clean()
        doel.save()
        gehouden.append(doel)
    return gehouden


@transaction.atomic
def pip_concept_delete(*, actor, versie: PipVersie) -> None:
    versie = PipVersie.objects.select_for_update().get(pk=versie.pk)
    _refuse_unless_concept(versie)
    dossier, nummer = versie.dossier, versie.nummer
    versie.doelen.all().delete()
    versie.delete()
    core.gebeurtenis_record(
        dossier=dossier, actor=actor, soort="pip", titel=f"Concept-PIP versie {nummer} verwijderd"
    )


# --- vaststellen ----------------------------------------------------------------------


def cursus_uren(dossier: Dossier) -> Decimal | None:
    """Attended language+KNM hours at the provider, or None when the leerroutes app
    cannot tell (then afschalen is refused with a clear message)."""
    try:
        from leerroutes.selectors import cursus_uren as _uren
    except ImportError:
        return None
    return Decimal(_uren(dossier=dossier))


def _heeft_postadres(persoon) -> bool:
    """The letter can be sent: street, number, postcode and town are known."""
    return all(
        (getattr(persoon, veld) or "").strip()
        for veld in ("straat", "huisnummer", "postcode", "woonplaats")
    )


def vaststelling_feiten(
    versie: PipVersie, *, dagtekening: date | None, vandaag: date | None = None
) -> rules.VaststellingFeiten:
    """Collect the facts the pure check needs from the database."""
    dossier = versie.dossier
    vorige = (
        PipVersie.objects.filter(dossier=dossier, status=VersieStatus.VASTGESTELD)
        .exclude(pk=versie.pk)
        .order_by("-nummer")
    )
    actueel = vorige.first()
    eerste = vorige.order_by("nummer").first()
    feiten = inburgeringsfeiten(dossier=dossier)
    elders = feiten is not None and feiten.eerdere_pip
    from casefiles.selectors import doelgroep_op, geen_plicht

    return rules.VaststellingFeiten(
        regime=dossier.regime,
        dagtekening=dagtekening,
        vandaag=vandaag or timezone.localdate(),
        leerroute=versie.leerroute,
        niveau=versie.niveau,
        reden=versie.reden,
        # the doelgroep on the dagtekening (dated history, DUO SS124/SS125)
        is_asiel=core_rules.is_asiel(doelgroep_op(dossier=dossier, op=dagtekening)),
        heeft_bijstand=dossier.datum_start_bijstand is not None,
        datum_start_plicht=dossier.datum_start_plicht,
        datum_vestiging=dossier.datum_vestiging,
        eerste_pip=actueel is None,
        vorige_dagtekening=actueel.dagtekening if actueel else None,
        eerste_dagtekening=(
            feiten.eerste_pip_dagtekening
            if elders and feiten is not None
            else (eerste.dagtekening if eerste else None)
        ),
        vorige_leerroute=actueel.leerroute if actueel else "",
        vorige_niveau=actueel.niveau if actueel else "",
        eerdere_pip_elders=elders,
        elders_leerroute=feiten.huidige_leerroute if feiten is not None else "",
        geen_plicht=geen_plicht(dossier=dossier, op=dagtekening or vandaag),
        termijn_start=dossier.termijn_start,
        cursus_uren=cursus_uren(dossier) if versie.reden == WijzigingReden.AFSCHALEN else None,
        geschatte_intensiteit_b1=versie.geschatte_intensiteit_b1,
        pvt_uren=versie.pvt_uren,
        heeft_map=bool(versie.map_afspraken.strip() or versie.map_uren),
        heeft_mb=bool(versie.mb_duur_maanden or versie.mb_intensiteit),
        heeft_ontzorgen=versie.ontzorgen,
        participatiewet=versie.participatiewet,
        motivatie=versie.motivatie,
        aantal_doelen=versie.doelen.count(),
        aantal_doelen_concepttekst=versie.doelen.filter(
            doel__startswith=rules.DOEL_CONCEPT_PREFIX
        ).count(),
        aanbieder_voor_gemeente=versie.aanbieder is None
        or versie.aanbieder.gemeenten.filter(pk=dossier.gemeente_id).exists(),
        aanbieder_biedt_route=versie.aanbieder is None
        or not versie.leerroute
        or _biedt_route(versie.aanbieder, versie.leerroute),
        heeft_postadres=_heeft_postadres(dossier.inburgeraar),
    )


def _biedt_route(aanbieder, route: str) -> bool:
    check = getattr(aanbieder, "biedt_route", None)
    if callable(check):
        return bool(check(route))
    return bool(
        getattr(
            aanbieder,
            {"b1": "biedt_b1", "onderwijs": "biedt_onderwijs"}.get(route, "biedt_z"),
            True,
        )
    )


def pip_controle(*, versie: PipVersie, dagtekening: date | None) -> list[rules.Weigering]:
    """Every refusal vaststellen would give now (for the 'controle' panel)."""
    if versie.status != VersieStatus.CONCEPT:
        return []
    return rules.vaststellen_weigeringen(vaststelling_feiten(versie, dagtekening=dagtekening))


@transaction.atomic
def pip_vaststellen(*, actor, versie: PipVersie, dagtekening: date) -> PipVersie:
    """Fix a concept as a beschikking. Runs every check of rules.vaststellen_weigeringen
    and refuses with all messages at once. On the first vastgestelde PIP the
    dossier's inburgeringstermijn starts (Wi art. 11); later versions never move it.
    Plans the voortgangsgesprekken, completes the PIP-deadline task, lets the
    leerroute follow the PIP and, after commit, generates the letter."""
    Dossier.objects.select_for_update().filter(pk=versie.dossier_id).first()
    versie = (
        PipVersie.objects.select_for_update().select_related("dossier__gemeente").get(pk=versie.pk)
    )
    _refuse_unless_concept(versie)
    dossier = versie.dossier
    weigeringen = rules.vaststellen_weigeringen(
        vaststelling_feiten(versie, dagtekening=dagtekening)
    )
    if weigeringen:
        raise ValidationError(
            [ValidationError(w.bericht, code=w.code) for w in weigeringen], code="refused"
        )
    eerste = (
        huidige_versie(dossier) is None
        and not PipVersie.objects.filter(dossier=dossier, status=VersieStatus.INGETROKKEN).exists()
    )
    versie.dagtekening = dagtekening
    versie.status = VersieStatus.VASTGESTELD
    versie.vastgesteld_op = timezone.now()
    versie.vastgesteld_door = actor
    versie.save()
    feiten = inburgeringsfeiten(dossier=dossier)
    if dossier.termijn_start is None and not (feiten is not None and feiten.eerdere_pip):
        # Only the person's very first PIP starts the termijn; a move never starts a
        # new one (the termijn of a verhuizing-dossier comes from its facts).
        start, eind = rules.termijn_for(dagtekening)
        Dossier.objects.filter(pk=dossier.pk, termijn_start__isnull=True).update(
            termijn_start=start, termijn_eind=eind
        )
        dossier.termijn_start, dossier.termijn_eind = start, eind
        core.gebeurtenis_record(
            dossier=dossier,
            actor=actor,
            soort="termijn",
            titel=f"Inburgeringstermijn loopt van {start:%d-%m-%Y} tot {eind:%d-%m-%Y}",
        )
    core.gebeurtenis_record(
        dossier=dossier,
        actor=actor,
        soort="pip",
        titel=f"PIP versie {versie.nummer} vastgesteld (dagtekening {dagtekening:%d-%m-%Y}, "
        f"{versie.get_leerroute_display()}" + (f" {versie.niveau}" if versie.niveau else "") + ")",
    )
    # The dossier moves on to uitvoering (via 'PIP' when it was still in intake). First:
    # moving a closed dossier back to uitvoering reopens the tasks its closing let lapse,
    # the PIP deadline among them, which this vaststelling meets.
    for status in (DossierStatus.PIP, DossierStatus.UITVOERING):
        if core_rules.transition_allowed(dossier.status, status):
            core.dossier_change_status(actor=actor, dossier=dossier, status=status)
    if eerste:
        taak = Taak.objects.filter(
            dossier=dossier, sleutel="pip_deadline", status=TaakStatus.OPEN
        ).first()
        if taak is not None:
            core.taak_complete(actor=actor, taak=taak)
    gesprekken_plannen(actor=actor, versie=versie)
    _leerroute_volgt_pip(actor=actor, versie=versie)
    brief_aanvragen(versie=versie, dedup_key=f"pip.brief:{versie.pk}:vaststelling")
    return versie


def brief_aanvragen(*, versie: PipVersie, dedup_key: str | None = None) -> None:
    """Queue the letter of a vastgestelde version through the outbox (in the caller's
    transaction; made by a worker, or at once without Redis)."""
    outbox.enqueue(
        kind="pip.brief",
        payload={"versie_id": versie.pk},
        dedup_key=dedup_key,
        gemeente_id=versie.dossier.gemeente_id,
        dossier_id=versie.dossier_id,
    )


def pip_vaststellen_gevolgen(*, versie: PipVersie, dagtekening: date) -> list[str]:
    """What vaststellen will do, in plain Dutch, for the confirmation page."""
    from django.utils.formats import date_format

    def d(x: date) -> str:
        return date_format(x, "j F Y")

    dossier = versie.dossier
    gevolgen = [
        f"PIP versie {versie.nummer} wordt een beschikking met dagtekening {d(dagtekening)}. "
        "Daarna kan deze versie niet meer worden gewijzigd: een wijziging is een nieuwe "
        "beschikking."
    ]
    eind = dossier.termijn_eind
    if dossier.termijn_start is None:
        start, eind = rules.termijn_for(dagtekening)
        gevolgen.append(
            f"De inburgeringstermijn start op {d(start)} en loopt tot en met {d(eind)} (3 jaar, "
            "Wi art. 11). Een latere PIP verschuift deze termijn niet."
        )
        if Taak.objects.filter(
            dossier=dossier, sleutel="pip_deadline", status=TaakStatus.OPEN
        ).exists():
            gevolgen.append("De wettelijke PIP-termijn (taak 'PIP vaststellen') wordt afgerond.")
    gemeente = dossier.gemeente
    if not Voortgangsgesprek.objects.filter(
        dossier=dossier, status=GesprekStatus.GEPLAND, gepland_op__gte=timezone.localdate()
    ).exists():
        data = rules.gesprek_data(
            vanaf=dagtekening,
            maanden=gemeente.voortgangsgesprek_maanden_lijst,
            interval=gemeente.voortgangsgesprek_interval,
            tot=eind,
        )
        data = [x for x in data if x >= timezone.localdate()]
        if data:
            gevolgen.append(
                f"{len(data)} voortgangsgesprekken worden gepland; het eerste op {d(data[0])}."
            )
    gevolgen.append(
        "De beschikking (brief, pdf) wordt gemaakt. Verstuur hem aan de inburgeraar en leg "
        "de verzenddatum vast: vanaf de bekendmaking loopt de bezwaartermijn van 6 weken."
    )
    gevolgen.append(
        f"Het leerroutetraject volgt de PIP: {versie.get_leerroute_display()}"
        + (f", niveau {versie.niveau}" if versie.niveau else "")
        + "."
    )
    return gevolgen


def _leerroute_volgt_pip(*, actor, versie: PipVersie) -> None:
    try:
        from leerroutes.services import traject_volg_pip
    except ImportError:
        return
    # A vastgestelde version has a dagtekening (constraint pip_vastgesteld_heeft_dagtekening).
    assert versie.dagtekening is not None
    traject_volg_pip(
        actor=actor,
        dossier=versie.dossier,
        route=versie.leerroute,
        niveau=versie.niveau,
        aanbieder=versie.aanbieder,
        pip_versie_id=versie.pk,
        dagtekening=versie.dagtekening,
    )


@transaction.atomic
def pip_bekendmaking_record(
    *,
    actor,
    versie: PipVersie,
    bekendgemaakt_op: date | None = None,
    ondertekend_op: date | None = None,
) -> PipVersie:
    """Record the post-decision facts: sent (bekendgemaakt) and signed."""
    versie = PipVersie.objects.select_for_update().get(pk=versie.pk)
    if versie.status != VersieStatus.VASTGESTELD:
        raise ValidationError("Alleen bij een vastgestelde PIP.", code="not_vastgesteld")
    for label, d in (("bekendmaking", bekendgemaakt_op), ("ondertekening", ondertekend_op)):
        if d and versie.dagtekening and d < versie.dagtekening:
            raise ValidationError(f"De datum van {label} ligt voor de dagtekening.")
        if d and d > timezone.localdate():
            raise ValidationError(f"De datum van {label} ligt in de toekomst.")
    velden = []
    if bekendgemaakt_op and bekendgemaakt_op != versie.bekendgemaakt_op:
        versie.bekendgemaakt_op = bekendgemaakt_op
        velden.append("bekendgemaakt_op")
    if ondertekend_op and ondertekend_op != versie.ondertekend_op:
        versie.ondertekend_op = ondertekend_op
        velden.append("ondertekend_op")
    if velden:
        versie.save(update_fields=velden)
        core.gebeurtenis_record(
            dossier=versie.dossier,
            actor=actor,
            soort="pip",
            titel=f"PIP versie {versie.nummer}: "
            + " en ".join("verzonden" if v == "bekendgemaakt_op" else "ondertekend" for v in velden)
            + " vastgelegd",
        )
    return versie


@transaction.atomic
def pip_intrekken(*, actor, versie: PipVersie, reden: str, datum: date | None = None) -> PipVersie:
    """Withdraw a vastgestelde version (e.g. after bezwaar). The content stays as it
    was; only status and the withdrawal facts are written. The termijn is not moved."""
    versie = PipVersie.objects.select_for_update().get(pk=versie.pk)
    if versie.status != VersieStatus.VASTGESTELD:
        raise ValidationError("Alleen een vastgestelde PIP kan worden ingetrokken.")
    if not reden.strip():
        raise ValidationError({"reden": "Geef de reden van de intrekking."})
    versie.status = VersieStatus.INGETROKKEN
    versie.ingetrokken_op = datum or timezone.localdate()
    versie.ingetrokken_reden = reden
    versie.ingetrokken_door = actor
    versie.save(update_fields=["status", "ingetrokken_op", "ingetrokken_reden", "ingetrokken_door"])
    core.gebeurtenis_record(
        dossier=versie.dossier,
        actor=actor,
        soort="pip",
        titel=f"PIP versie {versie.nummer} ingetrokken",
    )
    return versie


# --- the letter -----------------------------------------------------------------------


def brief_context(versie: PipVersie) -> dict[str, Any]:
    dossier = versie.dossier
    try:
        from intake.selectors import leerroute_uitleg

        waarom = leerroute_uitleg(dossier=dossier, route=versie.leerroute)
    except ImportError:  # pragma: no cover - the intake app is part of the product
        waarom = []
    eerste_gesprek = (
        Voortgangsgesprek.objects.filter(dossier=dossier, status=GesprekStatus.GEPLAND)
        .filter(gepland_op__gte=versie.dagtekening or timezone.localdate())
        .order_by("gepland_op")
        .values_list("gepland_op", flat=True)
        .first()
    )
    return {
        "waarom": waarom,
        "eerste_gesprek": eerste_gesprek,
        "versie": versie,
        "dossier": dossier,
        "persoon": dossier.inburgeraar,
        "gemeente": dossier.gemeente,
        "doelen": list(versie.doelen.all()),
        "vorige": versie.vervangt,
        "bezwaar_weken": rules.BEZWAAR_WEKEN,
        "boete_max": rules.BOETE_MAX,
        "pvt_min": rules.PVT_MIN_UREN,
        "termijn_jaren": rules.TERMIJN_JAREN,
    }


BRIEF_TEMPLATE = "pdf/pip_beschikking.html"


def brief_genereren(*, versie: PipVersie) -> PipBrief:
    """Make the beschikking letter of a vastgestelde version. Idempotent: the
    rendered letter is hashed first; when a letter with that content hash exists
    it is returned and no new file is written."""
    from pypdf import PdfReader

    from casefiles.pdf import render_html_to_pdf

    versie = PipVersie.objects.select_related(
        "dossier__inburgeraar", "dossier__gemeente", "aanbieder", "vervangt"
    ).get(pk=versie.pk)
    if versie.status == VersieStatus.CONCEPT:
        raise ValidationError("Een concept heeft nog geen beschikking.")
    html = render_to_string(BRIEF_TEMPLATE, brief_context(versie))
    inhoud_hash = hashlib.sha256(html.encode()).hexdigest()
    bestaand = PipBrief.objects.filter(versie=versie, inhoud_hash=inhoud_hash).first()
    if bestaand is not None:
        return bestaand
    pdf = render_html_to_pdf(html)
    import io

    paginas = len(PdfReader(io.BytesIO(pdf)).pages)
    brief = PipBrief(
        versie=versie,
        inhoud_hash=inhoud_hash,
        sha256=hashlib.sha256(pdf).hexdigest(),
        grootte=len(pdf),
        paginas=paginas,
    )
    brief.bestand.save("brief.pdf", ContentFile(pdf), save=False)
    try:
        with transaction.atomic():
            brief.save()
    except IntegrityError:
        # A concurrent run stored the same content first: keep that one.
        brief.bestand.delete(save=False)
        return PipBrief.objects.get(versie=versie, inhoud_hash=inhoud_hash)
    core.gebeurtenis_record(
        dossier=versie.dossier,
        actor=None,
        soort="pip",
        titel=f"Beschikking PIP versie {versie.nummer} aangemaakt (pdf)",
    )
    return brief


# --- voortgangsgesprekken ---------------------------------------------------------------


def gesprekken_plannen(*, actor, versie: PipVersie) -> list[Voortgangsgesprek]:
    """Plan the voortgangsgesprekken per the gemeente's policy from the dagtekening
    of the first PIP until the end of the termijn. A later version keeps the
    planning; it only plans anew when no future gesprek is planned anymore."""
    dossier = versie.dossier
    gemeente = dossier.gemeente
    today = timezone.localdate()
    open_gesprekken = Voortgangsgesprek.objects.filter(
        dossier=dossier, status=GesprekStatus.GEPLAND
    )
    if open_gesprekken.filter(gepland_op__gte=today).exists():
        open_gesprekken.update(pip_versie=versie)
        return []
    # Called after vaststellen: the version has a dagtekening (pip_vastgesteld_heeft_dagtekening).
    assert versie.dagtekening is not None
    data = rules.gesprek_data(
        vanaf=versie.dagtekening,
        maanden=gemeente.voortgangsgesprek_maanden_lijst,
        interval=gemeente.voortgangsgesprek_interval,
        tot=dossier.termijn_eind,
    )
    nieuw = [
        Voortgangsgesprek.objects.create(dossier=dossier, pip_versie=versie, gepland_op=d)
        for d in data
        if d >= today
    ]
    if nieuw:
        core.gebeurtenis_record(
            dossier=dossier,
            actor=actor,
            soort="voortgangsgesprek",
            titel=f"{len(nieuw)} voortgangsgesprekken gepland, "
            f"eerste op {nieuw[0].gepland_op:%d-%m-%Y}",
        )
        volgend_gesprek_taak(dossier=dossier, actor=actor)
    return nieuw


def gesprekken_vervallen_zonder_plicht(sender, dossier: Dossier, **kwargs) -> int:
    """casefiles.signals.plicht_beeindigd: DUO decided the plicht ended, so the planned
    voortgangsgesprekken about the PIP lapse (their tasks were closed by casefiles)."""
    n = Voortgangsgesprek.objects.filter(dossier=dossier, status=GesprekStatus.GEPLAND).update(
        status=GesprekStatus.VERVALLEN
    )
    if n:
        core.gebeurtenis_record(
            dossier=dossier,
            actor=None,
            soort="voortgangsgesprek",
            titel=f"{n} geplande voortgangsgesprek(ken) vervallen: geen inburgeringsplicht meer",
        )
    return n


def volgend_gesprek_taak(*, dossier: Dossier, actor=None) -> Taak | None:
    """The next planned voortgangsgesprek is a task in the werkvoorraad as soon as it
    is planned (not only when its reminder goes out), so "Mijn week" and the deadline
    counters show it. One task per gesprek (``taak_sleutel``), kept by taak_upsert."""
    gesprek = (
        Voortgangsgesprek.objects.filter(dossier=dossier, status=GesprekStatus.GEPLAND)
        .order_by("gepland_op", "pk")
        .first()
    )
    if gesprek is None:
        return None
    return core.taak_upsert(
        dossier=dossier,
        sleutel=gesprek.taak_sleutel,
        titel=_gesprek_taak_titel(gesprek),
        deadline=gesprek.gepland_op,
        bron=TaakBron.VOORTGANGSGESPREK,
        actor=actor,
    )


@transaction.atomic
def gesprek_herplannen(
    *, actor, gesprek: Voortgangsgesprek, datum: date, reden: str = ""
) -> Voortgangsgesprek:
    gesprek = Voortgangsgesprek.objects.select_for_update().get(pk=gesprek.pk)
    if gesprek.status != GesprekStatus.GEPLAND:
        raise ValidationError("Alleen een gepland gesprek kan worden verplaatst.")
    if datum < timezone.localdate():
        raise ValidationError({"datum": "Kies een datum vanaf vandaag."})
    oud = gesprek.gepland_op
    gesprek.gepland_op = datum
    gesprek.herplan_reden = reden[:300]
    gesprek.save(update_fields=["gepland_op", "herplan_reden"])
    # New date, new reminders.
    Herinnering.objects.filter(gesprek=gesprek).delete()
    if Taak.objects.filter(dossier=gesprek.dossier, sleutel=gesprek.taak_sleutel).exists():
        core.taak_upsert(
            dossier=gesprek.dossier,
            sleutel=gesprek.taak_sleutel,
            titel=_gesprek_taak_titel(gesprek),
            deadline=datum,
            bron=TaakBron.VOORTGANGSGESPREK,
            actor=actor,
        )
    core.gebeurtenis_record(
        dossier=gesprek.dossier,
        actor=actor,
        soort="voortgangsgesprek",
        titel=f"Voortgangsgesprek verplaatst van {oud:%d-%m-%Y} naar {datum:%d-%m-%Y}",
    )
    volgend_gesprek_taak(dossier=gesprek.dossier, actor=actor)
    return gesprek


@dataclass
class Uitkomst:
    doel_id: int
    uitkomst: str
    toelichting: str = ""


@transaction.atomic
def gesprek_vastleggen(
    *,
    actor,
    gesprek: Voortgangsgesprek,
    gehouden_op: date,
    gevoerd_door=None,
    aanwezigen: str = "",
    tolk: bool = False,
    tolk_taal: str = "",
    notities: str = "",
    vervolgstappen: str = "",
    uitkomsten: list[Uitkomst] | None = None,
    start_wijziging: bool = False,
    wijziging_reden: str = WijzigingReden.WIJZIGING,
) -> Voortgangsgesprek:
    """Record a held gesprek: who, interpreter, outcome per goal, notes, next steps;
    optionally start a PIP change (a new concept)."""
    gesprek = (
        Voortgangsgesprek.objects.select_for_update().select_related("dossier").get(pk=gesprek.pk)
    )
    if gesprek.status != GesprekStatus.GEPLAND:
        raise ValidationError("Dit gesprek is al vastgelegd.")
    if gehouden_op > timezone.localdate():
        raise ValidationError({"gehouden_op": "Een gesprek kan niet in de toekomst gehouden zijn."})
    gesprek.status = GesprekStatus.GEHOUDEN
    gesprek.gehouden_op = gehouden_op
    gesprek.gevoerd_door = gevoerd_door or actor
    gesprek.aanwezigen = aanwezigen
    gesprek.tolk = tolk
    gesprek.tolk_taal = tolk_taal
    gesprek.notities = notities
    gesprek.vervolgstappen = vervolgstappen
    huidig = huidige_versie(gesprek.dossier)
    if huidig is not None:
        gesprek.pip_versie = huidig
    gesprek.full_clean()
    gesprek.save()
    geldige_doelen = set(gesprek.pip_versie.doelen.values_list("pk", flat=True))
    for u in uitkomsten or []:
        if u.doel_id not in geldige_doelen:
            raise ValidationError("Een doel hoort niet bij de PIP van dit gesprek.")
        GesprekDoelUitkomst.objects.create(
            gesprek=gesprek, doel_id=u.doel_id, uitkomst=u.uitkomst, toelichting=u.toelichting
        )
    taak = Taak.objects.filter(
        dossier=gesprek.dossier, sleutel=gesprek.taak_sleutel, status=TaakStatus.OPEN
    ).first()
    if taak is not None:
        core.taak_complete(actor=actor, taak=taak)
    core.gebeurtenis_record(
        dossier=gesprek.dossier,
        actor=actor,
        soort="voortgangsgesprek",
        titel=f"Voortgangsgesprek gehouden op {gehouden_op:%d-%m-%Y}",
    )
    volgend_gesprek_taak(dossier=gesprek.dossier, actor=actor)
    if start_wijziging:
        nieuw = pip_wijzigen(
            actor=actor,
            dossier=gesprek.dossier,
            reden=wijziging_reden,
            toelichting=f"Naar aanleiding van het voortgangsgesprek van {gehouden_op:%d-%m-%Y}.",
        )
        gesprek.pip_wijziging = nieuw
        gesprek.save(update_fields=["pip_wijziging"])
    return gesprek


def _gesprek_taak_titel(gesprek: Voortgangsgesprek) -> str:
    return f"Voortgangsgesprek op {gesprek.gepland_op:%d-%m-%Y}"


def _send(herinnering: Herinnering, gesprek: Voortgangsgesprek) -> None:
    """The e-mail leaves the system: only the dossier number, the date and a link."""
    from django.conf import settings

    werkcoach = gesprek.dossier.werkcoach
    link = reverse("pip_plans:tab", kwargs={"dossier_pk": gesprek.dossier_id})
    basis = getattr(settings, "SITE_URL", "")
    if herinnering.soort == HerinneringSoort.VOORAF:
        onderwerp = (
            f"Voortgangsgesprek dossier {gesprek.dossier_id} op {gesprek.gepland_op:%d-%m-%Y}"
        )
        tekst = (
            f"Voor dossier {gesprek.dossier_id} staat een voortgangsgesprek gepland op "
            f"{gesprek.gepland_op:%d-%m-%Y}.\nPlan het gesprek in en leg het daarna vast:\n"
            f"{basis}{link}\n"
        )
    else:
        onderwerp = f"Voortgangsgesprek dossier {gesprek.dossier_id} is te laat"
        tekst = (
            f"Het voortgangsgesprek van dossier {gesprek.dossier_id} stond gepland op "
            f"{gesprek.gepland_op:%d-%m-%Y} en is nog niet vastgelegd.\n"
            f"Leg het gesprek vast of plan het opnieuw:\n{basis}{link}\n"
        )
    if werkcoach and werkcoach.email:
        from django.core.mail import EmailMessage

        # One Message-ID per reminder row: should the mail ever go out twice (see
        # herinnering_versturen), mail clients can recognise it as the same message.
        EmailMessage(
            onderwerp,
            tekst,
            None,
            [werkcoach.email],
            headers={"Message-ID": f"<herinnering-{herinnering.pk}@inburgering.invalid>"},
        ).send()


HERINNERING_CHUNK = 500
"""Gesprekken per transaction of the reminder sweep."""


def herinneringen_versturen(*, today: date | None = None) -> dict[str, int]:
    """The daily sweep: for every planned gesprek, queue a reminder to the werkcoach
    N days before and an alert when it is overdue — once per (gesprek, soort).

    Set-based and resumable: per chunk of gesprekken one SELECT, one ``INSERT …
    ON CONFLICT DO NOTHING RETURNING`` of the reminder rows (unique per gesprek and
    soort) and one INSERT of their outbox jobs, in one transaction. The e-mail, the
    werkvoorraad task and the timeline line are made by the outbox job
    (:func:`herinnering_versturen`). A sweep killed half-way lost nothing: its
    committed chunks are queued, and the next run (Celery redelivers it) skips them.
    Two sweeps at once queue each reminder once (the unique constraint decides)."""
    import time

    from casefiles.bulk import insert_ignore_returning

    t0 = time.perf_counter()
    today = today or timezone.localdate()
    nu = timezone.now()
    horizon = today + timedelta(days=366)
    telling = {"vooraf": 0, "te_laat": 0, "overgeslagen": 0}
    vanaf = 0
    while True:
        chunk = list(
            Voortgangsgesprek.objects.filter(
                status=GesprekStatus.GEPLAND,
                gepland_op__lte=horizon,
                dossier__status__in=core_rules.ACTIVE_STATUSES,
                pk__gt=vanaf,
            )
            .order_by("pk")
            .values_list(
                "pk",
                "gepland_op",
                "dossier_id",
                "dossier__gemeente_id",
                "dossier__gemeente__herinnering_dagen",
            )[:HERINNERING_CHUNK]
        )
        if not chunk:
            break
        vanaf = chunk[-1][0]
        due = [
            (pk, dossier_id, gemeente_id, soort)
            for pk, gepland_op, dossier_id, gemeente_id, dagen in chunk
            for soort in rules.herinneringen_due(
                gepland_op=gepland_op, today=today, dagen_vooraf=dagen
            )
        ]
        if not due:
            continue
        waar = {(pk, soort): (dossier, gemeente) for pk, dossier, gemeente, soort in due}
        with transaction.atomic():
            nieuw = insert_ignore_returning(
                Herinnering,
                [
                    {"gesprek_id": pk, "soort": soort, "claim": "sweep", "geclaimd_op": nu}
                    for pk, _d, _g, soort in due
                ],
                returning=("id", "gesprek_id", "soort"),
            )
            outbox.enqueue_many(
                kind="pip.herinnering",
                jobs=[
                    outbox.Job(
                        payload={"herinnering_id": h_id},
                        dedup_key=f"pip.herinnering:{h_id}",
                        dossier_id=waar[(g_id, soort)][0],
                        gemeente_id=waar[(g_id, soort)][1],
                    )
                    for h_id, g_id, soort in nieuw
                ],
            )
        for _h, _g, soort in nieuw:
            telling[soort] += 1
        telling["overgeslagen"] += len(due) - len(nieuw)
    duur = time.perf_counter() - t0
    n = telling["vooraf"] + telling["te_laat"]
    logger.info(
        "herinneringen: %d in de wachtrij (%d al eerder) in %.2f s (%.0f per s)",
        n,
        telling["overgeslagen"],
        duur,
        n / duur if duur else 0,
    )
    return telling


def herinnering_versturen(*, herinnering_id: int) -> bool:
    """The outbox job of one reminder: the werkvoorraad task, a timeline line when
    overdue, the e-mail, then 'verstuurd' — in the job's one transaction, so a
    worker killed half-way leaves nothing half done and the redelivered job does it
    all. Exactly once in the database. The e-mail is sent last, right before the
    commit (outbox.finally_send), with one Message-ID per reminder: only a crash in
    the instant between the mail server accepting it and the commit can send it again
    (better a second reminder than a forgotten gesprek). Returns whether it sent."""
    with transaction.atomic():
        h = (
            Herinnering.objects.select_for_update(of=("self",))
            .select_related("gesprek__dossier__werkcoach")
            .filter(pk=herinnering_id)
            .first()
        )
        if h is None or h.status == HerinneringStatus.VERSTUURD:
            return False
        gesprek = h.gesprek
        if gesprek.status != GesprekStatus.GEPLAND:
            return False  # held or lapsed in the meantime: nothing to remind
        core.taak_upsert(
            dossier=gesprek.dossier,
            sleutel=gesprek.taak_sleutel,
            titel=_gesprek_taak_titel(gesprek),
            deadline=gesprek.gepland_op,
            bron=TaakBron.VOORTGANGSGESPREK,
        )
        if h.soort == HerinneringSoort.TE_LAAT:
            core.gebeurtenis_record(
                dossier=gesprek.dossier,
                actor=None,
                soort="voortgangsgesprek",
                titel=f"Voortgangsgesprek van {gesprek.gepland_op:%d-%m-%Y} is te laat",
            )
        Herinnering.objects.filter(pk=h.pk).update(
            status=HerinneringStatus.VERSTUURD,
            verstuurd_op=timezone.now(),
            verzendingen=F("verzendingen") + 1,
        )
        # The e-mail is the very last step before the commit (after the job's own
        # "done" mark): only a crash in that instant can make it go out twice.
        outbox.finally_send(lambda: _send(h, gesprek))
    return True


# --- handhaving -------------------------------------------------------------------------


@transaction.atomic
def handhaving_create(
    *,
    actor,
    dossier: Dossier,
    soort: str,
    verplichting: str,
    reden: str,
    datum: date,
    bedrag: Decimal | None = None,
    datum_overtreding: date | None = None,
    bekendgemaakt_op: date | None = None,
) -> Handhaving:
    """Record a waarschuwing or a bestuurlijke boete (max € 800; a boete needs an
    earlier waarschuwing unless the gemeente's policy allows otherwise)."""
    Dossier.objects.select_for_update().filter(pk=dossier.pk).first()
    if soort == HandhavingSoort.BOETE:
        # No plicht, no gemeente boete: under the Wi 2013 the boete is DUO's; after
        # AOW, ontheffing, vrijstelling, … there is no obligation to break (Wi art. 3–6).
        from casefiles.selectors import geen_plicht

        geen = geen_plicht(dossier=dossier, op=datum)
        if geen is not None:
            raise ValidationError({"soort": geen.bericht}, code=geen.code)
    eerdere = (
        Handhaving.objects.filter(
            dossier=dossier, soort=HandhavingSoort.WAARSCHUWING, datum__lt=datum
        )
        .order_by("datum")
        .values_list("datum", flat=True)
        .first()
    )
    fouten = rules.handhaving_weigeringen(
        soort=soort,
        bedrag=bedrag,
        datum=datum,
        vandaag=timezone.localdate(),
        datum_overtreding=datum_overtreding,
        eerdere_waarschuwing=eerdere,
        boete_zonder_waarschuwing=dossier.gemeente.boete_zonder_waarschuwing,
    )
    if fouten:
        raise ValidationError(fouten)
    h = Handhaving(
        dossier=dossier,
        soort=soort,
        verplichting=verplichting,
        pip_versie=huidige_versie(dossier),
        reden=reden,
        datum=datum,
        bedrag=bedrag if soort == HandhavingSoort.BOETE else None,
        datum_overtreding=datum_overtreding,
        bekendgemaakt_op=bekendgemaakt_op,
        vastgelegd_door=actor,
    )
    h.full_clean()
    h.save()
    titel = f"{h.get_soort_display()}: {h.get_verplichting_display().lower()}"
    if h.bedrag:
        from casefiles.templatetags.casefiles_tags import euro

        titel += f" ({euro(h.bedrag)})"
    core.gebeurtenis_record(dossier=dossier, actor=actor, soort="handhaving", titel=titel)
    return h


# --- progress on goals by the ketenpartner named in them (issue 18) ----------------------


@transaction.atomic
def doel_voortgang_create(*, actor, deling, doel: PipDoel, datum: date, tekst: str):
    """The ketenpartner of a goal writes its progress (the goal itself stays frozen).
    Only on a goal of the shared dossier that names this partner, while the PIP goals
    are shared with it."""
    from casefiles.choices import DeelOnderdeel

    from .models import DoelVoortgang

    if not deling.deelt(DeelOnderdeel.PIP_DOELEN) or not deling.is_actief(timezone.localdate()):
        raise ValidationError("De PIP-doelen zijn niet met uw organisatie gedeeld.")
    if doel.versie.dossier_id != deling.dossier_id or doel.partner_id != deling.partner_id:
        raise ValidationError("In dit doel wordt uw organisatie niet genoemd.")
    if not tekst.strip():
        raise ValidationError({"tekst": "Beschrijf de voortgang."})
    if datum > timezone.localdate():
        raise ValidationError({"datum": "De datum ligt in de toekomst."})
    v = DoelVoortgang.objects.create(
        doel=doel, partner_id=deling.partner_id, auteur=actor, datum=datum, tekst=tekst.strip()
    )
    core.gebeurtenis_record(
        dossier=deling.dossier,
        actor=actor,
        soort="pip",
        titel=f"Voortgang op een PIP-doel van {deling.partner.naam}",
    )
    return v
