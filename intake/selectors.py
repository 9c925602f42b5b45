"""Reads of the brede intake. The dossier itself is scoped by
``casefiles.permissions.dossier_view`` / ``casefiles.selectors.dossier_get``; every
read here starts from such a dossier. Health data is only reachable through
:func:`gezondheid_get`, which checks the special-category rule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet, Sum
from django.http import Http404

from casefiles.choices import Levensdomein
from casefiles.models import Dossier
from casefiles.permissions import can_see_special_category

from . import rules
from .choices import IntakeStatus
from .models import BredeIntake, IntakeGezondheid

# Fields of BredeIntake that lists may load. The health data is not on this model
# at all; this only keeps the wide text fields out of list queries.
_LIJST_VELDEN = (
    "id",
    "dossier_id",
    "status",
    "datum",
    "afgerond_op",
    "locatie",
    "uren",
    "gekozen_route",
    "gekozen_niveau",
    "advies_route",
    "uitgevoerd_door",
)


def intake_list(*, dossier: Dossier) -> QuerySet[BredeIntake]:
    """The dossier's intakes, newest first."""
    return (
        BredeIntake.objects.filter(dossier=dossier)
        .select_related("uitgevoerd_door")
        .only(
            *_LIJST_VELDEN,
            "uitgevoerd_door__first_name",
            "uitgevoerd_door__last_name",
            "uitgevoerd_door__username",
        )
        .order_by("-datum", "-id")
    )


def intake_get(*, dossier: Dossier, pk: int, met_lijsten: bool = True) -> BredeIntake:
    """One intake of this dossier (404 when it belongs to another dossier), with the
    dossier already attached. ``met_lijsten=False``: without the work history and
    the life-domain scores (saving one section needs neither)."""
    qs = BredeIntake.objects.select_related("uitgevoerd_door", "keuze_door")
    if met_lijsten:
        qs = qs.prefetch_related("werkervaring", "levensdomeinen")
    try:
        intake = qs.get(dossier=dossier, pk=pk)
    except BredeIntake.DoesNotExist as exc:
        raise Http404 from exc
    intake.dossier = dossier  # the same row: no query when a service needs it
    return intake


def intake_open(*, dossier: Dossier) -> BredeIntake | None:
    """The intake that is gepland or lopend, if any."""
    return (
        BredeIntake.objects.filter(dossier=dossier)
        .exclude(status=IntakeStatus.AFGEROND)
        .order_by("-datum", "-id")
        .first()
    )


def gezondheid_get(*, user, intake: BredeIntake) -> IntakeGezondheid | None:
    """The health section, only for the dossier's assigned werkcoach or consulent
    (PermissionDenied otherwise). Callers log the read with a purpose."""
    if not can_see_special_category(user, intake.dossier):
        raise PermissionDenied
    return IntakeGezondheid.objects.filter(intake=intake).first()


# --- route advice ---------------------------------------------------------------------


def route_feiten(*, intake: BredeIntake) -> rules.RouteFeiten:
    dossier = intake.dossier
    return rules.RouteFeiten(
        lbt_uitslag=intake.lbt_uitslag,
        alfabetisering=intake.alfabetisering,
        opleiding_niveau=intake.opleiding_niveau,
        leeftijd=rules.leeftijd_op(dossier.inburgeraar.geboortedatum, intake.datum),
        beoogde_opleiding=intake.beoogde_opleiding,
        onderwijsroute_max_leeftijd=dossier.gemeente.onderwijsroute_max_leeftijd,
    )


def advies_voor(*, intake: BredeIntake) -> rules.RouteAdvies:
    """The advice from the intake's current facts."""
    return rules.route_advies(route_feiten(intake=intake))


# --- PIP deadline ---------------------------------------------------------------------


def _info_derden(dossier: Dossier) -> tuple[date | None, date | None]:
    row = (
        BredeIntake.objects.filter(dossier=dossier, info_derden_opgevraagd_op__isnull=False)
        .order_by("-info_derden_opgevraagd_op", "-id")
        .values_list("info_derden_opgevraagd_op", "info_derden_ontvangen_op")
        .first()
    )
    return row if row else (None, None)


def pip_deadline_info(
    *, dossier: Dossier, info_derden: tuple[date | None, date | None] | None = None
) -> rules.PipDeadline | None:
    """The legal PIP deadline with its ground (see :func:`intake.rules.pip_deadline`).
    ``info_derden``: (asked, received) when the caller already knows them (a dossier
    without intakes: (None, None)); read from the intakes otherwise."""
    opgevraagd, ontvangen = info_derden if info_derden is not None else _info_derden(dossier)
    return rules.pip_deadline(
        regime=dossier.regime,
        duo_melding=dossier.datum_duo_melding,
        vestiging=dossier.datum_vestiging,
        info_opgevraagd=opgevraagd,
        info_ontvangen=ontvangen,
    )


def pip_deadline_taak(*, dossier: Dossier):
    """The task that carries the PIP clock (open, afgerond once the PIP is
    vastgesteld, or vervallen), or None."""
    from casefiles.models import Taak

    return Taak.objects.filter(dossier=dossier, sleutel="pip_deadline").first()


def pip_deadline_for(*, dossier: Dossier) -> date | None:
    """The date by which the first PIP must be vastgesteld; None when no clock runs
    (Wi 2013, or no DUO notice nor vestiging known). Also returned after the PIP was
    vastgesteld, so "on time" can be measured."""
    info = pip_deadline_info(dossier=dossier)
    return info.deadline if info else None


# --- summary (the PIP starts from it) -------------------------------------------------


@dataclass(frozen=True)
class DomeinScore:
    domein: str
    label: str
    score: int | None
    toelichting: str


