"""Processing one stored notification (the outbox handler ``duo.notificatie`` calls
:func:`notificatie_verwerken`): fetch from DUO what the event points to and change
the dossier through the existing services, as the system actor ``duo-koppeling``.
Every processed notification leaves one line in the dossier's timeline and one
access-log row.

Outcomes (``Notificatie.status``):

* verwerkt — the dossier was changed (or already held DUO's data);
* geen_actie — an event we only show (SS113–SS119, SS137), or DUO's data asks for
  no change;
* geweigerd — DUO says the person is not one this gemeente may see (403): the BSN
  is removed from the notification;
* mislukt — DUO's answer does not match the specification, or a service refused
  DUO's data (its Dutch message is kept); nothing of the event was written.

DUO unreachable (network, timeout, 5xx) raises, so the outbox retries with backoff
and nothing is lost.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casefiles import services as casefiles_services
from casefiles.choices import AccessAction, Doelgroep, FeitenBron, PlichtBron, PlichtEindeReden
from casefiles.models import Dossier
from casefiles.selectors import plicht_eindes
from duo.schemas._base import SchemaError

from . import rules
from .choices import NotificatieStatus
from .duo_api import Duo, DuoFout, NietZichtbaar, unavailable_errors
from .models import Notificatie
from .services import NIEUWE_PERSOON, systeem_actor

logger = logging.getLogger(__name__)

NAAM_ONBEKEND = "(naam nog overnemen uit de BRP)"
"""DUO's APIs carry no name; a dossier created from a notification gets this
placeholder and a task to complete the person's data from the BRP."""


class Klaar(Exception):
    """Ends the processing with a status and a Dutch result (ids only)."""

    def __init__(self, status: str, resultaat: str) -> None:
        super().__init__(resultaat)
        self.status = status
        self.resultaat = resultaat


@dataclass
class Context:
    notificatie: Notificatie
    duo: Duo
    actor: object
    dossier: Dossier | None
    meldingsdatum: date
    gedaan: list[str] = field(default_factory=list)

    @property
    def gebeurtenis(self) -> str:
        return self.notificatie.gebeurtenis_id

    def vereist_dossier(self) -> Dossier:
        if self.dossier is None:
            raise Klaar(
                NotificatieStatus.GEEN_DOSSIER,
                _("Geen dossier van deze persoon in deze gemeente."),
            )
        return self.dossier


def notificatie_verwerken(*, notificatie_id: int) -> str:
    """Process one notification once. Returns its status. Idempotent: a
    notification that is no longer 'ontvangen' is left alone."""
    n = (
        Notificatie.objects.select_for_update(of=("self",))
        .select_related("gemeente", "dossier__inburgeraar")
        .filter(pk=notificatie_id)
        .first()
    )
    if n is None or n.status != NotificatieStatus.ONTVANGEN:
        return n.status if n else "onbekend"
    actor = systeem_actor()
    ctx = Context(
        notificatie=n,
        duo=Duo(gemeente=n.gemeente, bsn=n.bsn, ref=f"notificatie:{n.pk}"),
        actor=actor,
        dossier=n.dossier,
        meldingsdatum=timezone.localdate(n.registratie_moment),
    )
    if ctx.dossier is not None:
        # the dossier may have been closed or moved on since the notification came in
        ctx.dossier = Dossier.objects.select_related("inburgeraar").get(pk=ctx.dossier.pk)
    oorspronkelijk = ctx.dossier
    status: str = NotificatieStatus.VERWERKT
    resultaat = ""
    try:
        if not n.bsn:
            raise Klaar(
                NotificatieStatus.GEEN_ACTIE,
                _("DUO noemde geen BSN; er kan niets worden opgevraagd."),
            )
        with transaction.atomic():
            _verwerk(ctx)
        resultaat = "; ".join(ctx.gedaan) or _(
            "Niets gewijzigd: het dossier had DUO's gegevens al."
        )
    except Klaar as klaar:
        status, resultaat = klaar.status, klaar.resultaat
    except NietZichtbaar:
        status = NotificatieStatus.GEWEIGERD
        resultaat = _("DUO: deze persoon is niet zichtbaar voor deze gemeente; BSN verwijderd.")
        n.bsn, n.v_nummer = "", ""
    except SchemaError as exc:
        status = NotificatieStatus.MISLUKT
        resultaat = _("Het antwoord van DUO voldoet niet aan de specificatie (%(w)s).") % {
            "w": str(exc)[:120]
        }
    except DuoFout as exc:
        status, resultaat = NotificatieStatus.MISLUKT, str(exc)
    except ValidationError as exc:
        status = NotificatieStatus.MISLUKT
        resultaat = _("Niet verwerkt: %(m)s") % {"m": " ".join(exc.messages)[:250]}
    except unavailable_errors():
        raise  # the outbox tries again later
    if status != NotificatieStatus.VERWERKT:
        ctx.dossier = oorspronkelijk  # whatever the event wrote was rolled back
    if status in (NotificatieStatus.VERWERKT, NotificatieStatus.GEEN_ACTIE):
        # done for good: the dossier link is enough, the BSN is not kept twice
        n.bsn, n.v_nummer = "", ""
    n.status = status
    n.resultaat = resultaat[:300]
    n.dossier = ctx.dossier
    n.verwerkt_op = timezone.now()
    n.save(update_fields=["status", "resultaat", "dossier", "verwerkt_op", "bsn", "v_nummer"])
    _tijdlijn_en_log(ctx, status=status, resultaat=n.resultaat)
    logger.info("DUO notificatie %s (%s) processed: %s", n.pk, n.gebeurtenis_id, status)
    return status


