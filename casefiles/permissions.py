"""Roles, permissions and the one decorator every dossier view goes through.

Roles are Django groups (created by migration ``0002_roles``). Which permissions a
role holds is declared per app in ``<app>/permissions.py`` as ``ROLE_PERMISSIONS``
and synchronised after every migrate (:func:`sync_role_permissions`), so each app
owns its own part of the role model.

Record access is scoped in the selectors: a user sees only dossiers of the
gemeenten in their profile; the special-category sections (health) only when they
are the dossier's assigned werkcoach or consulent.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from importlib import import_module

from django.apps import apps as django_apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from .choices import AccessAction, Rol

PARTICIPATIE_MODELS = ("activiteit", "uitstroom", "participatieladdermeting")

ISSUE18_STAFF = [
    "casefiles.view_deling",
    "casefiles.add_deling",
    "casefiles.change_deling",
    "casefiles.view_koppeling",
    "casefiles.add_koppeling",
    "casefiles.change_koppeling",
    "casefiles.view_vrijwilliger",
    "casefiles.view_vrijwilligersignaal",
    "casefiles.add_vrijwilligersignaal",
    "casefiles.view_startstap",
    "casefiles.add_startstap",
    "casefiles.change_startstap",
    "casefiles.view_kostenpost",
    "casefiles.add_kostenpost",
    "casefiles.change_kostenpost",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Rol.WERKCOACH: [
        "casefiles.view_dossier",
        "casefiles.add_dossier",
        "casefiles.change_dossier",
        "casefiles.import_aanmeldingen",
        # no casefiles.assign_dossier: assignment is the teamleider's (issue 12)
        "casefiles.view_inburgeraar",
        "casefiles.add_inburgeraar",
        "casefiles.change_inburgeraar",
        "casefiles.view_gezinslid",
        "casefiles.add_gezinslid",
        "casefiles.change_gezinslid",
        "casefiles.view_contactmoment",
        "casefiles.add_contactmoment",
        "casefiles.view_taak",
        "casefiles.add_taak",
        "casefiles.change_taak",
        "casefiles.view_document",
        "casefiles.add_document",
        # participation and outcomes (casefiles.participatie)
        *(f"casefiles.{a}_{m}" for m in PARTICIPATIE_MODELS for a in ("view", "add", "change")),
        # maatschappelijke begeleiding (casefiles.begeleiding): the werkcoach reads
        "casefiles.view_maatschappelijkebegeleiding",
        "casefiles.view_verwijzing",
        "casefiles.view_ketenpartner",
        # issue 18: sharing with ketenpartners (on consent), family, volunteers,
        # first steps and other costs
        *ISSUE18_STAFF,
    ],
    Rol.CONSULENT: [
        "casefiles.view_dossier",
        "casefiles.change_dossier",
        "casefiles.view_inburgeraar",
        "casefiles.change_inburgeraar",
        "casefiles.view_gezinslid",
        "casefiles.add_gezinslid",
        "casefiles.change_gezinslid",
        "casefiles.view_contactmoment",
        "casefiles.add_contactmoment",
        "casefiles.view_taak",
        "casefiles.add_taak",
        "casefiles.change_taak",
        "casefiles.view_document",
        "casefiles.add_document",
        # participation and outcomes: the consulent also records them (vrijwilligerswerk,
        # taalmaatje, …)
        *(f"casefiles.{a}_{m}" for m in PARTICIPATIE_MODELS for a in ("view", "add", "change")),
        # maatschappelijke begeleiding, partners and referrals: the consulent runs it
        "casefiles.view_maatschappelijkebegeleiding",
        "casefiles.add_maatschappelijkebegeleiding",
        "casefiles.change_maatschappelijkebegeleiding",
        "casefiles.view_verwijzing",
        "casefiles.add_verwijzing",
        "casefiles.change_verwijzing",
        "casefiles.view_ketenpartner",
        *ISSUE18_STAFF,
        # the consulent also keeps the register of volunteers of its gemeenten
        "casefiles.add_vrijwilliger",
        "casefiles.change_vrijwilliger",
    ],
    # The teamleider sees its team's caseload and assigns; it holds no view_dossier,
    # so no dossier page, intake, PIP or health data (casefiles.team_views).
    Rol.TEAMLEIDER: [
        "casefiles.view_caseload",
        "casefiles.assign_dossier",
    ],
    Rol.BELEID: [],
    # Reference data and staff of its own gemeenten (scoped in the admin, see
    # casefiles/admin.py); never case content, never superuser rights, never
    # individual permissions. Creating a gemeente is for a superuser.
    Rol.BEHEER: [
        "casefiles.view_gemeente",
        "casefiles.change_gemeente",
        "casefiles.view_staffprofile",
        "casefiles.add_staffprofile",
        "casefiles.change_staffprofile",
        "casefiles.view_team",
        "casefiles.add_team",
        "casefiles.change_team",
        "casefiles.view_caseload",
        "casefiles.assign_dossier",
        "auth.view_user",
        "auth.add_user",
        "auth.change_user",
        "auth.view_group",
        "casefiles.view_accesslog",
        "casefiles.view_securityevent",
        "casefiles.view_ketenpartner",
        "casefiles.add_ketenpartner",
        "casefiles.change_ketenpartner",
        # background jobs (outbox) of the own gemeenten: ids and errors, and retry
        "casefiles.view_outboxjob",
        "casefiles.retry_outboxjob",
        # issue 18: who works for which ketenpartner; the first-steps checklist
        "casefiles.view_partnermedewerker",
        "casefiles.add_partnermedewerker",
        "casefiles.change_partnermedewerker",
        "casefiles.delete_partnermedewerker",
        "casefiles.view_startstapsjabloon",
        "casefiles.add_startstapsjabloon",
        "casefiles.change_startstapsjabloon",
    ],
    # Staff of a partner organisation: one permission, the partner pages; what it
    # sees and changes follows from the shares (casefiles.partners). No model
    # permission, so every other page of the application answers 403.
    Rol.KETENPARTNER: ["casefiles.partner_portaal"],
}


def collected_role_permissions() -> dict[str, set[str]]:
    """Merge ``ROLE_PERMISSIONS`` of every installed app of ours."""
    merged: dict[str, set[str]] = {rol.value: set() for rol in Rol}
    for config in django_apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.permissions")
        except ModuleNotFoundError:
            continue
        for role, perms in getattr(module, "ROLE_PERMISSIONS", {}).items():
            merged.setdefault(str(role), set()).update(perms)
    return merged


def sync_role_permissions(**kwargs) -> None:
    """post_migrate: make each role group hold exactly its declared permissions."""
    from django.contrib.auth.models import Group, Permission

    for role, perms in collected_role_permissions().items():
        group, _ = Group.objects.get_or_create(name=role)
        wanted = []
        for dotted in sorted(perms):
            app_label, codename = dotted.split(".", 1)
            perm = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if perm is not None:
                wanted.append(perm)
        group.permissions.set(wanted)


def user_gemeente_ids(user) -> list[int]:
    """Ids of the gemeenten the user works for (cached on the user object)."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_gemeente_ids", None)
    if cached is None:
        from .models import StaffProfile

        cached = list(
            StaffProfile.gemeenten.through.objects.filter(
                staffprofile__user_id=user.pk
            ).values_list("gemeente_id", flat=True)
        )
        user._gemeente_ids = cached
    return cached


