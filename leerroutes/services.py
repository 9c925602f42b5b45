"""Every write of the leerroutes app: trajectories (following the PIP), hours, exams,
MAP and PVT, and the signals kept as tasks. Each with an explicit ``actor``."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casefiles import locking
from casefiles.choices import Leerroute, Niveau, TaakBron, TaakStatus
from casefiles.models import Dossier, Taak
from casefiles.rules import ACTIVE_STATUSES
from casefiles.services import gebeurtenis_record, taak_cancel, taak_upsert

from . import rules, selectors
from .choices import (
    ExamenOnderdeel,
    ExamenResultaat,
    MapPvtStatus,
    TrajectStatus,
    UrenBron,
    UrenSoort,
)
from .models import (
    Aanbieder,
    Examen,
    MapInschrijving,
    PvtInschrijving,
    Traject,
    Urenregistratie,
)

# --- trajectories -------------------------------------------------------------------

EIND = [TrajectStatus.AFGEROND, TrajectStatus.GESTOPT]


def _refuse(message: str, field: str | None = None, code: str = "invalid"):
    if field:
        raise ValidationError({field: message}, code=code)
    raise ValidationError(message, code=code)


def _check_aanbieder(aanbieder: Aanbieder | None, *, dossier: Dossier, route: str) -> None:
    if aanbieder is None:
        return
    if not aanbieder.gemeenten.filter(pk=dossier.gemeente_id).exists():
        _refuse(_("Deze aanbieder werkt niet voor de gemeente van dit dossier."), "aanbieder")
    if not aanbieder.biedt_route(route):
        _refuse(_("Deze aanbieder biedt deze leerroute niet aan."), "aanbieder")


@transaction.atomic
def traject_aanmelden(
    *,
    actor,
    dossier: Dossier,
    route: str,
    niveau: str,
    aanbieder: Aanbieder | None,
    datum_aanmelding: date | None = None,
    pip_versie_id: int | None = None,
    pip_dagtekening: date | None = None,
    vorige: Traject | None = None,
    afgeschaalde_onderdelen: list[str] | None = None,
) -> Traject:
    """Register the dossier at a provider for a leerroute. Refuses a second running
    trajectory and DUO's impossible combinations (B1 never with the Z-route, A2 never
    with the onderwijsroute). An empty level follows rules.traject_niveau."""
    niveau = rules.traject_niveau(route, niveau)
    if route == Leerroute.Z and niveau == Niveau.B1:
        _refuse(_("Niveau B1 kan niet samen met de Z-route (DUO)."), "niveau")
    if route == Leerroute.ONDERWIJS and niveau == Niveau.A2:
        _refuse(_("Niveau A2 kan niet samen met de onderwijsroute (DUO)."), "niveau")
    if Traject.objects.filter(dossier=dossier).exclude(status__in=EIND).exists():
        _refuse(_("Dit dossier heeft al een lopend leerroutetraject."))
    _check_aanbieder(aanbieder, dossier=dossier, route=route)
    traject = Traject(
        dossier=dossier,
        route=route,
        niveau=niveau,
        aanbieder=aanbieder,
        datum_aanmelding=datum_aanmelding or timezone.localdate(),
        pip_versie_id=pip_versie_id,
        pip_dagtekening=pip_dagtekening,
        vorige=vorige,
        afgeschaalde_onderdelen=list(afgeschaalde_onderdelen or []),
        kosten=rules.traject_kosten(
            doelgroep=dossier.doelgroep, prijs=aanbieder.prijs_route(route) if aanbieder else None
        ),
    )
    traject.full_clean()
    traject.save()
    gebeurtenis_record(
        dossier=dossier,
        actor=actor,
        soort="leerroute",
        titel=_("Aangemeld voor de %(route)s (%(niveau)s)%(bij)s")
        % {
            "route": traject.get_route_display(),
            "niveau": niveau,
            "bij": f" bij {aanbieder.naam}" if aanbieder else "",
        },
    )
    return traject


@transaction.atomic
def traject_volg_pip(
    *,
    actor,
    dossier: Dossier,
    route: str,
    niveau: str,
    aanbieder: Aanbieder | None,
    pip_versie_id: int,
    dagtekening: date,
    afgeschaalde_onderdelen: list[str] | None = None,
) -> Traject:
    """Make the dossier's trajectory follow a vastgestelde PIP version (called by the
    PIP app after each vaststelling).

    - no trajectory yet: register one;
    - same route: update level and provider (a provider change keeps the trajectory);
    - another route (schakelen): stop the running trajectory and start a new one that
      points back to it — history is kept.

    Idempotent: a PIP version that was already followed (or an older one) changes
    nothing. ``afgeschaalde_onderdelen`` (optional) lists the exam parts a B1-route PIP
    lowered to A2; with niveau A2 in the B1-route and no list, every language part not
    yet passed counts as afgeschaald.
    """
    Dossier.objects.select_for_update().filter(pk=dossier.pk).first()
    niveau = rules.traject_niveau(route, niveau)
    laatste = (
        Traject.objects.filter(dossier=dossier, pip_versie_id__isnull=False)
        .order_by("-pip_versie_id")
        .first()
    )
    if (
        laatste is not None
        and laatste.pip_versie_id is not None  # always set: filtered on it above
        and laatste.pip_versie_id >= pip_versie_id
    ):
        return selectors.traject_actueel(dossier=dossier) or laatste
    huidig = Traject.objects.filter(dossier=dossier).exclude(status__in=EIND).first()
    afgeschaald = _afgeschaald(
        dossier=dossier, route=route, niveau=niveau, lijst=afgeschaalde_onderdelen
    )
    if huidig is not None and huidig.route == route:
        wijzigingen = []
        if huidig.niveau != niveau:
            wijzigingen.append(
                _("niveau %(oud)s → %(nieuw)s") % {"oud": huidig.niveau, "nieuw": niveau}
            )
            huidig.niveau = niveau
        if aanbieder is not None and aanbieder != huidig.aanbieder:
            _check_aanbieder(aanbieder, dossier=dossier, route=route)
            huidig.aanbieder = aanbieder
            wijzigingen.append(_("aanbieder %(naam)s") % {"naam": aanbieder.naam})
            if huidig.kosten is None:
                huidig.kosten = rules.traject_kosten(
                    doelgroep=dossier.doelgroep, prijs=aanbieder.prijs_route(route)
                )
        if afgeschaald != list(huidig.afgeschaalde_onderdelen):
            huidig.afgeschaalde_onderdelen = afgeschaald
            if afgeschaald:
                wijzigingen.append(_("afgeschaald naar A2: %(o)s") % {"o": ", ".join(afgeschaald)})
        huidig.pip_versie_id = pip_versie_id
        huidig.pip_dagtekening = dagtekening
        huidig.full_clean()
        huidig.save()
        if wijzigingen:
            gebeurtenis_record(
                dossier=dossier,
                actor=actor,
                soort="leerroute",
                titel=_("Leerroute volgt het nieuwe PIP: %(w)s") % {"w": "; ".join(wijzigingen)},
            )
        return huidig
    vorige = None
    if huidig is not None:
        huidig.status = TrajectStatus.GESTOPT
        huidig.datum_eind = max(dagtekening, huidig.datum_start or dagtekening)
        huidig.onderbreking_reden = _("Geschakeld naar de %(route)s") % {
            "route": Leerroute(route).label
        }
        huidig.save()
        gebeurtenis_record(
            dossier=dossier,
            actor=actor,
            soort="leerroute",
            titel=_("Geschakeld: %(oud)s → %(nieuw)s")
            % {"oud": huidig.get_route_display(), "nieuw": Leerroute(route).label},
        )
        vorige = huidig
        if aanbieder is None and huidig.aanbieder and huidig.aanbieder.biedt_route(route):
            aanbieder = huidig.aanbieder
    return traject_aanmelden(
        actor=actor,
        dossier=dossier,
        route=route,
        niveau=niveau,
        aanbieder=aanbieder,
        datum_aanmelding=dagtekening,
        pip_versie_id=pip_versie_id,
        pip_dagtekening=dagtekening,
        vorige=vorige,
        afgeschaalde_onderdelen=afgeschaald,
    )


def _afgeschaald(*, dossier, route: str, niveau: str, lijst: list[str] | None) -> list[str]:
    if route != Leerroute.B1:
        return []
    taal = [o.value for o in rules.TAALONDERDELEN]
    if lijst is not None:
        return [o for o in taal if o in set(lijst)]
    if niveau != Niveau.A2:
        return []
    gehaald = {
        e.onderdeel
        for e in Examen.objects.filter(dossier=dossier, resultaat=ExamenResultaat.BEHAALD)
        if rules.niveau_voldoet(e.niveau, Niveau.B1)
    }
    return [o for o in taal if o not in gehaald]


TRAJECT_VELDEN = (
    "status",
    "onderbreking_reden",
    "datum_start",
    "datum_eind",
    "datum_aanbod",
    "aanvang_taalschakeltraject",
    "einde_cursus",
    "z_eindgesprek",
    "z_afgerond_op",
)


@transaction.atomic
def traject_bijwerken(
    *,
    actor,
    traject: Traject,
    today: date | None = None,
    bewerkversie: str | None = None,
    **velden,
) -> Traject:
    """Change the status and dates of a trajectory, checking the status life cycle
    (rules.TRAJECT_OVERGANGEN) and DUO's inburgeringsaanbod rules."""
    today = today or timezone.localdate()
    onbekend = set(velden) - set(TRAJECT_VELDEN)
    if onbekend:
        raise ValueError(f"Unknown fields {sorted(onbekend)}")
    dossier = traject.dossier
    locking.claim(traject, bewerkversie, fields=velden)
    oud_status = traject.status
    nieuw_status = velden.get("status", oud_status)
    if not rules.traject_overgang_toegestaan(oud_status, nieuw_status):
        _refuse(
            _("Een traject met status '%(van)s' kan niet naar '%(naar)s'.")
            % {"van": TrajectStatus(oud_status).label, "naar": TrajectStatus(nieuw_status).label},
            "status",
        )
    for k, v in velden.items():
        setattr(traject, k, v)
    if nieuw_status == TrajectStatus.GESTART and not traject.datum_start:
        traject.datum_start = today
    if nieuw_status in EIND and not traject.datum_eind:
        traject.datum_eind = today
    for naam in ("datum_start", "datum_eind", "z_eindgesprek", "z_afgerond_op"):
        d = getattr(traject, naam)
        if d and d > today and naam != "datum_start":
            _refuse(_("Deze datum kan niet in de toekomst liggen."), naam)
    if traject.z_afgerond_op and traject.route != Leerroute.Z:
        _refuse(_("Alleen een Z-route kan als Z-route afgerond worden."), "z_afgerond_op")
    if traject.z_afgerond_op and not traject.z_eindgesprek:
        _refuse(
            _("De Z-route wordt afgerond met een eindgesprek: vul die datum in."), "z_eindgesprek"
        )
    if traject.z_afgerond_op and traject.z_eindgesprek:
        _check_z_afgerond(dossier=dossier, traject=traject)
    fouten = rules.aanbod_fouten(
        doelgroep=dossier.doelgroep,
        heeft_pip=traject.pip_versie_id is not None,
        pip_dagtekening=traject.pip_dagtekening,
        datum_aanbod=traject.datum_aanbod,
        aanvang_taalschakeltraject=traject.aanvang_taalschakeltraject,
        einde_cursus=traject.einde_cursus,
        termijn_start=dossier.termijn_start,
        termijn_eind=dossier.termijn_eind,
    )
    if fouten:
        raise ValidationError({"datum_aanbod": fouten})
    traject.full_clean()
    traject.save()
    if oud_status != nieuw_status:
        titel = _("Leerroute: %(van)s → %(naar)s") % {
            "van": TrajectStatus(oud_status).label,
            "naar": TrajectStatus(nieuw_status).label,
        }
        gebeurtenis_record(dossier=dossier, actor=actor, soort="leerroute", titel=titel)
    else:
        gebeurtenis_record(
            dossier=dossier, actor=actor, soort="leerroute", titel=_("Leerroutegegevens bijgewerkt")
        )
    return traject


