"""Reads of the leerroutes app. Dossier scoping happens in casefiles (dossier_view /
dossier_list); these functions take an already-scoped dossier or user."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Max, Q, QuerySet, Sum
from django.utils import timezone

from casefiles.choices import DossierStatus, Leerroute
from casefiles.permissions import user_gemeente_ids

from . import rules
from .choices import ExamenOnderdeel, ExamenResultaat, MapPvtStatus, UrenSoort
from .models import (
    Aanbieder,
    Examen,
    MapInschrijving,
    PvtInschrijving,
    Traject,
    Urenregistratie,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ZERO = Decimal(0)

Z_TAAL_SOORTEN = (UrenSoort.TAAL_KNM, UrenSoort.INTAKE_TAAL)
"""Language hours for the Z-route: at the provider plus the language lessons during
the brede intake (DUO keeps both counts; Bi art. 3.14)."""

Z_PARTICIPATIE_SOORTEN = (UrenSoort.PARTICIPATIE, UrenSoort.TAALSTAGE_WERK)
"""Participation hours for the Z-route; the hours of the brede intake itself come on
top (intake.selectors.intake_uren; Bi art. 3.14)."""


def cursus_uren(*, dossier) -> Decimal:
    """Attended language+KNM hours at the provider over all trajectories of the
    dossier (after schakelen the earlier route's hours still count — DUO Gevolgde uren).
    Used for afschalen (≥ 600 course hours, Wi art. 17)."""
    total = Urenregistratie.objects.filter(dossier=dossier, soort=UrenSoort.TAAL_KNM).aggregate(
        s=Sum("aanwezig")
    )["s"]
    return total or ZERO


def intake_uren_veilig(*, dossier) -> Decimal:
    """Hours spent in the brede intake (intake app). Falls back to 0 while the intake
    app does not offer ``intake_uren``."""
    try:
        from intake.selectors import intake_uren
    except ImportError:
        return ZERO
    try:
        return Decimal(intake_uren(dossier=dossier) or 0)
    except Exception:  # noqa: BLE001 - a half-built intake app must not break this page
        return ZERO


def traject_actueel(*, dossier) -> Traject | None:
    """The running trajectory, or else the most recent one."""
    trajecten = list(traject_list(dossier=dossier))
    for t in trajecten:
        if t.is_lopend:
            return t
    return trajecten[0] if trajecten else None


def traject_list(*, dossier) -> QuerySet[Traject]:
    return (
        Traject.objects.filter(dossier=dossier)
        .select_related("aanbieder")
        .order_by("-datum_aanmelding", "-id")
    )


def uren_list(*, dossier) -> QuerySet[Urenregistratie]:
    return Urenregistratie.objects.filter(dossier=dossier).select_related("aanbieder")


class UrenTotaal(TypedDict):
    """Hours of one kind (UrenSoort) for a dossier, with its label for display."""

    label: StrOrPromise
    aanwezig: Decimal
    geoorloofd: Decimal
    ongeoorloofd: Decimal


def uren_totalen(*, dossier) -> dict[str, UrenTotaal]:
    """Per kind: attended, absent excused, absent unexcused (one query)."""
    rows = (
        Urenregistratie.objects.filter(dossier=dossier)
        .values("soort")
        .annotate(
            aanwezig=Sum("aanwezig"),
            geoorloofd=Sum("afwezig_geoorloofd"),
            ongeoorloofd=Sum("afwezig_ongeoorloofd"),
        )
    )
    result: dict[str, UrenTotaal] = {
        s.value: {"label": s.label, "aanwezig": ZERO, "geoorloofd": ZERO, "ongeoorloofd": ZERO}
        for s in UrenSoort
    }
    for r in rows:
        totaal = result[r["soort"]]
        totaal["aanwezig"] = r["aanwezig"] or ZERO
        totaal["geoorloofd"] = r["geoorloofd"] or ZERO
        totaal["ongeoorloofd"] = r["ongeoorloofd"] or ZERO
    return result


def examen_list(*, dossier) -> QuerySet[Examen]:
    return Examen.objects.filter(dossier=dossier).order_by("-datum", "onderdeel", "-id")


def map_actueel(*, dossier) -> MapInschrijving | None:
    return (
        MapInschrijving.objects.filter(dossier=dossier)
        .exclude(status=MapPvtStatus.GESTOPT)
        .select_related("aanbieder")
        .first()
    )


def pvt_actueel(*, dossier) -> PvtInschrijving | None:
    return (
        PvtInschrijving.objects.filter(dossier=dossier)
        .exclude(status=MapPvtStatus.GESTOPT)
        .select_related("aanbieder")
        .first()
    )


def laatste_uren_datum(*, dossier) -> date | None:
    return Urenregistratie.objects.filter(dossier=dossier).aggregate(m=Max("periode_eind"))["m"]


def aanbieders_voor_gemeente(*, gemeente) -> QuerySet[Aanbieder]:
    return Aanbieder.objects.filter(gemeenten=gemeente).order_by("naam")


def aanbieders_voor_user(*, user) -> QuerySet[Aanbieder]:
    """Providers serving at least one of the user's gemeenten (for the import)."""
    return (
        Aanbieder.objects.filter(gemeenten__in=user_gemeente_ids(user)).distinct().order_by("naam")
    )


def dossiers_voor_signalen():
    """Dossiers whose leerroute signals the daily sweep keeps in step."""
    from casefiles.models import Dossier

    return Dossier.objects.filter(
        Q(status=DossierStatus.UITVOERING) | Q(trajecten__isnull=False)
    ).distinct()


@dataclass
class LeerrouteOverzicht:
    """Everything the Leerroute tab shows at a glance."""

    traject: Traject | None
    trajecten: list[Traject]
    uren: list[Urenregistratie]
    totalen: dict[str, UrenTotaal]
    examens: list[Examen]
    map: MapInschrijving | None
    pvt: PvtInschrijving | None
    cursus_uren: Decimal
    intake_uren: Decimal
    z_taal: Decimal
    z_participatie: Decimal
    voortgang: list = field(default_factory=list)
    stand: rules.RouteStand | None = None
    afschalen: rules.AfschalenAdvies | None = None
    map_suggestie: date | None = None
    map_toegestaan: bool = True
    pvt_compleet: bool = False
    waarschuwingen: list[str] = field(default_factory=list)
    kosten_totaal: Decimal = ZERO
    onderdelen: list[dict] = field(default_factory=list)
    boete_map: str = ""
    boete_pvt: str = ""


def leerroute_overzicht(
    *, dossier, today: date | None = None, met_uren: bool = True
) -> LeerrouteOverzicht:
    """Hours, exams, MAP, PVT and the rules' verdicts for one dossier, in a fixed
    number of queries. ``met_uren=False`` leaves the registrations out: the tab
    pages them itself (issue 16), the totals never depend on them."""
    return overzicht_bouwen(
        dossier=dossier,
        trajecten=list(traject_list(dossier=dossier)),
        totalen=uren_totalen(dossier=dossier),
        examens=list(examen_list(dossier=dossier)),
        map_=map_actueel(dossier=dossier),
        pvt=pvt_actueel(dossier=dossier),
        intake=intake_uren_veilig(dossier=dossier),
        uren=list(uren_list(dossier=dossier)[:50]) if met_uren else [],
        today=today or timezone.localdate(),
    )


def overzicht_bouwen(
    *,
    dossier,
    trajecten: list[Traject],
    totalen: dict[str, UrenTotaal],
    examens: list[Examen],
    map_: MapInschrijving | None,
    pvt: PvtInschrijving | None,
    intake: Decimal,
    uren: list[Urenregistratie],
    today: date,
    met_boete: bool = True,
) -> LeerrouteOverzicht:
    """The overview from already loaded records (one dossier's, in the selectors'
    order): shared by :func:`leerroute_overzicht` and the set-based signals sweep
    (:func:`signalen_gegevens`). ``met_boete=False`` skips the fine's doelgroep lookup
    (a query; the signals do not use it)."""
    traject = next((t for t in trajecten if t.is_lopend), trajecten[0] if trajecten else None)
    z_taal = sum((totalen[s]["aanwezig"] for s in Z_TAAL_SOORTEN), ZERO)
    z_part = sum((totalen[s]["aanwezig"] for s in Z_PARTICIPATIE_SOORTEN), ZERO) + intake
    cursus = totalen[UrenSoort.TAAL_KNM]["aanwezig"]
    o = LeerrouteOverzicht(
        traject=traject,
        trajecten=trajecten,
        uren=uren,
        totalen=totalen,
        examens=examens,
        map=map_,
        pvt=pvt,
        cursus_uren=cursus,
        intake_uren=intake,
        z_taal=z_taal,
        z_participatie=z_part,
    )
    uitslagen = [(e.onderdeel, e.niveau, e.resultaat == ExamenResultaat.BEHAALD) for e in examens]
    if traject is not None:
        if traject.route == Leerroute.Z:
            o.voortgang = rules.z_voortgang(
                doelgroep=dossier.doelgroep, taal=z_taal, participatie=z_part
            )
        o.stand = rules.route_voldaan(
            route=traject.route,
            niveau=traject.niveau,
            doelgroep=dossier.doelgroep,
            afgeschaald=traject.afgeschaalde_onderdelen,
            uitslagen=uitslagen,
            uren_taal=z_taal,
            uren_participatie=z_part,
            z_eindgesprek=traject.z_eindgesprek,
        )
        gehaald = rules.behaalde_onderdelen(
            route=traject.route,
            niveau=traject.niveau,
            afgeschaald=traject.afgeschaalde_onderdelen,
            uitslagen=uitslagen,
        )
        o.onderdelen = _onderdelen(traject, examens, gehaald)
        o.afschalen = rules.afschalen_mogelijk(
            route=traject.route,
            cursus_uren=cursus,
            gehaald=gehaald,
            afgeschaald=traject.afgeschaalde_onderdelen,
        )
        o.map_toegestaan = rules.map_toegestaan(traject.route)
        start = traject.datum_start or traject.datum_aanbod
        map_aanbieder = (map_.aanbieder if map_ else None) or traject.aanbieder
        o.map_suggestie = rules.map_cohort_suggestie(
            route=traject.route,
            route_start=start,
            startmaanden=map_aanbieder.startmaanden if map_aanbieder else (),
        )
    o.kosten_totaal += sum((t.kosten or ZERO for t in trajecten), ZERO)
    o.pvt_compleet = pvt is not None and rules.pvt_compleet(
        uren=pvt.uren, datum_ondertekening=pvt.datum_ondertekening
    )
    for ins in (map_, pvt):
        if ins is not None:
            o.kosten_totaal += ins.kosten or ZERO
    o.waarschuwingen = _waarschuwingen(dossier, traject, map_, pvt, o.map_toegestaan)
    if met_boete and ((map_ and map_.verwijtbaar) or (pvt and pvt.verwijtbaar)):
        from casefiles.selectors import doelgroep_op

        # the doelgroep on the last day of the termijn, when the obligation was broken
        doelgroep = doelgroep_op(dossier=dossier, op=dossier.termijn_eind)
        if map_ and map_.verwijtbaar:
            o.boete_map = rules.duo_boete_map_pvt(
                verwijtbaar=map_.verwijtbaar, doelgroep=doelgroep
            )[1]
        if pvt and pvt.verwijtbaar:
            o.boete_pvt = rules.duo_boete_map_pvt(verwijtbaar=pvt.verwijtbaar, doelgroep=doelgroep)[
                1
            ]
    return o


@dataclass
class SignalenGegevens:
    """What the signals of one dossier are computed from (:func:`signalen_gegevens`)."""

    overzicht: LeerrouteOverzicht
    laatste_uren: date | None


def signalen_gegevens(*, dossiers: list, today: date) -> dict[int, SignalenGegevens]:
    """The leerroute overview (without the fine) and the last hours date of MANY
    dossiers in a constant number of queries (trajecten, hour totals, exams, MAP, PVT,
    intake hours): for the set-based signals sweep (services.signalen_sweep)."""
    ids = [d.pk for d in dossiers]
    trajecten: dict[int, list[Traject]] = {i: [] for i in ids}
    for t in (
        Traject.objects.filter(dossier_id__in=ids)
        .select_related("aanbieder")
        .order_by("-datum_aanmelding", "-id")
    ):
        trajecten[t.dossier_id].append(t)
    totalen: dict[int, dict[str, UrenTotaal]] = {
        i: {
            s.value: {"label": s.label, "aanwezig": ZERO, "geoorloofd": ZERO, "ongeoorloofd": ZERO}
            for s in UrenSoort
        }
        for i in ids
    }
    laatste: dict[int, date | None] = dict.fromkeys(ids)
    for r in (
        Urenregistratie.objects.filter(dossier_id__in=ids)
        .values("dossier_id", "soort")
        .annotate(
            aanwezig=Sum("aanwezig"),
            geoorloofd=Sum("afwezig_geoorloofd"),
            ongeoorloofd=Sum("afwezig_ongeoorloofd"),
            laatste=Max("periode_eind"),
        )
        .order_by()
    ):
        totaal = totalen[r["dossier_id"]][r["soort"]]
        totaal["aanwezig"] = r["aanwezig"] or ZERO
        totaal["geoorloofd"] = r["geoorloofd"] or ZERO
        totaal["ongeoorloofd"] = r["ongeoorloofd"] or ZERO
        vorige = laatste[r["dossier_id"]]
        laatste[r["dossier_id"]] = max(filter(None, (vorige, r["laatste"])), default=None)
    examens: dict[int, list[Examen]] = {i: [] for i in ids}
    for e in Examen.objects.filter(dossier_id__in=ids).order_by("-datum", "onderdeel", "-id"):
        examens[e.dossier_id].append(e)
    modules: dict[type, dict[int, object]] = {}
    for model in (MapInschrijving, PvtInschrijving):
        eerste: dict[int, object] = {}
        for ins in (
            model.objects.filter(dossier_id__in=ids)
            .exclude(status=MapPvtStatus.GESTOPT)
            .select_related("aanbieder")
            .order_by("-aangemaakt_op", "-id")  # as .first() in map_actueel/pvt_actueel
        ):
            eerste.setdefault(ins.dossier_id, ins)
        modules[model] = eerste
    intake = _intake_uren_per_dossier(ids)
    return {
        d.pk: SignalenGegevens(
            overzicht=overzicht_bouwen(
                dossier=d,
                trajecten=trajecten[d.pk],
                totalen=totalen[d.pk],
                examens=examens[d.pk],
                map_=modules[MapInschrijving].get(d.pk),  # type: ignore[arg-type]
                pvt=modules[PvtInschrijving].get(d.pk),  # type: ignore[arg-type]
                intake=intake.get(d.pk, ZERO),
                uren=[],
                today=today,
                met_boete=False,
            ),
            laatste_uren=laatste[d.pk],
        )
        for d in dossiers
    }


def _intake_uren_per_dossier(ids: list[int]) -> dict[int, Decimal]:
    """intake.selectors.intake_uren for many dossiers in one query."""
    try:
        from intake.models import BredeIntake
    except ImportError:  # pragma: no cover - as intake_uren_veilig
        return {}
    return {
        r["dossier_id"]: Decimal(r["t"] or 0)
        for r in BredeIntake.objects.filter(dossier_id__in=ids)
        .values("dossier_id")
        .annotate(t=Sum("uren"))
        .order_by()
    }


def _onderdelen(traject, examens, gehaald) -> list[dict]:
    """Per exam part: the level needed, passed or not, attempts and the latest result."""
    result = []
    for onderdeel in (*rules.TAALONDERDELEN, ExamenOnderdeel.KNM):
        pogingen = [e for e in examens if e.onderdeel == onderdeel]
        result.append(
            {
                "onderdeel": onderdeel.value,
                "label": onderdeel.label,
                "nodig": ""
                if onderdeel == ExamenOnderdeel.KNM
                else rules.vereist_niveau(
                    route=traject.route,
                    niveau=traject.niveau,
                    onderdeel=onderdeel,
                    afgeschaald=traject.afgeschaalde_onderdelen,
                ),
                "behaald": onderdeel in gehaald,
                "afgeschaald": onderdeel in traject.afgeschaalde_onderdelen,
                "pogingen": len(pogingen),
                "laatste": pogingen[0] if pogingen else None,
            }
        )
    return result


def _waarschuwingen(dossier, traject, map_, pvt, map_toegestaan) -> list[str]:
    w: list[str] = []
    ts, te = dossier.termijn_start, dossier.termijn_eind
    if map_ is not None and not map_toegestaan:
        w.append("Deze leerroute kent geen MAP (alleen B1- en Z-route).")
    if map_ is not None:
        for d in (map_.cohort_start, map_.datum_eindgesprek):
            if d and not rules.binnen_termijn(d, ts, te):
                w.append("De MAP valt (deels) buiten de inburgeringstermijn.")
                break
    if pvt is not None and pvt.datum_ondertekening:
        if not rules.binnen_termijn(pvt.datum_ondertekening, ts, te):
            w.append("De participatieverklaring is buiten de inburgeringstermijn ondertekend.")
        if pvt.uren < rules.PVT_MIN_UREN:
            w.append(f"Het PVT heeft minder dan {rules.PVT_MIN_UREN:.0f} uur.")
    if traject is not None:
        for d, naam in (
            (traject.aanvang_taalschakeltraject, "aanvang taalschakeltraject"),
            (traject.einde_cursus, "einde cursus"),
        ):
            if d and not rules.binnen_termijn(d, ts, te):
                w.append(f"De {naam} valt buiten de inburgeringstermijn.")
    return w
