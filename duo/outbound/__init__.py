"""Sending to DUO: the services that record a message (``bericht_aanmaken``), the
builders that turn a recorded message into DUO's request from the current data
(``bouw``), and the sending itself (``bericht_versturen``, called by the outbox handler
in duo/tasks.py).

A message is recorded in the same transaction as the decision it reports (a
:class:`~duo.models.DuoBericht` plus an outbox job with ids only). The body is built
when the message is sent, from the data as it is then, and checked against DUO's
rules (duo/rules.py) before it leaves. Nothing is recorded for a gemeente without an
OIN or when ``DUO_BASE_URL`` is empty (docs/duo.md)."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from casefiles import outbox

from .. import conf, rules
from ..client import DuoClient, DuoResponse, DuoUnavailable
from ..models import BerichtSoort, BerichtStatus, DuoBericht, DuoContactpersoon, zonder_bsn
from ..schemas import contactpersoon as cp_schema
from ..schemas import gevolgde_uren, inburgeringsaanbod, map_pvt_zroute
from ..schemas import pip as pip_schema

logger = logging.getLogger(__name__)

OUTBOX_KIND = "duo.bericht"

_API = {
    BerichtSoort.PIP: ("POST", pip_schema.API),
    BerichtSoort.PIP_VERWIJDEREN: ("DELETE", pip_schema.API),
    BerichtSoort.CP_REGISTREREN: ("POST", cp_schema.API),
    BerichtSoort.CP_KOPPELEN: ("POST", cp_schema.API),
    BerichtSoort.CP_ONTKOPPELEN: ("DELETE", cp_schema.API),
    BerichtSoort.CP_WIJZIGEN: ("PUT", cp_schema.API),
    BerichtSoort.MAP: ("PUT", map_pvt_zroute.API),
    BerichtSoort.PVT: ("PUT", map_pvt_zroute.API),
    BerichtSoort.ZROUTE: ("PUT", map_pvt_zroute.API),
    BerichtSoort.UREN_TAAL: ("PUT", gevolgde_uren.API),
    BerichtSoort.UREN_INTAKE: ("PUT", gevolgde_uren.API),
    BerichtSoort.UREN_PARTICIPATIE: ("PUT", gevolgde_uren.API),
    BerichtSoort.AANBOD: ("POST", inburgeringsaanbod.API),
}


# --- recording ----------------------------------------------------------------------


def bericht_aanmaken(
    *,
    soort: str,
    gemeente,
    dossier=None,
    object_id: int | None = None,
    dedup_key: str | None = None,
    actor=None,
) -> DuoBericht | None:
    """Record a message to DUO and its outbox job in the caller's transaction. Returns
    None when the koppeling is off for the gemeente. A ``dedup_key`` used before
    returns the existing message (nothing is sent twice)."""
    if not conf.enabled_for(gemeente):
        return None
    if dossier is not None and getattr(dossier, "regime", "WI2021") != "WI2021":
        # DUO's M2M koppeling covers only persons under the Wet inburgering 2021
        # (DUO M2M README, Scope); a Wi 2013 dossier is never reported.
        return None
    methode, api = _API[BerichtSoort(soort)]
    key = dedup_key or f"{soort}:{uuid.uuid4().hex}"
    with transaction.atomic():
        bericht, created = DuoBericht.objects.get_or_create(
            dedup_key=key,
            defaults={
                "gemeente": gemeente,
                "dossier": dossier,
                "soort": soort,
                "methode": methode,
                "api": api,
                "object_id": object_id,
                "aangemaakt_door": actor if getattr(actor, "pk", None) else None,
            },
        )
        if created:
            _enqueue(bericht)
    return bericht


def _enqueue(bericht: DuoBericht) -> None:
    job = outbox.enqueue(
        kind=OUTBOX_KIND,
        payload={"bericht_id": bericht.pk},
        dedup_key=f"{OUTBOX_KIND}:{bericht.pk}:{uuid.uuid4().hex[:8]}",
        gemeente_id=bericht.gemeente_id,
        dossier_id=bericht.dossier_id,
    )
    DuoBericht.objects.filter(pk=bericht.pk).update(outbox_job=job)
    bericht.outbox_job = job


@transaction.atomic
def bericht_opnieuw(*, actor, bericht: DuoBericht) -> DuoBericht:
    """The beheerder's retry of a refused or failed message: it waits again and gets a
    new outbox job (the body is built anew from the current data)."""
    bericht = DuoBericht.objects.select_for_update().get(pk=bericht.pk)
    if bericht.status == BerichtStatus.VERZONDEN:
        return bericht
    bericht.status = BerichtStatus.WACHT
    bericht.http_status = None
    bericht.reden = ""
    bericht.verzonden_op = None
    bericht.save(update_fields=["status", "http_status", "reden", "verzonden_op"])
    _enqueue(bericht)
    logger.info("DUO-bericht %s opnieuw in de wachtrij door gebruiker %s", bericht.pk, actor.pk)
    return bericht


def wacht_al(*, dossier, soort: str) -> bool:
    """A message of this kind for this dossier still waits (its body will be built from
    the current data when it is sent, so one more is not needed)."""
    return DuoBericht.objects.filter(
        dossier=dossier, soort=soort, status=BerichtStatus.WACHT
    ).exists()


# --- building -----------------------------------------------------------------------


class Ongeldig(Exception):
    """The message breaks DUO's rules or lacks data: it is not sent. The messages are
    Dutch texts for the werkcoach (no personal data)."""

    def __init__(self, meldingen: list[str]):
        super().__init__("; ".join(meldingen))
        self.meldingen = meldingen


class Vervallen(Exception):
    """The message is no longer needed (e.g. the PIP version was withdrawn)."""


@dataclass(frozen=True)
class Verzoek:
    methode: str
    pad: str
    body: dict[str, Any] | None


def _bsn(bericht: DuoBericht) -> str:
    if bericht.dossier is None:
        raise Vervallen()
    return bericht.dossier.inburgeraar.bsn


def _oid(bericht: DuoBericht) -> int:
    """The id of what the message is about (every kind but the hours has one)."""
    if bericht.object_id is None:
        raise Vervallen()
    return bericht.object_id


def pip_bericht(versie) -> pip_schema.Pip:
    """The PIP message of a vastgestelde version (schema ``PIP``)."""
    return pip_schema.Pip(
        dagtekening_pip=versie.dagtekening,
        leerroute=rules.leerroute_code(versie.leerroute),
        niveau=versie.niveau or "",
        geschatte_intensiteit_b1_route=versie.geschatte_intensiteit_b1,
        indicator_mag_opleiding_afmaken=bool(versie.mag_opleiding_afmaken),
        indicator_alfabetiseringsonderwijs=versie.alfabetisering or "",
    )


def pip_overtredingen(versie, *, dagtekening=None) -> list[rules.Overtreding]:
    """DUO's PIP rules for this version (with ``dagtekening`` when not yet set)."""
    from casefiles import rules as core_rules
    from casefiles.selectors import doelgroep_op, inburgeringsfeiten
    from pip_plans.choices import VersieStatus
    from pip_plans.models import PipVersie

    dossier = versie.dossier
    dagtekening = dagtekening or versie.dagtekening
    eerder_qs = (
        PipVersie.objects.filter(
            dossier=dossier, status=VersieStatus.VASTGESTELD, nummer__lt=versie.nummer
        )
        .order_by("nummer")
        .values_list("dagtekening", flat=True)
    )
    eerder = list(eerder_qs)
    feiten = inburgeringsfeiten(dossier=dossier)
    elders = bool(feiten is not None and feiten.eerdere_pip)
    initieel = (
        feiten.eerste_pip_dagtekening
        if elders and feiten is not None and feiten.eerste_pip_dagtekening
        else (eerder[0] if eerder else None)
    )
    return rules.pip_aanleveren(
        dagtekening=dagtekening,
        leerroute=versie.leerroute,
        niveau=versie.niveau or "",
        geschatte_intensiteit=versie.geschatte_intensiteit_b1,
        is_asiel=core_rules.is_asiel(doelgroep_op(dossier=dossier, op=dagtekening)),
        start_plicht=dossier.datum_start_plicht,
        vestiging=dossier.datum_vestiging,
        dagtekening_initieel=initieel,
        dagtekening_actueel=eerder[-1] if eerder else None,
        eerste_pip_persoon=not eerder and not elders,
    )


