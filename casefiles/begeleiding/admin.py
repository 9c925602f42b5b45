"""Admin for the ketenpartners (reference data of the functioneel beheerder).
Imported from ``casefiles/begeleiding/tabs.py``, which casefiles' AppConfig.ready
imports (Django autodiscovers only ``<app>/admin.py``)."""

from django.contrib import admin

from casefiles.admin_base import GemeenteScopedAdmin
from casefiles.models import Ketenpartner

if not admin.site.is_registered(Ketenpartner):

    @admin.register(Ketenpartner)
    class KetenpartnerAdmin(GemeenteScopedAdmin):
        """Partners of the beheerder's own gemeenten only."""

        list_display = ("naam", "soort", "gemeente", "contactpersoon", "actief")
        list_filter = ("gemeente", "soort", "actief")
        search_fields = ("naam", "contactpersoon")
