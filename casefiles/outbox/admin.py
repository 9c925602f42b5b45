"""Achtergrondtaken in the admin, for the functioneel beheerder: a list of outbox
jobs of the beheerder's own gemeenten with ids, status, attempts and the error —
never personal data — and one action: retry the failed ones."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import retry
from .models import OutboxJob, OutboxStatus


@admin.register(OutboxJob)
class OutboxJobAdmin(admin.ModelAdmin):
    list_display = (
        "id",
        "kind",
        "status",
        "gemeente",
        "dossier_id",
        "attempts",
        "created_at",
        "next_attempt_at",
        "done_at",
        "last_error",
    )
    list_filter = ("status", "kind")
    search_fields = ("=id", "=dossier_id")
    list_select_related = ("gemeente",)
    readonly_fields = [f.name for f in OutboxJob._meta.fields]
    actions = ["opnieuw_proberen"]
    list_per_page = 50

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        from casefiles.permissions import user_gemeente_ids

        return qs.filter(gemeente_id__in=user_gemeente_ids(request.user))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_retry_permission(self, request):
        return request.user.has_perm("casefiles.retry_outboxjob")

    @admin.action(description=_("Opnieuw proberen (alleen mislukte taken)"), permissions=["retry"])
    def opnieuw_proberen(self, request, queryset):
        ids = list(queryset.filter(status=OutboxStatus.FAILED).values_list("pk", flat=True))
        n = retry(ids=ids)
        self.message_user(
            request,
            ngettext(
                "%(n)s taak staat weer in de wachtrij.",
                "%(n)s taken staan weer in de wachtrij.",
                n,
            )
            % {"n": n},
            messages.SUCCESS if n else messages.WARNING,
        )
