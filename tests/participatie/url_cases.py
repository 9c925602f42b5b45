from tests.permission_helper import UrlCase


def _dossier(w):
    return {"dossier_pk": w.dossier.pk}


def _activiteit(w):
    from casefiles.models import Activiteit

    a = Activiteit.objects.create(dossier=w.dossier, soort="taalstage", start="2026-01-01")
    return {"dossier_pk": w.dossier.pk, "activiteit_pk": a.pk}


CASES = [
    UrlCase("participatie:tab", _dossier),
    UrlCase(
        "participatie:activiteit_nieuw",
        _dossier,
        method="post",
        data=lambda w: {"soort": "vrijwilligerswerk", "start": "2026-02-01"},
        ok_status=(302,),
    ),
    UrlCase("participatie:activiteit_bewerken", _activiteit),
    UrlCase(
        "participatie:uitstroom_nieuw",
        _dossier,
        method="post",
        data=lambda w: {"soort": "werk_deeltijd", "datum": "2026-03-01"},
        ok_status=(302,),
    ),
    UrlCase(
        "participatie:ladder_nieuw",
        _dossier,
        method="post",
        data=lambda w: {"datum": "2026-03-01", "trede": "3", "bron": "handmatig"},
        ok_status=(302,),
    ),
]