def _bouw_pip(bericht: DuoBericht) -> Verzoek:
    from pip_plans.choices import VersieStatus
    from pip_plans.models import PipVersie

    versie = PipVersie.objects.select_related("dossier").get(pk=_oid(bericht))
    if versie.status != VersieStatus.VASTGESTELD:
        raise Vervallen()
    overtredingen = pip_overtredingen(versie)
    if overtredingen:
        raise Ongeldig([o.bericht for o in overtredingen])
    return Verzoek("POST", pip_schema.pad(_bsn(bericht)), pip_bericht(versie).to_json())


def _bouw_pip_verwijderen(bericht: DuoBericht) -> Verzoek:
    o = rules.pip_verwijderen(
        termijn_vastgesteld=False, cursusuren_geregistreerd=_taal_uren(bericht.dossier) > 0
    )
    if o:
        raise Ongeldig([x.bericht for x in o])
    return Verzoek("DELETE", pip_schema.pad(_bsn(bericht)), None)


def contactpersoongegevens(medewerker, gemeente) -> cp_schema.Contactpersoongegevens:
    profiel = getattr(medewerker, "profiel", None)
    telefoon = (getattr(profiel, "telefoon", "") or gemeente.telefoon or "").strip()
    naam = (medewerker.get_full_name() or medewerker.get_username()).strip()
    return cp_schema.Contactpersoongegevens(
        naam=naam[:100],
        email=(medewerker.email or gemeente.email or "").strip(),
        telefoonnummer=telefoon,
    )


