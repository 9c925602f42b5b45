""" "Bij DUO opvragen": on demand, fetch what DUO knows of the dossier's person
(plicht, doelgroep, termijn, leerbaarheidstoets, exams, vrijstellingen,
ontheffingen), show it beside ours, and adopt one field at a time through the
existing services. Every call to DUO writes an access-log row (ids only); adopting
re-reads DUO, so what is adopted is what DUO says at that moment, never a value
posted by the browser."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casefiles import services as casefiles_services
from casefiles.choices import AccessAction, Doelgroep, FeitenBron, PlichtBron, PlichtEindeReden
from casefiles.middleware import current_request_id
from casefiles.models import Dossier

from . import rules
from .duo_api import Duo

ONDERDELEN = (
    "inburgeringsplicht",
    "doelgroep",
    "inburgeringstermijn",
    "lbt_resultaten",
    "examenresultaten",
    "vrijstellingen",
    "ontheffingen",
)
"""The reads of one "Bij DUO opvragen" (one DUO call each)."""

VELDEN = ("start_plicht", "einde_plicht", "doelgroep", "termijn", "lbt", "examens")
"""What can be adopted with one click."""


def _log(*, user, dossier: Dossier, onderdelen: list[str], action: str, request=None) -> None:
    """One access-log row per call to DUO, in one INSERT."""
    from casefiles.accesslog import append

    rid = getattr(request, "request_id", "") or current_request_id()
    append(
        [
            {
                "user_id": user.pk,
                "dossier_id": dossier.pk,
                "gemeente_id": dossier.gemeente_id,
                "action": action,
                "onderdeel": "duo.opvragen",
                "object_id": "",
                "doel": f"Bij DUO opvragen: {o}",
                "request_id": rid,
                "ketenpartner_id": None,
            }
            for o in onderdelen
        ]
    )


@dataclass
class DuoGegevens:
    """What DUO answered (None / [] where DUO knows nothing)."""

    plicht: Any = None
    doelgroep: Any = None
    termijn: Any = None
    lbt: list = field(default_factory=list)
    examens: list = field(default_factory=list)
    vrijstellingen: list = field(default_factory=list)
    ontheffingen: list = field(default_factory=list)

    @property
    def lbt_laatste(self):
        from duo.schemas.leerbaarheidstoets import laatste

        return laatste(self.lbt)

    @property
    def doelgroep_ons(self) -> str | None:
        if self.doelgroep is None:
            return None
        return rules.doelgroep(self.doelgroep.indeling, self.doelgroep.gedetailleerd)


def _duo(dossier: Dossier) -> Duo:
    return Duo(gemeente=dossier.gemeente, bsn=dossier.inburgeraar.bsn, ref=f"opvraag:{dossier.pk}")


def opvragen(*, user, dossier: Dossier, onderdelen=ONDERDELEN, request=None) -> DuoGegevens:
    """Read ``onderdelen`` of the person at DUO. Raises NietZichtbaar (403),
    DuoFout, SchemaError or the client's DuoUnavailable; the calls are logged
    first, so an attempt is logged too."""
    _log(
        user=user,
        dossier=dossier,
        onderdelen=list(onderdelen),
        action=AccessAction.VIEW,
        request=request,
    )
    duo = _duo(dossier)
    g = DuoGegevens()
    if "inburgeringsplicht" in onderdelen:
        g.plicht = duo.inburgeringsplicht()
    if "doelgroep" in onderdelen:
        g.doelgroep = duo.doelgroep()
    if "inburgeringstermijn" in onderdelen:
        g.termijn = duo.inburgeringstermijn()
    if "lbt_resultaten" in onderdelen:
        g.lbt = duo.lbt_resultaten()
    if "examenresultaten" in onderdelen:
        g.examens = duo.examenresultaten()
    if "vrijstellingen" in onderdelen:
        g.vrijstellingen = duo.vrijstellingen()
    if "ontheffingen" in onderdelen:
        g.ontheffingen = duo.ontheffingen()
    return g


@dataclass(frozen=True)
class Rij:
    """One line of the comparison: our value, DUO's value, and whether adopting
    would change something."""

    veld: str
    label: str
    ons: str
    duo: str
    overnemen: bool
    toelichting: str = ""


def _d(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else "—"


def vergelijking(*, dossier: Dossier, g: DuoGegevens) -> list[Rij]:
    """Ours beside DUO's, per adoptable field."""
    from intake import selectors as intake_selectors

    rijen: list[Rij] = []
    p = g.plicht
    rijen.append(
        Rij(
            "start_plicht",
            _("Start inburgeringsplicht"),
            _d(dossier.datum_start_plicht),
            _d(p.begindatum) if p else _("onbekend bij DUO"),
            bool(p and p.begindatum and p.begindatum != dossier.datum_start_plicht),
        )
    )
    eindes = list(dossier.plicht_eindes.all())
    ons_einde = (
        f"{eindes[0].get_reden_display()}, {_d(eindes[0].einddatum_plicht)}" if eindes else "—"
    )
    duo_einde = "—"
    einde_nieuw = False
    if p is not None and not p.indicator:
        duo_einde = f"{p.reden_geen or _('geen plicht')}, {_d(p.einddatum)}"
        reden = rules.plicht_einde_reden("", p.reden_geen)
        einde_nieuw = bool(p.einddatum) and not any(
            e.reden == reden and e.einddatum_plicht == p.einddatum for e in eindes
        )
    elif p is not None:
        duo_einde = _("plicht loopt")
    rijen.append(
        Rij("einde_plicht", _("Einde inburgeringsplicht"), ons_einde, duo_einde, einde_nieuw)
    )
    dg = g.doelgroep_ons
    rijen.append(
        Rij(
            "doelgroep",
            _("Doelgroep"),
            str(dossier.get_doelgroep_display()),
            (
                f"{Doelgroep(dg).label} ({g.doelgroep.gedetailleerd or g.doelgroep.indeling})"
                if dg
                else _("onbekend bij DUO")
            ),
            bool(dg and dg != dossier.doelgroep),
        )
    )
    t = g.termijn
    duo_eind = t.einddatum - timedelta(days=1) if t else None
    rijen.append(
        Rij(
            "termijn",
            _("Inburgeringstermijn"),
            f"{_d(dossier.termijn_start)} t/m {_d(dossier.termijn_eind)}",
            f"{_d(t.startdatum)} t/m {_d(duo_eind)}" if t else _("nog niet gestart bij DUO"),
            bool(t and (t.startdatum, duo_eind) != (dossier.termijn_start, dossier.termijn_eind)),
            _("DUO geeft de einddatum exclusief; hier staat de laatste dag.") if t else "",
        )
    )
    lbt = g.lbt_laatste
    intake = intake_selectors.intake_open(dossier=dossier)
    ons_lbt = (
        f"{intake.get_lbt_uitslag_display()}, {_d(intake.lbt_datum)}"
        if intake and intake.lbt_uitslag
        else "—"
    )
    rijen.append(
        Rij(
            "lbt",
            _("Leerbaarheidstoets"),
            ons_lbt,
            f"{lbt.resultaat}, {_d(lbt.datum_afname)} (score {lbt.behaalde_score})"
            if lbt
            else _("geen uitslag bij DUO"),
            bool(
                lbt
                and intake
                and (intake.lbt_datum, intake.lbt_uitslag)
                != (lbt.datum_afname, rules.LBT_UITSLAG[lbt.resultaat])
            ),
            "" if intake or not lbt else _("Overnemen kan in een geplande of lopende intake."),
        )
    )
    ons_examens = {(e.onderdeel, e.datum, e.resultaat) for e in dossier.examens.all()}
    duo_examens = [
        (rules.EXAMEN_ONDERDEEL[e.onderdeel], e.examendatum, rules.EXAMEN_RESULTAAT[e.resultaat])
        for e in g.examens
        if e.resultaat in rules.EXAMEN_RESULTAAT
    ]
    nieuw = [e for e in duo_examens if e not in ons_examens]
    rijen.append(
        Rij(
            "examens",
            _("Examenuitslagen"),
            _("%(n)s vastgelegd") % {"n": len(ons_examens)},
            _("%(n)s bij DUO, waarvan %(m)s nieuw") % {"n": len(duo_examens), "m": len(nieuw)},
            bool(nieuw),
        )
    )
    return rijen


