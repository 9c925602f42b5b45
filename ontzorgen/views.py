"""Pages of ontzorgen: the dossier tab, plan and fixed-cost forms, the payment
run of one plan, payment outcomes, the consulent's overview and the SEPA batches.
Thin: bind a form, call one service, redirect or render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casefiles.choices import AccessAction
from casefiles.forms import add_service_errors
from casefiles.permissions import dossier_view, permission_view
from casefiles.selectors import doelgroep_op
from casefiles.services import access_log_record_many
from casefiles.views import dossier_context

from . import rules, selectors, services
from .forms import BatchBetaaldForm, BatchMakenForm, BetalingStatusForm, PlanForm, VasteLastForm
from .models import Ontzorgingsplan


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
    return redirect("ontzorgen:batch_detail", batch_pk=batch.pk)


@permission_view("ontzorgen.view_batch")
def batch_detail(request, batch_pk: int):
    batch = selectors.batch_get(user=request.user, pk=batch_pk)
    betalingen = list(selectors.batch_betalingen(batch=batch))
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
        {"batch": batch, "betalingen": betalingen, "betaald_form": BatchBetaaldForm()},
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
