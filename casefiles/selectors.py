"""Reads used by views. Scoping to the user's gemeenten and role happens here,
once; views never filter models themselves."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from . import rules
from .choices import TaakStatus
from .models import Contactmoment, Document, Dossier, Gebeurtenis, Gemeente, Taak
from .permissions import user_gemeente_ids


def gemeente_list(*, user) -> QuerySet[Gemeente]:
    return Gemeente.objects.filter(pk__in=user_gemeente_ids(user))


def dossier_list(*, user) -> QuerySet[Dossier]:
    """Every dossier the user may see: those of their gemeenten, and only for users
    who may view dossiers at all (a beleidsmedewerker sees none)."""
    if not user.is_authenticated or not user.has_perm("casefiles.view_dossier"):
        return Dossier.objects.none()
    return Dossier.objects.filter(gemeente_id__in=user_gemeente_ids(user))


def dossier_get(*, user, pk: int) -> Dossier:
    """One dossier with what its header needs; 404 when outside the user's scope."""
    try:
        return (
            dossier_list(user=user)
            .select_related("inburgeraar", "gemeente", "werkcoach", "consulent")
            .get(pk=pk)
        )
    except Dossier.DoesNotExist as exc:
        raise Http404 from exc


WERKVOORRAAD_SORTERING: dict[str, tuple] = {
    "deadline": (F("volgende_deadline").asc(nulls_last=True), "inburgeraar__achternaam", "pk"),
    "-deadline": (F("volgende_deadline").desc(nulls_last=True), "inburgeraar__achternaam", "pk"),
    "naam": ("inburgeraar__achternaam", "inburgeraar__voornamen", "pk"),
    "-naam": ("-inburgeraar__achternaam", "-inburgeraar__voornamen", "-pk"),
    "status": ("status", "inburgeraar__achternaam", "pk"),
    "-status": ("-status", "inburgeraar__achternaam", "pk"),
    "doelgroep": ("doelgroep", "inburgeraar__achternaam", "pk"),
    "-doelgroep": ("-doelgroep", "inburgeraar__achternaam", "pk"),
    "open": ("open_taken_count", "inburgeraar__achternaam", "pk"),
    "-open": ("-open_taken_count", "inburgeraar__achternaam", "pk"),
}
"""The sortable columns of the werkvoorraad (and its export); default: next deadline."""


def werkvoorraad_dossiers(
    *,
    user,
    alleen_mijn: bool = True,
    zoek: str = "",
    status: str = "",
    doelgroep: str = "",
    gemeente_id: int | None = None,
    sortering: str = "deadline",
) -> QuerySet[Dossier]:
    """The werkvoorraad: dossiers with their next open deadline and task counts,
    in a constant number of queries whatever the number of rows.

    The next deadline and the number of open tasks come from
    :class:`~casefiles.models.WerkvoorraadStand` (kept by the database), so sorting
    on them walks an index instead of grouping every task of the region; the title
    of the next task and the number overdue (which depends on today) are subqueries
    that the database evaluates for the rows of the page only."""
    qs = werkvoorraad_filter(
        user=user,
        alleen_mijn=alleen_mijn,
        zoek=zoek,
        status=status,
        doelgroep=doelgroep,
        gemeente_id=gemeente_id,
    )
    today = timezone.localdate()
    open_taken = Taak.objects.filter(dossier=OuterRef("pk"), status=TaakStatus.OPEN)
    te_laat = (
        open_taken.filter(deadline__lt=today)
        .order_by()
        .values("dossier")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        # every dossier has its stand (a trigger makes it with the dossier): an inner
        # join, so the database can start from the stand's deadline index
        qs.filter(werkvoorraadstand__isnull=False)
        .select_related("inburgeraar", "gemeente", "werkcoach")
        .annotate(
            volgende_deadline=F("werkvoorraadstand__volgende_deadline"),
            open_taken_count=F("werkvoorraadstand__open_taken"),
            volgende_taak=Subquery(open_taken.order_by("deadline", "pk").values("titel")[:1]),
            te_laat_count=Coalesce(Subquery(te_laat), 0),
        )
        .order_by(*WERKVOORRAAD_SORTERING.get(sortering, WERKVOORRAAD_SORTERING["deadline"]))
    )


