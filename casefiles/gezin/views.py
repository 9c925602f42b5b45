"""The "Gezin" dossier tab: household members, their role in the plan, children's
school, VVE and leerplicht, and the open signals."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from casefiles.choices import TaakBron, TaakStatus
from casefiles.forms import DateInput, StyledFormMixin, add_service_errors
from casefiles.models import Dossier, Gezinslid
from casefiles.permissions import dossier_view
from casefiles.views import dossier_context

from . import rules, services


class GezinslidDetailForm(StyledFormMixin, forms.ModelForm):
    eigen_dossier_nummer = forms.IntegerField(
        label=_l("Dossiernummer van de partner"),
        required=False,
        min_value=1,
        help_text=_l("Heeft de partner een eigen inburgeringsdossier in deze gemeente?"),
    )

    class Meta:
        model = Gezinslid
        fields = [
            "relatie",
            "naam",
            "geboortedatum",
            "verwachte_aankomst",
            "woont_in_huishouden",
            "rol_in_plan",
            "school",
            "vve_status",
            "leerplicht_status",
        ]
        widgets = {"geboortedatum": DateInput(), "verwachte_aankomst": DateInput()}

    def __init__(self, *args, dossier: Dossier, **kwargs):
        super().__init__(*args, **kwargs)
        self.dossier = dossier
        if self.instance.eigen_dossier_id:
            self.fields["eigen_dossier_nummer"].initial = self.instance.eigen_dossier_id

    def clean_eigen_dossier_nummer(self):
        nummer = self.cleaned_data.get("eigen_dossier_nummer")
        if not nummer:
            return None
        eigen = Dossier.objects.filter(pk=nummer, gemeente_id=self.dossier.gemeente_id).first()
        if eigen is None or eigen.pk == self.dossier.pk:
            raise ValidationError(_("Er is geen ander dossier met dit nummer in deze gemeente."))
        return eigen


@dossier_view("casefiles.view_gezinslid", onderdeel="dossier.gezin")
def tab(request, dossier):
    from django.utils import timezone

    today = timezone.localdate()
    leden = list(dossier.inburgeraar.gezinsleden.select_related("eigen_dossier__inburgeraar"))
    for lid in leden:
        lid.leeftijd = (
            rules.leeftijd_maanden(lid.geboortedatum, today) // 12 if lid.geboortedatum else None
        )
        lid.vve_leeftijd = bool(lid.geboortedatum) and rules.in_vve_leeftijd(
            lid.geboortedatum, today
        )
    signalen = dossier.taken.filter(bron=TaakBron.GEZIN, status=TaakStatus.OPEN).order_by(
        "deadline"
    )
    return render(
        request,
        "gezin/tab.html",
        dossier_context(request, dossier, "gezin", leden=leden, signalen=list(signalen)),
    )


@dossier_view("casefiles.change_gezinslid", onderdeel="dossier.gezin")
def bewerken(request, dossier, lid_pk: int):
    lid = dossier.inburgeraar.gezinsleden.filter(pk=lid_pk).first()
    if lid is None:
        raise Http404
    form = GezinslidDetailForm(request.POST or None, instance=lid, dossier=dossier)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["eigen_dossier"] = data.pop("eigen_dossier_nummer")
        try:
            services.gezinslid_update(actor=request.user, dossier=dossier, lid=lid, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het gezinslid is opgeslagen."))
            return redirect("gezin:tab", dossier_pk=dossier.pk)
    return render(
        request,
        "gezin/bewerken.html",
        dossier_context(request, dossier, "gezin", form=form, lid=lid),
    )