def _bouw_cp_registreren(bericht: DuoBericht) -> Verzoek:
    from django.contrib.auth import get_user_model

    medewerker = get_user_model().objects.select_related("profiel").get(pk=_oid(bericht))
    gegevens = contactpersoongegevens(medewerker, bericht.gemeente)
    if gegevens.fouten():
        raise Ongeldig(gegevens.fouten())
    return Verzoek("POST", cp_schema.pad_registreren(), gegevens.to_json())


def _contactpersoon_id(bericht: DuoBericht) -> int:
    cp = DuoContactpersoon.objects.filter(
        gemeente=bericht.gemeente, medewerker_id=bericht.object_id
    ).first()
    if cp is None or cp.duo_id is None:
        registratie = (
            DuoBericht.objects.filter(
                gemeente=bericht.gemeente,
                soort=BerichtSoort.CP_REGISTREREN,
                object_id=bericht.object_id,
            )
            .values_list("status", "reden")
            .first()
        )
        if registratie is not None and registratie[0] in (
            BerichtStatus.GEWEIGERD,
            BerichtStatus.ONGELDIG,
        ):
            raise Ongeldig(
                [f"De werkcoach is niet als contactpersoon bij DUO geregistreerd: {registratie[1]}"]
            )
        # The registration is its own message, queued before this one: wait for it.
        raise DuoUnavailable(f"wacht op registratie contactpersoon (bericht {bericht.pk})")
    return cp.duo_id


def _bouw_cp_wijzigen(bericht: DuoBericht) -> Verzoek:
    from django.contrib.auth import get_user_model

    duo_id = _contactpersoon_id(bericht)
    medewerker = get_user_model().objects.select_related("profiel").get(pk=_oid(bericht))
    gegevens = contactpersoongegevens(medewerker, bericht.gemeente)
    if gegevens.fouten():
        raise Ongeldig(gegevens.fouten())
    return Verzoek("PUT", cp_schema.pad_contactpersoon(duo_id), gegevens.to_json())


def _bouw_cp_koppelen(bericht: DuoBericht) -> Verzoek:
    return Verzoek(
        "POST", cp_schema.pad_koppeling(_contactpersoon_id(bericht), _bsn(bericht)), None
    )


def _bouw_cp_ontkoppelen(bericht: DuoBericht) -> Verzoek:
    return Verzoek(
        "DELETE", cp_schema.pad_koppeling(_contactpersoon_id(bericht), _bsn(bericht)), None
    )