def _check_z_afgerond(*, dossier: Dossier, traject: Traject) -> None:
    """'Z-route afgerond' only after the eindgesprek was held (on or before that date)
    and the hours of the person's doelgroep ON THAT DATE are met: asielstatushouders
    800 language/KNM and 800 participation, others 800 language/KNM (Bi art. 3.14;
    Wi art. 9)."""
    from casefiles.selectors import doelgroep_op

    assert traject.z_afgerond_op is not None and traject.z_eindgesprek is not None
    if traject.z_eindgesprek > traject.z_afgerond_op:
        _refuse(
            _("Het eindgesprek ligt na de afronding: de Z-route eindigt met het eindgesprek."),
            "z_afgerond_op",
        )
    o = selectors.leerroute_overzicht(dossier=dossier)
    stand = rules.route_voldaan(
        route=Leerroute.Z,
        niveau=traject.niveau,
        doelgroep=doelgroep_op(dossier=dossier, op=traject.z_afgerond_op),
        uren_taal=o.z_taal,
        uren_participatie=o.z_participatie,
        z_eindgesprek=traject.z_eindgesprek,
    )
    if not stand.voldaan:
        _refuse(
            _("De Z-route kan nog niet als afgerond worden vastgelegd. Nog niet gehaald: %(o)s.")
            % {"o": "; ".join(stand.open)},
            "z_afgerond_op",
        )


