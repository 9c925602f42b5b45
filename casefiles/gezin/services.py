"""Writes about the household, and the nightly signals.

The sweep is set-based: it walks the children in chunks (keyset on id) with a
constant number of statements per chunk — one SELECT, one multi-row INSERT … ON
CONFLICT DO NOTHING of tasks — and is idempotent through the unique task key
(dossier, sleutel)."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from casefiles import rules as core_rules
from casefiles.choices import GezinslidRelatie, LeerplichtStatus, TaakBron
from casefiles.models import Dossier, Gezinslid, Taak
from casefiles.services import gebeurtenis_record, taak_cancel

from . import rules

GEZIN_FIELDS = frozenset(
    {
        "relatie",
        "naam",
        "geboortedatum",
        "verwachte_aankomst",
        "woont_in_huishouden",
        "rol_in_plan",
        "eigen_dossier",
        "school",
        "vve_status",
        "leerplicht_status",
    }
)


def sleutel_18(lid_id: int) -> str:
    return f"gezin-{lid_id}-18"


def sleutel_school(lid_id: int) -> str:
    return f"gezin-{lid_id}-school"


@transaction.atomic
def gezinslid_update(*, actor, dossier: Dossier, lid: Gezinslid, **fields) -> Gezinslid:
    """Change a household member. The partner's own dossier must be one of this
    gemeente (and not this dossier). A school filled in lets the school signal lapse."""
    if set(fields) - GEZIN_FIELDS:
        raise ValueError(f"Unknown fields {sorted(set(fields) - GEZIN_FIELDS)}")
    if lid.inburgeraar_id != dossier.inburgeraar_id:
        raise ValidationError(_("Dit gezinslid hoort niet bij dit dossier."))
    eigen = fields.get("eigen_dossier")
    if eigen is not None and (eigen.gemeente_id != dossier.gemeente_id or eigen.pk == dossier.pk):
        raise ValidationError({"eigen_dossier": _("Kies een ander dossier van dezelfde gemeente.")})
    for name, value in fields.items():
        setattr(lid, name, value)
    lid.full_clean()
    lid.save()
    gebeurtenis_record(
        dossier=dossier,
        actor=actor,
        soort="persoon",
        titel=_("Gezinslid bijgewerkt (%(r)s)") % {"r": lid.get_relatie_display().lower()},
    )
    if lid.school or lid.leerplicht_status == LeerplichtStatus.VRIJSTELLING:
        taak_cancel(dossier=dossier, sleutel=sleutel_school(lid.pk))
    return lid


def _kinderen(today: date):
    """Children in a household of an active dossier, with what a signal needs."""
    return Gezinslid.objects.filter(
        relatie=GezinslidRelatie.KIND,
        woont_in_huishouden=True,
        geboortedatum__isnull=False,
        inburgeraar__dossiers__status__in=list(core_rules.ACTIVE_STATUSES),
    )


def gezin_signalen_sweep(*, today: date | None = None, chunk: int = 500) -> int:
    """Signals as tasks for every household: a child turning 18 (possibly a new
    plichtige: check with DUO) and a child of school age without a school. Returns the
    number of signals offered (existing ones are kept: ON CONFLICT DO NOTHING)."""
    today = today or timezone.localdate()
    van18, tot18 = rules.geboren_tussen_voor_18_signaal(today)
    oudste, jongste = rules.geboren_voor_school_signaal(today)
    achttien = Q(geboortedatum__gte=van18, geboortedatum__lte=tot18)
    school = Q(geboortedatum__gt=oudste, geboortedatum__lte=jongste, school="") & ~Q(
        leerplicht_status=LeerplichtStatus.VRIJSTELLING
    )
    base = _kinderen(today).filter(achttien | school).order_by("pk")
    aangeboden, laatste = 0, 0
    while True:
        rows = list(
            base.filter(pk__gt=laatste).values(
                "pk",
                "naam",
                "geboortedatum",
                "school",
                "leerplicht_status",
                "inburgeraar__dossiers__id",
                "inburgeraar__dossiers__werkcoach_id",
                "inburgeraar__dossiers__consulent_id",
            )[:chunk]
        )
        if not rows:
            return aangeboden
        taken = []
        for r in rows:
            taken.extend(_signalen(r, today, van18, tot18, oudste, jongste))
        with transaction.atomic():
            Taak.objects.bulk_create(taken, ignore_conflicts=True)
        aangeboden += len(taken)
        laatste = rows[-1]["pk"]


def _signalen(r: dict, today: date, van18, tot18, oudste, jongste) -> list[Taak]:
    gd: date = r["geboortedatum"]
    dossier_id = r["inburgeraar__dossiers__id"]
    wie = r["inburgeraar__dossiers__consulent_id"] or r["inburgeraar__dossiers__werkcoach_id"]
    out = []
    if van18 <= gd <= tot18:
        jarig = rules.verjaardag(gd, rules.MEERDERJARIG)
        out.append(
            Taak(
                dossier_id=dossier_id,
                sleutel=sleutel_18(r["pk"]),
                bron=TaakBron.GEZIN,
                titel=_("Kind wordt 18: mogelijk nieuwe inburgeringsplichtige"),
                omschrijving=_(
                    "%(naam)s wordt op %(d)s 18 jaar. Ga na of DUO een inburgeringsplicht "
                    "vaststelt en wat dat betekent voor het gezin."
                )
                % {"naam": r["naam"], "d": date_format(jarig, "j F Y")},
                deadline=max(jarig, today),
                toegewezen_aan_id=wie,
            )
        )
    if (
        oudste < gd <= jongste
        and not r["school"]
        and r["leerplicht_status"] != LeerplichtStatus.VRIJSTELLING
    ):
        leerplicht = rules.leerplicht_start(gd)
        out.append(
            Taak(
                dossier_id=dossier_id,
                sleutel=sleutel_school(r["pk"]),
                bron=TaakBron.GEZIN,
                titel=_("Kind van schoolleeftijd zonder school: school regelen"),
                omschrijving=_(
                    "%(naam)s is (bijna) 4 jaar of ouder en heeft nog geen school. "
                    "Leerplichtig vanaf %(d)s."
                )
                % {"naam": r["naam"], "d": date_format(leerplicht, "j F Y")},
                deadline=max(leerplicht, today + timedelta(days=14)),
                toegewezen_aan_id=wie,
            )
        )
    return out