def _veld_onderdelen(veld: str) -> tuple[str, ...]:
    return {
        "start_plicht": ("inburgeringsplicht",),
        "einde_plicht": ("inburgeringsplicht", "vrijstellingen", "ontheffingen"),
        "doelgroep": ("doelgroep",),
        "termijn": ("inburgeringstermijn",),
        "lbt": ("lbt_resultaten",),
        "examens": ("examenresultaten",),
    }[veld]


@transaction.atomic
def overnemen(*, actor, dossier: Dossier, veld: str, request=None) -> str:
    """Adopt DUO's value of ``veld`` through the service that owns it. Returns a
    Dutch confirmation; raises ValidationError with a Dutch message when there is
    nothing to adopt or the service refuses."""
    if veld not in VELDEN:
        raise ValidationError(_("Onbekend gegeven."))
    g = opvragen(user=actor, dossier=dossier, onderdelen=_veld_onderdelen(veld), request=request)
    rij = next(r for r in vergelijking(dossier=dossier, g=g) if r.veld == veld)
    if not rij.overnemen:
        raise ValidationError(_("Er is niets over te nemen: DUO en het dossier zijn gelijk."))
    bron = _("DUO (opgevraagd)")
    if veld == "start_plicht":
        casefiles_services.dossier_update(
            actor=actor, dossier=dossier, datum_start_plicht=g.plicht.begindatum
        )
    elif veld == "einde_plicht":
        _einde_overnemen(actor=actor, dossier=dossier, g=g)
    elif veld == "doelgroep":
        dg = g.doelgroep_ons
        assert dg is not None
        casefiles_services.dossier_change_doelgroep(
            actor=actor,
            dossier=dossier,
            doelgroep=dg,
            geldig_vanaf=min(g.doelgroep.begindatum or timezone.localdate(), timezone.localdate()),
            bron=bron,
            gedetailleerd=g.doelgroep.gedetailleerd or "",
        )
    elif veld == "termijn":
        feiten = getattr(dossier, "inburgeringsfeiten", None)
        velden: dict[str, Any] = {
            "bron": FeitenBron.DUO,
            "termijn_startdatum": g.termijn.startdatum,
            "termijn_einddatum": g.termijn.einddatum,
        }
        eerste = feiten.eerste_pip_dagtekening if feiten else None
        if eerste is None or eerste >= g.termijn.startdatum:
            velden["eerste_pip_dagtekening"] = g.termijn.startdatum - timedelta(days=1)
        casefiles_services.inburgeringsfeiten_opslaan(actor=actor, dossier=dossier, **velden)
    elif veld == "lbt":
        from intake import selectors as intake_selectors
        from intake import services as intake_services

        intake = intake_selectors.intake_open(dossier=dossier)
        lbt = g.lbt_laatste
        assert intake is not None and lbt is not None
        intake_services.intake_sectie_opslaan(
            actor=actor,
            intake=intake,
            sectie="leerbaarheidstoets",
            data={"lbt_datum": lbt.datum_afname, "lbt_uitslag": rules.LBT_UITSLAG[lbt.resultaat]},
        )
    elif veld == "examens":
        from leerroutes.choices import UrenBron
        from leerroutes.services import examen_registreren

        for e in g.examens:
            if e.resultaat not in rules.EXAMEN_RESULTAAT:
                continue
            examen_registreren(
                actor=actor,
                dossier=dossier,
                onderdeel=rules.EXAMEN_ONDERDEEL[e.onderdeel],
                niveau=e.niveau or "",
                datum=e.examendatum,
                resultaat=rules.EXAMEN_RESULTAAT[e.resultaat],
                bron=UrenBron.IMPORT,
            )
    _log(
        user=actor,
        dossier=dossier,
        onderdelen=[f"{veld} overgenomen"],
        action=AccessAction.UPDATE,
        request=request,
    )
    return _("Overgenomen van DUO: %(l)s.") % {"l": rij.label}