def _bouw_map(bericht: DuoBericht) -> Verzoek:
    from leerroutes.models import MapInschrijving

    m = MapInschrijving.objects.filter(pk=_oid(bericht)).first()
    body = map_pvt_zroute.ResultaatMap(
        datum_eindgesprek_map=m.datum_eindgesprek if m else None,
        verwijtbaar=m.verwijtbaar if m else "",
    ).to_json()
    return Verzoek("PUT", map_pvt_zroute.pad(_bsn(bericht), "map"), body)


def _bouw_pvt(bericht: DuoBericht) -> Verzoek:
    from leerroutes.models import PvtInschrijving

    p = PvtInschrijving.objects.filter(pk=_oid(bericht)).first()
    body = map_pvt_zroute.ResultaatPvt(
        datum_ondertekening_pvt=p.datum_ondertekening if p else None,
        verwijtbaar=p.verwijtbaar if p else "",
    ).to_json()
    return Verzoek("PUT", map_pvt_zroute.pad(_bsn(bericht), "pvt"), body)


def _bouw_zroute(bericht: DuoBericht) -> Verzoek:
    from leerroutes.models import Traject

    t = Traject.objects.filter(pk=_oid(bericht)).first()
    body = map_pvt_zroute.ResultaatZroute(t.z_afgerond_op if t else None).to_json()
    return Verzoek("PUT", map_pvt_zroute.pad(_bsn(bericht), "zroute"), body)


_UREN_SOORT: dict[str, str] = {
    BerichtSoort.UREN_TAAL: "taal_knm",
    BerichtSoort.UREN_INTAKE: "intake_taal",
    BerichtSoort.UREN_PARTICIPATIE: "participatie",
}


def uren_totaal(dossier, soort: str) -> tuple[int, Any]:
    """DUO's cumulative total for a category (whole hours attended, all our records of
    the dossier) and the date it is known until (the day after the last period:
    DUO's ``bekendTot`` is exclusive)."""
    from datetime import timedelta

    from django.db.models import Max

    from leerroutes.models import Urenregistratie

    agg = Urenregistratie.objects.filter(dossier=dossier, soort=_UREN_SOORT[soort]).aggregate(
        s=Sum("aanwezig"), tot=Max("periode_eind")
    )
    total = int(agg["s"] or Decimal(0))
    bekend_tot = agg["tot"] + timedelta(days=1) if agg["tot"] else None
    return total, bekend_tot


def _taal_uren(dossier) -> int:
    return uren_totaal(dossier, BerichtSoort.UREN_TAAL)[0]


def _bouw_uren(bericht: DuoBericht) -> Verzoek:
    total, _tot = uren_totaal(bericht.dossier, bericht.soort)
    body = gevolgde_uren.Uren(total).to_json()
    return Verzoek("PUT", gevolgde_uren.pad(_bsn(bericht), bericht.soort), body)


def aanbod_overtredingen(traject) -> list[rules.Overtreding]:
    from casefiles import rules as core_rules
    from pip_plans.services import huidige_versie

    dossier = traject.dossier
    versie = huidige_versie(dossier)
    return rules.inburgeringsaanbod(
        is_asiel=core_rules.is_asiel(dossier.doelgroep),
        heeft_pip=versie is not None,
        instellingsnummer=(traject.aanbieder.duo_code if traject.aanbieder else "") or "",
        dagtekening_pip=versie.dagtekening if versie else None,
        datum_aanbod=traject.datum_aanbod,
        verwachte_start=traject.datum_start,
        verwachte_eind=None,
        aanvang_taalschakeltraject=traject.aanvang_taalschakeltraject,
        einde_cursus=traject.einde_cursus,
        termijn_start=dossier.termijn_start,
        termijn_eind=dossier.termijn_eind,
    )


def _bouw_aanbod(bericht: DuoBericht) -> Verzoek:
    from leerroutes.models import Traject
    from pip_plans.services import huidige_versie

    t = Traject.objects.select_related("aanbieder", "dossier").get(pk=_oid(bericht))
    o = aanbod_overtredingen(t)
    if o:
        raise Ongeldig([x.bericht for x in o])
    versie = huidige_versie(t.dossier)
    body = inburgeringsaanbod.Inburgeringsaanbod(
        indicator_alfabetiseringsonderwijs=(versie.alfabetisering if versie else "") or "NVT",
        datum_inburgeringsaanbod=t.datum_aanbod,
        verwachte_startdatum_opleiding=t.datum_start,
    ).to_json()
    assert t.aanbieder is not None  # checked by aanbod_overtredingen (instellingsnummer)
    return Verzoek("POST", inburgeringsaanbod.pad(_bsn(bericht), t.aanbieder.duo_code), body)