@dataclass(frozen=True)
class IntakeSummary:
    """What the PIP needs from the intake. Never holds health (special-category) data."""

    intake_id: int
    datum: date | None
    status: str
    advies_route: str | None
    advies_redenen: list[str]
    gekozen_route: str | None
    gekozen_niveau: str | None
    keuze_motivatie: str
    alfabetisering: str
    leerbaarheidstoets: str
    uren: Decimal
    levensdomeinen: list[DomeinScore]
    participatieladder: int | None


def _samenvatting_intake(dossier: Dossier) -> BredeIntake | None:
    qs = BredeIntake.objects.filter(dossier=dossier).select_related(
        "dossier__inburgeraar", "dossier__gemeente"
    )
    return (
        qs.filter(status=IntakeStatus.AFGEROND).order_by("-afgerond_op", "-datum", "-id").first()
        or qs.order_by("-datum", "-id").first()
    )


def keuze_motivatie_tekst(intake: BredeIntake) -> str:
    tekst = intake.keuze_motivatie.strip()
    if intake.afwijking_reden.strip():
        tekst = (f"{tekst}\n\nAfwijking van het advies: {intake.afwijking_reden.strip()}").strip()
    return tekst


def levensdomein_scores(*, intake: BredeIntake) -> list[DomeinScore]:
    """All five domains in the fixed order, with empty scores where none was given."""
    scores = {s.domein: s for s in intake.levensdomeinen.all()}
    result = []
    for domein in Levensdomein:
        s = scores.get(domein.value)
        result.append(
            DomeinScore(
                domein=domein.value,
                label=str(domein.label),
                score=s.score if s else None,
                toelichting=s.toelichting if s else "",
            )
        )
    return result


def intake_summary(*, dossier: Dossier) -> IntakeSummary | None:
    """From the latest afgeronde intake (or else the latest intake). The advice is
    the one recorded with the route choice, or else computed from today's facts."""
    intake = _samenvatting_intake(dossier)
    if intake is None:
        return None
    if intake.advies_route:
        advies_route, redenen = intake.advies_route, list(intake.advies_redenen)
    else:
        advies = advies_voor(intake=intake)
        advies_route, redenen = advies.route, list(advies.redenen)
    return IntakeSummary(
        intake_id=intake.pk,
        datum=intake.datum,
        status=intake.status,
        advies_route=advies_route or None,
        advies_redenen=redenen,
        gekozen_route=intake.gekozen_route or None,
        gekozen_niveau=intake.gekozen_niveau or None,
        keuze_motivatie=keuze_motivatie_tekst(intake),
        alfabetisering=rules.duo_alfabetisering(intake.alfabetisering),
        leerbaarheidstoets=intake.get_lbt_uitslag_display() if intake.lbt_uitslag else "",
        uren=intake_uren(dossier=dossier),
        levensdomeinen=levensdomein_scores(intake=intake),
        participatieladder=intake.participatieladder,
    )


def intake_uren(*, dossier: Dossier) -> Decimal:
    """All hours spent in brede intakes of the dossier (Z-route participation hours,
    Bi art. 3.14)."""
    total = BredeIntake.objects.filter(dossier=dossier).aggregate(t=Sum("uren"))["t"]
    return total if total is not None else Decimal("0")


KERNVELDEN: dict[str, tuple[str, ...]] = {
    "algemeen": ("datum", "locatie", "uren"),
    "leerbaarheidstoets": ("lbt_uitslag",),
    "opleiding": (
        "opleiding_niveau",
        "opleiding_jaren",
        "opleiding_land",
        "alfabetisering",
        "beoogde_opleiding",
    ),
    "talen": ("nl_lezen", "nl_luisteren", "nl_schrijven", "nl_spreken"),
    "motivatie": (
        "motivatie",
        "interesses",
        "competenties",
        "werknemersvaardigheden",
        "digitale_vaardigheden",
    ),
    "situatie": ("gezinssituatie", "huisvesting"),
    "financien": ("schulden",),
    "netwerk": ("sociaal_netwerk",),
    "participatieladder": ("participatieladder",),
}
"""Per section the questions that should be answered for the section to count as
complete (yes/no questions and optional notes do not count: "no" is an answer)."""


@dataclass(frozen=True)
class Volledigheid:
    ingevuld: int
    totaal: int

    @property
    def volledig(self) -> bool:
        return self.ingevuld >= self.totaal

    @property
    def tekst(self) -> str:
        return "volledig" if self.volledig else f"{self.ingevuld} van {self.totaal} ingevuld"


def intake_volledigheid(
    *, intake: BredeIntake, scores: list[DomeinScore], werkervaring: list
) -> dict[str, Volledigheid]:
    """How complete each part of the intake is (saved state), for the step list."""
    from .services import SECTIES

    result = {}
    for key, (_label, velden) in SECTIES.items():
        kern = [n for n in KERNVELDEN.get(key, ()) if n in velden]
        ingevuld = sum(1 for n in kern if getattr(intake, n, None) not in (None, ""))
        result[key] = Volledigheid(ingevuld, len(kern))
    result["werkervaring"] = Volledigheid(min(len(werkervaring), 1), 1)
    result["levensdomeinen"] = Volledigheid(sum(1 for d in scores if d.score), len(scores))
    result["keuze"] = Volledigheid(1 if intake.gekozen_route else 0, 1)
    return result


def leerroute_uitleg(*, dossier: Dossier, route: str) -> list[str]:
    """ "Waarom deze leerroute?" for the PIP letter, in B1 sentences from the facts of
    the intake the PIP was drafted from (rules.leerroute_uitleg_b1). Never internal
    notes, never health."""
    intake = _samenvatting_intake(dossier)
    feiten = route_feiten(intake=intake) if intake is not None else rules.RouteFeiten()
    return rules.leerroute_uitleg_b1(route, feiten)
