"""The PIP is case content: no role reads it in /beheer/ (issue 12). A superuser
can, in an emergency, read it here — read-only, and every page that shows it is
access-logged per dossier (casefiles.admin_base.CaseContentAdmin). The PIP is
made and changed only through the dossier pages and the services."""

from django.contrib import admin

from casefiles.admin_base import CaseContentAdmin

from .models import Handhaving, Herinnering, PipBrief, PipDoel, PipVersie, Voortgangsgesprek


class PipDoelInline(admin.TabularInline):
    model = PipDoel
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PipVersie)
class PipVersieAdmin(CaseContentAdmin):
    list_display = ["__str__", "dossier_id", "nummer", "status", "dagtekening", "leerroute"]
    list_filter = ["status", "leerroute", "reden"]
    list_select_related = ("dossier",)
    inlines = [PipDoelInline]


@admin.register(PipBrief)
class PipBriefAdmin(CaseContentAdmin):
    list_display = ["__str__", "aangemaakt_op", "paginas", "sha256"]
    list_select_related = ("versie__dossier",)

    def dossiers_of(self, obj):
        return [(obj.versie.dossier_id, obj.versie.dossier.gemeente_id)]


@admin.register(Voortgangsgesprek)
class VoortgangsgesprekAdmin(CaseContentAdmin):
    list_display = ["__str__", "dossier_id", "status", "gepland_op", "gehouden_op"]
    list_filter = ["status"]
    list_select_related = ("dossier",)


@admin.register(Herinnering)
class HerinneringAdmin(CaseContentAdmin):
    list_display = ["gesprek", "soort", "status", "geclaimd_op", "verstuurd_op", "verzendingen"]
    list_filter = ["soort", "status"]
    list_select_related = ("gesprek__dossier",)

    def dossiers_of(self, obj):
        return [(obj.gesprek.dossier_id, obj.gesprek.dossier.gemeente_id)]


@admin.register(Handhaving)
class HandhavingAdmin(CaseContentAdmin):
    list_display = ["__str__", "dossier_id", "datum", "verplichting", "bedrag"]
    list_filter = ["soort", "verplichting"]
    list_select_related = ("dossier",)
