"""The ketenpartner's part of the PIP (issue 18): the goals of the current PIP that
name its organisation, shown in its view of a shared dossier, and the progress it
writes on them. Access through casefiles.partners (consent, share, organisation)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casefiles.choices import AccessAction, DeelOnderdeel
from casefiles.forms import DateInput, StyledFormMixin, add_service_errors
from casefiles.partners.permissions import partner_dossier_view
from casefiles.partners.sections import PartnerSection, register_section

from . import selectors, services


class DoelVoortgangForm(StyledFormMixin, forms.Form):
    datum = forms.DateField(label=_("Datum"), widget=DateInput())
    tekst = forms.CharField(label=_("Voortgang"), widget=forms.Textarea(attrs={"rows": 4}))


def register() -> None:
    register_section(
        PartnerSection(
            "pip_doelen",
            DeelOnderdeel.PIP_DOELEN,
            "pip_plans/partials/_partner_doelen.html",
            context=lambda deling: {"doelen": selectors.partner_doelen(deling=deling)},
            order=30,
        )
    )


@partner_dossier_view(
    onderdeel="pip_doelen", deel=DeelOnderdeel.PIP_DOELEN, post_action=AccessAction.CREATE
)
def doel_voortgang(request, deling, doel_pk: int):
    doel = selectors.partner_doel_get(deling=deling, pk=doel_pk)
    form = DoelVoortgangForm(request.POST or None, initial={"datum": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.doel_voortgang_create(
                actor=request.user, deling=deling, doel=doel, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De voortgang is vastgelegd."))
            return redirect("partners:dossier", dossier_pk=deling.dossier_id)
    return render(
        request,
        "partners/form.html",
        {
            "deling": deling,
            "dossier": deling.dossier,
            "persoon": deling.dossier.inburgeraar,
            "partner": deling.partner,
            "form": form,
            "titel": _("Voortgang op het doel"),
            "toelichting": f"{doel.get_levensdomein_display()}: {doel.doel}",
        },
    )
