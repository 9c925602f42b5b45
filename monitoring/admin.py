"""Monitoring in the admin: the policy dashboard, its exports, the quarterly
snapshots (read-only) and the budget tables.

How the dashboard becomes the admin index (without editing shared files): this
module (loaded by the admin's autodiscover, before the URLconf is built) replaces
the ``index`` attribute of ``admin.site`` by :func:`index`, which renders the
dashboard for users holding ``monitoring.view_dashboard`` who are not superusers
(the beleidsmedewerker) and calls the original index for everybody else. The
dashboard and the exports also live at their own admin URLs (see
:meth:`IndicatorSnapshotAdmin.get_urls`), which answer 403 without the permission.
"""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from .exports import bestandsnaam, tabel_csv, tabel_xlsx
from .forms import DashboardFilterForm
from .indicators.base import toegestane_gemeenten
from .models import BudgetRegel, IndicatorSnapshot, KostenBudget
from .selectors import gegroepeerd, grafiek_data, indicator_tabel, trend

DASHBOARD_PERM = "monitoring.view_dashboard"


def _check(request) -> None:
    if not request.user.has_perm(DASHBOARD_PERM):
        raise PermissionDenied


def dashboard(request, extra_context=None):
    """The indicator table with targets and on-track marks, charts and the trend."""
    _check(request)
    form = DashboardFilterForm(request.GET or None, user=request.user)
    f = form.filters()
    rijen = indicator_tabel(f)
    query = request.GET.urlencode()
    context = {
        **admin.site.each_context(request),
        "title": _("Beleidsdashboard inburgering"),
        "form": form,
        "filters": f,
        "groepen": gegroepeerd(rijen),
        "grafiek": grafiek_data(rijen),
        "trend": trend(f),
        "export_csv": reverse("admin:monitoring_export", args=["csv"]) + f"?{query}",
        "export_xlsx": reverse("admin:monitoring_export", args=["xlsx"]) + f"?{query}",
        "beheer_links": [
            (_("Budgettabel"), reverse("admin:monitoring_budgetregel_changelist")),
            (
                _("Indicatorstanden per kwartaal"),
                reverse("admin:monitoring_indicatorsnapshot_changelist"),
            ),
        ],
        **(extra_context or {}),
    }
    return TemplateResponse(request, "admin/monitoring/dashboard.html", context)


def export(request, formaat: str):
    """The indicator table of the current filters as CSV or XLSX (suppressed)."""
    _check(request)
    form = DashboardFilterForm(request.GET or None, user=request.user)
    f = form.filters()
    rijen = indicator_tabel(f)
    if formaat == "xlsx":
        response = HttpResponse(
            tabel_xlsx(rijen, f),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(tabel_csv(rijen, f), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam(f, formaat)}"'
    return response


_original_index = admin.site.index


def index(request, extra_context=None):
    """The admin index: the dashboard for the beleidsmedewerker, the usual index else."""
    if request.user.has_perm(DASHBOARD_PERM) and not request.user.is_superuser:
        return dashboard(request, extra_context)
    extra = {"monitoring_dashboard_url": None}
    if request.user.has_perm(DASHBOARD_PERM):
        extra["monitoring_dashboard_url"] = reverse("admin:monitoring_dashboard")
    return _original_index(request, {**extra, **(extra_context or {})})


admin.site.index = index


class _GemeenteScoped:
    """Admin querysets limited to the user's gemeenten (superusers: all)."""

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs.filter(gemeente_id__in=toegestane_gemeenten(request.user))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "gemeente":
            from casefiles.models import Gemeente

            kwargs["queryset"] = Gemeente.objects.filter(pk__in=toegestane_gemeenten(request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(IndicatorSnapshot)
class IndicatorSnapshotAdmin(_GemeenteScoped, admin.ModelAdmin):
    """Read-only: the snapshots are written by the nightly job only."""

    list_display = ("gemeente", "jaar", "kwartaal", "sleutel", "waarde_tekst", "definitief")
    list_filter = ("gemeente", "jaar", "kwartaal", "definitief")
    search_fields = ("sleutel",)

    @admin.display(description=_("waarde"))
    def waarde_tekst(self, obj):
        from .rules import SUPPRESSIE_TEKST, is_onderdrukt

        return SUPPRESSIE_TEKST if is_onderdrukt(obj.n) else obj.waarde

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("dashboard/", wrap(dashboard), name="monitoring_dashboard"),
            path("export/<str:formaat>/", wrap(export), name="monitoring_export"),
            *super().get_urls(),
        ]


@admin.register(BudgetRegel)
class BudgetRegelAdmin(_GemeenteScoped, admin.ModelAdmin):
    list_display = ("gemeente", "jaar", "leerroute", "budget", "prijs_per_traject", "begroot")
    list_filter = ("gemeente", "jaar", "leerroute")
    ordering = ("gemeente", "-jaar", "leerroute")

    @admin.display(description=_("begroot aantal trajecten"))
    def begroot(self, obj):
        return obj.begroot_aantal


@admin.register(KostenBudget)
class KostenBudgetAdmin(_GemeenteScoped, admin.ModelAdmin):
    """Budgets of the other costs (issue 18), the user's own gemeenten only."""

    list_display = ("gemeente", "jaar", "budget", "bedrag", "toelichting")
    list_filter = ("gemeente", "jaar", "budget")
    ordering = ("gemeente", "-jaar", "budget")
