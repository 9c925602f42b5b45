"""The "Eerste stappen" dossier tab: the checklist and each step's status."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from casefiles.choices import AccessAction, StartstapStatus
from casefiles.forms import DateInput, StyledFormMixin, add_service_errors
from casefiles.permissions import dossier_view
from casefiles.views import dossier_context

from . import rules, services


class StapForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(label=_l("Status"), choices=StartstapStatus.choices)
    datum = forms.DateField(
        label=_l("Geregeld op"),
        required=False,
        widget=DateInput(),
        help_text=_l("Leeg bij 'geregeld': vandaag."),
    )
    toelichting = forms.CharField(label=_l("Toelichting"), required=False, max_length=300)


@dossier_view(
    "casefiles.view_startstap",
    post_perm="casefiles.add_startstap",
    onderdeel="startchecklist",
    post_action=AccessAction.CREATE,
)
def tab(request, dossier):
    if request.method == "POST":
        services.startchecklist_aanmaken(actor=request.user, dossier=dossier)
        messages.success(request, _("De startchecklist is aangemaakt."))
        return redirect("startchecklist:tab", dossier_pk=dossier.pk)
    stappen = list(dossier.startstappen.select_related("door"))
    return render(
        request,
        "startchecklist/tab.html",
        dossier_context(
            request,
            dossier,
            "startchecklist",
            stappen=stappen,
            open_aantal=sum(1 for s in stappen if not rules.is_klaar(s.status)),
        ),
    )


@dossier_view("casefiles.change_startstap", onderdeel="startchecklist")
def stap(request, dossier, stap_pk: int):
    stap = dossier.startstappen.filter(pk=stap_pk).first()
    if stap is None:
        raise Http404
    form = StapForm(
        request.POST or None,
        initial={"status": stap.status, "datum": stap.datum, "toelichting": stap.toelichting},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.startstap_bijwerken(actor=request.user, stap=stap, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De stap is bijgewerkt."))
            return redirect("startchecklist:tab", dossier_pk=dossier.pk)
    return render(
        request,
        "startchecklist/stap.html",
        dossier_context(request, dossier, "startchecklist", form=form, stap=stap),
    )