def has_role(user, role: str) -> bool:
    return user.is_authenticated and user.groups.filter(name=role).exists()


def can_see_special_category(user, dossier) -> bool:
    """Health and other special-category data (AVG art. 9): only the dossier's
    assigned werkcoach and consulent, and only while they may view dossiers."""
    return (
        user.is_authenticated
        and user.has_perm("casefiles.view_dossier")
        and user.pk in {dossier.werkcoach_id, dossier.consulent_id}
    )


def dossier_view(
    perm: str = "casefiles.view_dossier",
    *,
    onderdeel: str,
    post_perm: str | None = None,
    post_action: str = AccessAction.UPDATE,
    get_action: str = AccessAction.VIEW,
) -> Callable:
    """Wrap a view that works on one dossier (URL kwarg ``dossier_pk``).

    1. anonymous → login page; 2. missing permission → 403; 3. a dossier outside
    the user's gemeenten → 404 (its existence is not revealed); 4. an access-log
    row (view for GET, ``post_action`` for POST) with the section name.

    The view is called as ``view(request, dossier, **kwargs)``.
    """

    def decorator(view: Callable) -> Callable:
        @login_required
        @wraps(view)
        def wrapped(request, dossier_pk: int, *args, **kwargs):
            from .selectors import dossier_get
            from .services import access_log_record

            needed = post_perm if (request.method == "POST" and post_perm) else perm
            if not request.user.has_perm(needed) or not request.user.has_perm(perm):
                raise PermissionDenied
            dossier = dossier_get(user=request.user, pk=dossier_pk)
            action = post_action if request.method == "POST" else get_action
            access_log_record(
                user=request.user,
                dossier=dossier,
                action=action,
                onderdeel=onderdeel,
                request=request,
            )
            return view(request, dossier, *args, **kwargs)

        return wrapped

    return decorator


def permission_view(perm: str) -> Callable:
    """Login + one permission (403 otherwise) for views that are not about one dossier."""

    def decorator(view: Callable) -> Callable:
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