_BOUWERS = {
    BerichtSoort.PIP: _bouw_pip,
    BerichtSoort.PIP_VERWIJDEREN: _bouw_pip_verwijderen,
    BerichtSoort.CP_REGISTREREN: _bouw_cp_registreren,
    BerichtSoort.CP_KOPPELEN: _bouw_cp_koppelen,
    BerichtSoort.CP_ONTKOPPELEN: _bouw_cp_ontkoppelen,
    BerichtSoort.CP_WIJZIGEN: _bouw_cp_wijzigen,
    BerichtSoort.MAP: _bouw_map,
    BerichtSoort.PVT: _bouw_pvt,
    BerichtSoort.ZROUTE: _bouw_zroute,
    BerichtSoort.UREN_TAAL: _bouw_uren,
    BerichtSoort.UREN_INTAKE: _bouw_uren,
    BerichtSoort.UREN_PARTICIPATIE: _bouw_uren,
    BerichtSoort.AANBOD: _bouw_aanbod,
}


def bouw(bericht: DuoBericht) -> Verzoek:
    """DUO's request for a recorded message, from the current data."""
    return _BOUWERS[BerichtSoort(bericht.soort)](bericht)


# --- sending ------------------------------------------------------------------------


def _antwoord_opslaan(bericht: DuoBericht, resp: DuoResponse) -> None:
    bericht.http_status = resp.status
    bericht.bericht_id = resp.bericht_id
    bericht.verzonden_op = timezone.now()
    if resp.ok:
        bericht.status = BerichtStatus.VERZONDEN
        bericht.reden = ""
        if bericht.soort == BerichtSoort.CP_REGISTREREN:
            duo_id = cp_schema.contactpersoon_id(resp.body)
            DuoContactpersoon.objects.update_or_create(
                gemeente=bericht.gemeente,
                medewerker_id=bericht.object_id,
                defaults={"duo_id": duo_id, "geregistreerd_op": timezone.now()},
            )
    else:
        # A 4xx: DUO refused the message for good. Retrying the same data cannot help;
        # the reason is kept for the werkcoach and the beheerder.
        bericht.status = BerichtStatus.GEWEIGERD
        teksten = resp.foutteksten()
        bericht.reden = zonder_bsn(
            "; ".join(teksten) if teksten else f"DUO antwoordde met HTTP-status {resp.status}."
        )[:2000]
    bericht.save(update_fields=["http_status", "bericht_id", "verzonden_op", "status", "reden"])


def _pip_wacht(bericht: DuoBericht) -> bool:
    """An earlier PIP message of the same dossier is still on its way (not given up)."""
    if bericht.dossier_id is None:
        return False
    return (
        DuoBericht.objects.filter(
            dossier_id=bericht.dossier_id,
            soort=BerichtSoort.PIP,
            status=BerichtStatus.WACHT,
            pk__lt=bericht.pk,
        )
        .exclude(outbox_job__status="failed")
        .exists()
    )