def _map_pvt_context(dossier: Dossier) -> dict:
    """What DUO's MAP/PVT conditions need besides the date: a current PIP (the
    trajectory follows a vastgestelde PIP), the Z-route's afronding, and whether the
    plicht was voldaan via the Z-route."""
    traject = selectors.traject_actueel(dossier=dossier)
    z_afgerond = (
        Traject.objects.filter(dossier=dossier, route=Leerroute.Z, z_afgerond_op__isnull=False)
        .order_by("-z_afgerond_op")
        .values_list("z_afgerond_op", flat=True)
        .first()
    )
    return {
        "heeft_pip": traject is not None and traject.pip_versie_id is not None,
        "z_afgerond_op": z_afgerond,
        "plicht_voldaan_via_z": z_afgerond is not None and dossier.datum_plicht_voldaan is not None,
    }


# --- hours -----------------------------------------------------------------------------

NUL = Decimal(0)


@transaction.atomic
def uren_registreren(
    *,
    actor,
    dossier: Dossier,
    soort: str,
    periode_start: date,
    periode_eind: date,
    aanwezig: Decimal = NUL,
    afwezig_geoorloofd: Decimal = NUL,
    afwezig_ongeoorloofd: Decimal = NUL,
    aanbieder: Aanbieder | None = None,
    bron: str = UrenBron.HANDMATIG,
    today: date | None = None,
    stil: bool = False,
) -> tuple[Urenregistratie, str]:
    """Record (or correct) the hours of one kind in one period. Returns the row and
    what happened: ``nieuw``, ``bijgewerkt`` or ``ongewijzigd`` (same natural key and
    same numbers: nothing changes, so a re-import is harmless)."""
    today = today or timezone.localdate()
    if periode_eind < periode_start:
        _refuse(_("Het einde van de periode kan niet voor het begin liggen."), "periode_eind")
    if periode_eind > today:
        _refuse(_("De periode kan niet in de toekomst liggen."), "periode_eind")
    waarden = {
        "aanwezig": Decimal(aanwezig),
        "afwezig_geoorloofd": Decimal(afwezig_geoorloofd),
        "afwezig_ongeoorloofd": Decimal(afwezig_ongeoorloofd),
    }
    if any(v < 0 for v in waarden.values()):
        _refuse(_("Een aantal uren kan niet negatief zijn."), "aanwezig")
    maximum = rules.max_uren_periode(periode_start, periode_eind)
    if sum(waarden.values()) > maximum:
        _refuse(
            _("Onwaarschijnlijk veel uren voor deze periode (maximaal %(max)s).")
            % {"max": f"{maximum:.0f}"},
            "aanwezig",
        )
    # one writer of a dossier's hours at a time: the dashboard's rollup of the
    # dossier's rows (leerroutes.urenvolgorde, run on save) then sees every committed
    # row; the dossier first, as traject_volg_pip does, so locks come in one order
    Dossier.objects.select_for_update().filter(pk=dossier.pk).first()
    bestaand = (
        Urenregistratie.objects.select_for_update()
        .filter(
            dossier=dossier,
            aanbieder=aanbieder,
            soort=soort,
            periode_start=periode_start,
            periode_eind=periode_eind,
        )
        .first()
    )
    if bestaand is not None:
        if all(getattr(bestaand, k) == v for k, v in waarden.items()):
            return bestaand, "ongewijzigd"
        for k, v in waarden.items():
            setattr(bestaand, k, v)
        bestaand.full_clean()
        bestaand.save()
        actie, reg = "bijgewerkt", bestaand
    else:
        traject = Traject.objects.filter(dossier=dossier).exclude(status__in=EIND).first()
        reg = Urenregistratie(
            dossier=dossier,
            traject=traject,
            aanbieder=aanbieder,
            soort=soort,
            periode_start=periode_start,
            periode_eind=periode_eind,
            bron=bron,
            door=actor if getattr(actor, "pk", None) else None,
            **waarden,
        )
        reg.full_clean()
        reg.save()
        actie = "nieuw"
    if not stil:
        gebeurtenis_record(
            dossier=dossier,
            actor=actor,
            soort="uren",
            titel=_("Uren %(actie)s: %(soort)s %(van)s t/m %(tot)s (%(uren)s aanwezig)")
            % {
                "actie": "geregistreerd" if actie == "nieuw" else "gecorrigeerd",
                "soort": UrenSoort(soort).label.lower(),
                "van": periode_start.strftime("%d-%m-%Y"),
                "tot": periode_eind.strftime("%d-%m-%Y"),
                "uren": f"{waarden['aanwezig']:.1f}".replace(".", ","),
            },
        )
    return reg, actie


