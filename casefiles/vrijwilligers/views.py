"""Pages of volunteers: the gemeente's register, and the dossier tab
"Vrijwilligers" (matches and signals)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from casefiles.choices import AccessAction, VrijwilligerSoort
from casefiles.forms import DateInput, StyledFormMixin, add_service_errors
from casefiles.models import Gemeente, Ketenpartner, Vrijwilliger
from casefiles.paginering import pagina, querystring_zonder
from casefiles.permissions import dossier_view, permission_view, user_gemeente_ids
from casefiles.views import dossier_context

from . import rules, selectors, services

PER_PAGINA = 50
"""Volunteers per page of the register."""


class VrijwilligerForm(StyledFormMixin, forms.ModelForm):
    gemeente = forms.ModelChoiceField(label=_l("Gemeente"), queryset=Gemeente.objects.none())

    class Meta:
        model = Vrijwilliger
        fields = [
            "naam",
            "soort",
            "email",
            "telefoon",
            "organisatie",
            "talen",
            "vog_datum",
            "training",
            "training_datum",
            "actief",
        ]
        widgets = {"vog_datum": DateInput(), "training_datum": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        ids = user_gemeente_ids(user)
        self.fields["gemeente"].queryset = Gemeente.objects.filter(pk__in=ids)
        self.fields["organisatie"].queryset = Ketenpartner.objects.filter(gemeente_id__in=ids)
        if self.instance.pk:
            del self.fields["gemeente"]


class KoppelingForm(StyledFormMixin, forms.Form):
    vrijwilliger = forms.ModelChoiceField(label=_l("Vrijwilliger"), queryset=None)
    soort = forms.ChoiceField(label=_l("Soort"), choices=VrijwilligerSoort.choices)
    start = forms.DateField(label=_l("Start"), widget=DateInput())
    doel = forms.CharField(label=_l("Doel"), required=False, max_length=300)

    def __init__(self, *args, vrijwilligers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vrijwilliger"].queryset = vrijwilligers


class SignaalForm(StyledFormMixin, forms.Form):
    datum = forms.DateField(label=_l("Datum"), widget=DateInput())
    omschrijving = forms.CharField(
        label=_l("Wat signaleerde de vrijwilliger?"), widget=forms.Textarea(attrs={"rows": 4})
    )


class BeeindigenForm(forms.Form):
    eind = forms.DateField(label=_l("Einde"), widget=DateInput())


# --- the register ----------------------------------------------------------------------


@permission_view("casefiles.view_vrijwilliger")
def lijst(request):
    form = VrijwilligerForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if not request.user.has_perm("casefiles.add_vrijwilliger"):
            raise PermissionDenied
        if form.is_valid():
            data = dict(form.cleaned_data)
            gemeente = data.pop("gemeente")
            try:
                services.vrijwilliger_create(actor=request.user, gemeente=gemeente, **data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("De vrijwilliger is toegevoegd."))
                return redirect("vrijwilligers:lijst")
    today = timezone.localdate()
    # one page of the register (issue 16); the count without the list's join
    page = pagina(
        request,
        selectors.vrijwilliger_list(user=request.user),
        PER_PAGINA,
        telling=selectors.vrijwilliger_aantal(user=request.user),
    )
    vrijwilligers = list(page.object_list)
    for v in vrijwilligers:
        v.vog_ok = rules.vog_geldig(v.vog_datum, today)
    return render(
        request,
        "vrijwilligers/lijst.html",
        {
            "form": form,
            "vrijwilligers": vrijwilligers,
            "page": page,
            "querystring": querystring_zonder(request),
        },
    )


@permission_view("casefiles.change_vrijwilliger")
def bewerken(request, vrijwilliger_pk: int):
    v = selectors.vrijwilliger_get(user=request.user, pk=vrijwilliger_pk)
    form = VrijwilligerForm(request.POST or None, instance=v, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.vrijwilliger_update(actor=request.user, vrijwilliger=v, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De vrijwilliger is opgeslagen."))
            return redirect("vrijwilligers:lijst")
    return render(request, "vrijwilligers/bewerken.html", {"form": form, "vrijwilliger": v})


# --- the dossier tab ------------------------------------------------------------------------


@dossier_view(
    "casefiles.view_koppeling",
    post_perm="casefiles.add_koppeling",
    onderdeel="vrijwilligers",
    post_action=AccessAction.CREATE,
)
def tab(request, dossier):
    form = KoppelingForm(
        request.POST or None,
        vrijwilligers=selectors.koppelbaar(dossier=dossier),
        initial={"start": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.koppeling_create(actor=request.user, dossier=dossier, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De vrijwilliger is gekoppeld."))
            return redirect("vrijwilligers:tab", dossier_pk=dossier.pk)
    return render(
        request,
        "vrijwilligers/tab.html",
        dossier_context(
            request,
            dossier,
            "vrijwilligers",
            form=form,
            koppelingen=list(selectors.koppelingen(dossier=dossier)),
        ),
    )


@require_POST
@dossier_view("casefiles.change_koppeling", onderdeel="vrijwilligers")
def beeindigen(request, dossier, koppeling_pk: int):
    k = selectors.koppeling_get(dossier=dossier, pk=koppeling_pk)
    form = BeeindigenForm(request.POST)
    eind = form.cleaned_data["eind"] if form.is_valid() else timezone.localdate()
    try:
        services.koppeling_beeindigen(actor=request.user, koppeling=k, eind=eind)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("De koppeling is beëindigd."))
    return redirect("vrijwilligers:tab", dossier_pk=dossier.pk)


@dossier_view(
    "casefiles.add_vrijwilligersignaal", onderdeel="vrijwilligers", post_action=AccessAction.CREATE
)
def signaal(request, dossier, koppeling_pk: int):
    k = selectors.koppeling_get(dossier=dossier, pk=koppeling_pk)
    form = SignaalForm(request.POST or None, initial={"datum": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.signaal_create(actor=request.user, koppeling=k, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het signaal is vastgelegd; de consulent krijgt een taak."))
            return redirect("vrijwilligers:tab", dossier_pk=dossier.pk)
    return render(
        request,
        "vrijwilligers/signaal.html",
        dossier_context(request, dossier, "vrijwilligers", form=form, koppeling=k),
    )
