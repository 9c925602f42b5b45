"""Pages of ontzorgen: the dossier tab, plan and fixed-cost forms, the payment
run of one plan, payment outcomes, the consulent's overview and the SEPA batches.
Thin: bind a form, call one service, redirect or render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casefiles import bevestigen
from casefiles.choices import AccessAction
from casefiles.forms import add_service_errors
from casefiles.paginering import pagina, querystring_zonder
from casefiles.permissions import dossier_view, permission_view
from casefiles.selectors import doelgroep_op
from casefiles.services import access_log_record_many
from casefiles.templatetags.casefiles_tags import euro
from casefiles.views import dossier_context

from . import rules, selectors, services
from .choices import BetalingStatus
from .forms import BatchBetaaldForm, BatchMakenForm, BetalingStatusForm, PlanForm, VasteLastForm
from .models import Ontzorgingsplan

OVERZICHT_PER_PAGINA = 50
"""Payments of this month per page of the overview."""
BATCH_PER_PAGINA = 100
"""Payments per page of a batch."""
LIJST_PER_PAGINA = 25
"""Failed payments, and evaluations due, per page of the overview."""
BATCHES_PER_PAGINA = 20
"""Batches per page of the overview."""


@dossier_view("ontzorgen.view_ontzorgingsplan", onderdeel="ontzorgen.plan")
def tab(request, dossier):
    plan = selectors.plan_for_dossier(dossier=dossier)
    uitslag = rules.geschiktheid(
        doelgroep=doelgroep_op(dossier=dossier, op=dossier.datum_start_bijstand),
        datum_start_bijstand=dossier.datum_start_bijstand,
    )
    extra = {"plan": plan, "geschiktheid": uitslag, "status_form": BetalingStatusForm()}
    if plan is not None:
        extra["schema"] = selectors.betaalschema(plan=plan)
        extra["minimum_eind"] = rules.minimum_eind(plan.start)
        extra["evaluatie_datum"] = rules.evaluatie_datum(plan.start)
        extra["nazorg_datum"] = rules.nazorg_datum(plan.einddatum)
    elif uitslag.geschikt:
        extra["voorstel_eind"] = rules.minimum_eind(dossier.datum_start_bijstand)
    return render(
        request, "ontzorgen/tab.html", dossier_context(request, dossier, "ontzorgen", **extra)
    )


@dossier_view(
    "ontzorgen.add_ontzorgingsplan", onderdeel="ontzorgen.plan", post_action=AccessAction.CREATE
)
def plan_nieuw(request, dossier):
    uitslag = rules.geschiktheid(
        doelgroep=doelgroep_op(dossier=dossier, op=dossier.datum_start_bijstand),
        datum_start_bijstand=dossier.datum_start_bijstand,
    )
    if not uitslag.geschikt or selectors.plan_for_dossier(dossier=dossier):
        return redirect("ontzorgen:tab", dossier_pk=dossier.pk)
    start = dossier.datum_start_bijstand
    instance = Ontzorgingsplan(dossier=dossier, start=start)
    form = PlanForm(
        request.POST or None,
        instance=instance,
        partners=selectors.budgetbeheer_partners(gemeente=dossier.gemeente),
        nieuw=True,
        initial={"geplande_eind": rules.minimum_eind(start)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_create(actor=request.user, dossier=dossier, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het ontzorgingsplan is aangemaakt."))
            return redirect("ontzorgen:tab", dossier_pk=dossier.pk)
    return render(
        request,
        "ontzorgen/plan_form.html",
        dossier_context(
            request,
            dossier,
            "ontzorgen",
            form=form,
            start=start,
            minimum_eind=rules.minimum_eind(start),
        ),
    )


def _plan_or_404(dossier):
    from django.http import Http404

    plan = Ontzorgingsplan.objects.filter(dossier=dossier).first()
    if plan is None:
        raise Http404
    return plan


@dossier_view("ontzorgen.change_ontzorgingsplan", onderdeel="ontzorgen.plan")
def plan_bewerken(request, dossier):
    plan = _plan_or_404(dossier)
    form = PlanForm(
        request.POST or None,
        instance=plan,
        partners=selectors.budgetbeheer_partners(gemeente=dossier.gemeente),
    )
    oud_eind = plan.eind
    if (
        request.method == "POST"
        and form.is_valid()
        and form.cleaned_data.get("eind")
        and form.cleaned_data["eind"] != oud_eind
        and bevestigen.nodig(request)
    ):
        eind = form.cleaned_data["eind"]
        return bevestigen.pagina(
            request,
            titel=_("Ontzorgingsplan beëindigen?"),
            gevolgen=[
                _(
                    "Het plan eindigt op %(d)s: vanaf die datum betaalt de gemeente de vaste "
                    "lasten niet meer; er worden geen nieuwe betalingen aangemaakt."
                )
                % {"d": date_format(eind, "j F Y")},
                _("Nazorg: een taak op %(d)s om te controleren of de inburgeraar zelf betaalt.")
                % {"d": date_format(rules.nazorg_datum(eind), "j F Y")},
            ],
            knop=_("Ja, plan beëindigen"),
            terug=reverse("ontzorgen:tab", kwargs={"dossier_pk": dossier.pk}),
            dossier_context=dossier_context(request, dossier, "ontzorgen"),
        )
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het ontzorgingsplan is opgeslagen."))
            return redirect("ontzorgen:tab", dossier_pk=dossier.pk)
    return render(
        request,
        "ontzorgen/plan_form.html",
        dossier_context(
            request,
            dossier,
            "ontzorgen",
            form=form,
            plan=plan,
            start=plan.start,
            minimum_eind=rules.minimum_eind(plan.start),
        ),
    )


@dossier_view(
    "ontzorgen.add_vastelast", onderdeel="ontzorgen.vaste_lasten", post_action=AccessAction.CREATE
)
def vastelast_nieuw(request, dossier):
    plan = _plan_or_404(dossier)
    form = VasteLastForm(
        request.POST or None,
        soorten=selectors.soorten_actief(gemeente=dossier.gemeente),
        initial={"start": plan.start, "betaaldag": 1},
    )
    form.instance.plan = plan
    if request.method == "POST" and form.is_valid():
        try:
            services.vastelast_create(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De vaste last is toegevoegd."))
            if "nog_een" in request.POST:
                return redirect("ontzorgen:vastelast_nieuw", dossier_pk=dossier.pk)
            return redirect("ontzorgen:tab", dossier_pk=dossier.pk)
    return render(
        request,
        "ontzorgen/vastelast_form.html",
        dossier_context(request, dossier, "ontzorgen", form=form, plan=plan),
    )


@dossier_view("ontzorgen.change_vastelast", onderdeel="ontzorgen.vaste_lasten")
def vastelast_bewerken(request, dossier, vastelast_pk: int):
    last = selectors.vastelast_get(dossier=dossier, pk=vastelast_pk)
    form = VasteLastForm(
        request.POST or None,
        instance=last,
        soorten=selectors.soorten_actief(gemeente=dossier.gemeente),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.vastelast_update(actor=request.user, vaste_last=last, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De vaste last is opgeslagen."))
            return redirect("ontzorgen:tab", dossier_pk=dossier.pk)
    return render(
        request,
        "ontzorgen/vastelast_form.html",
        dossier_context(request, dossier, "ontzorgen", form=form, plan=last.plan, last=last),
    )


@require_POST
@dossier_view(
    "ontzorgen.add_betaling", onderdeel="ontzorgen.betalingen", post_action=AccessAction.CREATE
)
def betalingen_genereren(request, dossier):
    """Create this month's and next month's payments of this plan now (the beat job
    does the same for everyone each night; idempotent)."""
    plan = _plan_or_404(dossier)
    today = timezone.localdate()
    nieuw = []
    for maand in (rules.maand_start(today), rules.volgende_maand(today)):
        nieuw += services.betalingen_genereren(maand=maand, plan=plan, actor=request.user)
    if nieuw:
        messages.success(request, _("%(n)s betaling(en) gepland.") % {"n": len(nieuw)})
    else:
        messages.info(request, _("Er waren geen nieuwe betalingen te plannen."))
    return redirect("ontzorgen:tab", dossier_pk=dossier.pk)


@require_POST
@dossier_view("ontzorgen.change_betaling", onderdeel="ontzorgen.betalingen")
def betaling_status(request, dossier, betaling_pk: int):
    betaling = selectors.betaling_get(dossier=dossier, pk=betaling_pk)
    form = BetalingStatusForm(request.POST)
    if form.is_valid() and bevestigen.nodig(request):
        status = form.cleaned_data["status"]
        gevolgen = [
            _("De betaling %(s)s van %(m)s (%(b)s aan %(c)s) krijgt de status '%(n)s'.")
            % {
                "s": betaling.vaste_last.soort.naam,
                "m": date_format(betaling.maand, "F Y"),
                "b": euro(betaling.bedrag),
                "c": betaling.crediteur_naam,
                "n": _("opnieuw gepland")
                if status == BetalingStatus.GEPLAND
                else BetalingStatus(status).label.lower(),
            }
        ]
        if status in rules.STATUS_MET_TAAK:
            gevolgen.append(_("De consulent krijgt een taak om dit binnen 3 dagen op te lossen."))
        if status == BetalingStatus.GEPLAND:
            gevolgen.append(_("De betaling gaat mee in de volgende SEPA-batch."))
        return bevestigen.pagina(
            request,
            titel=_("Uitkomst van de betaling vastleggen?"),
            gevolgen=gevolgen,
            knop=_("Ja, vastleggen"),
            terug=reverse("ontzorgen:tab", kwargs={"dossier_pk": dossier.pk}),
            gevaar=status in rules.STATUS_MET_TAAK,
            dossier_context=dossier_context(request, dossier, "ontzorgen"),
        )
    if form.is_valid():
        try:
            services.betaling_status_wijzigen(
                actor=request.user,
                betaling=betaling,
                status=form.cleaned_data["status"],
                reden=form.cleaned_data["reden"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("De status van de betaling is gewijzigd."))
    else:
        messages.error(request, _("Kies een geldige status."))
    return redirect("ontzorgen:tab", dossier_pk=dossier.pk)


# --- overview and batches -----------------------------------------------------------------


@permission_view("ontzorgen.view_betaling")
def overzicht(request):
    """The consulent's overview: this month's payments, failures, evaluations due
    and the planned payments waiting for a SEPA batch."""
    context = selectors.overzicht(user=request.user)
    context["today"] = timezone.localdate()
    # this month's payments one page at a time; the count is the overview's own total
    page = pagina(
        request, context["deze_maand"], OVERZICHT_PER_PAGINA, telling=context["telling"]["aantal"]
    )
    context["deze_maand"] = list(page.object_list)
    context["page"] = page
    context["querystring"] = querystring_zonder(request)
    # failures, evaluations and batches: each its own page parameter, so paging one
    # list keeps the others where they were (issue 16)
    for lijst, param, per_pagina in (
        ("mislukt", "pagina_mislukt", LIJST_PER_PAGINA),
        ("evaluaties", "pagina_evaluaties", LIJST_PER_PAGINA),
        ("batches", "pagina_batches", BATCHES_PER_PAGINA),
    ):
        p = pagina(request, context[lijst], per_pagina, param=param)
        context[lijst] = list(p.object_list)
        context[f"page_{lijst}"] = p
        context[f"querystring_{lijst}"] = querystring_zonder(request, param)
    shown = [b.vaste_last.plan.dossier for b in (*context["deze_maand"], *context["mislukt"])]
    access_log_record_many(
        user=request.user,
        dossiers=[*shown, *(t.dossier for t in context["evaluaties"])],
        action=AccessAction.VIEW,
        onderdeel="ontzorgen.overzicht",
        request=request,
    )
    return render(request, "ontzorgen/overzicht.html", context)


@require_POST
@permission_view("ontzorgen.export_batch")
def batch_maken(request):
    form = BatchMakenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een gemeente en uitvoerdatum."))
        return redirect("ontzorgen:overzicht")
    gemeente = selectors.gemeente_for_user(user=request.user, pk=form.cleaned_data["gemeente"])
    gepland = form.cleaned_data["uitvoerdatum"]
    rij = next(
        iter(
            selectors.te_exporteren_rijen(
                user=request.user, gemeente_id=gemeente.pk, uitvoerdatum=gepland
            )
        ),
        None,
    )
    if rij is not None and bevestigen.nodig(request):
        sepa = rij["sepa"]
        gevolgen = [
            _(
                "%(n)s geplande betaling(en) van %(g)s, samen %(t)s, gaan in één SEPA-batch "
                "en krijgen de status 'geëxporteerd'."
            )
            % {"n": rij["aantal"], "g": gemeente.naam, "t": euro(rij["totaal"])},
            _("Uitvoerdatum in het betaalbestand: %(d)s.")
            % {"d": date_format(sepa.datum, "j F Y")},
        ]
        if sepa.verschoven:
            gevolgen.append(
                _("Gepland was %(g)s: %(r)s.")
                % {"g": date_format(sepa.gepland, "j F Y"), "r": sepa.reden}
            )
        gevolgen.append(
            _(
                "Download daarna het bestand en lever het aan bij de bank; markeer de batch als "
                "betaald zodra de bank hem heeft uitgevoerd."
            )
        )
        return bevestigen.pagina(
            request,
            titel=_("SEPA-batch maken?"),
            gevolgen=gevolgen,
            knop=_("Ja, batch maken"),
            terug=reverse("ontzorgen:overzicht"),
            gevaar=False,
        )
    try:
        batch = services.batch_export(
            actor=request.user, gemeente=gemeente, uitvoerdatum=form.cleaned_data["uitvoerdatum"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("ontzorgen:overzicht")
    access_log_record_many(
        user=request.user,
        dossiers=[(pk, batch.gemeente_id) for pk in selectors.batch_dossier_ids(batch=batch)],
        action=AccessAction.UPDATE,
        onderdeel="ontzorgen.batch",
        object_id=batch.pk,
        request=request,
    )
    messages.success(
        request,
        _("Batch %(id)s gemaakt met %(n)s betaling(en). Download het SEPA-bestand.")
        % {"id": batch.pk, "n": batch.aantal},
    )
    if batch.uitvoerdatum != gepland:
        messages.warning(
            request,
            _(
                "De uitvoerdatum is %(d)s: de geplande datum %(g)s ligt in het verleden of "
                "is geen bankdag."
            )
            % {
                "d": date_format(batch.uitvoerdatum, "j F Y"),
                "g": date_format(gepland, "j F Y"),
            },
        )
    return redirect("ontzorgen:batch_detail", batch_pk=batch.pk)


@permission_view("ontzorgen.view_batch")
def batch_detail(request, batch_pk: int):
    batch = selectors.batch_get(user=request.user, pk=batch_pk)
    # one page of the batch's payments; every payment of the page in ONE access-log insert
    page = pagina(request, selectors.batch_betalingen(batch=batch), BATCH_PER_PAGINA)
    betalingen = list(page.object_list)
    access_log_record_many(
        user=request.user,
        dossiers=[(b.vaste_last.plan.dossier_id, batch.gemeente_id) for b in betalingen],
        action=AccessAction.VIEW,
        onderdeel="ontzorgen.batch",
        object_id=batch.pk,
        request=request,
    )
    return render(
        request,
        "ontzorgen/batch_detail.html",
        {
            "batch": batch,
            "betalingen": betalingen,
            "page": page,
            "querystring": querystring_zonder(request),
            "betaald_form": BatchBetaaldForm(),
        },
    )


@permission_view("ontzorgen.export_batch")
def batch_download(request, batch_pk: int):
    """The SEPA file. Permission-checked, access-logged per dossier in the batch
    (action export); the file name carries the batch id only."""
    batch = selectors.batch_get(user=request.user, pk=batch_pk)
    access_log_record_many(
        user=request.user,
        dossiers=[(pk, batch.gemeente_id) for pk in selectors.batch_dossier_ids(batch=batch)],
        action=AccessAction.EXPORT,
        onderdeel="ontzorgen.sepa",
        object_id=batch.pk,
        doel="SEPA-betaalbestand naar de bank",
        request=request,
    )
    response = HttpResponse(batch.xml.encode("utf-8"), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{batch.bestandsnaam}"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@permission_view("ontzorgen.change_batch")
def batch_betaald(request, batch_pk: int):
    batch = selectors.batch_get(user=request.user, pk=batch_pk)
    form = BatchBetaaldForm(request.POST)
    betaald_op = form.cleaned_data.get("betaald_op") if form.is_valid() else None
    if bevestigen.nodig(request):
        aantal = batch.betalingen.filter(status=BetalingStatus.GEEXPORTEERD).count()
        return bevestigen.pagina(
            request,
            titel=_("Batch %(id)s als betaald markeren?") % {"id": batch.pk},
            gevolgen=[
                _("%(n)s geëxporteerde betaling(en) krijgen de status 'betaald'%(op)s.")
                % {
                    "n": aantal,
                    "op": (" " + _("op %(d)s") % {"d": date_format(betaald_op, "j F Y")})
                    if betaald_op
                    else "",
                },
                _("Betalingen die al mislukt zijn, blijven mislukt."),
                _(
                    "Doe dit alleen als de bank de batch heeft uitgevoerd. Een storno legt u "
                    "daarna per betaling vast."
                ),
            ],
            knop=_("Ja, als betaald markeren"),
            terug=reverse("ontzorgen:batch_detail", kwargs={"batch_pk": batch.pk}),
        )
    try:
        services.batch_betaald(actor=request.user, batch=batch, betaald_op=betaald_op)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        access_log_record_many(
            user=request.user,
            dossiers=[(pk, batch.gemeente_id) for pk in selectors.batch_dossier_ids(batch=batch)],
            action=AccessAction.UPDATE,
            onderdeel="ontzorgen.batch",
            object_id=batch.pk,
            request=request,
        )
        messages.success(request, _("De batch is als betaald gemarkeerd."))
    return redirect("ontzorgen:batch_detail", batch_pk=batch.pk)
