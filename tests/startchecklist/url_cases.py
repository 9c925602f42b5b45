"""Permission cases of the "Eerste stappen" tab (issue 18)."""

from tests.permission_helper import UrlCase


def _dossier(w):
    return {"dossier_pk": w.dossier.pk}


def _stap(w):
    from casefiles.startchecklist import services

    if not w.dossier.startstappen.exists():
        services.startchecklist_aanmaken(actor=w.consulent, dossier=w.dossier)
    return {"dossier_pk": w.dossier.pk, "stap_pk": w.dossier.startstappen.first().pk}


CASES = [
    UrlCase("startchecklist:tab", _dossier),
    UrlCase("startchecklist:tab", _dossier, method="post", ok_status=(302,)),
    UrlCase("startchecklist:stap", _stap),
    UrlCase(
        "startchecklist:stap",
        _stap,
        method="post",
        data=lambda w: {"status": "geregeld", "datum": "", "toelichting": "Met de consulent"},
        ok_status=(302,),
    ),
]
