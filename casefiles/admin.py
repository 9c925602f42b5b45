"""Admin for reference data the functioneel beheerder maintains (gemeenten, staff)
and a read-only view of the access log. Case data is not edited here: it goes
through the services and the dossier pages."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import AccessLog, Gemeente, StaffProfile


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ("naam", "cbs_code", "oin", "pip_op_tijd_doel", "mb_maanden")
    search_fields = ("naam", "cbs_code")
    fieldsets = (
        (None, {"fields": ("naam", "cbs_code", "oin")}),
        (
            "Briefhoofd",
            {
                "fields": (
                    "afdeling",
                    "postadres",
                    "postcode",
                    "plaats",
                    "telefoon",
                    "email",
                    "website",
                    "ondertekenaar",
                )
            },
        ),
        ("Betalingen (ontzorgen)", {"fields": ("rekeninghouder", "iban", "bic")}),
        (
            "Beleid",
            {
                "fields": (
                    "pip_op_tijd_doel",
                    "mb_maanden",
                    "voortgangsgesprek_maanden",
                    "voortgangsgesprek_interval",
                    "herinnering_dagen",
                    "onderwijsroute_max_leeftijd",
                    "boete_zonder_waarschuwing",
                )
            },
        ),
    )


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    can_delete = False
    # A plain multiple select: Django's filter_horizontal widget is not accessible
    # (its JavaScript puts aria-label on a span without a role; axe: serious).
    verbose_name_plural = "Medewerkerprofiel"


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [StaffProfileInline]
    # Plain multiple selects (see StaffProfileInline); the login and join dates are
    # facts, shown read-only (Django's split date/time widget has unlabelled inputs).
    filter_horizontal = ()
    readonly_fields = ("last_login", "date_joined")


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    list_display = ("moment", "user_id", "dossier_id", "action", "onderdeel", "doel", "request_id")
    list_filter = ("action",)
    search_fields = ("=dossier_id", "=user_id", "=request_id")
    date_hierarchy = "moment"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