def bericht_versturen(*, bericht_id: int) -> str:
    """Send one recorded message (the outbox handler). Idempotent: a message that is no
    longer waiting is skipped. Raises :class:`DuoUnavailable` when DUO cannot be
    reached (the outbox retries with backoff); stores DUO's answer otherwise.

    A 4xx is stored as 'geweigerd' and the job ends: raising OutboxPermanentError
    would roll back the stored answer, because the handler runs in the job's
    transaction."""
    bericht = (
        DuoBericht.objects.select_for_update(of=("self",))
        .select_related("gemeente", "dossier__inburgeraar")
        .filter(pk=bericht_id)
        .first()
    )
    if bericht is None or bericht.status != BerichtStatus.WACHT:
        return "overgeslagen"
    if not conf.enabled_for(bericht.gemeente):
        raise outbox.OutboxPermanentError(f"DUO-koppeling staat uit (bericht {bericht.pk})")
    if bericht.soort not in (BerichtSoort.PIP, BerichtSoort.CP_REGISTREREN) and _pip_wacht(bericht):
        # DUO refuses MAP, PVT, aanbod, … without a PIP of ours: the PIP goes first.
        raise DuoUnavailable(f"wacht op het PIP-bericht van het dossier (bericht {bericht.pk})")
    try:
        verzoek = bouw(bericht)
    except Vervallen:
        bericht.status = BerichtStatus.VERVALLEN
        bericht.save(update_fields=["status"])
        return "vervallen"
    except Ongeldig as exc:
        bericht.status = BerichtStatus.ONGELDIG
        bericht.reden = "; ".join(exc.meldingen)[:2000]
        bericht.save(update_fields=["status", "reden"])
        return "ongeldig"
    ref = f"outbox:{bericht.outbox_job_id}" if bericht.outbox_job_id else f"duobericht:{bericht.pk}"
    resp = DuoClient(bericht.gemeente).request(
        verzoek.methode, verzoek.pad, json=verzoek.body, ref=ref
    )
    _antwoord_opslaan(bericht, resp)
    return bericht.status


def contactpersoon_wijzigen(*, dossier, oud_id: int | None, nieuw_id: int | None) -> None:
    """The dossier's werkcoach changed: couple the new one at DUO (which overwrites the
    previous koppeling, DUO M2M README 'Koppelen van een Contactpersoon'), or decouple
    the old one when no werkcoach is left. A werkcoach not yet known at DUO is
    registered first (one registration per gemeente and medewerker)."""
    gemeente = dossier.gemeente
    if not conf.enabled_for(gemeente):
        return
    token = uuid.uuid4().hex[:12]
    if nieuw_id is not None:
        cp, _created = DuoContactpersoon.objects.get_or_create(
            gemeente=gemeente, medewerker_id=nieuw_id
        )
        if cp.duo_id is None:
            bericht_aanmaken(
                soort=BerichtSoort.CP_REGISTREREN,
                gemeente=gemeente,
                object_id=nieuw_id,
                dedup_key=f"cp_registreren:{gemeente.pk}:{nieuw_id}",
            )
        bericht_aanmaken(
            soort=BerichtSoort.CP_KOPPELEN,
            gemeente=gemeente,
            dossier=dossier,
            object_id=nieuw_id,
            dedup_key=f"cp_koppelen:{dossier.pk}:{nieuw_id}:{token}",
        )
    elif (
        oud_id is not None
        and DuoContactpersoon.objects.filter(gemeente=gemeente, medewerker_id=oud_id).exists()
    ):
        bericht_aanmaken(
            soort=BerichtSoort.CP_ONTKOPPELEN,
            gemeente=gemeente,
            dossier=dossier,
            object_id=oud_id,
            dedup_key=f"cp_ontkoppelen:{dossier.pk}:{oud_id}:{token}",
        )


def contactpersoon_gegevens_gewijzigd(*, medewerker_id: int) -> None:
    """A registered contactpersoon's name, e-mail or phone may have changed: for every
    gemeente where DUO knows the medewerker, queue a PUT of the current data (once per
    distinct set of data: the dedup key holds a hash of it, not the data)."""
    import hashlib

    from django.contrib.auth import get_user_model

    cps = list(
        DuoContactpersoon.objects.filter(
            medewerker_id=medewerker_id, duo_id__isnull=False
        ).select_related("gemeente")
    )
    if not cps:
        return
    medewerker = get_user_model().objects.select_related("profiel").get(pk=medewerker_id)
    for cp in cps:
        gegevens = contactpersoongegevens(medewerker, cp.gemeente).to_json()
        digest = hashlib.sha256(repr(sorted(gegevens.items())).encode()).hexdigest()[:16]
        bericht_aanmaken(
            soort=BerichtSoort.CP_WIJZIGEN,
            gemeente=cp.gemeente,
            object_id=medewerker_id,
            dedup_key=f"cp_wijzigen:{cp.gemeente_id}:{medewerker_id}:{digest}",
        )
