"""The gemeente's first-steps checklist: reference data of the functioneel beheerder,
its own gemeenten only."""

from django.contrib import admin

from casefiles.admin_base import GemeenteScopedAdmin
from casefiles.models import StartstapSjabloon

if not admin.site.is_registered(StartstapSjabloon):

    @admin.register(StartstapSjabloon)
    class StartstapSjabloonAdmin(GemeenteScopedAdmin):
        list_display = ("naam", "gemeente", "termijn_weken", "volgorde", "actief")
        list_filter = ("gemeente", "actief")
        list_editable = ("volgorde", "actief")
        search_fields = ("naam", "code")
        ordering = ("gemeente", "volgorde")
