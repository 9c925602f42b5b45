"""The Leerroute tab and its forms, and the provider import. Thin: bind a form, call a
service, redirect or render."""

from __future__ import annotations

import hashlib
import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casefiles import bevestigen
from casefiles.choices import AccessAction
from casefiles.forms import add_service_errors
from casefiles.paginering import pagina, querystring_zonder
from casefiles.participatie.selectors import participatie_samenvatting
from casefiles.permissions import dossier_view, permission_view, user_gemeente_ids
from casefiles.services import access_log_record_many
from casefiles.views import dossier_context

from . import importers, selectors, services
from .choices import TrajectStatus
from .forms import ExamenForm, MapForm, PvtForm, TrajectForm, UrenForm, VoortgangImportForm

VIEW = "leerroutes.view_traject"
UREN_PER_PAGINA = 50
"""Hour registrations per page of the Leerroute tab."""


def _render_tab(request, dossier, *, uren_form=None, examen_form=None, status=200):
    aanbieders = selectors.aanbieders_voor_gemeente(gemeente=dossier.gemeente)
    overzicht = selectors.leerroute_overzicht(dossier=dossier, met_uren=False)
    # the registrations one page at a time, on their own parameter (issue 16)
    page_uren = pagina(
        request, selectors.uren_list(dossier=dossier), UREN_PER_PAGINA, param="pagina_uren"
    )
    overzicht.uren = list(page_uren.object_list)
    today = timezone.localdate()
    uren_form = uren_form or UrenForm(
        aanbieders=aanbieders,
        initial={
            "soort": "taal_knm",
            "aanbieder": overzicht.traject.aanbieder_id if overzicht.traject else None,
            "periode_start": today.replace(day=1),
            "periode_eind": today,
        },
    )
    examen_form = examen_form or ExamenForm(initial={"datum": today, "resultaat": "behaald"})
    return render(
        request,
        "leerroutes/tab.html",
        dossier_context(
            request,
            dossier,
            "leerroute",
            o=overzicht,
            page_uren=page_uren,
            querystring_uren=querystring_zonder(request, "pagina_uren"),
            uren_form=uren_form,
            examen_form=examen_form,
            participatie=participatie_samenvatting(dossier=dossier)
            if request.user.has_perm("casefiles.view_activiteit")
            else None,
        ),
        status=status,
    )


@dossier_view(VIEW, onderdeel="leerroutes.overzicht")
def tab(request, dossier):
    return _render_tab(request, dossier)


