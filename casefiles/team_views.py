"""The teamleider's pages: the team's caseload and assigning a dossier.

Assignment is not a key to health data (issue 12): the teamleider (or the
functioneel beheerder) assigns; the werkcoach does not assign itself. These pages
show what assignment needs — name, status, doelgroep, who is assigned, the next
deadline — and never the dossier's content. Every dossier shown is access-logged
(one INSERT per page)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from . import selectors, services
from .choices import AccessAction, Rol
from .forms import StaffChoiceField, StyledFormMixin
from .paginering import GeteldePaginator

PER_PAGINA = 25
PERM = "casefiles.view_caseload"


def _assign_form(request, dossier):
    from django import forms

    class Form(StyledFormMixin, forms.Form):
        werkcoach = StaffChoiceField(
            label=_("Werkcoach"),
            queryset=selectors.assignable_staff(
                user=request.user, gemeente_id=dossier.gemeente_id, rol=Rol.WERKCOACH
            ),
            required=False,
        )
        consulent = StaffChoiceField(
            label=_("Consulent maatschappelijke begeleiding"),
            queryset=selectors.assignable_staff(
                user=request.user, gemeente_id=dossier.gemeente_id, rol=Rol.CONSULENT
            ),
            required=False,
        )

    return Form(
        request.POST if request.method == "POST" else None,
        initial={"werkcoach": dossier.werkcoach_id, "consulent": dossier.consulent_id},
    )


def _check(request) -> None:
    if not (request.user.has_perm(PERM) and request.user.has_perm("casefiles.assign_dossier")):
        raise PermissionDenied


@login_required
def caseload(request):
    """The team's caseload, unassigned dossiers first."""
    _check(request)
    alleen_open = request.GET.get("filter") == "open"
    dossiers = selectors.caseload_list(user=request.user, alleen_open=alleen_open)
    # counted without the list's joins and subqueries: one cheap COUNT (issue 16)
    page = GeteldePaginator(
        dossiers,
        PER_PAGINA,
        telling=selectors.caseload_filter(user=request.user, alleen_open=alleen_open),
    ).get_page(request.GET.get("pagina"))
    services.access_log_record_many(
        user=request.user,
        dossiers=page.object_list,
        action=AccessAction.VIEW,
        onderdeel="team.caseload",
        request=request,
    )
    return render(
        request,
        "casefiles/team_caseload.html",
        {"page": page, "alleen_open": alleen_open, "today": timezone.localdate()},
    )


@login_required
def toewijzen(request, dossier_pk: int):
    """Assign the werkcoach and consulent of one dossier of the caseload."""
    _check(request)
    dossier = (
        selectors.caseload_dossiers(user=request.user)
        .select_related("inburgeraar", "gemeente", "werkcoach", "consulent")
        .filter(pk=dossier_pk)
        .first()
    )
    if dossier is None:
        raise Http404
    services.access_log_record(
        user=request.user,
        dossier=dossier,
        action=AccessAction.UPDATE if request.method == "POST" else AccessAction.VIEW,
        onderdeel="dossier.toewijzing",
        request=request,
    )
    form = _assign_form(request, dossier)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.dossier_assign(
                    actor=request.user,
                    dossier=dossier,
                    werkcoach=form.cleaned_data["werkcoach"],
                    consulent=form.cleaned_data["consulent"],
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("De toewijzing is opgeslagen."))
                return redirect("casefiles:caseload")
        else:
            messages.error(request, _("Kies een medewerker van uw team."))
    return render(request, "casefiles/team_toewijzen.html", {"dossier": dossier, "form": form})