def werkvoorraad_filter(
    *,
    user,
    alleen_mijn: bool = True,
    zoek: str = "",
    status: str = "",
    doelgroep: str = "",
    gemeente_id: int | None = None,
) -> QuerySet[Dossier]:
    """The dossiers of the werkvoorraad with these filters, without what the list
    shows of them: what the paginator counts (one COUNT without joins)."""
    qs = dossier_list(user=user)
    if alleen_mijn:
        qs = qs.filter(Q(werkcoach=user) | Q(consulent=user))
    if zoek:
        qs = qs.filter(_zoek_filter(zoek))
    if status:
        qs = qs.filter(status=status)
    if doelgroep:
        qs = qs.filter(doelgroep=doelgroep)
    if gemeente_id:
        qs = qs.filter(gemeente_id=gemeente_id)
    return qs


def _zoek_filter(zoek: str) -> Q:
    """Search by name, BSN or V-nummer. Digits are matched exactly (BSN, V-nummer),
    words against the name parts."""
    zoek = zoek.strip()
    compact = zoek.replace(" ", "").replace(".", "").replace("-", "").lstrip("*")
    if compact.isdigit() and len(compact) <= 3:
        # The list shows BSNs masked as ******123: those last digits can be searched.
        return Q(inburgeraar__bsn__endswith=compact)
    if compact.isdigit():
        return Q(inburgeraar__bsn=compact.zfill(9) if len(compact) <= 9 else compact) | Q(
            inburgeraar__v_nummer=compact
        )
    q = Q()
    for word in zoek.split():
        q &= (
            Q(inburgeraar__achternaam__icontains=word)
            | Q(inburgeraar__voornamen__icontains=word)
            | Q(inburgeraar__tussenvoegsel__icontains=word)
        )
    return q


def taak_list_for_user(*, user, alleen_open: bool = True) -> QuerySet[Taak]:
    """The user's own tasks in dossiers they may still see."""
    qs = Taak.objects.filter(
        toegewezen_aan=user, dossier__in=dossier_list(user=user)
    ).select_related("dossier", "dossier__inburgeraar")
    if alleen_open:
        qs = qs.filter(status=TaakStatus.OPEN)
    return qs.order_by("deadline", "pk")


