"""Permission cases of the "Gezin" tab (issue 18)."""

from datetime import date

from tests.permission_helper import UrlCase


def _dossier(w):
    return {"dossier_pk": w.dossier.pk}


def _lid(w):
    lid = w.dossier.inburgeraar.gezinsleden.first() or w.dossier.inburgeraar.gezinsleden.create(
        relatie="kind", naam="Sara", geboortedatum=date(2022, 5, 1)
    )
    return {"dossier_pk": w.dossier.pk, "lid_pk": lid.pk}


CASES = [
    UrlCase("gezin:tab", _dossier),
    UrlCase("gezin:bewerken", _lid),
    UrlCase(
        "gezin:bewerken",
        _lid,
        method="post",
        data=lambda w: {
            "relatie": "kind",
            "naam": "Sara",
            "geboortedatum": "2022-05-01",
            "woont_in_huishouden": "on",
            "school": "De Wegwijzer",
            "vve_status": "geen",
            "leerplicht_status": "ingeschreven",
        },
        ok_status=(302,),
    ),
]