# --- exams -----------------------------------------------------------------------------


@transaction.atomic
def examen_registreren(
    *,
    actor,
    dossier: Dossier,
    onderdeel: str,
    niveau: str,
    datum: date,
    resultaat: str,
    poging: int | None = None,
    bron: str = UrenBron.HANDMATIG,
    today: date | None = None,
    stil: bool = False,
) -> tuple[Examen, str]:
    """Record an exam attempt (or its result). The attempt number defaults to the
    number of earlier attempts at this part + 1; the cost follows DUO's rule."""
    today = today or timezone.localdate()
    if onderdeel == ExamenOnderdeel.KNM:
        niveau = ""
    elif not niveau:
        _refuse(_("Kies het niveau van het examen."), "niveau")
    if resultaat != ExamenResultaat.GEPLAND and datum > today:
        _refuse(_("Een uitslag kan niet in de toekomst liggen."), "datum")
    bestaand = (
        Examen.objects.select_for_update()
        .filter(dossier=dossier, onderdeel=onderdeel, datum=datum)
        .first()
    )
    if poging is None:
        poging = (
            bestaand.poging
            if bestaand
            else Examen.objects.filter(
                dossier=dossier, onderdeel=onderdeel, datum__lt=datum
            ).count()
            + 1
        )
    kosten = rules.examen_kosten(doelgroep=dossier.doelgroep, poging=poging)
    if bestaand is not None:
        if (bestaand.niveau, bestaand.resultaat, bestaand.poging) == (niveau, resultaat, poging):
            return bestaand, "ongewijzigd"
        bestaand.niveau, bestaand.resultaat, bestaand.poging = niveau, resultaat, poging
        bestaand.kosten_inburgeraar = kosten
        bestaand.full_clean()
        bestaand.save()
        examen, actie = bestaand, "bijgewerkt"
    else:
        examen = Examen(
            dossier=dossier,
            traject=Traject.objects.filter(dossier=dossier).exclude(status__in=EIND).first(),
            onderdeel=onderdeel,
            niveau=niveau,
            datum=datum,
            resultaat=resultaat,
            poging=poging,
            kosten_inburgeraar=kosten,
            bron=bron,
        )
        examen.full_clean()
        examen.save()
        actie = "nieuw"
    if not stil:
        gebeurtenis_record(
            dossier=dossier,
            actor=actor,
            soort="examen",
            titel=_("Examen %(onderdeel)s %(niveau)s: %(resultaat)s")
            % {
                "onderdeel": examen.get_onderdeel_display().lower(),
                "niveau": niveau,
                "resultaat": examen.get_resultaat_display().lower(),
            },
        )
    return examen, actie


