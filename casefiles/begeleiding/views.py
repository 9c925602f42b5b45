"""The "Begeleiding" dossier tab: maatschappelijke begeleiding (asielstatushouders
and nareizigers) and referrals to ketenpartners. Thin views."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from casefiles import bevestigen
from casefiles.choices import AccessAction
from casefiles.forms import add_service_errors
from casefiles.permissions import dossier_view
from casefiles.selectors import staff_for_gemeente
from casefiles.views import dossier_context

from . import rules, selectors, services
from .forms import BeeindigenForm, BegeleidingForm, VerwijzingForm, VerwijzingStatusForm


def _render(request, dossier, template, **extra):
    return render(
        request,
        f"begeleiding/{template}",
        dossier_context(request, dossier, "begeleiding", **extra),
    )


@dossier_view("casefiles.view_maatschappelijkebegeleiding", onderdeel="begeleiding.overzicht")
def tab(request, dossier):
    trajecten = list(selectors.begeleidingen(dossier=dossier))
    return _render(
        request,
        dossier,
        "tab.html",
        trajecten=trajecten,
        actief=next((t for t in trajecten if t.is_actief), None),
        mag_begeleiding=rules.mag_begeleiding(dossier.doelgroep),
        verwijzingen=selectors.verwijzingen(dossier=dossier),
        mb_maanden=dossier.gemeente.mb_maanden,
    )


def _staff(dossier):
    from casefiles.choices import Rol

    return staff_for_gemeente(gemeente=dossier.gemeente, role=Rol.CONSULENT)


@dossier_view(
    "casefiles.add_maatschappelijkebegeleiding",
    onderdeel="begeleiding.traject",
    post_action=AccessAction.CREATE,
)
def nieuw(request, dossier):
    if not rules.mag_begeleiding(dossier.doelgroep):
        messages.error(
            request,
            _("Maatschappelijke begeleiding is alleen voor asielstatushouders en nareizigers."),
        )
        return redirect("begeleiding:tab", dossier_pk=dossier.pk)
    form = BegeleidingForm(
        request.POST or None,
        staff=_staff(dossier),
        initial={
            "start": timezone.localdate(),
            "consulent": dossier.consulent_id,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        start = data.pop("start")
        try:
            services.begeleiding_start(actor=request.user, dossier=dossier, start=start, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De maatschappelijke begeleiding is gestart."))
            return redirect("begeleiding:tab", dossier_pk=dossier.pk)
    return _render(
        request, dossier, "begeleiding_form.html", form=form, mb_maanden=dossier.gemeente.mb_maanden
    )


@dossier_view("casefiles.change_maatschappelijkebegeleiding", onderdeel="begeleiding.traject")
def bewerken(request, dossier, mb_pk: int):
    mb = selectors.begeleiding_get(dossier=dossier, pk=mb_pk)
    form = BegeleidingForm(request.POST or None, instance=mb, staff=_staff(dossier))
    if request.method == "POST" and form.is_valid():
        try:
            services.begeleiding_update(actor=request.user, begeleiding=mb, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De begeleiding is opgeslagen."))
            return redirect("begeleiding:tab", dossier_pk=dossier.pk)
    return _render(
        request,
        dossier,
        "begeleiding_form.html",
        form=form,
        mb=mb,
        mb_maanden=dossier.gemeente.mb_maanden,
    )


@dossier_view("casefiles.change_maatschappelijkebegeleiding", onderdeel="begeleiding.traject")
def beeindigen(request, dossier, mb_pk: int):
    mb = selectors.begeleiding_get(dossier=dossier, pk=mb_pk)
    form = BeeindigenForm(request.POST or None, initial={"eind": timezone.localdate()})
    if request.method == "POST" and form.is_valid() and bevestigen.nodig(request):
        fout = bevestigen.proef(
            lambda: services.begeleiding_beeindigen(
                actor=request.user, begeleiding=mb, **form.cleaned_data
            )
        )
        if fout is not None:
            add_service_errors(form, fout)
        else:
            return bevestigen.pagina(
                request,
                titel=_("Maatschappelijke begeleiding beëindigen?"),
                gevolgen=[
                    _("De begeleiding eindigt op %(d)s.")
                    % {"d": date_format(form.cleaned_data["eind"], "j F Y")},
                    _("De taak voor de warme overdracht vervalt."),
                    _(
                        "Beëindigen kan niet ongedaan worden gemaakt; een nieuw traject starten "
                        "kan wel."
                    ),
                ],
                knop=_("Ja, begeleiding beëindigen"),
                terug=reverse("begeleiding:tab", kwargs={"dossier_pk": dossier.pk}),
                dossier_context=dossier_context(request, dossier, "begeleiding"),
            )
    if request.method == "POST" and form.is_valid() and not form.errors:
        try:
            services.begeleiding_beeindigen(actor=request.user, begeleiding=mb, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De begeleiding is beëindigd."))
            return redirect("begeleiding:tab", dossier_pk=dossier.pk)
    return _render(request, dossier, "beeindigen.html", form=form, mb=mb)


@dossier_view(
    "casefiles.add_verwijzing", onderdeel="begeleiding.verwijzing", post_action=AccessAction.CREATE
)
def verwijzing_nieuw(request, dossier):
    form = VerwijzingForm(
        request.POST or None,
        partners=selectors.partners(dossier=dossier),
        initial={"datum": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.verwijzing_create(actor=request.user, dossier=dossier, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De verwijzing is vastgelegd."))
            return redirect("begeleiding:tab", dossier_pk=dossier.pk)
    return _render(request, dossier, "verwijzing_form.html", form=form)


@dossier_view("casefiles.change_verwijzing", onderdeel="begeleiding.verwijzing")
def verwijzing_bewerken(request, dossier, verwijzing_pk: int):
    v = selectors.verwijzing_get(dossier=dossier, pk=verwijzing_pk)
    form = VerwijzingStatusForm(
        request.POST or None,
        initial={"status": v.status, "terugkoppeling": v.terugkoppeling},
        lock_instance=v,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.verwijzing_update(actor=request.user, verwijzing=v, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De verwijzing is bijgewerkt."))
            return redirect("begeleiding:tab", dossier_pk=dossier.pk)
    return _render(request, dossier, "verwijzing_form.html", form=form, verwijzing=v)