def _tijdlijn_en_log(ctx: Context, *, status: str, resultaat: str) -> None:
    if ctx.dossier is None:
        return
    omschrijving = rules.GEBEURTENISSEN.get(ctx.gebeurtenis, _("onbekende gebeurtenis"))
    casefiles_services.gebeurtenis_record(
        dossier=ctx.dossier,
        actor=ctx.actor,
        soort="duo",
        titel=_("DUO %(id)s: %(o)s — %(r)s")
        % {"id": ctx.gebeurtenis, "o": omschrijving, "r": resultaat},
    )
    casefiles_services.access_log_record(
        user=ctx.actor,
        dossier=ctx.dossier,
        action=AccessAction.UPDATE if status == NotificatieStatus.VERWERKT else AccessAction.VIEW,
        onderdeel="duo.notificatie",
        object_id=ctx.notificatie.pk,
        doel="Notificatie van DUO verwerken",
    )


def _verwerk(ctx: Context) -> None:
    g = ctx.gebeurtenis
    if g in NIEUWE_PERSOON:
        _nieuwe_persoon(ctx)
        if g == "SS121":
            _verhuizing(ctx)
    elif g in ("SS124", "SS125"):
        _doelgroep(ctx)
    elif g in rules.TERMIJN:
        _termijn(ctx)
    elif g == "SS131":
        _leerbaarheidstoets(ctx)
    elif g in rules.PLICHT_EINDE:
        _plicht_einde(ctx)
    elif g == "SS199":
        _examens(ctx)
    else:
        ctx.vereist_dossier()
        raise Klaar(NotificatieStatus.GEEN_ACTIE, _("Ter informatie; geen wijziging nodig."))


# --- SS101 / SS128 / SS139 / SS129 / SS120 (/ SS121): the aanmelding and its clock ----


