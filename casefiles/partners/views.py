"""Pages of partner access.

For the gemeente (tab "Delen" of the dossier): record the inburgeraar's consent and
share parts of the dossier with a ketenpartner; withdraw a share.

For the ketenpartner: its shared dossiers and notifications, the shared view of one
dossier (only the shared parts), contact moments it writes, its report on a referral,
the begeleiding it carries out. Every partner page goes through
:func:`casefiles.partners.permissions.partner_dossier_view` (or logs its list)."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casefiles.choices import AccessAction, DeelOnderdeel
from casefiles.forms import add_service_errors
from casefiles.paginering import pagina, querystring_zonder
from casefiles.permissions import dossier_view, permission_view
from casefiles.services import access_log_record_many
from casefiles.views import dossier_context

from . import selectors, services
from .forms import (
    DelingForm,
    IntrekkenForm,
    PartnerBegeleidingForm,
    PartnerContactmomentForm,
    TerugkoppelingForm,
)
from .permissions import DOEL, PARTNER_PERM, partner_dossier_view
from .sections import sections_for

PER_PAGINA = 50
MELDINGEN_PER_PAGINA = 30
"""Notifications per page of the partner's start page, unread first."""
"""Shared dossiers per page of the partner's start page."""

# --- the gemeente: share on consent -------------------------------------------------


