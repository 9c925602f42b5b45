"""Admin for the PIP app. A vastgestelde version is read-only here too: every field
is read-only and it cannot be deleted; goals of such a version likewise."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .choices import VersieStatus
from .models import Handhaving, Herinnering, PipBrief, PipDoel, PipVersie, Voortgangsgesprek


def _frozen(obj) -> bool:
    return obj is not None and obj.pk is not None and obj.status != VersieStatus.CONCEPT


class PipDoelInline(admin.TabularInline):
    model = PipDoel
    extra = 0

    def get_readonly_fields(self, request, obj=None):
        if _frozen(obj):
            return [f.name for f in PipDoel._meta.fields]
        return []

    def has_add_permission(self, request, obj=None):
        return not _frozen(obj) and super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _frozen(obj) and super().has_delete_permission(request, obj)


@admin.register(PipVersie)
class PipVersieAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "dossier_id", "nummer", "status", "dagtekening", "leerroute"]
    list_filter = ["status", "leerroute", "reden"]
    inlines = [PipDoelInline]
    raw_id_fields = ["dossier", "vervangt"]

    def get_readonly_fields(self, request, obj=None):
        if _frozen(obj):
            return [f.name for f in PipVersie._meta.fields]
        return ["status", "vastgesteld_op", "vastgesteld_door", "dagtekening"]

    def has_delete_permission(self, request, obj=None):
        return not _frozen(obj) and super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Bulk delete would bypass the per-object check; the QuerySet refuses anyway.
        actions.pop("delete_selected", None)
        return actions


@admin.register(PipBrief)
class PipBriefAdmin(admin.ModelAdmin):
    list_display = ["__str__", "aangemaakt_op", "paginas", "sha256"]
    readonly_fields = [f.name for f in PipBrief._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Voortgangsgesprek)
class VoortgangsgesprekAdmin(admin.ModelAdmin):
    list_display = ["__str__", "dossier_id", "status", "gepland_op", "gehouden_op"]
    list_filter = ["status"]
    raw_id_fields = ["dossier", "pip_versie", "pip_wijziging"]


@admin.register(Herinnering)
class HerinneringAdmin(admin.ModelAdmin):
    list_display = ["gesprek", "soort", "status", "geclaimd_op", "verstuurd_op", "verzendingen"]
    list_filter = ["soort", "status"]


@admin.register(Handhaving)
class HandhavingAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "dossier_id", "datum", "verplichting", "bedrag"]
    list_filter = ["soort", "verplichting"]
    raw_id_fields = ["dossier", "pip_versie"]