def _nieuwe_persoon(ctx: Context) -> None:
    plicht = ctx.duo.inburgeringsplicht()
    if plicht is None:
        raise Klaar(
            NotificatieStatus.MISLUKT, _("DUO kent geen inburgeringsplicht van de persoon.")
        )
    dg = ctx.duo.doelgroep()
    doelgroep = rules.doelgroep(dg.indeling if dg else None, dg.gedetailleerd if dg else None)
    melding = ctx.meldingsdatum if ctx.gebeurtenis in rules.PIP_KLOK else None
    if ctx.dossier is None:
        datums: dict[str, date | None] = {"datum_start_plicht": plicht.begindatum}
        if melding:
            datums["datum_duo_melding"] = melding
        persoon = {"bsn": ctx.notificatie.bsn, "achternaam": NAAM_ONBEKEND}
        if ctx.notificatie.v_nummer:
            persoon["v_nummer"] = ctx.notificatie.v_nummer
        ctx.dossier = casefiles_services.dossier_create(
            actor=ctx.actor,
            gemeente=ctx.notificatie.gemeente,
            persoon=persoon,
            doelgroep=doelgroep
            or (
                Doelgroep.ASIELSTATUSHOUDER
                if ctx.gebeurtenis == "SS139"
                else Doelgroep.OVERIGE_MIGRANT
            ),
            datums=datums,
            bron=f"DUO {ctx.gebeurtenis}",
        )
        ctx.gedaan.append(_("Aanmelding aangemaakt"))
        if doelgroep is None:
            ctx.gedaan.append(_("doelgroep niet bekend bij DUO: controleer"))
        casefiles_services.taak_create(
            actor=ctx.actor,
            dossier=ctx.dossier,
            titel=_("Naam en adres overnemen uit de BRP"),
            omschrijving=_("DUO geeft geen naam of adres door; vul ze aan uit de BRP."),
            deadline=timezone.localdate() + timedelta(days=5),
        )
        if melding:
            ctx.gedaan.append(
                _("PIP-klok vanaf de melding van DUO van %(d)s")
                % {"d": melding.strftime("%d-%m-%Y")}
            )
        return
    wijzig: dict[str, Any] = {}
    if plicht.begindatum and ctx.dossier.datum_start_plicht != plicht.begindatum:
        wijzig["datum_start_plicht"] = plicht.begindatum
    huidig = ctx.dossier.datum_duo_melding
    if melding and (huidig is None or (ctx.gebeurtenis == "SS139" and melding > huidig)):
        wijzig["datum_duo_melding"] = melding
    if wijzig:
        casefiles_services.dossier_update(actor=ctx.actor, dossier=ctx.dossier, **wijzig)
        ctx.gedaan.append(_("Aanmelding bijgewerkt"))
        if "datum_duo_melding" in wijzig:
            ctx.gedaan.append(
                _("PIP-klok vanaf de melding van DUO van %(d)s")
                % {"d": wijzig["datum_duo_melding"].strftime("%d-%m-%Y")}
            )
    if doelgroep and doelgroep != ctx.dossier.doelgroep and dg is not None:
        _doelgroep_wijzigen(ctx, doelgroep, dg.begindatum, dg.gedetailleerd)


# --- SS121: the previous gemeente's PIP, route and termijn -----------------------------


def _verhuizing(ctx: Context) -> None:
    dossier = ctx.vereist_dossier()
    termijn = ctx.duo.inburgeringstermijn()
    pip = ctx.duo.pip()
    velden: dict[str, object] = {"bron": FeitenBron.DUO}
    if pip is not None:
        if pip.gemeentecode != ctx.notificatie.gemeente.cbs_code:
            velden["vorige_gemeentecode"] = pip.gemeentecode
        velden["huidige_leerroute"] = rules.LEERROUTE[pip.leerroute]
        if pip.niveau:
            velden["huidig_niveau"] = pip.niveau
    if termijn is not None:
        velden["termijn_startdatum"] = termijn.startdatum
        velden["termijn_einddatum"] = termijn.einddatum
        # the termijn starts the day after the dagtekening of the very first PIP
        velden["eerste_pip_dagtekening"] = termijn.startdatum - timedelta(days=1)
    elif pip is not None:
        velden["eerste_pip_dagtekening"] = pip.dagtekening
    if len(velden) == 1:
        ctx.gedaan.append(_("DUO kent nog geen PIP of termijn van de vorige gemeente"))
        return
    casefiles_services.inburgeringsfeiten_opslaan(actor=ctx.actor, dossier=dossier, **velden)
    ctx.gedaan.append(_("PIP, leerroute en termijn van de vorige gemeente overgenomen"))


# --- SS124 / SS125: doelgroep ------------------------------------------------------------


