"""Reads of the PIP app used by views: always within one dossier that
casefiles.permissions.dossier_view already scoped to the user."""

from __future__ import annotations

from datetime import date
from typing import cast

from django.db.models import Field, Prefetch, QuerySet
from django.http import Http404

from casefiles.models import Dossier

from .choices import VersieStatus
from .models import (
    GesprekDoelUitkomst,
    Handhaving,
    PipBrief,
    PipDoel,
    PipVersie,
    Voortgangsgesprek,
)


def pip_versies(*, dossier: Dossier) -> QuerySet[PipVersie]:
    return (
        PipVersie.objects.filter(dossier=dossier)
        .select_related("vervangt", "vastgesteld_door", "aanbieder")
        .order_by("-nummer")
    )


def pip_versie_get(*, dossier: Dossier, pk: int) -> PipVersie:
    try:
        return (
            PipVersie.objects.filter(dossier=dossier)
            .select_related("vervangt", "vastgesteld_door", "aanbieder", "ingetrokken_door")
            .prefetch_related(
                Prefetch("doelen", queryset=PipDoel.objects.order_by("volgorde", "id"))
            )
            .get(pk=pk)
        )
    except PipVersie.DoesNotExist as exc:
        raise Http404 from exc


def pip_huidig(*, dossier: Dossier) -> PipVersie | None:
    return (
        PipVersie.objects.filter(dossier=dossier, status=VersieStatus.VASTGESTELD)
        .select_related("aanbieder")
        .prefetch_related("doelen")
        .order_by("-nummer")
        .first()
    )


def pip_concept(*, dossier: Dossier) -> PipVersie | None:
    return PipVersie.objects.filter(dossier=dossier, status=VersieStatus.CONCEPT).first()


def pip_vaststellingsdatum(*, dossier: Dossier) -> date | None:
    """The dagtekening of the first vastgestelde PIP (for the dashboard: was the PIP
    on time?). Withdrawn versions count too: they were vastgesteld once."""
    return (
        PipVersie.objects.filter(dossier=dossier)
        .exclude(status=VersieStatus.CONCEPT)
        .order_by("nummer")
        .values_list("dagtekening", flat=True)
        .first()
    )


def pip_brieven(*, dossier: Dossier) -> QuerySet[PipBrief]:
    return PipBrief.objects.filter(versie__dossier=dossier).select_related("versie")


def pip_brief_get(*, dossier: Dossier, pk: int) -> PipBrief:
    try:
        return PipBrief.objects.select_related("versie").get(versie__dossier=dossier, pk=pk)
    except PipBrief.DoesNotExist as exc:
        raise Http404 from exc


def gesprekken(*, dossier: Dossier) -> QuerySet[Voortgangsgesprek]:
    return (
        Voortgangsgesprek.objects.filter(dossier=dossier)
        .select_related("gevoerd_door", "pip_versie", "pip_wijziging")
        .prefetch_related(
            Prefetch(
                "uitkomsten",
                queryset=GesprekDoelUitkomst.objects.select_related("doel").order_by(
                    "doel__volgorde", "doel_id"
                ),
            )
        )
        .order_by("gepland_op", "pk")
    )


def gesprek_get(*, dossier: Dossier, pk: int) -> Voortgangsgesprek:
    try:
        return gesprekken(dossier=dossier).get(pk=pk)
    except Voortgangsgesprek.DoesNotExist as exc:
        raise Http404 from exc


def handhavingen(*, dossier: Dossier) -> QuerySet[Handhaving]:
    return Handhaving.objects.filter(dossier=dossier).select_related(
        "vastgelegd_door", "pip_versie"
    )


VERGELIJK_VELDEN = [
    "reden",
    "reden_toelichting",
    "dagtekening",
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


def _label(veld: str) -> str:
    # VERGELIJK_VELDEN lists concrete fields only, so get_field() returns a Field.
    return str(cast(Field, PipVersie._meta.get_field(veld)).verbose_name)


def _toon(versie: PipVersie, veld: str) -> str:
    f = cast(Field, PipVersie._meta.get_field(veld))  # concrete field (VERGELIJK_VELDEN)
    waarde = getattr(versie, veld)
    if waarde in (None, ""):
        return ""
    if f.choices:
        return str(getattr(versie, f"get_{veld}_display")())
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, date):
        return waarde.strftime("%d-%m-%Y")
    return str(waarde)


def pip_vergelijking(*, a: PipVersie, b: PipVersie) -> dict:
    """Side by side: every field and every goal (by life domain and order), with a
    flag where they differ."""
    rijen = []
    for veld in VERGELIJK_VELDEN:
        links, rechts = _toon(a, veld), _toon(b, veld)
        rijen.append(
            {
                "label": _label(veld),
                "a": links,
                "b": rechts,
                "anders": links != rechts,
            }
        )

    def doel_tekst(d: PipDoel) -> str:
        delen = [d.doel]
        if d.acties:
            delen.append(f"Acties: {d.acties}")
        if d.wie:
            delen.append(f"Wie: {d.wie}")
        if d.streefdatum:
            delen.append(f"Streefdatum: {d.streefdatum:%d-%m-%Y}")
        return "\n".join(delen)

    doelen_a = list(a.doelen.all())
    doelen_b = list(b.doelen.all())
    doelrijen = []
    for i in range(max(len(doelen_a), len(doelen_b))):
        da = doelen_a[i] if i < len(doelen_a) else None
        db = doelen_b[i] if i < len(doelen_b) else None
        links = f"{da.get_levensdomein_display()}\n{doel_tekst(da)}" if da else ""
        rechts = f"{db.get_levensdomein_display()}\n{doel_tekst(db)}" if db else ""
        doelrijen.append(
            {"label": f"Doel {i + 1}", "a": links, "b": rechts, "anders": links != rechts}
        )
    return {"rijen": rijen, "doelrijen": doelrijen}


# --- ketenpartners and PIP goals (issue 18) ---------------------------------------------


def doel_partners(*, dossier: Dossier):
    from casefiles.models import Ketenpartner

    return Ketenpartner.objects.filter(gemeente_id=dossier.gemeente_id, actief=True)


def partner_voortgang(*, dossier: Dossier):
    """What ketenpartners wrote on the goals of this dossier's PIP (newest first); the
    tab pages it (issue 16: a long trajectory has more notes than one screen)."""
    from .models import DoelVoortgang

    return (
        DoelVoortgang.objects.filter(doel__versie__dossier=dossier)
        .select_related("doel", "partner", "auteur")
        .order_by("-datum", "-id")
    )


def partner_doelen(*, deling) -> list[PipDoel]:
    """The goals of the current vastgestelde PIP that name the share's partner, with
    their progress notes (2 queries)."""
    from .models import DoelVoortgang

    huidig = (
        PipVersie.objects.filter(dossier_id=deling.dossier_id, status=VersieStatus.VASTGESTELD)
        .order_by("-nummer")
        .first()
    )
    if huidig is None:
        return []
    return list(
        PipDoel.objects.filter(versie=huidig, partner_id=deling.partner_id).prefetch_related(
            Prefetch(
                "voortgang",
                queryset=DoelVoortgang.objects.select_related("auteur").order_by("-datum", "-id"),
            )
        )
    )


def partner_doel_get(*, deling, pk: int) -> PipDoel:
    for doel in partner_doelen(deling=deling):
        if doel.pk == pk:
            return doel
    raise Http404
