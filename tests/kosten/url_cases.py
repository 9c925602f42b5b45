"""Permission cases of the "Kosten" tab (issue 18)."""

from datetime import date
from decimal import Decimal

from tests.permission_helper import UrlCase


def _dossier(w):
    return {"dossier_pk": w.dossier.pk}


def _post(w):
    from casefiles.kosten import services

    p = w.dossier.kostenposten.first() or services.kostenpost_create(
        actor=w.werkcoach,
        dossier=w.dossier,
        soort="reiskosten",
        budget="participatiebudget",
        datum=date(2026, 10, 1),
        bedrag=Decimal("23.40"),
    )
    return {"dossier_pk": w.dossier.pk, "post_pk": p.pk}


DATA = {
    "soort": "tolk",
    "budget": "uitvoeringskosten",
    "datum": "2026-10-02",
    "bedrag": "65,00",
    "omschrijving": "Tolk bij het intakegesprek",
}

CASES = [
    UrlCase("kosten:tab", _dossier),
    UrlCase("kosten:tab", _dossier, method="post", data=lambda w: DATA, ok_status=(302,)),
    UrlCase("kosten:bewerken", _post),
    UrlCase("kosten:bewerken", _post, method="post", data=lambda w: DATA, ok_status=(302,)),
]