def taak_counts_for_user(*, user, today: date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    return taak_list_for_user(user=user).aggregate(
        open=Count("pk"),
        te_laat=Count("pk", filter=Q(deadline__lt=today)),
        deze_week=Count(
            "pk", filter=Q(deadline__gte=today, deadline__lte=today + timedelta(days=WEEK_DAGEN))
        ),
    )


WEEK_DAGEN = 7
""""Mijn week": what is due in the next 7 days (and everything overdue)."""

WEEK_WEERGAVEN = {
    "week": "Te laat en de komende 7 dagen",
    "te_laat": "Te laat",
    "deze_week": "Deze week (vandaag en de komende 7 dagen)",
    "open": "Alle open taken",
}
"""The views of "Mijn week"; the counters on the werkvoorraad link to them."""

WEEK_SORTERING: dict[str, tuple[str, ...]] = {
    "deadline": ("deadline", "pk"),
    "-deadline": ("-deadline", "-pk"),
    "soort": ("bron", "deadline", "pk"),
    "-soort": ("-bron", "deadline", "pk"),
    "taak": ("titel", "deadline", "pk"),
    "-taak": ("-titel", "deadline", "pk"),
    "naam": ("dossier__inburgeraar__achternaam", "deadline", "pk"),
    "-naam": ("-dossier__inburgeraar__achternaam", "deadline", "pk"),
}


def taak_week(
    *, user, weergave: str = "week", sortering: str = "deadline", today: date | None = None
) -> QuerySet[Taak]:
    """ "Mijn week": the user's OWN open tasks (a consulent sees hers, not the
    werkcoach's) — deadlines of the law, voortgangsgesprekken (a task as soon as
    they are planned), the PIP due date, payments and hand-made tasks."""
    today = today or timezone.localdate()
    qs = taak_list_for_user(user=user).select_related("dossier__gemeente")
    eind = today + timedelta(days=WEEK_DAGEN)
    if weergave == "te_laat":
        qs = qs.filter(deadline__lt=today)
    elif weergave == "deze_week":
        qs = qs.filter(deadline__gte=today, deadline__lte=eind)
    elif weergave != "open":
        qs = qs.filter(deadline__lte=eind)
    return qs.order_by(*WEEK_SORTERING.get(sortering, WEEK_SORTERING["deadline"]))


def dossier_taken(*, dossier: Dossier) -> QuerySet[Taak]:
    return dossier.taken.select_related("toegewezen_aan").order_by("status", "deadline", "pk")


def dossier_open_deadlines(*, dossier: Dossier, limit: int = 3) -> list[Taak]:
    return list(dossier.taken.filter(status=TaakStatus.OPEN).order_by("deadline", "pk")[:limit])


def dossier_contactmomenten(*, dossier: Dossier) -> QuerySet[Contactmoment]:
    return dossier.contactmomenten.select_related("medewerker")


def dossier_documenten(*, dossier: Dossier) -> QuerySet[Document]:
    return dossier.documenten.select_related("geupload_door")


def dossier_tijdlijn(*, dossier: Dossier) -> QuerySet[Gebeurtenis]:
    """The dossier's events, newest first; the overview pages them (issue 16: a
    trajectory of years outgrows one screen, and a cap would hide its start)."""
    return dossier.gebeurtenissen.select_related("actor").order_by("-moment", "-id")


def document_get(*, dossier: Dossier, pk: int) -> Document:
    try:
        return dossier.documenten.get(pk=pk)
    except Document.DoesNotExist as exc:
        raise Http404 from exc


def staff_for_gemeente(*, gemeente: Gemeente, role: str | list[str] | None = None):
    """Active staff of ``gemeente``, only of ``role`` (one or several) when given."""
    from django.contrib.auth import get_user_model

    qs = get_user_model().objects.filter(profiel__gemeenten=gemeente, is_active=True)
    if isinstance(role, str):
        qs = qs.filter(groups__name=role)
    elif role:
        qs = qs.filter(groups__name__in=role)
    return qs.order_by("first_name", "last_name").distinct()


# --- the teamleider's caseload (assignment) ------------------------------------------


def team_members(*, user, gemeente_id: int | None = None):
    """Active staff in a team the user belongs to (optionally of one gemeente)."""
    from django.contrib.auth import get_user_model

    from .models import Team

    teams = Team.objects.filter(leden=user, gemeente_id__in=user_gemeente_ids(user))
    if gemeente_id is not None:
        teams = teams.filter(gemeente_id=gemeente_id)
    return get_user_model().objects.filter(teams__in=teams, is_active=True).distinct()


def caseload_dossiers(*, user) -> QuerySet[Dossier]:
    """The dossiers a user who assigns may see in the caseload: for a teamleider
    those of its teams (werkcoach or consulent a team member) plus the unassigned
    dossiers of the team's gemeente; for the functioneel beheerder every dossier of
    its gemeenten. Nobody else sees a caseload."""
    from .choices import Rol
    from .models import Team
    from .permissions import has_role

    if not user.is_authenticated or not user.has_perm("casefiles.view_caseload"):
        return Dossier.objects.none()
    qs = Dossier.objects.filter(gemeente_id__in=user_gemeente_ids(user))
    if has_role(user, Rol.TEAMLEIDER):
        teams = Team.objects.filter(leden=user, gemeente_id__in=user_gemeente_ids(user))
        members = team_members(user=user)
        qs = qs.filter(gemeente_id__in=teams.values("gemeente_id")).filter(
            Q(werkcoach__in=members) | Q(consulent__in=members) | Q(werkcoach__isnull=True)
        )
    return qs


def caseload_filter(
    *, user, alleen_open: bool = False, medewerker_id: int | None = None
) -> QuerySet[Dossier]:
    """The dossiers of the caseload page with its filters, without what the page shows
    of them: what its paginator counts (one COUNT without joins, issue 16)."""
    qs = caseload_dossiers(user=user).filter(status__in=_active_statuses())
    if alleen_open:
        qs = qs.filter(
            Q(werkcoach__isnull=True)
            | (Q(consulent__isnull=True) & Q(doelgroep__in=_mb_doelgroepen()))
        )
    if medewerker_id:
        qs = qs.filter(Q(werkcoach_id=medewerker_id) | Q(consulent_id=medewerker_id))
    return qs


def caseload_list(
    *, user, alleen_open: bool = False, medewerker_id: int | None = None
) -> QuerySet[Dossier]:
    """The caseload page: what assignment needs and nothing more (no intake, no
    health, no case content): name, status, doelgroep, werkcoach, consulent, the
    next deadline (from the WerkvoorraadStand; the number overdue only for the rows
    of the page, without grouping every task of the team)."""
    today = timezone.localdate()
    qs = caseload_filter(user=user, alleen_open=alleen_open, medewerker_id=medewerker_id)
    te_laat = (
        Taak.objects.filter(dossier=OuterRef("pk"), status=TaakStatus.OPEN, deadline__lt=today)
        .order_by()
        .values("dossier")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        qs.select_related("inburgeraar", "gemeente", "werkcoach", "consulent")
        .annotate(
            volgende_deadline=F("werkvoorraadstand__volgende_deadline"),
            te_laat_count=Coalesce(Subquery(te_laat), 0),
        )
        .order_by(F("werkcoach_id").asc(nulls_first=True), "inburgeraar__achternaam", "pk")
    )


def _active_statuses():
    from . import rules

    return list(rules.ACTIVE_STATUSES)


def _mb_doelgroepen():
    from .choices import Doelgroep

    return [Doelgroep.ASIELSTATUSHOUDER, Doelgroep.NAREIZIGER]


def assignable_staff(*, user, gemeente_id: int, rol: str):
    """Whom ``user`` may assign in ``gemeente_id`` for role ``rol``: its team members
    (teamleider) or every active colleague of that gemeente (functioneel beheerder),
    never the user itself."""
    from django.contrib.auth import get_user_model

    from .choices import Rol
    from .permissions import has_role

    if has_role(user, Rol.TEAMLEIDER):
        base = team_members(user=user, gemeente_id=gemeente_id)
    else:
        base = get_user_model().objects.filter(profiel__gemeenten=gemeente_id, is_active=True)
    return (
        base.filter(groups__name=rol, profiel__gemeenten=gemeente_id)
        .exclude(pk=user.pk)
        .distinct()
        .order_by("first_name", "last_name")
    )


# --- the person's plicht, termijn and doelgroep across gemeenten ----------------------


def inburgeringsfeiten(*, dossier: Dossier):
    """The person-level facts recorded on this dossier (first PIP in any gemeente,
    DUO's termijn, current leerroute), or None."""
    from .models import Inburgeringsfeiten

    return Inburgeringsfeiten.objects.filter(dossier=dossier).first()


def plicht_eindes(*, dossier: Dossier):
    from .models import PlichtEinde

    return PlichtEinde.objects.filter(dossier=dossier).select_related("vastgelegd_door")


def geen_plicht(
    *, dossier: Dossier, op: date | None = None, eindes=None
) -> rules.GeenPlicht | None:
    """Why the person has no inburgeringsplicht on ``op`` (default today), or None
    (casefiles.rules.geen_plicht over the dossier's facts). ``eindes``: the
    dossier's :func:`plicht_eindes` when the caller already read them."""
    feiten = [
        rules.PlichtEindeFeit(
            reden=p.reden,
            reden_label=str(p.get_reden_display()),
            einddatum_plicht=p.einddatum_plicht,
            einddatum_vrijstelling=p.einddatum_vrijstelling,
        )
        for p in (plicht_eindes(dossier=dossier) if eindes is None else eindes)
    ]
    return rules.geen_plicht(
        regime=dossier.regime,
        op=op or timezone.localdate(),
        geboortedatum=dossier.inburgeraar.geboortedatum,
        datum_plicht_voldaan=dossier.datum_plicht_voldaan,
        plicht_eindes=feiten,
    )


def doelgroep_op(*, dossier: Dossier, op: date | None) -> str:
    """The doelgroep on a date from the dated history (DUO SS124/SS125): the latest
    period that started on or before ``op``; before the first period the first one
    (what was known first); without a date or a history the current doelgroep.
    Source: Wi art. 13; DUO Inburgeringsplicht API (Doelgroephistorie)."""
    from .models import DoelgroepPeriode

    if op is None:
        return dossier.doelgroep
    periodes = DoelgroepPeriode.objects.filter(dossier=dossier)
    periode = (
        periodes.filter(geldig_vanaf__lte=op)
        .order_by("-geldig_vanaf", "-id")
        .values_list("doelgroep", flat=True)
        .first()
    ) or periodes.order_by("geldig_vanaf", "id").values_list("doelgroep", flat=True).first()
    return periode or dossier.doelgroep
