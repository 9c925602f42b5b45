""" "Bij DUO opvragen" on the dossier: thin views over duo.inbound.opvragen."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casefiles import bevestigen
from casefiles.paginering import pagina, querystring_zonder
from casefiles.permissions import can_see_special_category, dossier_view, permission_view
from casefiles.views import dossier_context
from duo.schemas._base import SchemaError

from . import opvragen as service
from . import selectors, services
from .duo_api import DuoFout, KoppelingUit, NietZichtbaar, unavailable_errors

logger = logging.getLogger(__name__)

PER_PAGINA = 100
"""Unprocessed notifications per page of the beheer list."""


def _fout(exc: BaseException) -> str:
    if isinstance(exc, NietZichtbaar):
        return _("DUO geeft de gegevens van deze persoon niet aan deze gemeente.")
    if isinstance(exc, KoppelingUit):
        return _("De DUO-koppeling staat uit voor deze gemeente.")
    if isinstance(exc, SchemaError | DuoFout):
        return _("Het antwoord van DUO was niet te verwerken. Probeer het later opnieuw.")
    return _("DUO is nu niet bereikbaar. Probeer het over een paar minuten opnieuw.")


def _fouten() -> tuple[type[BaseException], ...]:
    return (NietZichtbaar, SchemaError, DuoFout, *unavailable_errors())


@dossier_view("casefiles.view_dossier", onderdeel="duo.opvragen")
def opvragen(request, dossier):
    """The tab: a button, and after it DUO's data beside ours."""
    gegevens, rijen, fout = None, [], ""
    if request.GET.get("opvragen"):
        try:
            gegevens = service.opvragen(user=request.user, dossier=dossier, request=request)
        except _fouten() as exc:
            logger.warning(
                "Bij DUO opvragen for dossier %s failed: %s", dossier.pk, exc.__class__.__name__
            )
            fout = _fout(exc)
        else:
            rijen = service.vergelijking(dossier=dossier, g=gegevens)
    return render(
        request,
        "duo_inbound/opvragen.html",
        dossier_context(
            request,
            dossier,
            "duo_opvragen",
            gegevens=gegevens,
            rijen=rijen,
            fout=fout,
            mag_bijzonder=can_see_special_category(request.user, dossier),
        ),
    )


@require_POST
@dossier_view(
    "casefiles.view_dossier", post_perm="casefiles.change_dossier", onderdeel="duo.opvragen"
)
def overnemen(request, dossier, veld: str):
    """One click: adopt DUO's value of one field (re-read from DUO). DUO's end of the
    plicht closes legal deadlines: it asks for confirmation first (issue 15)."""
    terug = reverse("duo_inbound:opvragen", kwargs={"dossier_pk": dossier.pk}) + "?opvragen=1"
    if veld == "einde_plicht" and bevestigen.nodig(request):
        try:
            gevolgen = service.einde_plicht_gevolgen(
                actor=request.user, dossier=dossier, request=request
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(terug)
        except _fouten() as exc:
            messages.error(request, _fout(exc))
            return redirect(terug)
        return bevestigen.pagina(
            request,
            titel=_("Einde van de inburgeringsplicht van DUO overnemen?"),
            gevolgen=gevolgen,
            knop=_("Ja, besluit van DUO overnemen"),
            terug=terug,
            dossier_context=dossier_context(request, dossier, "duo_opvragen"),
        )
    try:
        melding = service.overnemen(actor=request.user, dossier=dossier, veld=veld, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except _fouten() as exc:
        logger.warning(
            "Overnemen from DUO for dossier %s failed: %s", dossier.pk, exc.__class__.__name__
        )
        messages.error(request, _fout(exc))
    else:
        messages.success(request, melding)
    return redirect(terug)


@permission_view("duo.retry_duobericht")
def beheer(request):
    """Notifications of DUO that were not processed (ids only), with a retry."""
    page = pagina(request, selectors.notificaties_niet_verwerkt(user=request.user), PER_PAGINA)
    return render(
        request,
        "duo_inbound/beheer.html",
        {
            "notificaties": list(page.object_list),
            "page": page,
            "querystring": querystring_zonder(request),
        },
    )


@require_POST
@permission_view("duo.retry_duobericht")
def opnieuw(request, pk: int):
    n = selectors.notificatie_get_voor_beheer(user=request.user, pk=pk)
    try:
        services.notificatie_opnieuw(actor=request.user, notificatie=n)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Notificatie %(id)s wordt opnieuw verwerkt.") % {"id": pk})
    return redirect("duo_inbound:beheer")