def _doelgroep(ctx: Context) -> None:
    ctx.vereist_dossier()
    dg = ctx.duo.doelgroep()
    doelgroep = rules.doelgroep(dg.indeling if dg else None, dg.gedetailleerd if dg else None)
    if dg is None or doelgroep is None:
        raise Klaar(NotificatieStatus.MISLUKT, _("DUO gaf geen doelgroep."))
    _doelgroep_wijzigen(ctx, doelgroep, dg.begindatum, dg.gedetailleerd)


def _doelgroep_wijzigen(
    ctx: Context, doelgroep: str, vanaf: date | None, detail: str | None
) -> None:
    dossier = ctx.vereist_dossier()
    vanaf = vanaf or ctx.meldingsdatum
    laatste = dossier.doelgroep_periodes.order_by("-geldig_vanaf", "-id").first()
    if laatste and (laatste.doelgroep, laatste.geldig_vanaf) == (doelgroep, vanaf):
        return
    casefiles_services.dossier_change_doelgroep(
        actor=ctx.actor,
        dossier=dossier,
        doelgroep=doelgroep,
        geldig_vanaf=min(vanaf, timezone.localdate()),
        bron=f"DUO {ctx.gebeurtenis}",
        gedetailleerd=detail or "",
    )
    ctx.gedaan.append(_("Doelgroep: %(d)s") % {"d": Doelgroep(doelgroep).label})


# --- SS102 / SS103 / SS104 / SS130: the termijn ------------------------------------------


def _termijn(ctx: Context) -> None:
    dossier = ctx.vereist_dossier()
    termijn = ctx.duo.inburgeringstermijn()
    if termijn is None:
        raise Klaar(NotificatieStatus.MISLUKT, _("DUO kent (nog) geen inburgeringstermijn."))
    feiten = getattr(dossier, "inburgeringsfeiten", None)
    if feiten and (feiten.termijn_startdatum, feiten.termijn_einddatum) == (
        termijn.startdatum,
        termijn.einddatum,
    ):
        return
    velden: dict[str, object] = {
        "bron": FeitenBron.DUO,
        "termijn_startdatum": termijn.startdatum,
        "termijn_einddatum": termijn.einddatum,
    }
    if (
        feiten is None
        or feiten.eerste_pip_dagtekening is None
        or feiten.eerste_pip_dagtekening >= termijn.startdatum
    ):
        velden["eerste_pip_dagtekening"] = termijn.startdatum - timedelta(days=1)
    casefiles_services.inburgeringsfeiten_opslaan(actor=ctx.actor, dossier=dossier, **velden)
    ctx.gedaan.append(
        _("Termijn volgens DUO: %(s)s t/m %(e)s")
        % {
            "s": termijn.startdatum.strftime("%d-%m-%Y"),
            "e": (termijn.einddatum - timedelta(days=1)).strftime("%d-%m-%Y"),
        }
    )


# --- SS131: the leerbaarheidstoets in the intake -----------------------------------------


def _leerbaarheidstoets(ctx: Context) -> None:
    from intake import selectors as intake_selectors
    from intake import services as intake_services
    from intake.choices import IntakeLocatie, IntakeStatus
    from intake.models import BredeIntake

    dossier = ctx.vereist_dossier()
    from duo.schemas.leerbaarheidstoets import laatste

    resultaat = laatste(ctx.duo.lbt_resultaten())
    if resultaat is None:
        raise Klaar(NotificatieStatus.MISLUKT, _("DUO gaf geen uitslag van de leerbaarheidstoets."))
    uitslag = rules.LBT_UITSLAG[resultaat.resultaat]
    intake = intake_selectors.intake_open(dossier=dossier)
    if intake is None:
        if BredeIntake.objects.filter(dossier=dossier).exists():
            raise Klaar(
                NotificatieStatus.GEEN_ACTIE,
                _("De intake is afgerond; de uitslag staat bij 'Bij DUO opvragen'."),
            )
        intake = intake_services.intake_create(
            actor=ctx.actor,
            dossier=dossier,
            datum=timezone.localdate(),
            locatie=IntakeLocatie.GEMEENTEHUIS,
            status=IntakeStatus.GEPLAND,
        )
        ctx.gedaan.append(_("Intake aangemaakt (gepland) voor de uitslag"))
    if (intake.lbt_datum, intake.lbt_uitslag) == (resultaat.datum_afname, uitslag):
        return
    intake_services.intake_sectie_opslaan(
        actor=ctx.actor,
        intake=intake,
        sectie="leerbaarheidstoets",
        data={"lbt_datum": resultaat.datum_afname, "lbt_uitslag": uitslag},
    )
    ctx.gedaan.append(_("Leerbaarheidstoets in de intake: %(u)s") % {"u": resultaat.resultaat})


