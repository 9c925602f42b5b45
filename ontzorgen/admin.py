"""Admin of ontzorgen: the functioneel beheerder maintains the cost types of its own
gemeenten (national ones are a superuser's); plans, payments and batches are case
content: no role reads them here, a superuser only in an emergency, read-only and
access-logged (issue 12)."""

from django.contrib import admin

from casefiles.admin_base import CaseContentAdmin, admin_gemeente_ids

from .models import Batch, Betaling, Ontzorgingsplan, VasteLastSoort


@admin.register(VasteLastSoort)
class VasteLastSoortAdmin(admin.ModelAdmin):
    list_display = ("naam", "code", "gemeente", "volgorde", "actief")
    list_filter = ("gemeente", "actief")
    search_fields = ("naam", "code")

    def get_queryset(self, request):
        from django.db.models import Q

        qs = super().get_queryset(request)
        ids = admin_gemeente_ids(request)
        return qs if ids is None else qs.filter(Q(gemeente__isnull=True) | Q(gemeente_id__in=ids))

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.gemeente_id is None and not request.user.is_superuser:
            return False  # national types are a superuser's
        return super().has_change_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "gemeente":
            from casefiles.models import Gemeente

            ids = admin_gemeente_ids(request)
            if ids is not None:
                kwargs["queryset"] = Gemeente.objects.filter(pk__in=ids)
                kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Ontzorgingsplan)
class OntzorgingsplanAdmin(CaseContentAdmin):
    list_display = ("id", "dossier_id", "start", "geplande_eind", "eind", "uitvoerder")
    list_filter = ("uitvoerder", "training_status")
    list_select_related = ("dossier",)


@admin.register(Betaling)
class BetalingAdmin(CaseContentAdmin):
    list_display = ("id", "maand", "uitvoerdatum", "bedrag", "status", "batch_id")
    list_filter = ("status", "gemeente")
    date_hierarchy = "maand"
    list_select_related = ("vaste_last__plan",)

    def dossiers_of(self, obj):
        return [(obj.vaste_last.plan.dossier_id, obj.gemeente_id)]


@admin.register(Batch)
class BatchAdmin(CaseContentAdmin):
    list_display = ("id", "gemeente", "uitvoerdatum", "aantal", "totaal", "status")
    list_filter = ("status", "gemeente")
    exclude = ("xml",)

    def dossiers_of(self, obj):
        from .selectors import batch_dossier_ids

        return [(pk, obj.gemeente_id) for pk in batch_dossier_ids(batch=obj)]
