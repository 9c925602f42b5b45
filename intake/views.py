"""Pages of the brede intake. Thin: bind a form, call one service, redirect or render.
htmx requests for a section get only that section back."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casefiles.choices import AccessAction
from casefiles.forms import add_service_errors
from casefiles.permissions import can_see_special_category, dossier_view
from casefiles.services import access_log_record
from casefiles.views import dossier_context

from . import rules, selectors, services
from .choices import DoelInzage, IntakeStatus
from .forms import (
    SECTIE_FORMS,
    DoelForm,
    GezondheidForm,
    IntakeNieuwForm,
    LevensdomeinenForm,
    RouteKeuzeForm,
    WerkervaringForm,
)
from .services import SECTIES


def _detail_url(dossier, intake, anker: str = "") -> str:
    url = reverse("intake:detail", kwargs={"dossier_pk": dossier.pk, "intake_pk": intake.pk})
    return f"{url}#{anker}" if anker else url


@dossier_view("intake.view_bredeintake", onderdeel="intake.overzicht")
def tab(request, dossier):
    intakes = list(selectors.intake_list(dossier=dossier))
    return render(
        request,
        "intake/tab.html",
        dossier_context(
            request,
            dossier,
            "intake",
            intakes=intakes,
            samenvatting=selectors.intake_summary(dossier=dossier),
            pip_deadline=selectors.pip_deadline_info(dossier=dossier),
            pip_deadline_taak=selectors.pip_deadline_taak(dossier=dossier),
            uren=selectors.intake_uren(dossier=dossier),
            heeft_open=any(i.status != IntakeStatus.AFGEROND for i in intakes),
        ),
    )


@dossier_view(
    "intake.view_bredeintake",
    post_perm="intake.add_bredeintake",
    onderdeel="intake.nieuw",
    post_action=AccessAction.CREATE,
)
def nieuw(request, dossier):
    form = IntakeNieuwForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            intake = services.intake_create(
                actor=request.user, dossier=dossier, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De intake is aangemaakt."))
            return redirect(_detail_url(dossier, intake))
    return render(
        request, "intake/nieuw.html", dossier_context(request, dossier, "intake", form=form)
    )


def _sectie_context(intake, key: str, form, opgeslagen: bool = False) -> dict:
    return {
        "key": key,
        "label": SECTIES[key][0],
        "form": form,
        "opgeslagen": opgeslagen,
    }


def _detail_context(request, dossier, intake, *, bound: dict | None = None, opgeslagen=""):
    bound = bound or {}
    secties = []
    for key, form_class in SECTIE_FORMS.items():
        form = bound.get(key) or form_class(instance=intake, prefix=key)
        secties.append(_sectie_context(intake, key, form, opgeslagen == key))
    scores = selectors.levensdomein_scores(intake=intake)
    return dossier_context(
        request,
        dossier,
        "intake",
        intake=intake,
        secties=secties,
        bewerkbaar=intake.status != IntakeStatus.AFGEROND
        and request.user.has_perm("intake.change_bredeintake"),
        werkervaring=list(intake.werkervaring.all()),
        werkform=bound.get("werkervaring") or WerkervaringForm(prefix="werk"),
        domeinform=bound.get("levensdomeinen")
        or LevensdomeinenForm(prefix="ld", initial=LevensdomeinenForm.initial_from(scores)),
        scores=scores,
        advies=selectors.advies_voor(intake=intake),
        keuzeform=bound.get("keuze")
        or RouteKeuzeForm(prefix="keuze", initial=RouteKeuzeForm.initial_from(intake)),
        kan_gezondheid=can_see_special_category(request.user, dossier)
        and request.user.has_perm("intake.view_intakegezondheid"),
        opgeslagen=opgeslagen,
    )


@dossier_view("intake.view_bredeintake", onderdeel="intake.detail")
def detail(request, dossier, intake_pk: int):
    intake = selectors.intake_get(dossier=dossier, pk=intake_pk)
    return render(request, "intake/detail.html", _detail_context(request, dossier, intake))


@dossier_view(
    "intake.view_bredeintake", post_perm="intake.change_bredeintake", onderdeel="intake.sectie"
)
def sectie(request, dossier, intake_pk: int, sectie: str):
    intake = selectors.intake_get(dossier=dossier, pk=intake_pk)
    form_class = SECTIE_FORMS.get(sectie)
    if form_class is None:
        from django.http import Http404

        raise Http404
    if request.method != "POST":
        if request.htmx:
            form = form_class(instance=intake, prefix=sectie)
            return render(
                request,
                "intake/partials/_sectie.html",
                {
                    "s": _sectie_context(intake, sectie, form),
                    "intake": intake,
                    "dossier": dossier,
                    "bewerkbaar": intake.status != IntakeStatus.AFGEROND,
                },
            )
        return redirect(_detail_url(dossier, intake, f"sectie-{sectie}"))
    form = form_class(request.POST, instance=intake, prefix=sectie)
    ok = False
    if form.is_valid():
        try:
            # Re-read so the form's in-memory changes never leak into other fields.
            fresh = selectors.intake_get(dossier=dossier, pk=intake_pk)
            services.intake_sectie_opslaan(
                actor=request.user,
                intake=fresh,
                sectie=sectie,
                data=form.cleaned_data,
                bewerkversie=form.cleaned_data.get("bewerkversie"),
            )
            ok = True
        except ValidationError as exc:
            add_service_errors(form, exc)
    if request.htmx:
        fresh = selectors.intake_get(dossier=dossier, pk=intake_pk)
        if ok:
            form = form_class(instance=fresh, prefix=sectie)
        return render(
            request,
            "intake/partials/_sectie_response.html",
            {
                "s": _sectie_context(fresh, sectie, form, ok),
                "intake": fresh,
                "dossier": dossier,
                "bewerkbaar": fresh.status != IntakeStatus.AFGEROND,
                "advies": selectors.advies_voor(intake=fresh),
            },
        )
    if ok:
        messages.success(request, _("Onderdeel '%(s)s' is opgeslagen.") % {"s": SECTIES[sectie][0]})
        return redirect(_detail_url(dossier, intake, f"sectie-{sectie}"))
    intake = selectors.intake_get(dossier=dossier, pk=intake_pk)
    return render(
        request,
        "intake/detail.html",
        _detail_context(request, dossier, intake, bound={sectie: form}),
        status=200,
    )


@require_POST
@dossier_view(
    "intake.add_werkervaring", onderdeel="intake.werkervaring", post_action=AccessAction.CREATE
)
def werkervaring_toevoegen(request, dossier, intake_pk: int):
    intake = selectors.intake_get(dossier=dossier, pk=intake_pk)
    form = WerkervaringForm(request.POST, prefix="werk")
    ok = False
    if form.is_valid():
        try:
            services.werkervaring_toevoegen(actor=request.user, intake=intake, **form.cleaned_data)
            ok = True
        except ValidationError as exc:
            add_service_errors(form, exc)
    if request.htmx:
        intake = selectors.intake_get(dossier=dossier, pk=intake_pk)  # fresh list
        return render(
            request,
            "intake/partials/_werkervaring.html",
            {
                "intake": intake,
                "dossier": dossier,
                "werkervaring": list(intake.werkervaring.all()),
                "werkform": WerkervaringForm(prefix="werk") if ok else form,
                "bewerkbaar": intake.status != IntakeStatus.AFGEROND,
                "perms_delete": request.user.has_perm("intake.delete_werkervaring"),
            },
        )
    if ok:
        messages.success(request, _("De werkervaring is toegevoegd."))
        return redirect(_detail_url(dossier, intake, "sectie-werkervaring"))
    return render(
        request,
        "intake/detail.html",
        _detail_context(request, dossier, intake, bound={"werkervaring": form}),
    )


@require_POST
@dossier_view(
    "intake.delete_werkervaring", onderdeel="intake.werkervaring", post_action=AccessAction.DELETE
)
def werkervaring_verwijderen(request, dossier, intake_pk: int, werk_pk: int):
    intake = selectors.intake_get(dossier=dossier, pk=intake_pk)
    try:
        services.werkervaring_verwijderen(actor=request.user, intake=intake, pk=werk_pk)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("De werkervaring is verwijderd."))
    return redirect(_detail_url(dossier, intake, "sectie-werkervaring"))


@require_POST
@dossier_view("intake.change_bredeintake", onderdeel="intake.levensdomeinen")
def levensdomeinen(request, dossier, intake_pk: int):
    intake = selectors.intake_get(dossier=dossier, pk=intake_pk)
    form = LevensdomeinenForm(request.POST, prefix="ld")
    if form.is_valid():
        try:
            services.levensdomeinen_opslaan(actor=request.user, intake=intake, scores=form.scores())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De levensdomeinen zijn opgeslagen."))
            return redirect(_detail_url(dossier, intake, "sectie-levensdomeinen"))
    return render(
        request,
        "intake/detail.html",
        _detail_context(request, dossier, intake, bound={"levensdomeinen": form}),
    )


@require_POST
@dossier_view("intake.change_bredeintake", onderdeel="intake.leerroute")
def leerroute(request, dossier, intake_pk: int):
    intake = selectors.intake_get(dossier=dossier, pk=intake_pk)
    form = RouteKeuzeForm(request.POST, prefix="keuze")
    if form.is_valid():
        route, niveau = form.route_en_niveau()
        try:
            services.intake_route_kiezen(
                actor=request.user,
                intake=intake,
                route=route,
                niveau=niveau,
                keuze_motivatie=form.cleaned_data["keuze_motivatie"],
                afwijking_reden=form.cleaned_data["afwijking_reden"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De gekozen leerroute is vastgelegd."))
            return redirect(_detail_url(dossier, intake, "sectie-keuze"))
    intake = selectors.intake_get(dossier=dossier, pk=intake_pk)
    return render(
        request,
        "intake/detail.html",
        _detail_context(request, dossier, intake, bound={"keuze": form}),
    )


@require_POST
@dossier_view("intake.change_bredeintake", onderdeel="intake.status")
def status(request, dossier, intake_pk: int):
    intake = selectors.intake_get(dossier=dossier, pk=intake_pk)
    try:
        services.intake_status_wijzigen(
            actor=request.user, intake=intake, actie=request.POST.get("actie", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("De status van de intake is gewijzigd."))
    return redirect(_detail_url(dossier, intake))


def _doel(request) -> str:
    doel = request.POST.get("doel") or request.GET.get("doel") or ""
    return doel if doel in DoelInzage.values else ""


@dossier_view(
    "intake.view_intakegezondheid",
    post_perm="intake.change_intakegezondheid",
    onderdeel="intake.gezondheid.toegang",
)
def gezondheid(request, dossier, intake_pk: int):
    """Health (special-category). 403 unless assigned; the data is shown only after
    a purpose was chosen, and every read and write is logged with that purpose."""
    intake = selectors.intake_get(dossier=dossier, pk=intake_pk)
    gegevens = selectors.gezondheid_get(user=request.user, intake=intake)  # 403 if not allowed
    doel = _doel(request)
    if not doel:
        if request.method == "POST":
            raise PermissionDenied
        return render(
            request,
            "intake/gezondheid.html",
            dossier_context(
                request, dossier, "intake", intake=intake, doelform=DoelForm(), doel=""
            ),
        )
    kan_wijzigen = (
        request.user.has_perm("intake.change_intakegezondheid")
        and intake.status != IntakeStatus.AFGEROND
    )
    form = None
    if request.method == "POST":
        form = GezondheidForm(request.POST, instance=gegevens)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k not in ("doel", "bewerkversie")}
            try:
                services.gezondheid_opslaan(
                    actor=request.user,
                    intake=intake,
                    doel=doel,
                    data=data,
                    bewerkversie=form.cleaned_data.get("bewerkversie"),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Het onderdeel gezondheid is opgeslagen."))
                url = reverse(
                    "intake:gezondheid", kwargs={"dossier_pk": dossier.pk, "intake_pk": intake.pk}
                )
                return redirect(f"{url}?doel={doel}")
    else:
        access_log_record(
            user=request.user,
            dossier=dossier,
            action=AccessAction.VIEW,
            onderdeel="intake.gezondheid",
            doel=str(DoelInzage(doel).label),
            object_id=intake.pk,
            request=request,
        )
        if kan_wijzigen:
            form = GezondheidForm(instance=gegevens, initial={"doel": doel})
    return render(
        request,
        "intake/gezondheid.html",
        dossier_context(
            request,
            dossier,
            "intake",
            intake=intake,
            gegevens=gegevens,
            form=form,
            doel=doel,
            doel_label=DoelInzage(doel).label,
        ),
    )


@dossier_view(
    "intake.view_bredeintake", onderdeel="intake.samenvatting", get_action=AccessAction.PRINT
)
def samenvatting(request, dossier, intake_pk: int):
    """Print-friendly page for the file. Health only for the assigned werkcoach or
    consulent who asks for it with a purpose; marked as special-category data."""
    intake = selectors.intake_get(dossier=dossier, pk=intake_pk)
    mag_gezondheid = can_see_special_category(request.user, dossier) and request.user.has_perm(
        "intake.view_intakegezondheid"
    )
    gegevens = None
    doel = _doel(request)
    if mag_gezondheid and doel:
        gegevens = selectors.gezondheid_get(user=request.user, intake=intake)
        access_log_record(
            user=request.user,
            dossier=dossier,
            action=AccessAction.PRINT,
            onderdeel="intake.gezondheid",
            doel=str(DoelInzage(doel).label),
            object_id=intake.pk,
            request=request,
        )
    advies = (
        (intake.advies_route, intake.advies_redenen)
        if intake.advies_route
        else (lambda a: (a.route, a.redenen))(selectors.advies_voor(intake=intake))
    )
    return render(
        request,
        "intake/samenvatting.html",
        {
            "dossier": dossier,
            "persoon": dossier.inburgeraar,
            "intake": intake,
            "advies_route": advies[0],
            "advies_redenen": advies[1],
            "keuze_motivatie": selectors.keuze_motivatie_tekst(intake),
            "alfabetisering_duo": rules.duo_alfabetisering(intake.alfabetisering),
            "scores": selectors.levensdomein_scores(intake=intake),
            "werkervaring": list(intake.werkervaring.all()),
            "mag_gezondheid": mag_gezondheid,
            "met_gezondheid": gegevens is not None or (mag_gezondheid and bool(doel)),
            "gezondheid": gegevens,
            "doel": doel,
            "doelform": DoelForm(initial={"doel": DoelInzage.AFDRUK}),
            "pip_deadline": selectors.pip_deadline_info(dossier=dossier),
        },
    )
