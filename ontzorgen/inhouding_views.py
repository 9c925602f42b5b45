"""Pages of the withholding instruction (issue 18): the list with the
reconciliation and a form to make the month's instruction, one instruction, and its
CSV and PDF. Every page logs the dossiers it shows (one INSERT)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casefiles.choices import AccessAction
from casefiles.forms import StyledFormMixin, add_service_errors
from casefiles.models import Gemeente
from casefiles.paginering import pagina, querystring_zonder
from casefiles.permissions import permission_view, user_gemeente_ids
from casefiles.services import access_log_record_many

from . import inhouding

PERSONEN_PER_PAGINA = 50
"""Persons per page of an instruction's detail page (issue 16)."""
OPDRACHTEN_PER_PAGINA = 24
"""Instructions per page of the list (two years of one gemeente)."""
AANSLUITING_PER_PAGINA = 50
"""Payments per page of each list of the reconciliation."""


class MaandInput(forms.DateInput):
    input_type = "month"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m", **kwargs)


class InhoudingMakenForm(StyledFormMixin, forms.Form):
    gemeente = forms.ModelChoiceField(label=_("Gemeente"), queryset=Gemeente.objects.none())
    maand = forms.DateField(
        label=_("Maand van inhouding"),
        input_formats=["%Y-%m", "%Y-%m-%d"],
        widget=MaandInput(),
        help_text=_("Alle betaalde betalingen tot en met deze maand die nog niet zijn ingehouden."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = Gemeente.objects.filter(pk__in=user_gemeente_ids(user))


def _log(request, opdracht, action, doel=""):
    access_log_record_many(
        user=request.user,
        dossiers=[
            (pk, opdracht.gemeente_id)
            for pk in opdracht.regels.values_list("dossier_id", flat=True).distinct()
        ],
        action=action,
        onderdeel="ontzorgen.inhouding",
        object_id=opdracht.pk,
        doel=doel,
        request=request,
    )


@permission_view("ontzorgen.view_inhoudingsopdracht")
def lijst(request):
    today = timezone.localdate()
    form = InhoudingMakenForm(
        request.POST or None, user=request.user, initial={"maand": today.replace(day=1)}
    )
    if request.method == "POST":
        if not request.user.has_perm("ontzorgen.add_inhoudingsopdracht"):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        if form.is_valid():
            try:
                opdracht = inhouding.inhouding_maken(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                _log(request, opdracht, AccessAction.CREATE)
                messages.success(
                    request,
                    _("Inhoudingsopdracht gemaakt: %(n)s betalingen van %(p)s personen.")
                    % {"n": opdracht.aantal_regels, "p": opdracht.aantal_personen},
                )
                return redirect("ontzorgen:inhouding_detail", opdracht_pk=opdracht.pk)
    aansluiting = inhouding.aansluiting(gemeente_ids=user_gemeente_ids(request.user))
    # three lists, each paged on its own parameter (issue 16: never a silent cap)
    page_niet = pagina(
        request,
        aansluiting.niet_ingehouden,
        AANSLUITING_PER_PAGINA,
        telling=aansluiting.aantal_niet_ingehouden,
        param="pagina_niet",
    )
    page_storno = pagina(
        request,
        aansluiting.gestorneerd_ingehouden,
        AANSLUITING_PER_PAGINA,
        telling=aansluiting.aantal_gestorneerd_ingehouden,
        param="pagina_storno",
    )
    page = pagina(request, inhouding.opdrachten(user=request.user), OPDRACHTEN_PER_PAGINA)
    niet, storno = list(page_niet.object_list), list(page_storno.object_list)
    # the dossiers of both pages in ONE access-log insert
    access_log_record_many(
        user=request.user,
        dossiers=[(b.vaste_last.plan.dossier_id, b.gemeente_id) for b in (*niet, *storno)],
        action=AccessAction.VIEW,
        onderdeel="ontzorgen.inhouding",
        request=request,
    )
    return render(
        request,
        "ontzorgen/inhouding_lijst.html",
        {
            "form": form,
            "opdrachten": list(page.object_list),
            "page": page,
            "querystring": querystring_zonder(request),
            "aansluiting": aansluiting,
            "niet_ingehouden": niet,
            "page_niet": page_niet,
            "querystring_niet": querystring_zonder(request, "pagina_niet"),
            "gestorneerd_ingehouden": storno,
            "page_storno": page_storno,
            "querystring_storno": querystring_zonder(request, "pagina_storno"),
            "today": today,
        },
    )


@permission_view("ontzorgen.view_inhoudingsopdracht")
def detail(request, opdracht_pk: int):
    opdracht = inhouding.opdracht_get(user=request.user, pk=opdracht_pk)
    # one page of persons (issue 16); the CSV and PDF stay the whole instruction
    page = pagina(
        request,
        inhouding.persoon_rijen(opdracht),
        PERSONEN_PER_PAGINA,
        telling=opdracht.aantal_personen,
    )
    dossier_ids = [dossier_id for dossier_id, _achternaam in page.object_list]
    personen = inhouding.per_persoon(opdracht, dossier_ids=dossier_ids)
    # the page's persons in ONE access-log insert
    access_log_record_many(
        user=request.user,
        dossiers=[(pk, opdracht.gemeente_id) for pk in dossier_ids],
        action=AccessAction.VIEW,
        onderdeel="ontzorgen.inhouding",
        object_id=opdracht.pk,
        request=request,
    )
    return render(
        request,
        "ontzorgen/inhouding_detail.html",
        {
            "opdracht": opdracht,
            "personen": personen,
            "page": page,
            "querystring": querystring_zonder(request),
        },
    )


@permission_view("ontzorgen.export_inhouding")
def csv_download(request, opdracht_pk: int):
    opdracht = inhouding.opdracht_get(user=request.user, pk=opdracht_pk)
    _log(
        request,
        opdracht,
        AccessAction.EXPORT,
        doel="inhoudingsopdracht naar de uitkeringsadministratie",
    )
    response = HttpResponse(inhouding.als_csv(opdracht), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{opdracht.bestandsnaam}.csv"'
    response["Cache-Control"] = "no-store"
    return response


@permission_view("ontzorgen.export_inhouding")
def pdf_download(request, opdracht_pk: int):
    opdracht = inhouding.opdracht_get(user=request.user, pk=opdracht_pk)
    _log(request, opdracht, AccessAction.EXPORT, doel="inhoudingsopdracht voor het dossier")
    response = HttpResponse(inhouding.als_pdf(opdracht), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{opdracht.bestandsnaam}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
