"""The "Kosten" dossier tab: other costs of this inburgeraar and their budget."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from casefiles.choices import AccessAction
from casefiles.forms import DateInput, StyledFormMixin, add_service_errors
from casefiles.models import Kostenpost
from casefiles.permissions import dossier_view
from casefiles.views import dossier_context

from . import services


class KostenpostForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Kostenpost
        fields = ["soort", "budget", "datum", "bedrag", "omschrijving"]
        widgets = {"datum": DateInput()}
        localized_fields = ["bedrag"]
        help_texts = {"bedrag": _l("Bijvoorbeeld 23,40.")}

    def _post_clean(self):
        pass  # the service validates (and keeps the typed values on error)


@dossier_view(
    "casefiles.view_kostenpost",
    post_perm="casefiles.add_kostenpost",
    onderdeel="kosten",
    post_action=AccessAction.CREATE,
)
def tab(request, dossier):
    form = KostenpostForm(request.POST or None, initial={"datum": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.kostenpost_create(actor=request.user, dossier=dossier, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De kosten zijn vastgelegd."))
            return redirect("kosten:tab", dossier_pk=dossier.pk)
    posten = list(dossier.kostenposten.select_related("geregistreerd_door"))
    totalen = list(
        dossier.kostenposten.values("budget").annotate(som=Sum("bedrag")).order_by("budget")
    )
    labels = dict(Kostenpost._meta.get_field("budget").choices)  # type: ignore[arg-type]
    return render(
        request,
        "kosten/tab.html",
        dossier_context(
            request,
            dossier,
            "kosten",
            form=form,
            posten=posten,
            totalen=[(labels.get(t["budget"], t["budget"]), t["som"]) for t in totalen],
            totaal=sum((p.bedrag for p in posten), Decimal("0.00")),
        ),
    )


@dossier_view("casefiles.change_kostenpost", onderdeel="kosten")
def bewerken(request, dossier, post_pk: int):
    post = dossier.kostenposten.filter(pk=post_pk).first()
    if post is None:
        raise Http404
    form = KostenpostForm(request.POST or None, instance=post)
    if request.method == "POST" and form.is_valid():
        try:
            services.kostenpost_update(actor=request.user, post=post, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De kostenpost is opgeslagen."))
            return redirect("kosten:tab", dossier_pk=dossier.pk)
    return render(
        request,
        "kosten/bewerken.html",
        dossier_context(request, dossier, "kosten", form=form, post=post),
    )
