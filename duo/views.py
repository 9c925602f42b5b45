"""Views of what we send to DUO: the dossier's DUO tab, and for the functioneel
beheerder the failed messages of its gemeenten with retry (ids only)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casefiles.paginering import pagina, querystring_zonder
from casefiles.permissions import dossier_view, permission_view
from casefiles.views import dossier_context

from . import conf
from .models import BerichtSoort, DuoBericht
from .outbound import bericht_opnieuw, selectors, uren_totaal

PER_PAGINA = 100
"""Failed messages per page of the beheer list."""

BERICHTEN_PER_PAGINA = 50
"""Messages per page of the dossier's DUO tab."""


@dossier_view("duo.view_duobericht", onderdeel="duo.berichten")
def tab(request, dossier):
    # every message one page at a time, on its own parameter (issue 16: no cap)
    page_berichten = pagina(
        request,
        selectors.dossier_berichten(dossier=dossier),
        BERICHTEN_PER_PAGINA,
        telling=DuoBericht.objects.filter(dossier=dossier),
        param="pagina_berichten",
    )
    uren = [
        (BerichtSoort(s).label, *uren_totaal(dossier, s))
        for s in (BerichtSoort.UREN_TAAL, BerichtSoort.UREN_INTAKE, BerichtSoort.UREN_PARTICIPATIE)
    ]
    return render(
        request,
        "duo/tab.html",
        dossier_context(
            request,
            dossier,
            "duo",
            berichten=list(page_berichten.object_list),
            page_berichten=page_berichten,
            querystring_berichten=querystring_zonder(request, "pagina_berichten"),
            wachtend=selectors.dossier_wachtend_aantal(dossier=dossier),
            koppeling_aan=conf.enabled_for(dossier.gemeente),
            uren=uren,
        ),
    )


@permission_view("duo.retry_duobericht")
def mislukt(request):
    page = pagina(request, selectors.mislukte_berichten(user=request.user), PER_PAGINA)
    return render(
        request,
        "duo/mislukt.html",
        {
            "berichten": list(page.object_list),
            "page": page,
            "querystring": querystring_zonder(request),
        },
    )


@require_POST
@permission_view("duo.retry_duobericht")
def opnieuw(request, pk: int):
    bericht = selectors.bericht_get_voor_beheer(user=request.user, pk=pk)
    bericht_opnieuw(actor=request.user, bericht=bericht)
    messages.success(request, _("Bericht %(id)s staat opnieuw klaar voor DUO.") % {"id": pk})
    return redirect("duo:mislukt")
