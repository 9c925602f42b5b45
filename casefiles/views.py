"""Pages of the core: werkvoorraad, new dossier, the dossier page and its tabs,
and the import of aanmeldingen. Thin: bind a form, call a service, render."""

from __future__ import annotations

import hashlib
import uuid
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.http import FileResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import bevestigen, importers, rules, selectors, services
from .choices import AccessAction, DossierStatus, Rol, TaakStatus
from .forms import (
    ContactmomentForm,
    DocumentForm,
    DoelgroepForm,
    DossierDatumsForm,
    DossierNieuwForm,
    GezinslidForm,
    ImportForm,
    InburgeraarForm,
    InburgeringsfeitenForm,
    PlichtEindeForm,
    StatusForm,
    TaakForm,
    WerkvoorraadFilterForm,
    ZoekForm,
    add_service_errors,
)
from .paginering import GeteldePaginator, pagina, querystring_zonder
from .permissions import can_see_special_category, dossier_view, permission_view
from .tabs import tabs_for

WERKVOORRAAD_PER_PAGINA = 25
ZOEK_SESSIE_SLEUTEL = "werkvoorraad_zoek"
WEEK_PER_PAGINA = 50
TIJDLIJN_PER_PAGINA = 50
"""Events per page of the timeline on the dossier's overview."""


def dossier_context(request, dossier, active_tab: str, **extra) -> dict:
    """What every dossier page (any app's tab) needs for the header and tabs."""
    return {
        "dossier": dossier,
        "persoon": dossier.inburgeraar,
        "active_tab": active_tab,
        "tabs": tabs_for(request.user, dossier.pk),
        "deadlines": selectors.dossier_open_deadlines(dossier=dossier),
        "today": timezone.localdate(),
        **extra,
    }


LANDINGSPAGINA: list[tuple[str, str]] = [
    (Rol.WERKCOACH, "casefiles:werkvoorraad"),
    (Rol.CONSULENT, "casefiles:werkvoorraad"),
    (Rol.TEAMLEIDER, "casefiles:caseload"),  # the team caseload
    (Rol.KETENPARTNER, "partners:overzicht"),  # staff of a partner organisation
    (Rol.PRIVACY, "privacy:inzage_lijst"),  # the AVG requests (issue 17)
    (Rol.BELEID, "admin:index"),  # the admin index is the dashboard for this role
    (Rol.BEHEER, "admin:index"),
]
"""Where each role lands after logging in (and on the start page): the first role of
the user in this list wins. Adding a role is one line here."""


def landingspagina(user) -> str:
    """The URL a logged-in user starts on. Never a page that answers "Geen toegang":
    a user without a known role but with admin access lands in the admin, anyone
    else on the werkvoorraad only when they may see dossiers."""
    rollen = set(user.groups.values_list("name", flat=True))
    for rol, url_name in LANDINGSPAGINA:
        if rol in rollen:
            return reverse(url_name)
    if user.has_perm("casefiles.view_dossier"):
        return reverse("casefiles:werkvoorraad")
    if user.is_staff:
        return reverse("admin:index")
    return reverse("geen_rol")


def home(request):
    """The start page: the login page for a visitor, the role's landing page else."""
    if not request.user.is_authenticated:
        return redirect("login")
    return HttpResponseRedirect(landingspagina(request.user))


def geen_rol(request):
    """A logged-in user without any role: say so, instead of a bare 403."""
    if not request.user.is_authenticated:
        return redirect("login")
    return render(request, "casefiles/geen_rol.html")


class InloggenView(LoginView):
    """Login; afterwards the page asked for (``next``), unless the user could not
    open it anyway (the werkvoorraad for a beleidsmedewerker), then the landing page."""

    redirect_authenticated_user = True

    def get_success_url(self):
        url = self.get_redirect_url()
        if url and _mag_openen(self.request.user, url):
            return url
        return landingspagina(self.request.user)