# --- MAP and PVT -------------------------------------------------------------------------


LOCK_MAP = (
    "aanbieder",
    "status",
    "cohort_start",
    "uren",
    "datum_eindgesprek",
    "resultaat",
    "verwijtbaar",
)
LOCK_PVT = ("aanbieder", "status", "start", "uren", "datum_ondertekening", "verwijtbaar")
"""The fields of the MAP and PVT forms (their edit fingerprint)."""


@transaction.atomic
def map_opslaan(
    *,
    actor,
    dossier: Dossier,
    aanbieder: Aanbieder | None,
    status: str,
    cohort_start: date | None,
    uren: Decimal,
    datum_eindgesprek: date | None,
    resultaat: str = "",
    verwijtbaar: str = "",
    today: date | None = None,
    bewerkversie: str | None = None,
) -> MapInschrijving:
    """Enrol in the MAP or update the enrolment. Only for the B1- and Z-route (Wi
    art. 8); the eindgesprek must meet DUO's termijn rules."""
    today = today or timezone.localdate()
    traject = selectors.traject_actueel(dossier=dossier)
    if traject is None or not rules.map_toegestaan(traject.route):
        _refuse(_("De MAP hoort alleen bij de B1-route en de Z-route."))
    if aanbieder is not None and not aanbieder.biedt_map:
        _refuse(_("Deze aanbieder biedt geen MAP aan."), "aanbieder")
    fouten = rules.datum_termijn_fouten(
        datum=datum_eindgesprek,
        wat="datum eindgesprek",
        termijn_start=dossier.termijn_start,
        termijn_eind=dossier.termijn_eind,
        verwijtbaar=verwijtbaar,
        today=today,
        **_map_pvt_context(dossier),
    )
    if fouten:
        raise ValidationError({"datum_eindgesprek": fouten})
    if cohort_start and not rules.binnen_termijn(
        cohort_start, dossier.termijn_start, dossier.termijn_eind
    ):
        _refuse(_("Het MAP-cohort moet binnen de inburgeringstermijn vallen."), "cohort_start")
    if datum_eindgesprek and status != MapPvtStatus.GESTOPT:
        status = MapPvtStatus.AFGEROND
    ins = selectors.map_actueel(dossier=dossier)
    if ins is not None:
        locking.claim(ins, bewerkversie, fields=LOCK_MAP)
    nieuw = ins is None
    if ins is None:
        ins = MapInschrijving(
            dossier=dossier,
            kosten=aanbieder.prijs_map if aanbieder else None,
        )
    elif aanbieder and ins.aanbieder_id != aanbieder.pk:
        ins.kosten = aanbieder.prijs_map
    ins.aanbieder, ins.status, ins.cohort_start, ins.uren = aanbieder, status, cohort_start, uren
    ins.datum_eindgesprek, ins.resultaat, ins.verwijtbaar = (
        datum_eindgesprek,
        resultaat,
        verwijtbaar,
    )
    ins.full_clean()
    ins.save()
    gebeurtenis_record(
        dossier=dossier,
        actor=actor,
        soort="map",
        titel=_("MAP: aangemeld")
        if nieuw
        else _("MAP bijgewerkt (%(s)s)") % {"s": ins.get_status_display().lower()},
    )
    signalen_bijwerken(dossier=dossier, today=today)
    return ins