@dossier_view(
    VIEW,
    post_perm="leerroutes.add_urenregistratie",
    onderdeel="leerroutes.uren",
    post_action=AccessAction.CREATE,
)
def uren_nieuw(request, dossier):
    if request.method != "POST":
        return redirect("leerroutes:tab", dossier_pk=dossier.pk)
    aanbieders = selectors.aanbieders_voor_gemeente(gemeente=dossier.gemeente)
    form = UrenForm(request.POST, aanbieders=aanbieders)
    if form.is_valid():
        try:
            _reg, actie = services.uren_registreren(
                actor=request.user, dossier=dossier, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            services.signalen_bijwerken(dossier=dossier)
            messages.success(
                request,
                _("De uren zijn opgeslagen.")
                if actie != "ongewijzigd"
                else _("Deze uren waren al zo geregistreerd."),
            )
            return redirect("leerroutes:tab", dossier_pk=dossier.pk)
    return _render_tab(request, dossier, uren_form=form, status=200)


@dossier_view(
    VIEW,
    post_perm="leerroutes.add_examen",
    onderdeel="leerroutes.examens",
    post_action=AccessAction.CREATE,
)
def examen_nieuw(request, dossier):
    if request.method != "POST":
        return redirect("leerroutes:tab", dossier_pk=dossier.pk)
    form = ExamenForm(request.POST)
    if form.is_valid():
        try:
            services.examen_registreren(actor=request.user, dossier=dossier, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            services.signalen_bijwerken(dossier=dossier)
            messages.success(request, _("Het examen is opgeslagen."))
            return redirect("leerroutes:tab", dossier_pk=dossier.pk)
    return _render_tab(request, dossier, examen_form=form)


@dossier_view(VIEW, post_perm="leerroutes.change_traject", onderdeel="leerroutes.traject")
def traject_bewerken(request, dossier):
    traject = selectors.traject_actueel(dossier=dossier)
    if traject is None:
        raise Http404
    initial = {f: getattr(traject, f) for f in services.TRAJECT_VELDEN}
    form = TrajectForm(
        request.POST or None, traject=traject, initial=initial, lock_instance=traject
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and form.cleaned_data.get("status") in (TrajectStatus.AFGEROND, TrajectStatus.GESTOPT)
        and form.cleaned_data["status"] != traject.status
        and bevestigen.nodig(request)
    ):
        nieuw = TrajectStatus(form.cleaned_data["status"])
        return bevestigen.pagina(
            request,
            titel=_("Traject %(s)s?") % {"s": nieuw.label.lower()},
            gevolgen=[
                _("Het traject %(r)s bij %(a)s krijgt de status '%(s)s'.")
                % {
                    "r": traject.get_route_display(),
                    "a": traject.aanbieder.naam if traject.aanbieder else _("de aanbieder"),
                    "s": nieuw.label.lower(),
                },
                _(
                    "Dit is definitief: een afgerond of gestopt traject gaat niet meer open. "
                    "Een nieuwe leerroute gaat via een nieuwe PIP-versie."
                ),
                _("De signalen van dit traject (geen uren, afschalen) vervallen."),
            ],
            knop=_("Ja, traject %(s)s") % {"s": nieuw.label.lower()},
            terug=reverse("leerroutes:traject_bewerken", kwargs={"dossier_pk": dossier.pk}),
            dossier_context=dossier_context(request, dossier, "leerroute"),
        )
    if request.method == "POST" and form.is_valid():
        velden = {k: v for k, v in form.cleaned_data.items() if k in services.TRAJECT_VELDEN}
        try:
            services.traject_bijwerken(
                actor=request.user,
                traject=traject,
                bewerkversie=form.cleaned_data.get("bewerkversie"),
                **velden,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            services.signalen_bijwerken(dossier=dossier)
            messages.success(request, _("Het traject is bijgewerkt."))
            return redirect("leerroutes:tab", dossier_pk=dossier.pk)
    return render(
        request,
        "leerroutes/traject_bewerken.html",
        dossier_context(request, dossier, "leerroute", form=form, traject=traject),
    )


def _inschrijving_view(request, dossier, *, soort: str):
    aanbieders = selectors.aanbieders_voor_gemeente(gemeente=dossier.gemeente)
    o = selectors.leerroute_overzicht(dossier=dossier)
    if soort == "map":
        ins, Form, service = o.map, MapForm, services.map_opslaan
        velden = (
            "aanbieder",
            "status",
            "cohort_start",
            "uren",
            "datum_eindgesprek",
            "resultaat",
            "verwijtbaar",
        )
        default = {"cohort_start": o.map_suggestie}
    else:
        ins, Form, service = o.pvt, PvtForm, services.pvt_opslaan
        velden = ("aanbieder", "status", "start", "uren", "datum_ondertekening", "verwijtbaar")
        default = {}
    if ins is not None:
        initial = {f: getattr(ins, f) for f in velden}
    else:
        initial = {
            "aanbieder": o.traject.aanbieder if o.traject else None,
            "status": "aangemeld",
            **default,
        }
    form = Form(request.POST or None, aanbieders=aanbieders, initial=initial, lock_instance=ins)
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, dossier=dossier, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De gegevens zijn opgeslagen."))
            return redirect("leerroutes:tab", dossier_pk=dossier.pk)
    return render(
        request,
        "leerroutes/inschrijving.html",
        dossier_context(request, dossier, "leerroute", form=form, soort=soort, o=o, ins=ins),
    )


@dossier_view(VIEW, post_perm="leerroutes.change_mapinschrijving", onderdeel="leerroutes.map")
def map_bewerken(request, dossier):
    return _inschrijving_view(request, dossier, soort="map")


@dossier_view(VIEW, post_perm="leerroutes.change_pvtinschrijving", onderdeel="leerroutes.pvt")
def pvt_bewerken(request, dossier):
    return _inschrijving_view(request, dossier, soort="pvt")


# --- import ------------------------------------------------------------------------

IMPORT_SESSIE_SLEUTEL = "voortgang_import"


@permission_view("leerroutes.import_voortgang")
def import_voortgang(request):
    """Step 1: upload and preview. The file waits in private storage under a random
    name (never in the session or a URL), with its SHA-256 and the good lines."""
    aanbieders = selectors.aanbieders_voor_user(user=request.user)
    form = VoortgangImportForm(request.POST or None, request.FILES or None, aanbieders=aanbieders)
    if request.method == "POST" and form.is_valid():
        content = form.cleaned_data["bestand"].read()
        aanbieder = form.cleaned_data["aanbieder"]
        result = importers.parse(
            content, aanbieder=aanbieder, gemeente_ids=set(user_gemeente_ids(request.user))
        )
        access_log_record_many(
            user=request.user,
            dossiers=[r.dossier for r in result.rows if r.dossier is not None],
            action=AccessAction.VIEW,
            onderdeel="leerroutes.import",
            request=request,
        )
        if result.ok and result.rows:
            name = storages["private"].save(f"imports/{uuid.uuid4().hex}.csv", ContentFile(content))
            request.session[IMPORT_SESSIE_SLEUTEL] = _pending(name, aanbieder.pk, content, result)
        return render(
            request,
            "leerroutes/import_preview.html",
            {"result": result, "aanbieder": aanbieder, "telling": result.telling()},
        )
    return render(
        request, "leerroutes/import_upload.html", {"form": form, "kolommen": importers.COLUMNS}
    )


def _pending(name: str, aanbieder_pk: int, content: bytes, result) -> dict:
    return {
        "bestand": name,
        "aanbieder": aanbieder_pk,
        "sha256": hashlib.sha256(content).hexdigest(),
        "regels": [r.line for r in result.rows],
    }


@require_POST
@permission_view("leerroutes.import_voortgang")
def import_voortgang_bevestigen(request):
    """Step 2: save exactly what the preview showed, all or nothing; the file stays
    until the import has committed."""
    pending = request.session.get(IMPORT_SESSIE_SLEUTEL)
    storage = storages["private"]
    aanbieder = None
    if pending:
        aanbieder = (
            selectors.aanbieders_voor_user(user=request.user)
            .filter(pk=pending["aanbieder"])
            .first()
        )
    if not pending or aanbieder is None or not storage.exists(pending["bestand"]):
        request.session.pop(IMPORT_SESSIE_SLEUTEL, None)
        messages.error(request, _("Er staat geen import klaar. Upload het bestand opnieuw."))
        return redirect("leerroutes:import_voortgang")
    with storage.open(pending["bestand"], "rb") as fh:
        content = fh.read()
    if hashlib.sha256(content).hexdigest() != pending.get("sha256"):
        request.session.pop(IMPORT_SESSIE_SLEUTEL, None)
        messages.error(request, _("Het klaargezette bestand is veranderd. Upload het opnieuw."))
        return redirect("leerroutes:import_voortgang")
    result = importers.run_import(
        actor=request.user,
        aanbieder=aanbieder,
        content=content,
        gemeente_ids=set(user_gemeente_ids(request.user)),
        verwacht=pending.get("regels"),
    )
    if result.changed:
        request.session[IMPORT_SESSIE_SLEUTEL] = _pending(
            pending["bestand"], aanbieder.pk, content, result
        )
        access_log_record_many(
            user=request.user,
            dossiers=[r.dossier for r in result.rows if r.dossier is not None],
            action=AccessAction.VIEW,
            onderdeel="leerroutes.import",
            request=request,
        )
        messages.warning(request, result.file_error)
        result.file_error = ""
        return render(
            request,
            "leerroutes/import_preview.html",
            {"result": result, "aanbieder": aanbieder, "telling": result.telling()},
        )
    access_log_record_many(
        user=request.user,
        dossiers=[r.dossier for r in result.rows if r.dossier is not None],
        action=AccessAction.VIEW if result.file_error else AccessAction.UPDATE,
        onderdeel="leerroutes.import",
        request=request,
    )
    if not result.file_error:
        request.session.pop(IMPORT_SESSIE_SLEUTEL, None)
        storage.delete(pending["bestand"])
    return render(
        request, "leerroutes/import_resultaat.html", {"result": result, "aanbieder": aanbieder}
    )
