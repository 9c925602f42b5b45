"""Admin for the providers (reference data the functioneel beheerder maintains).
Trajectories, hours and exams are case data: they go through the dossier pages."""

from django.contrib import admin

from casefiles.admin_base import GemeenteScopedAdmin, admin_gemeente_ids

from .models import Aanbieder


@admin.register(Aanbieder)
class AanbiederAdmin(GemeenteScopedAdmin):
    """A non-superuser sees the providers of its own gemeenten and may change only
    those that work for its gemeenten alone (a provider shared with another gemeente
    is that gemeente's business too: a superuser changes it)."""

    gemeente_lookup = "gemeenten__in"
    list_display = ("naam", "duo_code", "erkenning", "contract_start", "contract_eind")
    list_filter = ("erkenning", "gemeenten")
    search_fields = ("naam", "duo_code")
    # A plain multiple select: Django's filter_horizontal widget is not accessible.
    filter_horizontal = ()
    fieldsets = (
        (None, {"fields": ("naam", "erkenning", "duo_code", "gemeenten")}),
        ("Contract", {"fields": ("contract_start", "contract_eind", "locaties")}),
        (
            "Aanbod en prijzen",
            {
                "fields": (
                    ("biedt_b1", "prijs_b1"),
                    ("biedt_onderwijs", "prijs_onderwijs"),
                    ("biedt_z", "prijs_z"),
                    ("biedt_map", "prijs_map"),
                    ("biedt_pvt", "prijs_pvt"),
                    "map_startmaanden",
                )
            },
        ),
        ("Contactpersonen", {"fields": ("contactpersonen",)}),
    )

    def has_change_permission(self, request, obj=None):
        ids = admin_gemeente_ids(request)
        if obj is not None and ids is not None and obj.gemeenten.exclude(pk__in=ids).exists():
            return False
        return super().has_change_permission(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "gemeenten" in form.base_fields and not request.user.is_superuser:
            form.base_fields["gemeenten"].required = True
        return form
