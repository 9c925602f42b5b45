"""Admin of ontzorgen: the functioneel beheerder maintains the cost types; plans,
payments and batches are read-only here (they change through the services)."""

from django.contrib import admin

from .models import Batch, Betaling, Ontzorgingsplan, VasteLastSoort


@admin.register(VasteLastSoort)
class VasteLastSoortAdmin(admin.ModelAdmin):
    list_display = ("naam", "code", "volgorde", "actief")
    list_editable = ("volgorde", "actief")
    search_fields = ("naam", "code")


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Ontzorgingsplan)
class OntzorgingsplanAdmin(_ReadOnly):
    list_display = ("id", "dossier_id", "start", "geplande_eind", "eind", "uitvoerder")
    list_filter = ("uitvoerder", "training_status")


@admin.register(Betaling)
class BetalingAdmin(_ReadOnly):
    list_display = ("id", "maand", "uitvoerdatum", "bedrag", "status", "batch_id")
    list_filter = ("status", "gemeente")
    date_hierarchy = "maand"


@admin.register(Batch)
class BatchAdmin(_ReadOnly):
    list_display = ("id", "gemeente", "uitvoerdatum", "aantal", "totaal", "status")
    list_filter = ("status", "gemeente")
    exclude = ("xml",)
