"""Privacy in the admin (reference data only, never case content): the retention
periods per gemeente (the functioneel beheerder of that gemeente edits them), the
record of anonymisations (ids only, read-only) and the verwerkingsregister (art. 30),
exportable as CSV and XLSX."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from casefiles.admin_base import GemeenteScopedAdmin

from .models import Anonimisering, Bewaartermijn, Verwerking
from .retentie import register, rules


@admin.register(Bewaartermijn)
class BewaartermijnAdmin(GemeenteScopedAdmin):
    """Retention per kind per gemeente; without a row the default applies."""

    list_display = ("gemeente", "soort", "jaren", "bron", "gewijzigd_op")
    list_filter = ("soort", "gemeente")
    ordering = ("gemeente__naam", "soort")
    fields = ("gemeente", "soort", "jaren", "bron")

    def changelist_view(self, request, extra_context=None):
        standaard = "; ".join(
            f"{soort}: {s.jaren} jaar ({s.bron})" for soort, s in rules.STANDAARD_TERMIJNEN.items()
        )
        extra = {
            "subtitle": _("Zonder eigen regel geldt de standaard — %(s)s. %(e)s")
            % {"s": standaard, "e": rules.einddatum_toelichting()}
        }
        return super().changelist_view(request, {**extra, **(extra_context or {})})


@admin.register(Anonimisering)
class AnonimiseringAdmin(GemeenteScopedAdmin):
    """What the retention job did: ids only, written by the job, never edited."""

    list_display = ("uitgevoerd_op", "soort", "dossier_id", "inburgeraar_id", "gemeente_id")
    list_filter = ("soort",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class VerwerkingForm(forms.ModelForm):
    toegangslog_doelen = forms.MultipleChoiceField(
        label=_("doelen in het toegangslog"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[],
    )

    class Meta:
        model = Verwerking
        fields = [
            "naam",
            "doel",
            "grondslag",
            "wettelijke_basis",
            "bijzondere_gegevens",
            "categorieen_betrokkenen",
            "categorieen_gegevens",
            "ontvangers",
            "doorgifte_buiten_eer",
            "bewaarsoort",
            "bewaartermijn_toelichting",
            "toegangslog_doelen",
            "toegangslog_onderdelen",
            "beveiliging",
            "volgorde",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["toegangslog_doelen"].choices = [
            (waarde, f"{waarde or '(leeg)'} — {bron}")
            for waarde, bron in register.toegangslog_doelen()
        ]


@admin.register(Verwerking)
class VerwerkingAdmin(admin.ModelAdmin):
    """The register of processing activities (AVG art. 30). The product's processings
    come from a data migration; the export feeds the gemeente's own register."""

    form = VerwerkingForm
    list_display = ("naam", "grondslag", "bewaarsoort", "ontvangers_kort")
    search_fields = ("naam", "doel")
    actions = ["export_csv", "export_xlsx"]

    @admin.display(description=_("ontvangers"))
    def ontvangers_kort(self, obj):
        return obj.ontvangers[:80]

    @admin.action(description=_("Exporteren als CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        response = HttpResponse(
            register.register_csv(queryset.order_by("volgorde", "naam")),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="verwerkingsregister.csv"'
        return response

    @admin.action(description=_("Exporteren als Excel (XLSX)"), permissions=["view"])
    def export_xlsx(self, request, queryset):
        response = HttpResponse(
            register.register_xlsx(queryset.order_by("volgorde", "naam")),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="verwerkingsregister.xlsx"'
        return response