# --- SS106 / SS107 / SS108 / SS109 / SS110 / SS111: the plicht ended --------------------


def _plicht_einde(ctx: Context) -> None:
    dossier = ctx.vereist_dossier()
    plicht = ctx.duo.inburgeringsplicht()
    if plicht is None:
        raise Klaar(
            NotificatieStatus.MISLUKT, _("DUO kent geen inburgeringsplicht van de persoon.")
        )
    if plicht.indicator and ctx.gebeurtenis != "SS109":
        raise Klaar(NotificatieStatus.GEEN_ACTIE, _("Volgens DUO loopt de plicht nog."))
    reden = rules.plicht_einde_reden(ctx.gebeurtenis, plicht.reden_geen)
    einddatum = plicht.einddatum or plicht.wijzigingsdatum or ctx.meldingsdatum
    datum_oordeel = plicht.wijzigingsdatum or ctx.meldingsdatum
    grond, einde_vrijstelling = "", None
    if reden == PlichtEindeReden.ONTHEFFING:
        besluit = next(
            (o for o in ctx.duo.ontheffingen() if o.toegekend and o.soort == "GeheleOntheffing"),
            None,
        )
        if besluit:
            grond, datum_oordeel = besluit.grond, besluit.datum_oordeel
    elif reden in (PlichtEindeReden.VRIJSTELLING, PlichtEindeReden.TIJDELIJKE_VRIJSTELLING):
        soort = (
            "GeheleVrijstelling"
            if reden == PlichtEindeReden.VRIJSTELLING
            else "TijdelijkeVrijstelling"
        )
        besluit_v = next(
            (v for v in ctx.duo.vrijstellingen() if v.toegekend and v.soort == soort), None
        )
        if besluit_v:
            grond = besluit_v.reden
            datum_oordeel = besluit_v.datum_oordeel or datum_oordeel
            einde_vrijstelling = besluit_v.einddatum
            if reden == PlichtEindeReden.TIJDELIJKE_VRIJSTELLING and besluit_v.startdatum:
                einddatum = plicht.einddatum or besluit_v.startdatum - timedelta(days=1)
    if any(
        p.reden == reden and p.einddatum_plicht == einddatum for p in plicht_eindes(dossier=dossier)
    ):
        return
    casefiles_services.plicht_einde_vastleggen(
        actor=ctx.actor,
        dossier=dossier,
        reden=reden,
        datum_oordeel=datum_oordeel,
        einddatum_plicht=einddatum,
        bron=PlichtBron.DUO_GEBEURTENIS,
        grond=grond,
        einddatum_vrijstelling=einde_vrijstelling,
        kenmerk=ctx.gebeurtenis,
    )
    ctx.gedaan.append(_("Einde van de plicht vastgelegd"))


# --- SS199: exam results -----------------------------------------------------------------


def _examens(ctx: Context) -> None:
    from leerroutes.choices import UrenBron
    from leerroutes.services import examen_registreren

    dossier = ctx.vereist_dossier()
    nieuw = 0
    for r in ctx.duo.examenresultaten():
        resultaat = rules.EXAMEN_RESULTAAT.get(r.resultaat)
        if resultaat is None:
            continue
        _examen, actie = examen_registreren(
            actor=ctx.actor,
            dossier=dossier,
            onderdeel=rules.EXAMEN_ONDERDEEL[r.onderdeel],
            niveau=r.niveau or "",
            datum=r.examendatum,
            resultaat=resultaat,
            bron=UrenBron.IMPORT,
        )
        if actie != "ongewijzigd":
            nieuw += 1
    if nieuw:
        ctx.gedaan.append(_("%(n)s examenuitslag(en) vastgelegd") % {"n": nieuw})
