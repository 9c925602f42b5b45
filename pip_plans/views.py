"""The PIP tab and its pages. Thin: bind a form, call one service, redirect or render.
Every view goes through casefiles.permissions.dossier_view (login → 403 → scoped
404 → access log)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.views.decorators.http import require_POST

from casefiles import bevestigen
from casefiles.choices import AccessAction, Regime, Rol
from casefiles.forms import add_service_errors
from casefiles.paginering import pagina, querystring_zonder
from casefiles.permissions import dossier_view
from casefiles.selectors import geen_plicht, inburgeringsfeiten, staff_for_gemeente
from casefiles.templatetags.casefiles_tags import euro
from casefiles.views import dossier_context

from . import selectors, services
from .choices import HandhavingSoort, Verplichting, VersieStatus
from .forms import (
    BekendmakingForm,
    DoelFormSet,
    GesprekForm,
    HandhavingForm,
    HerplannenForm,
    IntrekkenForm,
    PipVersieForm,
    VaststellenForm,
    WijzigenForm,
)
from .models import PipDoel

VIEW = "pip_plans.view_pipversie"
VOORTGANG_PER_PAGINA = 20
"""Progress notes of ketenpartners per page of the PIP tab."""
CHANGE = "pip_plans.change_pipversie"


def _fout(request, exc: ValidationError) -> None:
    for m in exc.messages:
        messages.error(request, m)


def _naar_tab(dossier):
    return redirect("pip_plans:tab", dossier_pk=dossier.pk)


def _naar_versie(dossier, versie):
    return redirect("pip_plans:versie", dossier_pk=dossier.pk, versie_pk=versie.pk)


def _pip_deadline(dossier):
    """The Bi art. 5.3 deadline of the first PIP with the date it counts from (the
    intake app's one rule), or None when that app or a clock is missing."""
    try:
        from intake.selectors import pip_deadline_info
    except ImportError:
        return None
    return pip_deadline_info(dossier=dossier)


@dossier_view(VIEW, onderdeel="pip.overzicht")
def tab(request, dossier):
    versies = list(selectors.pip_versies(dossier=dossier))
    huidig = next((v for v in versies if v.status == VersieStatus.VASTGESTELD), None)
    concept = next((v for v in versies if v.status == VersieStatus.CONCEPT), None)
    # the partners' progress notes one page at a time, on their own parameter (issue 16)
    voortgang = pagina(
        request,
        selectors.partner_voortgang(dossier=dossier),
        VOORTGANG_PER_PAGINA,
        param="pagina_voortgang",
    )
    return render(
        request,
        "pip_plans/tab.html",
        dossier_context(
            request,
            dossier,
            "pip",
            versies=versies,
            huidig=huidig,
            huidig_doelen=list(huidig.doelen.all()) if huidig else [],
            concept=concept,
            wi2013=dossier.regime == Regime.WI2013,
            geen_plicht=geen_plicht(dossier=dossier),
            feiten=inburgeringsfeiten(dossier=dossier),
            pip_deadline=_pip_deadline(dossier) if huidig is None else None,
            brieven=selectors.pip_brieven(dossier=dossier),
            gesprekken=selectors.gesprekken(dossier=dossier),
            handhavingen=selectors.handhavingen(dossier=dossier),
            wijzigenform=WijzigenForm(),
            partner_voortgang=list(voortgang.object_list),
            page_voortgang=voortgang,
            querystring_voortgang=querystring_zonder(request, "pagina_voortgang"),
        ),
    )


@require_POST
@dossier_view(
    VIEW,
    post_perm="pip_plans.add_pipversie",
    onderdeel="pip.versie",
    post_action=AccessAction.CREATE,
)
def concept_nieuw(request, dossier):
    try:
        versie = services.pip_concept_create(actor=request.user, dossier=dossier)
    except ValidationError as exc:
        _fout(request, exc)
        return _naar_tab(dossier)
    messages.success(request, "Het concept-PIP is gemaakt. Vul het aan en controleer het.")
    return redirect("pip_plans:versie_bewerken", dossier_pk=dossier.pk, versie_pk=versie.pk)


@require_POST
@dossier_view(
    VIEW,
    post_perm="pip_plans.add_pipversie",
    onderdeel="pip.versie",
    post_action=AccessAction.CREATE,
)
def wijzigen(request, dossier):
    form = WijzigenForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Kies een reden voor de wijziging.")
        return _naar_tab(dossier)
    try:
        versie = services.pip_wijzigen(
            actor=request.user,
            dossier=dossier,
            reden=form.cleaned_data["reden"],
            toelichting=form.cleaned_data["toelichting"],
        )
    except ValidationError as exc:
        _fout(request, exc)
        return _naar_tab(dossier)
    messages.success(request, f"Versie {versie.nummer} is gemaakt als concept.")
    return redirect("pip_plans:versie_bewerken", dossier_pk=dossier.pk, versie_pk=versie.pk)


@dossier_view(VIEW, onderdeel="pip.versie")
def versie(request, dossier, versie_pk: int):
    v = selectors.pip_versie_get(dossier=dossier, pk=versie_pk)
    dagtekening = timezone.localdate()
    vaststelform = VaststellenForm()
    return render(
        request,
        "pip_plans/versie.html",
        dossier_context(
            request,
            dossier,
            "pip",
            versie=v,
            doelen=list(v.doelen.all()),
            weigeringen=services.pip_controle(versie=v, dagtekening=dagtekening),
            vaststelform=vaststelform,
            bekendmakingform=BekendmakingForm(
                initial={"bekendgemaakt_op": v.bekendgemaakt_op, "ondertekend_op": v.ondertekend_op}
            ),
            intrekkenform=IntrekkenForm(),
            brieven=[b for b in selectors.pip_brieven(dossier=dossier) if b.versie_id == v.pk],
            wi2013=dossier.regime == Regime.WI2013,
            andere_versies=[x for x in selectors.pip_versies(dossier=dossier) if x.pk != v.pk],
        ),
    )


@dossier_view(VIEW, post_perm=CHANGE, onderdeel="pip.versie")
def versie_bewerken(request, dossier, versie_pk: int):
    v = selectors.pip_versie_get(dossier=dossier, pk=versie_pk)
    if not v.is_concept:
        messages.error(request, "Een vastgestelde PIP kan niet worden gewijzigd. Kies 'Wijzigen'.")
        return _naar_versie(dossier, v)
    form = PipVersieForm(
        request.POST or None,
        instance=v,
        dossier=dossier,
        prefix="pip",
        lock_extra=services.doelen_waarden(v),
    )
    formset = DoelFormSet(
        request.POST or None, queryset=PipDoel.objects.filter(versie=v), prefix="doel"
    )
    for f in formset.forms:  # a goal names a ketenpartner of this gemeente only
        f.fields["partner"].queryset = selectors.doel_partners(dossier=dossier)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        doelen = []
        for f in formset.forms:
            if not f.has_changed() and not f.instance.pk:
                continue
            data = dict(f.cleaned_data)
            doelen.append(
                {
                    "id": f.instance.pk,
                    "DELETE": data.pop("DELETE", False),
                    **{
                        k: data[k]
                        for k in ("levensdomein", "doel", "acties", "wie", "streefdatum", "partner")
                        if k in data
                    },
                }
            )
        try:
            with transaction.atomic():
                velden = {k: form.cleaned_data[k] for k in form.Meta.fields}
                services.pip_concept_update(
                    actor=request.user,
                    versie=v,
                    bewerkversie=form.cleaned_data.get("bewerkversie"),
                    **velden,
                )
                services.pip_doelen_save(actor=request.user, versie=v, doelen=doelen)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Het concept is opgeslagen.")
            if "opslaan_en_nieuw_doel" in request.POST:
                return redirect("pip_plans:versie_bewerken", dossier_pk=dossier.pk, versie_pk=v.pk)
            return _naar_versie(dossier, v)
    return render(
        request,
        "pip_plans/versie_form.html",
        dossier_context(request, dossier, "pip", versie=v, form=form, formset=formset),
    )


@require_POST
@dossier_view(VIEW, post_perm="pip_plans.vaststellen_pipversie", onderdeel="pip.vaststellen")
def vaststellen(request, dossier, versie_pk: int):
    v = selectors.pip_versie_get(dossier=dossier, pk=versie_pk)
    form = VaststellenForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Vul een geldige dagtekening in.")
        return _naar_versie(dossier, v)
    dagtekening = form.cleaned_data["dagtekening"]
    if bevestigen.nodig(request) and not services.pip_controle(versie=v, dagtekening=dagtekening):
        return bevestigen.pagina(
            request,
            titel=f"PIP versie {v.nummer} vaststellen als beschikking?",
            gevolgen=services.pip_vaststellen_gevolgen(versie=v, dagtekening=dagtekening),
            knop="Ja, vaststellen als beschikking",
            terug=reverse("pip_plans:versie", kwargs={"dossier_pk": dossier.pk, "versie_pk": v.pk}),
            dossier_context=dossier_context(request, dossier, "pip"),
        )
    try:
        services.pip_vaststellen(
            actor=request.user, versie=v, dagtekening=form.cleaned_data["dagtekening"]
        )
    except ValidationError as exc:
        messages.error(request, "De PIP is niet vastgesteld:")
        _fout(request, exc)
        return _naar_versie(dossier, v)
    messages.success(request, f"PIP versie {v.nummer} is vastgesteld. De brief wordt gemaakt.")
    return _naar_versie(dossier, v)


@require_POST
@dossier_view(
    VIEW,
    post_perm="pip_plans.delete_pipversie",
    onderdeel="pip.versie",
    post_action=AccessAction.DELETE,
)
def versie_verwijderen(request, dossier, versie_pk: int):
    v = selectors.pip_versie_get(dossier=dossier, pk=versie_pk)
    if bevestigen.nodig(request) and v.is_concept:
        return bevestigen.pagina(
            request,
            titel=f"Concept-PIP versie {v.nummer} verwijderen?",
            gevolgen=[
                f"Het concept en zijn {v.doelen.count()} doel(en) worden verwijderd.",
                "Dit kan niet ongedaan worden gemaakt. Eerdere, vastgestelde versies blijven.",
            ],
            knop="Ja, concept verwijderen",
            terug=reverse("pip_plans:versie", kwargs={"dossier_pk": dossier.pk, "versie_pk": v.pk}),
            dossier_context=dossier_context(request, dossier, "pip"),
        )
    try:
        services.pip_concept_delete(actor=request.user, versie=v)
    except ValidationError as exc:
        _fout(request, exc)
        return _naar_versie(dossier, v)
    messages.success(request, "Het concept is verwijderd.")
    return _naar_tab(dossier)


@require_POST
@dossier_view(VIEW, post_perm=CHANGE, onderdeel="pip.bekendmaking")
def bekendmaking(request, dossier, versie_pk: int):
    v = selectors.pip_versie_get(dossier=dossier, pk=versie_pk)
    form = BekendmakingForm(request.POST)
    if form.is_valid():
        try:
            services.pip_bekendmaking_record(actor=request.user, versie=v, **form.cleaned_data)
        except ValidationError as exc:
            _fout(request, exc)
        else:
            messages.success(request, "De datums zijn opgeslagen.")
    else:
        messages.error(request, "Vul geldige datums in.")
    return _naar_versie(dossier, v)


@require_POST
@dossier_view(VIEW, post_perm="pip_plans.vaststellen_pipversie", onderdeel="pip.intrekken")
def intrekken(request, dossier, versie_pk: int):
    v = selectors.pip_versie_get(dossier=dossier, pk=versie_pk)
    form = IntrekkenForm(request.POST)
    if form.is_valid() and bevestigen.nodig(request):
        return bevestigen.pagina(
            request,
            titel=f"Beschikking PIP versie {v.nummer} intrekken?",
            gevolgen=[
                f"Versie {v.nummer} wordt ingetrokken met als reden: {form.cleaned_data['reden']}",
                "De inhoud blijft leesbaar; de inburgeringstermijn verschuift niet.",
                "Intrekken kan niet ongedaan worden gemaakt. Stel zo nodig een nieuwe versie "
                "vast en informeer de inburgeraar schriftelijk.",
            ],
            knop="Ja, beschikking intrekken",
            terug=reverse("pip_plans:versie", kwargs={"dossier_pk": dossier.pk, "versie_pk": v.pk}),
            dossier_context=dossier_context(request, dossier, "pip"),
        )
    if form.is_valid():
        try:
            services.pip_intrekken(actor=request.user, versie=v, reden=form.cleaned_data["reden"])
        except ValidationError as exc:
            _fout(request, exc)
        else:
            messages.success(request, f"PIP versie {v.nummer} is ingetrokken.")
    else:
        messages.error(request, "Geef de reden van de intrekking.")
    return _naar_versie(dossier, v)


@dossier_view(VIEW, onderdeel="pip.vergelijken")
def vergelijk(request, dossier):
    versies = list(selectors.pip_versies(dossier=dossier))
    by_pk = {str(v.pk): v for v in versies}
    a = by_pk.get(request.GET.get("a", ""))
    b = by_pk.get(request.GET.get("b", ""))
    if (a is None or b is None) and len(versies) >= 2:
        b = b or versies[0]
        a = a or (b.vervangt if b.vervangt_id else versies[1])
    vergelijking = selectors.pip_vergelijking(a=a, b=b) if a and b else None
    return render(
        request,
        "pip_plans/vergelijk.html",
        dossier_context(
            request, dossier, "pip", versies=versies, a=a, b=b, vergelijking=vergelijking
        ),
    )


@require_POST
@dossier_view(VIEW, post_perm=CHANGE, onderdeel="pip.brief")
def brief_genereren(request, dossier, versie_pk: int):
    v = selectors.pip_versie_get(dossier=dossier, pk=versie_pk)
    if v.is_concept:
        messages.error(request, "Een concept heeft nog geen beschikking.")
    else:
        services.brief_aanvragen(versie=v)
        messages.success(
            request, "De brief wordt gemaakt. Ververs de pagina over een paar seconden."
        )
    return _naar_versie(dossier, v)


@dossier_view("pip_plans.view_pipbrief", onderdeel="pip.brief", get_action=AccessAction.EXPORT)
def brief_download(request, dossier, brief_pk: int):
    brief = selectors.pip_brief_get(dossier=dossier, pk=brief_pk)
    return FileResponse(
        brief.bestand.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=brief.bestandsnaam,
    )


@dossier_view(
    "pip_plans.view_voortgangsgesprek",
    post_perm="pip_plans.change_voortgangsgesprek",
    onderdeel="pip.voortgangsgesprek",
)
def gesprek(request, dossier, gesprek_pk: int):
    g = selectors.gesprek_get(dossier=dossier, pk=gesprek_pk)
    doelen = list(g.pip_versie.doelen.all())
    huidig = selectors.pip_huidig(dossier=dossier)
    if huidig is not None and g.status == "gepland":
        doelen = list(huidig.doelen.all())
    staff = staff_for_gemeente(gemeente=dossier.gemeente, role=[Rol.WERKCOACH, Rol.CONSULENT])
    form = GesprekForm(
        request.POST or None,
        staff=staff,
        doelen=doelen,
        initial={"gehouden_op": timezone.localdate(), "gevoerd_door": request.user.pk},
    )
    herplanform = HerplannenForm(initial={"datum": g.gepland_op})
    if request.method == "POST" and form.is_valid() and bevestigen.nodig(request):
        d = form.cleaned_data
        gevolgen = [
            f"Het gesprek wordt vastgelegd als gehouden op "
            f"{formats.date_format(d['gehouden_op'], 'j F Y')}. Een vastgelegd gesprek kan "
            "niet meer worden gewijzigd.",
            "De taak voor dit gesprek wordt afgerond; het volgende geplande gesprek komt in "
            "de werkvoorraad.",
        ]
        if d["start_wijziging"]:
            gevolgen.append(
                "Er wordt een PIP-wijziging gestart: een nieuw concept dat u daarna invult "
                "en vaststelt (een nieuwe beschikking)."
            )
        return bevestigen.pagina(
            request,
            titel="Voortgangsgesprek vastleggen?",
            gevolgen=gevolgen,
            knop="Ja, gesprek vastleggen",
            terug=reverse(
                "pip_plans:gesprek", kwargs={"dossier_pk": dossier.pk, "gesprek_pk": g.pk}
            ),
            gevaar=False,
            dossier_context=dossier_context(request, dossier, "pip"),
        )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        uitkomsten = [
            services.Uitkomst(doel.pk, d[f"uitkomst_{doel.pk}"], d[f"toelichting_{doel.pk}"])
            for doel in doelen
            if d.get(f"uitkomst_{doel.pk}")
        ]
        try:
            services.gesprek_vastleggen(
                actor=request.user,
                gesprek=g,
                gehouden_op=d["gehouden_op"],
                gevoerd_door=d["gevoerd_door"],
                aanwezigen=d["aanwezigen"],
                tolk=d["tolk"],
                tolk_taal=d["tolk_taal"],
                notities=d["notities"],
                vervolgstappen=d["vervolgstappen"],
                uitkomsten=uitkomsten,
                start_wijziging=d["start_wijziging"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Het voortgangsgesprek is vastgelegd.")
            g.refresh_from_db()
            if g.pip_wijziging_id:
                return redirect(
                    "pip_plans:versie_bewerken", dossier_pk=dossier.pk, versie_pk=g.pip_wijziging_id
                )
            return _naar_tab(dossier)
    return render(
        request,
        "pip_plans/gesprek.html",
        dossier_context(request, dossier, "pip", gesprek=g, form=form, herplanform=herplanform),
    )


@require_POST
@dossier_view(
    "pip_plans.view_voortgangsgesprek",
    post_perm="pip_plans.change_voortgangsgesprek",
    onderdeel="pip.voortgangsgesprek",
)
def gesprek_herplannen(request, dossier, gesprek_pk: int):
    g = selectors.gesprek_get(dossier=dossier, pk=gesprek_pk)
    form = HerplannenForm(request.POST)
    if form.is_valid():
        try:
            services.gesprek_herplannen(
                actor=request.user,
                gesprek=g,
                datum=form.cleaned_data["datum"],
                reden=form.cleaned_data["reden"],
            )
        except ValidationError as exc:
            _fout(request, exc)
        else:
            messages.success(request, "Het gesprek is verplaatst.")
    else:
        messages.error(request, "Vul een geldige datum in.")
    return redirect("pip_plans:gesprek", dossier_pk=dossier.pk, gesprek_pk=g.pk)


@dossier_view(
    "pip_plans.view_handhaving",
    post_perm="pip_plans.add_handhaving",
    onderdeel="pip.handhaving",
    post_action=AccessAction.CREATE,
)
def handhaving_nieuw(request, dossier):
    form = HandhavingForm(request.POST or None, initial={"datum": timezone.localdate()})
    fout = None
    if request.method == "POST" and form.is_valid() and bevestigen.nodig(request):
        fout = bevestigen.proef(
            lambda: services.handhaving_create(
                actor=request.user, dossier=dossier, **form.cleaned_data
            )
        )
    if request.method == "POST" and form.is_valid() and bevestigen.nodig(request) and not fout:
        d = form.cleaned_data
        gevolgen = [
            f"Er wordt een {HandhavingSoort(d['soort']).label.lower()} vastgelegd "
            f"(besluit van {formats.date_format(d['datum'], 'j F Y')}) wegens: "
            f"{Verplichting(d['verplichting']).label.lower()}.",
        ]
        if d["soort"] == HandhavingSoort.BOETE:
            gevolgen.append(
                f"Bedrag: {euro(d['bedrag'] or 0)}. Een bestuurlijke boete is een besluit "
                "waartegen bezwaar mogelijk is; stuur de inburgeraar de beschikking."
            )
        gevolgen.append("De handhaving komt in de tijdlijn en telt mee in het dashboard.")
        return bevestigen.pagina(
            request,
            titel="Handhaving vastleggen?",
            gevolgen=gevolgen,
            knop="Ja, vastleggen",
            terug=reverse("pip_plans:handhaving_nieuw", kwargs={"dossier_pk": dossier.pk}),
            dossier_context=dossier_context(request, dossier, "pip"),
        )
    if request.method == "POST" and form.is_valid():
        try:
            services.handhaving_create(actor=request.user, dossier=dossier, **form.cleaned_data)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for veld, fouten in exc.message_dict.items():
                    form.add_error(veld if veld in form.fields else None, fouten)
            else:
                form.add_error(None, exc)
        else:
            messages.success(request, "De handhaving is vastgelegd.")
            return _naar_tab(dossier)
    return render(
        request,
        "pip_plans/handhaving_form.html",
        dossier_context(
            request, dossier, "pip", form=form, handhavingen=selectors.handhavingen(dossier=dossier)
        ),
    )