def _mag_openen(user, url: str) -> bool:
    from django.urls import Resolver404, resolve

    try:
        match = resolve(url.split("?", 1)[0])
    except Resolver404:
        return False
    if match.namespace == "admin":
        return user.is_staff
    if match.url_name == "home":
        return True
    # Every page of our apps needs at least one permission; the werkvoorraad and the
    # dossier pages need view_dossier, which a beleidsmedewerker or beheerder lacks.
    if match.namespace in {
        "casefiles",
        "intake",
        "pip_plans",
        "leerroutes",
        "participatie",
        "begeleiding",
    }:
        return user.has_perm("casefiles.view_dossier")
    if match.namespace == "ontzorgen":
        return user.has_perm("ontzorgen.view_betaling") or user.has_perm(
            "ontzorgen.view_ontzorgingsplan"
        )
    return True


@permission_view("casefiles.view_dossier")
def werkvoorraad(request):
    """Mijn werkvoorraad. The search term travels by POST and lives in the session,
    so a name or BSN never appears in a URL or a server log."""
    if request.method == "POST":
        zoekform = ZoekForm(request.POST)
        if zoekform.is_valid():
            request.session[ZOEK_SESSIE_SLEUTEL] = zoekform.cleaned_data["zoek"].strip()
        if "wis" in request.POST:
            request.session.pop(ZOEK_SESSIE_SLEUTEL, None)
        return HttpResponseRedirect(reverse("casefiles:werkvoorraad") + _filter_query(request))
    if "menu" in request.GET:
        # Opened from the menu: start clean, without the search of earlier.
        request.session.pop(ZOEK_SESSIE_SLEUTEL, None)
        return redirect("casefiles:werkvoorraad")
    zoek, filters, dossiers = _werkvoorraad(request)
    # the count without the list's joins and subqueries: one cheap COUNT
    page = GeteldePaginator(
        dossiers, WERKVOORRAAD_PER_PAGINA, telling=selectors.werkvoorraad_filter(**filters)
    ).get_page(request.GET.get("pagina"))
    taken = [] if request.htmx else list(selectors.taak_list_for_user(user=request.user)[:15])
    # every dossier whose name this page shows: one access-log INSERT
    services.access_log_record_many(
        user=request.user,
        dossiers=[*page.object_list, *(t.dossier for t in taken)],
        action=AccessAction.VIEW,
        onderdeel="werkvoorraad.zoeken" if zoek else "werkvoorraad",
        request=request,
    )
    context = {
        "page": page,
        "zoekform": ZoekForm(initial={"zoek": zoek}),
        "zoek": zoek,
        "filters": WerkvoorraadFilterForm(request.GET or None),
        "taken": taken,
        "telling": selectors.taak_counts_for_user(user=request.user),
        "today": timezone.localdate(),
        "querystring": _filter_query(request, drop_page=True),
        "sortering": request.GET.get("sort", "deadline"),
        "sorteerquery": _filter_query(request, drop_page=True, drop=("sort",)),
        "exportquery": _filter_query(request, drop_page=True),
        "export_max": WERKVOORRAAD_EXPORT_MAX,
    }
    template = (
        "casefiles/partials/_werkvoorraad_tabel.html"
        if request.htmx
        else "casefiles/werkvoorraad.html"
    )
    return render(request, template, context)


def _werkvoorraad(request):
    """(search term, filters, dossiers) of the werkvoorraad with the request's filters, search
    (from the session) and sorting: the list and its export show the same."""
    zoek = request.session.get(ZOEK_SESSIE_SLEUTEL, "")
    form = WerkvoorraadFilterForm(request.GET or None)
    f = form.cleaned_data if form.is_valid() else {}
    wie = f.get("wie") or "mijn"
    filters = {
        "user": request.user,
        "alleen_mijn": (wie == "mijn" and not zoek),
        "zoek": zoek,
        "status": f.get("status", ""),
        "doelgroep": f.get("doelgroep", ""),
    }
    dossiers = selectors.werkvoorraad_dossiers(
        **filters, sortering=request.GET.get("sort", "deadline")
    )
    return zoek, filters, dossiers


def _filter_query(request, drop_page: bool = False, drop: tuple[str, ...] = ()) -> str:
    params = request.GET.copy()
    if drop_page:
        params.pop("pagina", None)
    for name in drop:
        params.pop(name, None)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else ""