@transaction.atomic
def pvt_opslaan(
    *,
    actor,
    dossier: Dossier,
    aanbieder: Aanbieder | None,
    status: str,
    start: date | None,
    uren: Decimal,
    datum_ondertekening: date | None,
    verwijtbaar: str = "",
    today: date | None = None,
    bewerkversie: str | None = None,
) -> PvtInschrijving:
    """Enrol in the PVT or update it. Signing needs ≥ 12 hours (Bi art. 3.1) and must
    meet DUO's termijn rules."""
    today = today or timezone.localdate()
    if aanbieder is not None and not aanbieder.biedt_pvt:
        _refuse(_("Deze aanbieder biedt geen PVT aan."), "aanbieder")
    if datum_ondertekening and uren < rules.PVT_MIN_UREN:
        _refuse(
            _("Het PVT duurt minstens %(n)s uur voordat de verklaring wordt ondertekend.")
            % {"n": f"{rules.PVT_MIN_UREN:.0f}"},
            "uren",
        )
    fouten = rules.datum_termijn_fouten(
        datum=datum_ondertekening,
        wat="datum ondertekening",
        termijn_start=dossier.termijn_start,
        termijn_eind=dossier.termijn_eind,
        verwijtbaar=verwijtbaar,
        today=today,
        **_map_pvt_context(dossier),
    )
    if fouten:
        raise ValidationError({"datum_ondertekening": fouten})
    if datum_ondertekening and status != MapPvtStatus.GESTOPT:
        status = MapPvtStatus.AFGEROND
    ins = selectors.pvt_actueel(dossier=dossier)
    if ins is not None:
        locking.claim(ins, bewerkversie, fields=LOCK_PVT)
    nieuw = ins is None
    if ins is None:
        ins = PvtInschrijving(dossier=dossier, kosten=aanbieder.prijs_pvt if aanbieder else None)
    elif aanbieder and ins.aanbieder_id != aanbieder.pk:
        ins.kosten = aanbieder.prijs_pvt
    ins.aanbieder, ins.status, ins.start, ins.uren = aanbieder, status, start, uren
    ins.datum_ondertekening, ins.verwijtbaar = datum_ondertekening, verwijtbaar
    ins.full_clean()
    ins.save()
    gebeurtenis_record(
        dossier=dossier,
        actor=actor,
        soort="pvt",
        titel=_("PVT: aangemeld")
        if nieuw
        else _("PVT bijgewerkt (%(s)s)") % {"s": ins.get_status_display().lower()},
    )
    return ins


# --- signals as tasks ----------------------------------------------------------------------

SLEUTEL_MAP = "leerroute:map-uitnodiging"
SLEUTEL_TERMIJN = "leerroute:termijn-{m}m"
SLEUTEL_GEEN_UREN = "leerroute:geen-uren:"
SLEUTEL_AFSCHALEN = "leerroute:afschalen:"


def _open_met_prefix(dossier: Dossier, prefix: str) -> list[Taak]:
    return list(
        Taak.objects.filter(dossier=dossier, sleutel__startswith=prefix, status=TaakStatus.OPEN)
    )


@dataclass(frozen=True)
class Signaal:
    """One leerroute signal as a task the werkcoach should have open."""

    sleutel: str
    titel: str
    deadline: date
    bron: str
    omschrijving: str


