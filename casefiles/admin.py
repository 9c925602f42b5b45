"""Admin for reference data the functioneel beheerder maintains (its gemeenten'
letterhead and policy settings, staff accounts and their roles, teams) and
read-only views of the access log and the security log. Case data is never here:
it goes through the services and the dossier pages (issue 12).

The functioneel beheerder works only within its own gemeenten. It can never set
``is_superuser``, ``is_staff`` (derived from the role), individual permissions or
a gemeente it does not work for, never sets another user's password (it sends a
reset link) and cannot change its own roles or gemeenten. Superusers are created
on the command line only (``manage.py createsuperuser``).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from .admin_base import GemeenteScopedAdmin, admin_gemeente_ids
from .choices import Rol
from .models import AccessLog, Gemeente, SecurityEvent, StaffProfile, Team
from .security import send_password_reset, staff_users_for, sync_is_staff

READONLY_FOR_BEHEER = ("naam", "cbs_code", "oin")


@admin.register(Gemeente)
class GemeenteAdmin(GemeenteScopedAdmin):
    gemeente_lookup = "pk__in"
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

    def get_readonly_fields(self, request, obj=None):
        return () if request.user.is_superuser else READONLY_FOR_BEHEER

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


# --- staff accounts ----------------------------------------------------------------


def _own_password_change(request, extra_context=None):
    """The admin's own "change password" link goes to the application's page, which
    writes the security log."""
    from django.shortcuts import redirect

    return redirect("wachtwoord_wijzigen")


admin.site.password_change = _own_password_change  # type: ignore[method-assign]


class StaffProfileForm(forms.ModelForm):
    class Meta:
        model = StaffProfile
        fields = ("gemeenten", "functie", "telefoon")

    def clean_gemeenten(self):
        gemeenten = self.cleaned_data.get("gemeenten")
        if not gemeenten:
            raise ValidationError(_("Kies ten minste één gemeente waarvoor deze medewerker werkt."))
        return gemeenten


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    form = StaffProfileForm
    can_delete = False
    min_num = 1
    max_num = 1
    validate_min = True
    # A plain multiple select: Django's filter_horizontal widget is not accessible
    # (its JavaScript puts aria-label on a span without a role; axe: serious).
    verbose_name_plural = "Medewerkerprofiel"

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "gemeenten":
            ids = admin_gemeente_ids(request)
            kwargs["queryset"] = (
                Gemeente.objects.all() if ids is None else Gemeente.objects.filter(pk__in=ids)
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.pk == request.user.pk and not request.user.is_superuser:
            return ("gemeenten",)  # nobody widens their own reach
        return ()


class StaffUserCreationForm(forms.ModelForm):
    """A new account without a password: the user sets it through the reset link
    that is sent on creation (nobody else ever knows it)."""

    class Meta:
        model = get_user_model()
        fields = ("username", "first_name", "last_name", "email")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].help_text = _(
            "De medewerker krijgt op dit adres een link om zelf een wachtwoord in te stellen."
        )

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
        return user


User = get_user_model()
admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(Group)
class RoleGroupAdmin(admin.ModelAdmin):
    """The roles, read-only: what a role may do is code (``<app>/permissions.py``)."""

    list_display = ("name",)
    filter_horizontal = ()  # plain selects: the filter widget is not accessible (axe)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [StaffProfileInline]
    add_form = StaffUserCreationForm
    add_fieldsets = ((None, {"fields": ("username", "first_name", "last_name", "email")}),)
    fieldsets = (
        (None, {"fields": ("username",)}),
        (_("Persoonlijke gegevens"), {"fields": ("first_name", "last_name", "email")}),
        (_("Rollen"), {"fields": ("is_active", "groups")}),
        (_("Belangrijke datums"), {"fields": ("last_login", "date_joined")}),
    )
    readonly_fields = ("last_login", "date_joined")
    list_display = ("username", "first_name", "last_name", "email", "rollen", "is_active")
    list_filter = ("is_active", "groups")
    filter_horizontal = ()  # plain multiple selects (see StaffProfileInline)
    actions = ["stuur_wachtwoordherstel"]

    @admin.display(description=_("rollen"))
    def rollen(self, obj):
        return ", ".join(g.name for g in obj.groups.all())

    def get_queryset(self, request):
        qs = super().get_queryset(request).prefetch_related("groups")
        if request.user.is_superuser:
            return qs
        return qs.filter(pk__in=staff_users_for(request.user).values("pk"))

    def get_readonly_fields(self, request, obj=None):
        ro = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk == request.user.pk and not request.user.is_superuser:
            ro += ["groups", "is_active"]  # nobody changes their own roles
        return ro

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            kwargs["queryset"] = Group.objects.filter(name__in=Rol.values).order_by("name")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "groups" in form.base_fields:
            form.base_fields["groups"].help_text = _(
                "De rol bepaalt wat de medewerker mag. Beheer en beleid krijgen "
                "automatisch toegang tot /beheer/."
            )
        return form

    def user_change_password(self, request, id, form_url=""):
        if not request.user.is_superuser:
            raise PermissionDenied  # the beheerder sends a reset link instead
        return super().user_change_password(request, id, form_url)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user = form.instance
        sync_is_staff(user)
        if not change:
            send_password_reset(request, user)
            messages.info(
                request,
                _("Een link om een wachtwoord in te stellen is gemaild naar %(email)s.")
                % {"email": user.email},
            )

    @admin.action(description=_("Stuur een link om het wachtwoord opnieuw in te stellen"))
    def stuur_wachtwoordherstel(self, request, queryset):
        n = 0
        for user in queryset:
            if user.email and user.is_active:
                send_password_reset(request, user)
                n += 1
        self.message_user(request, _("%(n)s herstellink(s) verstuurd.") % {"n": n})


# --- teams --------------------------------------------------------------------------


class TeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ("gemeente", "naam", "leden")

    def clean(self):
        data = super().clean()
        gemeente, leden = data.get("gemeente"), data.get("leden")
        if gemeente and leden:
            vreemd = [u for u in leden if not u.profiel.gemeenten.filter(pk=gemeente.pk).exists()]
            if vreemd:
                raise ValidationError(
                    _("%(namen)s werkt niet voor %(g)s.")
                    % {
                        "namen": ", ".join(u.get_full_name() or u.username for u in vreemd),
                        "g": gemeente,
                    }
                )
        return data


@admin.register(Team)
class TeamAdmin(GemeenteScopedAdmin):
    form = TeamForm
    list_display = ("naam", "gemeente")
    list_filter = ("gemeente",)
    filter_horizontal = ()  # plain multiple select (see StaffProfileInline)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "leden":
            kwargs["queryset"] = (
                staff_users_for(request.user)
                if not request.user.is_superuser
                else User.objects.filter(is_active=True)
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


# --- the logs (read-only) -------------------------------------------------------------


class _ReadOnlyLog(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}


@admin.register(AccessLog)
class AccessLogAdmin(_ReadOnlyLog):
    list_display = (
        "seq",
        "moment",
        "user_id",
        "dossier_id",
        "action",
        "onderdeel",
        "doel",
        "ketenpartner_id",
        "request_id",
    )
    list_filter = ("action",)
    search_fields = ("=dossier_id", "=user_id", "=request_id", "=ketenpartner_id")
    date_hierarchy = "moment"

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        ids = admin_gemeente_ids(request)
        return qs if ids is None else qs.filter(gemeente_id__in=ids)


@admin.register(SecurityEvent)
class SecurityEventAdmin(_ReadOnlyLog):
    list_display = ("moment", "soort", "user_id", "actor_id", "ip_adres", "request_id")
    list_filter = ("soort",)
    search_fields = ("=user_id", "=actor_id", "=request_id")
    date_hierarchy = "moment"

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(user_id__in=staff_users_for(request.user).values("pk"))


# Background jobs (transactional outbox): ids and errors only, per gemeente.
from .outbox import admin as _outbox_admin  # noqa: E402,F401
