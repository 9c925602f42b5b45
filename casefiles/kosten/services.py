"""Writes of other costs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casefiles.models import Dossier, Kostenpost
from casefiles.services import gebeurtenis_record

KOSTEN_FIELDS = frozenset({"soort", "budget", "datum", "bedrag", "omschrijving"})


def _check(post: Kostenpost) -> None:
    errors = {}
    if post.bedrag is not None and post.bedrag <= Decimal(0):
        errors["bedrag"] = _("Het bedrag moet groter zijn dan € 0,00.")
    if post.datum and post.datum > timezone.localdate():
        errors["datum"] = _("De datum ligt in de toekomst: leg kosten vast als ze gemaakt zijn.")
    if errors:
        raise ValidationError(errors)
    post.full_clean()


@transaction.atomic
def kostenpost_create(
    *,
    actor,
    dossier: Dossier,
    soort: str,
    budget: str,
    datum: date,
    bedrag: Decimal,
    omschrijving: str = "",
) -> Kostenpost:
    post = Kostenpost(
        dossier=dossier,
        soort=soort,
        budget=budget,
        datum=datum,
        bedrag=bedrag,
        omschrijving=omschrijving,
        geregistreerd_door=actor,
    )
    _check(post)
    post.save()
    gebeurtenis_record(
        dossier=dossier,
        actor=actor,
        soort="kosten",
        titel=_("Kosten vastgelegd: %(soort)s (%(budget)s)")
        % {"soort": post.get_soort_display().lower(), "budget": post.get_budget_display().lower()},
    )
    return post


@transaction.atomic
def kostenpost_update(*, actor, post: Kostenpost, **fields) -> Kostenpost:
    if set(fields) - KOSTEN_FIELDS:
        raise ValueError(f"Unknown fields {sorted(set(fields) - KOSTEN_FIELDS)}")
    for name, value in fields.items():
        setattr(post, name, value)
    _check(post)
    post.save()
    gebeurtenis_record(
        dossier=post.dossier, actor=actor, soort="kosten", titel=_("Kostenpost gewijzigd")
    )
    return post