def _signalen_plan(  # noqa: C901 - the four signals, read top to bottom
    *, dossier: Dossier, o, laatste_uren: date | None, bestaande: dict[str, Taak], today: date
) -> tuple[list[Signaal], Callable[[str], bool]]:
    """The signals one dossier should have open (in order) and which task sleutels the
    signals own (an open task with such a sleutel that is not wanted lapses). Pure:
    ``o`` is the leerroute overview, ``bestaande`` the dossier's leerroute tasks."""
    if dossier.status not in ACTIVE_STATUSES or dossier.datum_plicht_voldaan:
        return [], lambda sleutel: sleutel.startswith("leerroute:")
    gewenst: list[Signaal] = []
    traject = o.traject

    # MAP invitation 2 weeks before the cohort starts.
    cohort = None
    if o.map is not None and o.map.status != MapPvtStatus.AFGEROND:
        cohort = o.map.cohort_start
    elif o.map is None and traject is not None and traject.is_lopend:
        cohort = o.map_suggestie
    if cohort and o.map_toegestaan and cohort >= today:
        gewenst.append(
            Signaal(
                SLEUTEL_MAP,
                _("Uitnodigen voor MAP-cohort van %(d)s") % {"d": cohort.strftime("%d-%m-%Y")},
                cohort - timedelta(days=rules.MAP_UITNODIGING_DAGEN_VOOR),
                TaakBron.MAP,
                _("Nodig de inburgeraar uit voor de MAP; het cohort start op %(d)s.")
                % {"d": cohort.strftime("%d-%m-%Y")},
            )
        )

    # Termijn ends in 6 and in 2 months.
    klaar = o.stand is not None and o.stand.voldaan and o.pvt_compleet
    termijn_eind = dossier.termijn_eind
    termijn_sleutels: set[str] = set()
    # Without a termijn there are no signal dates (termijn_signaal_datums returns {}).
    if termijn_eind is not None:
        for maanden, datum in rules.termijn_signaal_datums(termijn_eind).items():
            sleutel = SLEUTEL_TERMIJN.format(m=maanden)
            termijn_sleutels.add(sleutel)
            if klaar or termijn_eind < today:
                continue
            gewenst.append(
                Signaal(
                    sleutel,
                    _("Inburgeringstermijn eindigt over %(m)s maanden") % {"m": maanden},
                    datum,
                    TaakBron.TERMIJN,
                    _("Controleer leerroute, MAP en PVT: de termijn eindigt op %(d)s.")
                    % {"d": termijn_eind.strftime("%d-%m-%Y")},
                )
            )

    # No hours registered for 4 weeks while the trajectory runs.
    if traject is not None and traject.status == TrajectStatus.GESTART:
        laatste = laatste_uren or traject.datum_start
        if laatste is not None and rules.geen_uren_sinds(laatste=laatste, today=today):
            gewenst.append(
                Signaal(
                    f"{SLEUTEL_GEEN_UREN}{laatste.isoformat()}",
                    _("Geen uren geregistreerd sinds %(d)s") % {"d": laatste.strftime("%d-%m-%Y")},
                    laatste + timedelta(days=rules.GEEN_UREN_SIGNAAL_DAGEN + 7),
                    TaakBron.LEERROUTE,
                    _("Vraag de aanbieder naar de aanwezigheid en voortgang."),
                )
            )

    # Afschalen may be considered.
    if traject is not None and traject.is_lopend and o.afschalen and o.afschalen.mogelijk:
        sleutel_af = f"{SLEUTEL_AFSCHALEN}{traject.pk}"
        bestaand = bestaande.get(sleutel_af)
        gewenst.append(
            Signaal(
                sleutel_af,
                _("Afschalen overwegen (%(n)s lesuren)") % {"n": f"{o.cursus_uren:.0f}"}
                if bestaand is None
                else bestaand.titel,
                bestaand.deadline if bestaand else today + timedelta(days=14),
                TaakBron.LEERROUTE,
                _(
                    "Onderdelen nog niet behaald: %(o)s. Afschalen naar A2 gaat via een nieuwe "
                    "PIP-versie (Wi art. 17)."
                )
                % {"o": ", ".join(o.afschalen.onderdelen)},
            )
        )

    def beheerd(sleutel: str) -> bool:
        return (
            sleutel == SLEUTEL_MAP
            or sleutel in termijn_sleutels
            or sleutel.startswith(SLEUTEL_GEEN_UREN)
            or sleutel.startswith(SLEUTEL_AFSCHALEN)
        )

    return gewenst, beheerd


@transaction.atomic
def signalen_bijwerken(*, dossier: Dossier, today: date | None = None) -> list[str]:
    """Keep the leerroute signals of one dossier in step as tasks (stable sleutels, so
    running it again changes nothing). Returns the sleutels that are open."""
    today = today or timezone.localdate()
    bestaande = {
        t.sleutel: t for t in Taak.objects.filter(dossier=dossier, sleutel__startswith="leerroute:")
    }
    actief = dossier.status in ACTIVE_STATUSES and not dossier.datum_plicht_voldaan
    o = selectors.leerroute_overzicht(dossier=dossier, today=today) if actief else None
    laatste = selectors.laatste_uren_datum(dossier=dossier) if actief else None
    gewenst, beheerd = _signalen_plan(
        dossier=dossier, o=o, laatste_uren=laatste, bestaande=bestaande, today=today
    )
    for sig in gewenst:
        taak_upsert(
            dossier=dossier,
            sleutel=sig.sleutel,
            titel=sig.titel,
            deadline=sig.deadline,
            bron=sig.bron,
            omschrijving=sig.omschrijving,
        )
    sleutels = {sig.sleutel for sig in gewenst}
    for sleutel in _open_met_prefix_sleutels(dossier, "leerroute:"):
        if beheerd(sleutel) and sleutel not in sleutels:
            taak_cancel(dossier=dossier, sleutel=sleutel)
    return [sig.sleutel for sig in gewenst]


def _open_met_prefix_sleutels(dossier: Dossier, prefix: str) -> list[str]:
    return [t.sleutel for t in _open_met_prefix(dossier, prefix)]


SIGNALEN_CHUNK = 500
"""Dossiers per transaction of the leerroute signals sweep."""

logger = logging.getLogger(__name__)


