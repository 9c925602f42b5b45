"""Pages of the privacy app (issue 17). Thin: bind a form, call one service."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casefiles.choices import AccessAction
from casefiles.paginering import pagina, querystring_zonder
from casefiles.permissions import dossier_view, permission_view, user_gemeente_ids
from casefiles.services import access_log_record_many
from casefiles.views import dossier_context

from .inzage import correctie, selectors, services
from .inzage.choices import CorrectieStatus
from .inzage.forms import CorrectieBesluitForm, CorrectieVerzoekForm, InzageVerzoekForm
from .inzage.rules import beslistermijn

PER_PAGINA = 25

WIJZIGINGEN_PER_PAGINA = 25
"""Changes since receipt per page of a correction request's detail."""


def _fouten_op_formulier(form, exc: ValidationError) -> None:
    """A service's refusal on the form, beside the field it is about (what was typed
    stays in the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@permission_view("privacy.view_inzageverzoek")
def inzage_lijst(request):
    """The inzage requests of the user's gemeenten, and the form for a new one."""
    gemeenten = selectors.gemeenten_voor_inzage(user=request.user)
    form = None
    if request.user.has_perm("privacy.add_inzageverzoek"):
        form = InzageVerzoekForm(
            request.POST if request.method == "POST" else None, gemeenten=gemeenten
        )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                verzoek = services.inzage_aanvragen(
                    actor=request.user,
                    gemeente_ids=user_gemeente_ids(request.user),
                    gemeente=form.cleaned_data["gemeente"],
                    bsn=form.cleaned_data["bsn"],
                    ontvangen_op=form.cleaned_data["ontvangen_op"],
                    request=request,
                )
            except ValidationError as exc:
                _fouten_op_formulier(form, exc)
            else:
                messages.success(
                    request,
                    _(
                        "Inzageverzoek %(nr)s is vastgelegd. Het bestand wordt nu gemaakt; "
                        "vernieuw deze pagina over een minuut."
                    )
                    % {"nr": verzoek.pk},
                )
                return redirect("privacy:inzage_lijst")
    page = pagina(request, selectors.inzage_verzoek_list(user=request.user), PER_PAGINA)
    verzoeken = list(page.object_list)
    access_log_record_many(
        user=request.user,
        dossiers=[(pk, v.gemeente_id) for v in verzoeken for pk in v.dossier_ids],
        action=AccessAction.VIEW,
        onderdeel=services.ONDERDEEL,
        doel=_("Overzicht van inzageverzoeken"),
        request=request,
    )
    for v in verzoeken:
        v.termijn = beslistermijn(v.ontvangen_op)
    status = 200 if not (form is not None and form.errors) else 400
    return render(
        request,
        "privacy/inzage_lijst.html",
        {"form": form, "page": page, "verzoeken": verzoeken},
        status=status,
    )


@require_POST
@permission_view("privacy.add_inzageverzoek")
def inzage_download(request, pk: int):
    """The export as a ZIP, once, for the one who requested it; then it is deleted."""
    verzoek = selectors.inzage_verzoek_voor_download(user=request.user, pk=pk)
    try:
        data = services.inzage_downloaden(actor=request.user, verzoek=verzoek, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("privacy:inzage_lijst")
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="inzage-{verzoek.pk}.zip"'
    response["Cache-Control"] = "no-store"
    return response


# --- correction requests on the dossier (AVG art. 16) ------------------------------------


def _correctie_or_404(dossier, pk: int):
    verzoek = (
        dossier.correctieverzoeken.select_related("geregistreerd_door", "besloten_door", "brief")
        .filter(pk=pk)
        .first()
    )
    if verzoek is None:
        raise Http404
    return verzoek


@dossier_view(
    "privacy.view_correctieverzoek",
    onderdeel=correctie.ONDERDEEL,
    post_perm="privacy.add_correctieverzoek",
    post_action=AccessAction.CREATE,
)
def correctie_tab(request, dossier):
    """The correction requests of the dossier, and the form for a new one."""
    form = CorrectieVerzoekForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            verzoek = correctie.correctie_registreren(
                actor=request.user, dossier=dossier, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            _fouten_op_formulier(form, exc)
        else:
            messages.success(
                request,
                _("Het verzoek is vastgelegd. Beslis vóór %(d)s.")
                % {"d": date_format(verzoek.beslistermijn, "j F Y")},
            )
            return redirect("privacy:correctie_detail", dossier_pk=dossier.pk, pk=verzoek.pk)
    return render(
        request,
        "privacy/correctie_tab.html",
        dossier_context(
            request,
            dossier,
            "avg",
            form=form,
            verzoeken=dossier.correctieverzoeken.select_related("geregistreerd_door"),
        ),
        status=400 if form.errors else 200,
    )


@dossier_view(
    "privacy.view_correctieverzoek",
    onderdeel=correctie.ONDERDEEL,
    post_perm="privacy.change_correctieverzoek",
)
def correctie_detail(request, dossier, pk: int):
    """One request: the link to the part's edit screen, the changes since it came in
    (before and after), and the decision."""
    verzoek = _correctie_or_404(dossier, pk)
    page_wijzigingen, kandidaten = None, []
    if verzoek.status == CorrectieStatus.OPEN:
        # every change since receipt, a page at a time (the form offers the page's)
        page_wijzigingen = pagina(
            request,
            correctie.wijzigingen_qs(verzoek, sinds=verzoek.ontvangen_op),
            WIJZIGINGEN_PER_PAGINA,
            param="pagina_wijzigingen",
        )
        kandidaten = correctie.wijzigingen_van(verzoek, page_wijzigingen.object_list)
    form = CorrectieBesluitForm(
        request.POST if request.method == "POST" else None, wijzigingen=kandidaten
    )
    if request.method == "POST" and form.is_valid():
        try:
            correctie.correctie_afhandelen(
                actor=request.user,
                verzoek=verzoek,
                besluit=form.cleaned_data["besluit"],
                toelichting=form.cleaned_data["toelichting"],
                history_id=form.cleaned_data["wijziging"],
                request=request,
            )
        except ValidationError as exc:
            _fouten_op_formulier(form, exc)
        else:
            messages.success(
                request, _("Het besluit is vastgelegd. De brief komt bij de documenten.")
            )
            return redirect("privacy:correctie_detail", dossier_pk=dossier.pk, pk=verzoek.pk)
    opgelost = correctie.wijzigingen(verzoek) if verzoek.wijziging_history_id else []
    return render(
        request,
        "privacy/correctie_detail.html",
        dossier_context(
            request,
            dossier,
            "avg",
            verzoek=verzoek,
            form=form,
            kandidaten=kandidaten,
            page_wijzigingen=page_wijzigingen,
            querystring_wijzigingen=querystring_zonder(request, "pagina_wijzigingen"),
            opgelost=opgelost[0] if opgelost else None,
            bewerk_url=correctie.ONDERDELEN[verzoek.onderdeel].url(dossier),
        ),
        status=400 if form.errors else 200,
    )
