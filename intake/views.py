"""Pages of the brede intake. Thin: bind a form, call one service, redirect or render.
htmx requests for a section get only that section back."""

from __future__ import annotations

import copy
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casefiles import bevestigen
from casefiles.choices import AccessAction
from casefiles.forms import add_service_errors, foutenlijst
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
    # Without intakes there is nothing to summarise, no hours and no information
    # asked from third parties: no queries for them. With intakes the summary holds
    # the hours (intake_uren, not asked twice).
    samenvatting = selectors.intake_summary(dossier=dossier) if intakes else None
    return render(
        request,
        "intake/tab.html",
        dossier_context(
            request,
            dossier,
            "intake",
            intakes=intakes,
            samenvatting=samenvatting,
            pip_deadline=selectors.pip_deadline_info(
                dossier=dossier, info_derden=None if intakes else (None, None)
            ),
            pip_deadline_taak=selectors.pip_deadline_taak(dossier=dossier),
            uren=samenvatting.uren if samenvatting else Decimal("0"),
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


def _detail_context(
    request, dossier, intake, *, bound: dict | None = None, opgeslagen="", fouten=None
):
    bound = bound or {}
    scores = selectors.levensdomein_scores(intake=intake)
    werkervaring = list(intake.werkervaring.all())
    volledigheid = selectors.intake_volledigheid(
        intake=intake, scores=scores, werkervaring=werkervaring
    )
    secties = []
    for key, form_class in SECTIE_FORMS.items():
        form = bound.get(key) or _zoals_getoond(form_class(instance=intake, prefix=key))
        s = _sectie_context(intake, key, form, opgeslagen == key)
        s["volledigheid"] = volledigheid[key]
        s["open"] = bool(form.errors)
        secties.append(s)
    stappen = [(s["key"], s["label"], s["volledigheid"]) for s in secties]
    stappen.insert(
        [k for k, _l, _v in stappen].index("opleiding") + 1,
        ("werkervaring", _("Werkervaring"), volledigheid["werkervaring"]),
    )
    stappen += [
        ("levensdomeinen", _("Levensdomeinen"), volledigheid["levensdomeinen"]),
        ("keuze", _("Advies en keuze leerroute"), volledigheid["keuze"]),
    ]
    werkform = bound.get("werkervaring") or WerkervaringForm(prefix="werk")
    domeinform = bound.get("levensdomeinen") or _zoals_getoond(
        LevensdomeinenForm(prefix="ld", initial=LevensdomeinenForm.initial_from(scores))
    )
    keuzeform = bound.get("keuze") or _zoals_getoond(
        RouteKeuzeForm(prefix="keuze", initial=RouteKeuzeForm.initial_from(intake))
    )
    return dossier_context(
        request,
        dossier,
        "intake",
        intake=intake,
        secties=secties,
        stappen=stappen,
        volledigheid=volledigheid,
        bewerkbaar=intake.status != IntakeStatus.AFGEROND
        and request.user.has_perm("intake.change_bredeintake"),
        werkervaring=werkervaring,
        werkform=werkform,
        werk_open=bool(werkform.errors),
        domeinform=domeinform,
        domein_open=bool(domeinform.errors),
        scores=scores,
        advies=selectors.advies_voor(intake=intake),
        keuzeform=keuzeform,
        keuze_open=bool(keuzeform.errors),
        kan_gezondheid=can_see_special_category(request.user, dossier)
        and request.user.has_perm("intake.view_intakegezondheid"),
        opgeslagen=opgeslagen,
        fouten=fouten or [],
    )


def _zoals_getoond(form):
    """Post back each field's value as it was shown (Django's hidden initial), so a
    section counts as changed only when the user changed it: a section nobody touched
    is never written, and a colleague's save of it in the meantime stays."""
    for field in form.fields.values():
        field.show_hidden_initial = True
    return form


def _gebonden(request, intake) -> dict:
    """Every part of the one intake form, bound to the POST. Each section form gets
    its own copy of the intake, so a form's in-memory changes never leak into another."""
    scores = selectors.levensdomein_scores(intake=intake)
    forms = {
        key: _zoals_getoond(form_class(request.POST, instance=copy.copy(intake), prefix=key))
        for key, form_class in SECTIE_FORMS.items()
    }
    forms["werkervaring"] = WerkervaringForm(request.POST, prefix="werk")
    forms["levensdomeinen"] = _zoals_getoond(
        LevensdomeinenForm(
            request.POST, prefix="ld", initial=LevensdomeinenForm.initial_from(scores)
        )
    )
    forms["keuze"] = _zoals_getoond(
        RouteKeuzeForm(request.POST, prefix="keuze", initial=RouteKeuzeForm.initial_from(intake))
    )
    return forms


OPTIONEEL = ("werkervaring", "keuze")
"""Parts of the one form that are only validated and saved when something was typed
in them (a new work-history line; a route choice)."""


@require_POST
@dossier_view("intake.change_bredeintake", onderdeel="intake.opslaan")
def opslaan(request, dossier, intake_pk: int):
    """Save the whole intake in one go: every section whose fields changed goes through
    its own service (intake_sectie_opslaan, levensdomeinen_opslaan, …), all in one
    transaction. On any error nothing is saved and the page comes back with every
    section as it was typed, the errors listed at the top with links to the fields."""
    intake = selectors.intake_get(dossier=dossier, pk=intake_pk)
    if intake.status == IntakeStatus.AFGEROND:
        messages.error(
            request, _("Deze intake is afgerond. Heropen de intake om iets te wijzigen.")
        )
        return redirect(_detail_url(dossier, intake))
    forms = _gebonden(request, intake)
    te_controleren = {
        key: form for key, form in forms.items() if key not in OPTIONEEL or form.has_changed()
    }
    geldig = all([form.is_valid() for form in te_controleren.values()])
    gewijzigd: list[str] = []
    if geldig:
        bezig = ""
        try:
            with transaction.atomic():
                fresh = selectors.intake_get(dossier=dossier, pk=intake_pk)
                for key in SECTIE_FORMS:
                    if forms[key].has_changed():
                        bezig = key
                        services.intake_sectie_opslaan(
                            actor=request.user,
                            intake=fresh,
                            sectie=key,
                            data=forms[key].cleaned_data,
                            # a colleague's save of THIS section since the page was
                            # opened is refused (casefiles.locking), other sections not
                            bewerkversie=forms[key].cleaned_data.get("bewerkversie"),
                        )
                        gewijzigd.append(str(SECTIES[key][0]))
                if forms["levensdomeinen"].has_changed():
                    bezig = "levensdomeinen"
                    services.levensdomeinen_opslaan(
                        actor=request.user, intake=fresh, scores=forms["levensdomeinen"].scores()
                    )
                    gewijzigd.append(_("Levensdomeinen"))
                if "werkervaring" in te_controleren:
                    bezig = "werkervaring"
                    services.werkervaring_toevoegen(
                        actor=request.user, intake=fresh, **forms["werkervaring"].cleaned_data
                    )
                    gewijzigd.append(_("Werkervaring"))
                if "keuze" in te_controleren:
                    bezig = "keuze"
                    route, niveau = forms["keuze"].route_en_niveau()
                    services.intake_route_kiezen(
                        actor=request.user,
                        intake=fresh,
                        route=route,
                        niveau=niveau,
                        keuze_motivatie=forms["keuze"].cleaned_data["keuze_motivatie"],
                        afwijking_reden=forms["keuze"].cleaned_data["afwijking_reden"],
                    )
                    gewijzigd.append(_("Gekozen leerroute"))
        except ValidationError as exc:
            add_service_errors(forms[bezig], exc)
            geldig = False
    if not geldig:
        fouten = foutenlijst(*te_controleren.values())
        # Optional parts nobody typed in come back empty (never with errors).
        return render(
            request,
            "intake/detail.html",
            _detail_context(request, dossier, intake, bound=te_controleren, fouten=fouten),
        )
    if gewijzigd:
        messages.success(
            request,
            _("De intake is opgeslagen (%(delen)s).") % {"delen": ", ".join(gewijzigd)},
        )
    else:
        messages.info(request, _("Er was niets gewijzigd."))
    actie = request.POST.get("actie", "")
    if actie == "afronden":
        return _afronden_bevestigen(request, dossier, intake)
    if actie.startswith("werk_verwijderen:"):
        regel = intake.werkervaring.filter(pk=actie.split(":", 1)[1] or 0).first()
        if regel is not None:
            return _werk_verwijderen_bevestigen(request, dossier, intake, regel)
    if actie == "starten":
        try:
            services.intake_status_wijzigen(actor=request.user, intake=intake, actie="starten")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect(_detail_url(dossier, intake))


def _afronden_bevestigen(request, dossier, intake):
    return bevestigen.pagina(
        request,
        titel=_("Brede intake afronden?"),
        gevolgen=[
            _("De intake wordt alleen-lezen; wijzigen kan pas weer na heropenen."),
            _("De gekozen leerroute en het advies gaan naar de PIP (samenvatting)."),
            _("Een dossier in 'brede intake' gaat naar 'PIP in voorbereiding'."),
        ],
        knop=_("Ja, intake afronden"),
        terug=_detail_url(dossier, intake),
        gevaar=False,
        dossier_context=dossier_context(request, dossier, "intake"),
        actie=reverse("intake:status", kwargs={"dossier_pk": dossier.pk, "intake_pk": intake.pk}),
        velden=[("actie", "afronden")],
    )


def _werk_verwijderen_bevestigen(request, dossier, intake, regel):
    return bevestigen.pagina(
        request,
        titel=_("Werkervaring verwijderen?"),
        gevolgen=[
            _("De regel '%(b)s' (%(j)s jaar, %(l)s) wordt verwijderd.")
            % {"b": regel.beroep, "j": regel.jaren, "l": regel.land},
            _("Dit kan niet ongedaan worden gemaakt."),
        ],
        knop=_("Ja, verwijderen"),
        terug=_detail_url(dossier, intake, "sectie-werkervaring"),
        dossier_context=dossier_context(request, dossier, "intake"),
        actie=reverse(
            "intake:werkervaring_verwijderen",
            kwargs={"dossier_pk": dossier.pk, "intake_pk": intake.pk, "werk_pk": regel.pk},
        ),
        velden=[],
    )


@dossier_view("intake.view_bredeintake", onderdeel="intake.detail")
def detail(request, dossier, intake_pk: int):
    intake = selectors.intake_get(dossier=dossier, pk=intake_pk)
    return render(request, "intake/detail.html", _detail_context(request, dossier, intake))


@dossier_view(
    "intake.view_bredeintake", post_perm="intake.change_bredeintake", onderdeel="intake.sectie"
)
def sectie(request, dossier, intake_pk: int, sectie: str):
    # saving a section needs neither the work history nor the scores (issue 16)
    intake = selectors.intake_get(
        dossier=dossier, pk=intake_pk, met_lijsten=request.method != "POST"
    )
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
    # A copy as read, before the form writes its values into ``intake``: so the
    # form's in-memory changes never leak into other fields (no second read).
    fresh = copy.copy(intake)
    form = form_class(request.POST, instance=intake, prefix=sectie)
    ok = False
    if form.is_valid():
        try:
            fresh = services.intake_sectie_opslaan(
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
        if ok:  # the saved intake as the service left it: no need to read it again
            form = form_class(instance=fresh, prefix=sectie)
        else:  # what is in the database now (a colleague's version after a conflict)
            fresh = selectors.intake_get(dossier=dossier, pk=intake_pk)
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
        _detail_context(request, dossier, intake, bound={sectie: form}, fouten=foutenlijst(form)),
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
    regel = intake.werkervaring.filter(pk=werk_pk).first()
    if regel is not None and bevestigen.nodig(request):
        return _werk_verwijderen_bevestigen(request, dossier, intake, regel)
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
    actie = request.POST.get("actie", "")
    if (
        actie == "afronden"
        and bevestigen.nodig(request)
        and not bevestigen.proef(
            lambda: services.intake_status_wijzigen(
                actor=request.user, intake=intake, actie="afronden"
            )
        )
    ):
        return _afronden_bevestigen(request, dossier, intake)
    try:
        services.intake_status_wijzigen(actor=request.user, intake=intake, actie=actie)
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
