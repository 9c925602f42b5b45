"""The intake is case data: it is maintained through the application, not the admin.
The admin shows only the outline of an intake (never the health section)."""

from django.contrib import admin

from .models import BredeIntake


@admin.register(BredeIntake)
class BredeIntakeAdmin(admin.ModelAdmin):
    list_display = ("id", "dossier_id", "status", "datum", "gekozen_route")
    list_filter = ("status", "gekozen_route")
    fields = ("dossier", "status", "datum", "afgerond_op", "gekozen_route", "gekozen_niveau")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
