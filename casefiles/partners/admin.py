"""Who works for which ketenpartner: reference data of the functioneel beheerder,
limited to the partners of its own gemeenten. The shares themselves are case
content and live only in the application (dossier tab "Delen")."""

from django.contrib import admin

from casefiles.admin_base import GemeenteScopedAdmin, admin_gemeente_ids
from casefiles.choices import Rol
from casefiles.models import Ketenpartner, PartnerMedewerker

if not admin.site.is_registered(PartnerMedewerker):

    @admin.register(PartnerMedewerker)
    class PartnerMedewerkerAdmin(GemeenteScopedAdmin):
        """Only partners of the beheerder's own gemeenten, and only accounts with the
        ketenpartner role (so a werkcoach is never made a partner's user)."""

        gemeente_lookup = "partner__gemeente_id__in"
        list_display = ("user", "partner")
        list_filter = ("partner",)

        def formfield_for_foreignkey(self, db_field, request, **kwargs):
            from django.contrib.auth import get_user_model

            ids = admin_gemeente_ids(request)
            if db_field.name == "partner":
                qs = Ketenpartner.objects.all()
                kwargs["queryset"] = qs if ids is None else qs.filter(gemeente_id__in=ids)
            if db_field.name == "user":
                qs = get_user_model().objects.filter(groups__name=Rol.KETENPARTNER)
                if ids is not None:
                    qs = qs.filter(profiel__gemeenten__in=ids)
                kwargs["queryset"] = qs.distinct()
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
