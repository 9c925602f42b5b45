"""Pages of the privacy app (issue 17). Thin: bind a form, call one service."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casefiles.choices import AccessAction
from casefiles.permissions import permission_view, user_gemeente_ids
from casefiles.services import access_log_record_many

from .inzage import selectors, services
from .inzage.forms import InzageVerzoekForm
from .inzage.rules import beslistermijn

PER_PAGINA = 25


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
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
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
    page = Paginator(selectors.inzage_verzoek_list(user=request.user), PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
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