def signalen_sweep(*, today: date | None = None, chunk: int = SIGNALEN_CHUNK) -> int:
    """The daily job: bring the leerroute signals of every relevant dossier in step.

    Set-based, in chunks of ``chunk`` dossiers (by id), each in one transaction with a
    constant number of statements, however many dossiers and tasks it holds: one
    SELECT of the dossiers, the leerroute records of all of them
    (:func:`selectors.signalen_gegevens`, seven queries), one SELECT of their
    leerroute tasks, then at most one ``INSERT … ON CONFLICT DO NOTHING RETURNING`` of
    the new tasks, one INSERT of their timeline lines, one UPDATE of the changed tasks
    and one UPDATE of the tasks that lapse. The same signals as
    :func:`signalen_bijwerken` per dossier (tests compare both). Exactly once: a task
    is unique per (dossier, sleutel) (``taak_unieke_sleutel_per_dossier``), so two
    sweeps at once create it and its timeline line once; a sweep killed half-way keeps
    its committed chunks and the next run finds nothing left to do for them.
    Returns the number of dossiers; logs dossiers per second (no personal data)."""
    today = today or timezone.localdate()
    t0 = time.perf_counter()
    n = 0
    vanaf = 0
    relevant = selectors.dossiers_voor_signalen().values("pk")
    while True:
        dossiers = list(
            Dossier.objects.filter(pk__in=relevant, pk__gt=vanaf).order_by("pk")[:chunk]
        )
        if not dossiers:
            break
        vanaf = dossiers[-1].pk
        with transaction.atomic():
            _signalen_chunk(dossiers, today)
        n += len(dossiers)
    duur = time.perf_counter() - t0
    logger.info(
        "leerroute-signalen: %d dossiers in %.2f s (%.0f per s)",
        n,
        duur,
        n / duur if duur else 0,
    )
    return n


def _signalen_chunk(dossiers: list[Dossier], today: date) -> None:
    from casefiles.bulk import insert_ignore_returning
    from casefiles.models import Gebeurtenis

    gegevens = selectors.signalen_gegevens(dossiers=dossiers, today=today)
    bestaande: dict[int, dict[str, Taak]] = {d.pk: {} for d in dossiers}
    for t in Taak.objects.filter(
        dossier_id__in=[d.pk for d in dossiers], sleutel__startswith="leerroute:"
    ):
        bestaande[t.dossier_id][t.sleutel] = t
    nieuw: list[dict] = []
    gewijzigd: list[Taak] = []
    vervallen: list[int] = []
    for d in dossiers:
        g = gegevens[d.pk]
        gewenst, beheerd = _signalen_plan(
            dossier=d,
            o=g.overzicht,
            laatste_uren=g.laatste_uren,
            bestaande=bestaande[d.pk],
            today=today,
        )
        for sig in gewenst:
            taak = bestaande[d.pk].get(sig.sleutel)
            if taak is None:
                nieuw.append(
                    {
                        "dossier_id": d.pk,
                        "titel": sig.titel,
                        "deadline": sig.deadline,
                        "omschrijving": sig.omschrijving,
                        "toegewezen_aan_id": d.werkcoach_id,
                        "bron": sig.bron,
                        "sleutel": sig.sleutel,
                    }
                )
                continue
            if taak.status == TaakStatus.AFGEROND:
                continue
            if (taak.deadline, taak.titel, taak.status) != (sig.deadline, sig.titel, "open"):
                taak.deadline, taak.titel, taak.status = sig.deadline, sig.titel, TaakStatus.OPEN
                taak.omschrijving = sig.omschrijving or taak.omschrijving
                if taak.toegewezen_aan_id is None:
                    taak.toegewezen_aan_id = d.werkcoach_id
                gewijzigd.append(taak)
        sleutels = {sig.sleutel for sig in gewenst}
        vervallen += [
            t.pk
            for sleutel, t in bestaande[d.pk].items()
            if t.status == TaakStatus.OPEN and beheerd(sleutel) and sleutel not in sleutels
        ]
    gemaakt = insert_ignore_returning(Taak, nieuw, returning=("dossier_id", "titel"))
    if gemaakt:
        moment = timezone.now()
        Gebeurtenis.objects.bulk_create(
            Gebeurtenis(
                dossier_id=dossier_id,
                actor=None,
                soort="taak",
                titel=(_("Taak aangemaakt: %(titel)s") % {"titel": titel})[:300],
                moment=moment,
            )
            for dossier_id, titel in gemaakt
        )
    if gewijzigd:
        Taak.objects.bulk_update(
            gewijzigd, ["deadline", "titel", "status", "omschrijving", "toegewezen_aan_id"]
        )
    if vervallen:
        Taak.objects.filter(pk__in=vervallen, status=TaakStatus.OPEN).update(
            status=TaakStatus.VERVALLEN
        )
