"""Building blocks of a safe admin (issue 12).

- :class:`GemeenteScopedAdmin`: reference data of a gemeente; a non-superuser sees
  and edits only the rows of the gemeenten it works for, and can pick only those.
- :class:`CaseContentAdmin`: records about a person (PIP versions, letters,
  gesprekken, handhaving, intake, ontzorgen). No role can open them in ``/beheer/``;
  a superuser can read them in an emergency — read-only, and every page that shows
  them writes one access-log row per dossier shown (purpose "noodtoegang").
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib import admin

from .choices import AccessAction
from .permissions import user_gemeente_ids

NOODTOEGANG = "noodtoegang beheer (superuser)"


def admin_gemeente_ids(request) -> list[int] | None:
    """The gemeenten the admin user may manage; ``None`` = all (superuser)."""
    if request.user.is_superuser:
        return None
    return user_gemeente_ids(request.user)


class GemeenteScopedAdmin(admin.ModelAdmin):
    """Rows with a ``gemeente`` of the user's own gemeenten only (superuser: all)."""

    gemeente_lookup = "gemeente_id__in"

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        ids = admin_gemeente_ids(request)
        return qs if ids is None else qs.filter(**{self.gemeente_lookup: ids}).distinct()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "gemeente":
            from .models import Gemeente

            ids = admin_gemeente_ids(request)
            kwargs["queryset"] = (
                Gemeente.objects.all() if ids is None else Gemeente.objects.filter(pk__in=ids)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "gemeenten":
            from .models import Gemeente

            ids = admin_gemeente_ids(request)
            kwargs["queryset"] = (
                Gemeente.objects.all() if ids is None else Gemeente.objects.filter(pk__in=ids)
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class CaseContentAdmin(admin.ModelAdmin):
    """Case content: invisible to every role; read-only and access-logged for a
    superuser (emergencies only). Subclasses say how to find the dossier(s) of an
    object with :meth:`dossiers_of` (default: the ``dossier`` field)."""

    list_select_related: tuple[str, ...] = ()

    def dossiers_of(self, obj) -> Iterable[tuple[int, int | None]]:
        dossier = obj.dossier
        return [(dossier.pk, dossier.gemeente_id)]

    # --- only a superuser, only reading -----------------------------------------------

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}

    # --- every read is logged ------------------------------------------------------------

    def _log(self, request, pairs, *, object_id="") -> None:
        from .services import access_log_record_many

        access_log_record_many(
            user=request.user,
            dossiers=pairs,
            action=AccessAction.VIEW,
            onderdeel=f"beheer.{self.opts.model_name}",
            doel=NOODTOEGANG,
            object_id=object_id,
            request=request,
        )

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        cl = (
            getattr(response, "context_data", {}).get("cl")
            if hasattr(response, "context_data")
            else None
        )
        if cl is not None:
            pairs = [p for obj in cl.result_list for p in self.dossiers_of(obj)]
            self._log(request, pairs)
        return response

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        response = super().changeform_view(request, object_id, form_url, extra_context)
        original = (
            getattr(response, "context_data", {}).get("original")
            if hasattr(response, "context_data")
            else None
        )
        if original is not None:
            self._log(request, list(self.dossiers_of(original)), object_id=original.pk)
        return response

    def history_view(self, request, object_id, extra_context=None):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