WERKVOORRAAD_EXPORT_MAX = 5000
"""At most this many dossiers in one export (a caseload, not a data dump)."""


@permission_view("casefiles.view_dossier")
def werkvoorraad_export(request, formaat: str):
    """The werkvoorraad as CSV or XLSX: the same dossiers, filters, search and columns
    as on screen. Every dossier in it gets an access-log row (export), in one statement."""
    from django.http import Http404, HttpResponse

    from . import exports

    if formaat not in ("csv", "xlsx"):
        raise Http404
    _zoek, _filters, dossiers = _werkvoorraad(request)
    dossiers = list(dossiers[:WERKVOORRAAD_EXPORT_MAX])
    services.access_log_record_many(
        user=request.user,
        dossiers=dossiers,
        action=AccessAction.EXPORT,
        onderdeel="werkvoorraad.export",
        request=request,
    )
    naam = f"werkvoorraad-{timezone.localdate():%Y-%m-%d}.{formaat}"
    if formaat == "xlsx":
        response = HttpResponse(
            exports.werkvoorraad_xlsx(dossiers),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(
            exports.werkvoorraad_csv(dossiers), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    response["Cache-Control"] = "private, no-store"
    return response


@permission_view("casefiles.view_dossier")
def week(request):
    """Mijn week: the user's own open tasks that are overdue or due in the next 7 days
    (or another view: te laat, deze week, alle open), sortable by column."""
    weergave = request.GET.get("toon", "week")
    if weergave not in selectors.WEEK_WEERGAVEN:
        weergave = "week"
    sortering = request.GET.get("sort", "deadline")
    telling = selectors.taak_counts_for_user(user=request.user)
    # the page count from the counters the page shows anyway: no COUNT of its own
    # ("week" is overdue plus the next 7 days, exactly as taak_week selects it)
    aantal = {
        "week": telling["te_laat"] + telling["deze_week"],
        "te_laat": telling["te_laat"],
        "deze_week": telling["deze_week"],
        "open": telling["open"],
    }[weergave]
    page = pagina(
        request,
        selectors.taak_week(user=request.user, weergave=weergave, sortering=sortering),
        WEEK_PER_PAGINA,
        telling=aantal,
    )
    taken = list(page.object_list)
    services.access_log_record_many(
        user=request.user,
        dossiers=[t.dossier for t in taken],
        action=AccessAction.VIEW,
        onderdeel="werkvoorraad.week",
        request=request,
    )
    return render(
        request,
        "casefiles/week.html",
        {
            "taken": taken,
            "page": page,
            "querystring": querystring_zonder(request),
            "weergave": weergave,
            "weergaven": selectors.WEEK_WEERGAVEN,
            "sortering": sortering,
            "sorteerquery": _filter_query(request, drop=("sort",)),
            "telling": telling,
            "today": timezone.localdate(),
            "week_eind": timezone.localdate() + timedelta(days=selectors.WEEK_DAGEN),
        },
    )


@permission_view("casefiles.add_dossier")
def dossier_nieuw(request):
    gemeenten = selectors.gemeente_list(user=request.user)
    staff = _staff_for_user_gemeenten(request.user)
    persoon_form = InburgeraarForm(request.POST or None, prefix="persoon")
    dossier_form = DossierNieuwForm(
        request.POST or None,
        prefix="dossier",
        user=request.user,
        gemeenten=gemeenten,
        werkcoaches=staff.filter(groups__name=Rol.WERKCOACH),
        consulenten=staff.filter(groups__name=Rol.CONSULENT),
    )
    if request.method == "POST" and persoon_form.is_valid() and dossier_form.is_valid():
        d = dossier_form.cleaned_data
        try:
            dossier = services.dossier_create(
                actor=request.user,
                gemeente=d["gemeente"],
                persoon=persoon_form.cleaned_data,
                doelgroep=d["doelgroep"],
                azc=d["azc"],
                datums={k: d[k] for k in DossierNieuwForm.Meta.fields if k.startswith("datum")},
                werkcoach=d.get("werkcoach"),
                consulent=d.get("consulent"),
            )
        except ValidationError as exc:
            add_service_errors(persoon_form, exc)
        else:
            messages.success(request, _("Het dossier is aangemaakt."))
            return redirect("casefiles:dossier_detail", dossier_pk=dossier.pk)
    return render(
        request,
        "casefiles/dossier_nieuw.html",
        {"persoon_form": persoon_form, "dossier_form": dossier_form},
    )


def _staff_for_user_gemeenten(user):
    from django.contrib.auth import get_user_model

    from .permissions import user_gemeente_ids

    return (
        get_user_model()
        .objects.filter(profiel__gemeenten__in=user_gemeente_ids(user), is_active=True)
        .filter(groups__permissions__codename="view_dossier")
        .distinct()
        .order_by("first_name", "last_name")
    )


@dossier_view(onderdeel="dossier.overzicht")
def dossier_detail(request, dossier):
    # one page of the timeline, on its own parameter (issue 16)
    tijdlijn = pagina(
        request,
        selectors.dossier_tijdlijn(dossier=dossier),
        TIJDLIJN_PER_PAGINA,
        param="pagina_tijdlijn",
    )
    plicht_besluiten = list(selectors.plicht_eindes(dossier=dossier))
    return render(
        request,
        "casefiles/dossier_overzicht.html",
        dossier_context(
            request,
            dossier,
            "overzicht",
            tijdlijn=list(tijdlijn.object_list),
            page_tijdlijn=tijdlijn,
            querystring_tijdlijn=querystring_zonder(request, "pagina_tijdlijn"),
            gezinsleden=dossier.inburgeraar.gezinsleden.all(),
            doelgroep_periodes=dossier.doelgroep_periodes.all(),
            feiten=selectors.inburgeringsfeiten(dossier=dossier),
            plicht_besluiten=plicht_besluiten,
            geen_plicht=selectors.geen_plicht(dossier=dossier, eindes=plicht_besluiten),
            mag_bijzonder=can_see_special_category(request.user, dossier),
            statusform=StatusForm(dossier=dossier),
        ),
    )


@dossier_view("casefiles.change_dossier", onderdeel="dossier.gegevens")
def dossier_bewerken(request, dossier):
    persoon_form = InburgeraarForm(
        request.POST or None, instance=dossier.inburgeraar, prefix="persoon"
    )
    datums_form = DossierDatumsForm(request.POST or None, instance=dossier, prefix="dossier")
    if request.method == "POST" and persoon_form.is_valid() and datums_form.is_valid():
        try:
            with transaction.atomic():
                services.inburgeraar_update(
                    actor=request.user, dossier=dossier, **persoon_form.cleaned_data
                )
                services.dossier_update(
                    actor=request.user, dossier=dossier, **datums_form.cleaned_data
                )
        except ValidationError as exc:
            conflict_in_dossier = getattr(exc, "current", None).__class__.__name__ == "Dossier"
            add_service_errors(datums_form if conflict_in_dossier else persoon_form, exc)
        else:
            messages.success(request, _("De gegevens zijn opgeslagen."))
            return redirect("casefiles:dossier_detail", dossier_pk=dossier.pk)
    return render(
        request,
        "casefiles/dossier_bewerken.html",
        dossier_context(
            request, dossier, "overzicht", persoon_form=persoon_form, datums_form=datums_form
        ),
    )


@dossier_view(
    "casefiles.view_dossier", post_perm="casefiles.change_dossier", onderdeel="dossier.feiten"
)
def inburgeringsfeiten(request, dossier):
    """The person's facts from the previous gemeente or DUO (first PIP in any
    gemeente, termijn, current leerroute): a move never starts a new termijn."""
    bestaand = selectors.inburgeringsfeiten(dossier=dossier)
    form = InburgeringsfeitenForm(request.POST or None, instance=bestaand)
    if request.method == "POST" and form.is_valid():
        velden = {k: form.cleaned_data[k] for k in InburgeringsfeitenForm.Meta.fields}
        try:
            services.inburgeringsfeiten_opslaan(actor=request.user, dossier=dossier, **velden)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De gegevens van de persoon zijn opgeslagen."))
            return redirect("casefiles:dossier_detail", dossier_pk=dossier.pk)
    return render(
        request,
        "casefiles/inburgeringsfeiten.html",
        dossier_context(request, dossier, "overzicht", form=form, feiten=bestaand),
    )


@dossier_view(
    "casefiles.view_dossier",
    post_perm="casefiles.change_dossier",
    onderdeel="dossier.plicht",
    post_action=AccessAction.CREATE,
)
def plicht_einde(request, dossier):
    """Record DUO's decision that the inburgeringsplicht ended."""
    form = PlichtEindeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and bevestigen.nodig(request):
        # A legal step that closes deadlines: first the confirmation page (issue 15),
        # but a decision the service refuses is refused on the form first.
        fout = bevestigen.proef(
            lambda: services.plicht_einde_vastleggen(
                actor=request.user, dossier=dossier, **form.cleaned_data
            )
        )
        if fout is not None:
            add_service_errors(form, fout)
        else:
            return bevestigen.pagina(
                request,
                titel=_("Besluit van DUO over de inburgeringsplicht vastleggen?"),
                gevolgen=services.plicht_einde_gevolgen(dossier=dossier, **form.cleaned_data),
                knop=_("Ja, besluit vastleggen"),
                terug=reverse("casefiles:plicht_einde", kwargs={"dossier_pk": dossier.pk}),
                dossier_context=dossier_context(request, dossier, "overzicht"),
            )
    if request.method == "POST" and form.is_valid() and not form.errors:
        try:
            services.plicht_einde_vastleggen(
                actor=request.user, dossier=dossier, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het besluit van DUO is vastgelegd."))
            return redirect("casefiles:dossier_detail", dossier_pk=dossier.pk)
    return render(
        request,
        "casefiles/plicht_einde.html",
        dossier_context(
            request,
            dossier,
            "overzicht",
            form=form,
            besluiten=selectors.plicht_eindes(dossier=dossier),
            geen_plicht=selectors.geen_plicht(dossier=dossier),
            mag_bijzonder=can_see_special_category(request.user, dossier),
        ),
    )


@dossier_view(
    "casefiles.view_dossier",
    post_perm="casefiles.change_dossier",
    onderdeel="dossier.doelgroep",
    post_action=AccessAction.CREATE,
)
def doelgroep_wijzigen(request, dossier):
    """Record a doelgroep change (DUO SS124/SS125) with its date and source."""
    form = DoelgroepForm(request.POST or None, initial={"geldig_vanaf": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.dossier_change_doelgroep(
                actor=request.user, dossier=dossier, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De doelgroep is vastgelegd."))
            return redirect("casefiles:dossier_detail", dossier_pk=dossier.pk)
    return render(
        request,
        "casefiles/doelgroep_wijzigen.html",
        dossier_context(
            request,
            dossier,
            "overzicht",
            form=form,
            doelgroep_periodes=dossier.doelgroep_periodes.all(),
        ),
    )


@require_POST
@dossier_view("casefiles.change_dossier", onderdeel="dossier.status")
def dossier_status(request, dossier):
    form = StatusForm(request.POST, dossier=dossier)
    if form.is_valid() and bevestigen.nodig(request):
        naar = form.cleaned_data["status"]
        return bevestigen.pagina(
            request,
            titel=_("Status wijzigen naar '%(s)s'?") % {"s": DossierStatus(naar).label},
            gevolgen=services.dossier_status_gevolgen(dossier=dossier, status=naar),
            knop=_("Ja, status wijzigen naar '%(s)s'") % {"s": DossierStatus(naar).label},
            terug=reverse("casefiles:dossier_detail", kwargs={"dossier_pk": dossier.pk}),
            gevaar=naar not in rules.ACTIVE_STATUSES,
            dossier_context=dossier_context(request, dossier, "overzicht"),
        )
    if form.is_valid():
        try:
            services.dossier_change_status(
                actor=request.user,
                dossier=dossier,
                status=form.cleaned_data["status"],
                toelichting=form.cleaned_data["toelichting"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("De status is gewijzigd."))
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("casefiles:dossier_detail", dossier_pk=dossier.pk)


@dossier_view(
    "casefiles.view_dossier",
    post_perm="casefiles.change_inburgeraar",
    onderdeel="dossier.gezin",
    post_action=AccessAction.CREATE,
)
def gezinslid_nieuw(request, dossier):
    form = GezinslidForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        lid = form.save(commit=False)
        lid.inburgeraar = dossier.inburgeraar
        lid.save()
        services.gebeurtenis_record(
            dossier=dossier,
            actor=request.user,
            soort="persoon",
            titel=_("Gezinslid toegevoegd (%(r)s)") % {"r": lid.get_relatie_display().lower()},
        )
        messages.success(request, _("Het gezinslid is toegevoegd."))
        return redirect("casefiles:dossier_detail", dossier_pk=dossier.pk)
    return render(
        request,
        "casefiles/gezinslid_nieuw.html",
        dossier_context(request, dossier, "overzicht", form=form),
    )


@dossier_view(
    "casefiles.view_contactmoment",
    post_perm="casefiles.add_contactmoment",
    onderdeel="dossier.contactmomenten",
    post_action=AccessAction.CREATE,
)
def contactmomenten(request, dossier):
    form = ContactmomentForm(
        request.POST or None,
        initial={"datum": timezone.localtime().replace(second=0, microsecond=0)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.contactmoment_create(actor=request.user, dossier=dossier, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het contactmoment is vastgelegd."))
            return redirect("casefiles:contactmomenten", dossier_pk=dossier.pk)
    return render(
        request,
        "casefiles/dossier_contactmomenten.html",
        dossier_context(
            request,
            dossier,
            "contactmomenten",
            form=form,
            contactmomenten=selectors.dossier_contactmomenten(dossier=dossier),
        ),
    )


@dossier_view(
    "casefiles.view_taak",
    post_perm="casefiles.add_taak",
    onderdeel="dossier.taken",
    post_action=AccessAction.CREATE,
)
def taken(request, dossier):
    staff = selectors.staff_for_gemeente(
        gemeente=dossier.gemeente, role=[Rol.WERKCOACH, Rol.CONSULENT]
    )
    form = TaakForm(request.POST or None, staff=staff, initial={"toegewezen_aan": request.user.pk})
    if request.method == "POST" and form.is_valid():
        try:
            services.taak_create(actor=request.user, dossier=dossier, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De taak is aangemaakt."))
            return redirect("casefiles:taken", dossier_pk=dossier.pk)
    return render(
        request,
        "casefiles/dossier_taken.html",
        dossier_context(
            request, dossier, "taken", form=form, taken=selectors.dossier_taken(dossier=dossier)
        ),
    )


@require_POST
@dossier_view("casefiles.change_taak", onderdeel="dossier.taken")
def taak_afronden(request, dossier, taak_pk: int):
    taak = dossier.taken.filter(pk=taak_pk, status=TaakStatus.OPEN).first()
    if taak is None:
        messages.error(request, _("Deze taak bestaat niet of is al afgerond."))
    elif taak.afronden_via_bron:
        messages.error(
            request,
            _(
                "Deze wettelijke deadline wordt vanzelf afgerond: als de PIP is vastgesteld "
                "of het voortgangsgesprek is vastgelegd."
            ),
        )
    else:
        services.taak_complete(actor=request.user, taak=taak)
        messages.success(request, _("De taak is afgerond."))
    nxt = request.POST.get("volgende", "")
    if nxt == "werkvoorraad":
        return redirect("casefiles:werkvoorraad")
    if nxt == "week":
        return redirect("casefiles:week")
    return redirect("casefiles:taken", dossier_pk=dossier.pk)


@dossier_view(
    "casefiles.view_document",
    post_perm="casefiles.add_document",
    onderdeel="dossier.documenten",
    post_action=AccessAction.CREATE,
)
def documenten(request, dossier):
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_add(
                actor=request.user,
                dossier=dossier,
                titel=form.cleaned_data["titel"],
                soort=form.cleaned_data["soort"],
                upload=form.cleaned_data["bestand"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het document is toegevoegd."))
            return redirect("casefiles:documenten", dossier_pk=dossier.pk)
    return render(
        request,
        "casefiles/dossier_documenten.html",
        dossier_context(
            request,
            dossier,
            "documenten",
            form=form,
            documenten=selectors.dossier_documenten(dossier=dossier),
        ),
    )


@dossier_view(
    "casefiles.view_document", onderdeel="dossier.document", get_action=AccessAction.EXPORT
)
def document_download(request, dossier, document_pk: int):
    doc = selectors.document_get(dossier=dossier, pk=document_pk)
    response = FileResponse(
        doc.bestand.open("rb"),
        content_type=doc.content_type,
        as_attachment=True,
        filename=doc.bestandsnaam,
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- import ---------------------------------------------------------------------

IMPORT_SESSIE_SLEUTEL = "aanmeldingen_import"


@permission_view("casefiles.import_aanmeldingen")
def import_aanmeldingen(request):
    """Step 1: upload; the file is checked and a preview shown. The file waits in
    private storage under a random name (never in the session or a URL), with its
    SHA-256 and the line numbers the preview showed as good."""
    gemeenten = selectors.gemeente_list(user=request.user)
    form = ImportForm(request.POST or None, request.FILES or None, gemeenten=gemeenten)
    if request.method == "POST" and form.is_valid():
        content = form.cleaned_data["bestand"].read()
        gemeente = form.cleaned_data["gemeente"]
        result = importers.parse(content, gemeente=gemeente)
        if result.ok and result.rows:
            name = storages["private"].save(f"imports/{uuid.uuid4().hex}.csv", ContentFile(content))
            request.session[IMPORT_SESSIE_SLEUTEL] = _pending(name, gemeente.pk, content, result)
        return render(
            request, "casefiles/import_preview.html", {"result": result, "gemeente": gemeente}
        )
    return render(
        request, "casefiles/import_upload.html", {"form": form, "kolommen": importers.COLUMNS}
    )


def _pending(name: str, gemeente_pk: int, content: bytes, result) -> dict:
    return {
        "bestand": name,
        "gemeente": gemeente_pk,
        "sha256": hashlib.sha256(content).hexdigest(),
        "regels": [r.line for r in result.rows],
    }


@require_POST
@permission_view("casefiles.import_aanmeldingen")
def import_aanmeldingen_bevestigen(request):
    """Step 2: import exactly what the preview showed, all or nothing. The file and
    the pending import stay until the import has committed, so a failure (also a
    lost database connection) can be confirmed again."""
    pending = request.session.get(IMPORT_SESSIE_SLEUTEL)
    if not pending:
        messages.error(request, _("Er staat geen import klaar. Upload het bestand opnieuw."))
        return redirect("casefiles:import_aanmeldingen")
    gemeente = selectors.gemeente_list(user=request.user).filter(pk=pending["gemeente"]).first()
    storage = storages["private"]
    if gemeente is None or not storage.exists(pending["bestand"]):
        request.session.pop(IMPORT_SESSIE_SLEUTEL, None)
        messages.error(request, _("Er staat geen import klaar. Upload het bestand opnieuw."))
        return redirect("casefiles:import_aanmeldingen")
    with storage.open(pending["bestand"], "rb") as fh:
        content = fh.read()
    if hashlib.sha256(content).hexdigest() != pending.get("sha256"):
        request.session.pop(IMPORT_SESSIE_SLEUTEL, None)
        messages.error(request, _("Het klaargezette bestand is veranderd. Upload het opnieuw."))
        return redirect("casefiles:import_aanmeldingen")
    result = importers.run_import(
        actor=request.user, gemeente=gemeente, content=content, verwacht=pending.get("regels")
    )
    if result.changed:
        request.session[IMPORT_SESSIE_SLEUTEL] = _pending(
            pending["bestand"], gemeente.pk, content, result
        )
        messages.warning(request, result.file_error)
        result.file_error = ""
        return render(
            request, "casefiles/import_preview.html", {"result": result, "gemeente": gemeente}
        )
    if not result.file_error:
        request.session.pop(IMPORT_SESSIE_SLEUTEL, None)
        storage.delete(pending["bestand"])
    return render(
        request, "casefiles/import_resultaat.html", {"result": result, "gemeente": gemeente}
    )