@dossier_view(
    "casefiles.view_deling",
    post_perm="casefiles.add_deling",
    onderdeel="partners.delingen",
    post_action=AccessAction.CREATE,
)
def tab(request, dossier):
    today = timezone.localdate()
    form = DelingForm(
        request.POST or None,
        partners=selectors.deelbare_partners(dossier=dossier),
        initial={"toestemming_datum": today, "geldig_van": today},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.deling_create(actor=request.user, dossier=dossier, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De toestemming is vastgelegd en het dossier is gedeeld."))
            return redirect("partners:tab", dossier_pk=dossier.pk)
    delingen = list(selectors.delingen_van_dossier(dossier=dossier))
    return render(
        request,
        "partners/tab.html",
        dossier_context(
            request,
            dossier,
            "delen",
            form=form,
            delingen=[(d, d.is_actief(today)) for d in delingen],
        ),
    )


@dossier_view("casefiles.change_deling", onderdeel="partners.delingen")
def intrekken(request, dossier, deling_pk: int):
    deling = selectors.delingen_van_dossier(dossier=dossier).filter(pk=deling_pk).first()
    if deling is None:
        from django.http import Http404

        raise Http404
    form = IntrekkenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.deling_intrekken(
                actor=request.user, deling=deling, reden=form.cleaned_data["reden"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Het delen is ingetrokken: de ketenpartner ziet het dossier niet meer.")
            )
            return redirect("partners:tab", dossier_pk=dossier.pk)
    return render(
        request,
        "partners/intrekken.html",
        dossier_context(request, dossier, "delen", form=form, deling=deling),
    )


# --- the ketenpartner -----------------------------------------------------------------


@permission_view(PARTNER_PERM)
def overzicht(request):
    """The partner's start page: dossiers shared with its organisation(s) and new
    referrals. Every dossier shown is logged (one INSERT per organisation)."""
    # one page of the shared dossiers (issue 16: lists that stay small)
    page = pagina(request, selectors.actieve_delingen(user=request.user), PER_PAGINA)
    delingen = list(page.object_list)
    per_partner = defaultdict(list)
    for d in delingen:
        per_partner[d.partner_id].append(d.dossier)
    for partner_id, dossiers in per_partner.items():
        access_log_record_many(
            user=request.user,
            dossiers=dossiers,
            action=AccessAction.VIEW,
            onderdeel="partner.overzicht",
            doel=DOEL,
            ketenpartner_id=partner_id,
            request=request,
        )
    # the notifications on their own page parameter (issue 16: no silent cap)
    page_meldingen = pagina(
        request,
        selectors.meldingen(user=request.user),
        MELDINGEN_PER_PAGINA,
        param="pagina_meldingen",
    )
    meldingen_lijst = list(page_meldingen.object_list)
    # shared or not, whatever page of the list the dossier is on: one query
    gedeeld = set(
        selectors.actieve_delingen(user=request.user)
        .filter(dossier_id__in={m.verwijzing.dossier_id for m in meldingen_lijst})
        .values_list("dossier_id", "partner_id")
    )
    meldingen = [(m, (m.verwijzing.dossier_id, m.partner_id) in gedeeld) for m in meldingen_lijst]
    return render(
        request,
        "partners/overzicht.html",
        {
            "delingen": delingen,
            "meldingen": meldingen,
            "page": page,
            "querystring": querystring_zonder(request),
            "page_meldingen": page_meldingen,
            "querystring_meldingen": querystring_zonder(request, "pagina_meldingen"),
        },
    )


@require_POST
@permission_view(PARTNER_PERM)
def melding_gelezen(request, melding_pk: int):
    melding = selectors.melding_get(user=request.user, pk=melding_pk)
    services.melding_gelezen(actor=request.user, melding=melding)
    return redirect("partners:overzicht")


def _partner_context(deling, **extra) -> dict:
    return {
        "deling": deling,
        "dossier": deling.dossier,
        "persoon": deling.dossier.inburgeraar,
        "partner": deling.partner,
        **extra,
    }


@partner_dossier_view(onderdeel="dossier")
def dossier(request, deling):
    """The shared view: only the parts in the share, and of those only what belongs
    to this organisation (its referrals, its contact moments, goals naming it)."""
    context = _partner_context(deling, secties=sections_for(deling))
    if deling.deelt(DeelOnderdeel.BEGELEIDING):
        context["begeleidingen"] = list(selectors.begeleidingen(deling=deling))
    if deling.deelt(DeelOnderdeel.VERWIJZINGEN):
        context["verwijzingen"] = list(
            selectors.partner_verwijzingen(deling=deling).order_by("-datum", "-id")
        )
    if deling.deelt(DeelOnderdeel.CONTACTMOMENTEN):
        context["contactmomenten"] = list(selectors.partner_contactmomenten(deling=deling))
    return render(request, "partners/dossier.html", context)


@partner_dossier_view(
    onderdeel="contactmomenten", deel=DeelOnderdeel.CONTACTMOMENTEN, post_action=AccessAction.CREATE
)
def contactmoment_nieuw(request, deling):
    form = PartnerContactmomentForm(
        request.POST or None,
        initial={"datum": timezone.localtime().replace(second=0, microsecond=0)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_contactmoment_create(
                actor=request.user, deling=deling, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het contactmoment is vastgelegd."))
            return redirect("partners:dossier", dossier_pk=deling.dossier_id)
    return render(
        request,
        "partners/form.html",
        _partner_context(deling, form=form, titel=_("Contactmoment vastleggen")),
    )


@partner_dossier_view(onderdeel="verwijzing", deel=DeelOnderdeel.VERWIJZINGEN)
def terugkoppeling(request, deling, verwijzing_pk: int):
    verwijzing = selectors.partner_verwijzing_get(deling=deling, pk=verwijzing_pk)
    form = TerugkoppelingForm(
        request.POST or None,
        initial={"status": verwijzing.status, "terugkoppeling": verwijzing.terugkoppeling},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_terugkoppeling(
                actor=request.user, deling=deling, verwijzing=verwijzing, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Uw terugkoppeling is naar de gemeente gestuurd."))
            return redirect("partners:dossier", dossier_pk=deling.dossier_id)
    return render(
        request,
        "partners/form.html",
        _partner_context(
            deling,
            form=form,
            titel=_("Terugkoppeling op de verwijzing"),
            toelichting=f"{verwijzing.datum:%d-%m-%Y} · {verwijzing.reden}",
        ),
    )


@partner_dossier_view(onderdeel="begeleiding", deel=DeelOnderdeel.BEGELEIDING)
def begeleiding(request, deling):
    mb = selectors.begeleiding_actief(deling=deling)
    if mb is None:
        messages.error(request, _("Er loopt geen begeleiding in dit dossier."))
        return redirect("partners:dossier", dossier_pk=deling.dossier_id)
    form = PartnerBegeleidingForm(
        request.POST or None,
        initial={
            "intensiteit": mb.intensiteit,
            "vrijwilligers": mb.vrijwilligers,
            "onderwerpen": mb.onderwerpen,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_begeleiding_update(
                actor=request.user, deling=deling, begeleiding=mb, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De begeleiding is bijgewerkt."))
            return redirect("partners:dossier", dossier_pk=deling.dossier_id)
    return render(
        request,
        "partners/form.html",
        _partner_context(deling, form=form, titel=_("Begeleiding bijwerken")),
    )
