"""The Participatie tab: activities, outcomes and participatieladder. Thin views."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from casefiles.choices import AccessAction
from casefiles.forms import add_service_errors
from casefiles.permissions import dossier_view
from casefiles.views import dossier_context

from . import selectors, services
from .forms import ActiviteitForm, LadderForm, UitstroomForm

VIEW = "casefiles.view_activiteit"


def _render_tab(request, dossier, *, activiteit_form=None, uitstroom_form=None, ladder_form=None):
    today = timezone.localdate()
    return render(
        request,
        "participatie/tab.html",
        dossier_context(
            request,
            dossier,
            "participatie",
            activiteiten=selectors.activiteit_list(dossier=dossier),
            uitstroom=selectors.uitstroom_list(dossier=dossier),
            metingen=selectors.ladder_list(dossier=dossier),
            activiteit_form=activiteit_form or ActiviteitForm(initial={"start": today}),
            uitstroom_form=uitstroom_form or UitstroomForm(initial={"datum": today}),
            ladder_form=ladder_form or LadderForm(initial={"datum": today, "bron": "handmatig"}),
        ),
    )


@dossier_view(VIEW, onderdeel="participatie.overzicht")
def tab(request, dossier):
    return _render_tab(request, dossier)


@dossier_view(
    VIEW,
    post_perm="casefiles.add_activiteit",
    onderdeel="participatie.activiteit",
    post_action=AccessAction.CREATE,
)
def activiteit_nieuw(request, dossier):
    if request.method != "POST":
        return redirect("participatie:tab", dossier_pk=dossier.pk)
    form = ActiviteitForm(request.POST)
    if form.is_valid():
        try:
            services.activiteit_create(actor=request.user, dossier=dossier, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De activiteit is opgeslagen."))
            return redirect("participatie:tab", dossier_pk=dossier.pk)
    return _render_tab(request, dossier, activiteit_form=form)


@dossier_view(VIEW, post_perm="casefiles.change_activiteit", onderdeel="participatie.activiteit")
def activiteit_bewerken(request, dossier, activiteit_pk: int):
    activiteit = selectors.activiteit_get(dossier=dossier, pk=activiteit_pk)
    initial = {f: getattr(activiteit, f) for f in services.ACTIVITEIT_VELDEN}
    form = ActiviteitForm(request.POST or None, initial=initial, lock_instance=activiteit)
    if request.method == "POST" and form.is_valid():
        try:
            services.activiteit_update(
                actor=request.user, activiteit=activiteit, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De activiteit is bijgewerkt."))
            return redirect("participatie:tab", dossier_pk=dossier.pk)
    return render(
        request,
        "participatie/activiteit_bewerken.html",
        dossier_context(request, dossier, "participatie", form=form, activiteit=activiteit),
    )


@dossier_view(
    VIEW,
    post_perm="casefiles.add_uitstroom",
    onderdeel="participatie.uitstroom",
    post_action=AccessAction.CREATE,
)
def uitstroom_nieuw(request, dossier):
    if request.method != "POST":
        return redirect("participatie:tab", dossier_pk=dossier.pk)
    form = UitstroomForm(request.POST)
    if form.is_valid():
        try:
            services.uitstroom_create(actor=request.user, dossier=dossier, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De uitstroom is opgeslagen."))
            return redirect("participatie:tab", dossier_pk=dossier.pk)
    return _render_tab(request, dossier, uitstroom_form=form)


@dossier_view(
    VIEW,
    post_perm="casefiles.add_participatieladdermeting",
    onderdeel="participatie.ladder",
    post_action=AccessAction.CREATE,
)
def ladder_nieuw(request, dossier):
    if request.method != "POST":
        return redirect("participatie:tab", dossier_pk=dossier.pk)
    form = LadderForm(request.POST)
    if form.is_valid():
        try:
            services.ladder_meting_create(actor=request.user, dossier=dossier, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De meting is opgeslagen."))
            return redirect("participatie:tab", dossier_pk=dossier.pk)
    return _render_tab(request, dossier, ladder_form=form)
