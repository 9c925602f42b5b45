"""Confirmation of consequential actions, one reusable piece for every app.

A consequential POST (closing a dossier, vaststellen, deleting a concept, marking a
batch paid, …) is first answered with a confirmation page that says what will happen
(deadlines that lapse, letters that go out) and repeats the posted fields as hidden
inputs. Only the POST from that page (``bevestigd=1``) performs the action. Works
without JavaScript; ``static/js/app.js`` may show the same page in a dialog.

Usage in a view::

    if bevestigen.nodig(request):
        return bevestigen.pagina(request, titel=..., gevolgen=[...], knop=..., terug=url,
                                 dossier_context=dossier_context(request, dossier, "pip"))
    ...perform the action...
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import render

VELD = "bevestigd"
"""The hidden field the confirmation page adds to the POST."""


def nodig(request) -> bool:
    """True while the POST has not been confirmed on the confirmation page."""
    return request.POST.get(VELD) != "1"


def pagina(
    request,
    *,
    titel: str,
    gevolgen: Iterable[str],
    knop: str,
    terug: str,
    uitleg: str = "",
    gevaar: bool = True,
    dossier_context: dict | None = None,
    actie: str | None = None,
    velden: list[tuple[str, str]] | None = None,
):
    """The confirmation page for the current POST. ``gevolgen`` lists, in plain
    Dutch, what will happen; ``terug`` is where "Annuleren" leads (nothing changes).
    By default the confirmed POST goes to the same URL with the same fields; ``actie``
    and ``velden`` send it elsewhere (e.g. after saving a form first)."""
    if velden is None:
        velden = [
            (naam, waarde)
            for naam in request.POST
            if naam not in ("csrfmiddlewaretoken", VELD)
            for waarde in request.POST.getlist(naam)
        ]
    context = {
        **(dossier_context or {}),
        "bevestig": {
            "titel": titel,
            "uitleg": uitleg,
            "gevolgen": [g for g in gevolgen if g],
            "knop": knop,
            "terug": terug,
            "actie": actie or request.get_full_path(),
            "velden": velden,
            "gevaar": gevaar,
        },
        "basis": "casefiles/dossier_base.html" if dossier_context else "base.html",
    }
    return render(request, "includes/bevestigen.html", context)


class _Proefrit(Exception):
    """Raised to roll back a dry run."""


def proef(actie: Callable[[], object]) -> ValidationError | None:
    """Run ``actie`` (a service call) in a savepoint that is always rolled back, and
    return the ValidationError it raises, if any. So a confirmation page is never
    shown for an action the service would refuse: the refusal comes first, on the
    form, with what was typed. Work queued with ``on_commit`` is discarded with the
    savepoint."""
    try:
        with transaction.atomic():
            actie()
            raise _Proefrit
    except _Proefrit:
        return None
    except ValidationError as exc:
        return exc