def _einde_overnemen(*, actor, dossier: Dossier, g: DuoGegevens) -> None:
    p = g.plicht
    reden = rules.plicht_einde_reden("", p.reden_geen)
    grond, oordeel, einde_v = "", p.wijzigingsdatum or p.einddatum, None
    if reden == PlichtEindeReden.ONTHEFFING:
        o = next((o for o in g.ontheffingen if o.toegekend and o.soort == "GeheleOntheffing"), None)
        if o:
            grond, oordeel = o.grond, o.datum_oordeel
    elif reden in (PlichtEindeReden.VRIJSTELLING, PlichtEindeReden.TIJDELIJKE_VRIJSTELLING):
        soort = (
            "GeheleVrijstelling"
            if reden == PlichtEindeReden.VRIJSTELLING
            else "TijdelijkeVrijstelling"
        )
        v = next((v for v in g.vrijstellingen if v.toegekend and v.soort == soort), None)
        if v:
            grond, oordeel, einde_v = v.reden, v.datum_oordeel or oordeel, v.einddatum
    casefiles_services.plicht_einde_vastleggen(
        actor=actor,
        dossier=dossier,
        reden=reden,
        datum_oordeel=min(oordeel, timezone.localdate()),
        einddatum_plicht=p.einddatum,
        bron=PlichtBron.DUO_PORTAAL,
        grond=grond,
        einddatum_vrijstelling=einde_v,
        kenmerk="opgevraagd bij DUO",
    )
