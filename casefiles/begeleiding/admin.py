"""Admin for the ketenpartners (reference data of the functioneel beheerder).
Imported from ``casefiles/begeleiding/tabs.py``, which casefiles' AppConfig.ready
imports (Django autodiscovers only ``<app>/admin.py``)."""

from django.contrib import admin

from casefiles.models import Ketenpartner

if not admin.site.is_registered(Ketenpartner):

    @admin.register(Ketenpartner)
    class KetenpartnerAdmin(admin.ModelAdmin):
        list_display = ("naam", "soort", "gemeente", "contactpersoon", "actief")
        list_filter = ("gemeente", "soort", "actief")
        search_fields = ("naam", "contactpersoon")
