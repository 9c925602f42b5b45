"""The intake is case data: it is maintained through the application, not the admin.
Only a superuser, in an emergency, sees the outline of an intake here (never the
health section) — read-only and access-logged per dossier (issue 12)."""

from django.contrib import admin

from casefiles.admin_base import CaseContentAdmin

from .models import BredeIntake


@admin.register(BredeIntake)
class BredeIntakeAdmin(CaseContentAdmin):
    list_display = ("id", "dossier_id", "status", "datum", "gekozen_route")
    list_filter = ("status", "gekozen_route")
    list_select_related = ("dossier",)
    fields = ("dossier", "status", "datum", "afgerond_op", "gekozen_route", "gekozen_niveau")
    readonly_fields = fields
