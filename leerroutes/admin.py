"""Admin for the providers (reference data the functioneel beheerder maintains).
Trajectories, hours and exams are case data: they go through the dossier pages."""

from django.contrib import admin

from .models import Aanbieder


@admin.register(Aanbieder)
class AanbiederAdmin(admin.ModelAdmin):
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
