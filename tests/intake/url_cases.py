from tests.permission_helper import UrlCase


def _dossier(w):
    return {"dossier_pk": w.dossier.pk}


def _intake(w, **kwargs):
    from tests.intake.factories import BredeIntakeFactory

    intake = BredeIntakeFactory(dossier=w.dossier, lopend=True)
    return {"dossier_pk": w.dossier.pk, "intake_pk": intake.pk, **kwargs}


def _werk(w):
    from tests.intake.factories import WerkervaringFactory

    kwargs = _intake(w)
    werk = WerkervaringFactory(intake_id=kwargs["intake_pk"])
    return {**kwargs, "werk_pk": werk.pk}


CASES = [
    UrlCase("intake:tab", _dossier),
    UrlCase("intake:nieuw", _dossier),
    UrlCase("intake:detail", _intake),
    UrlCase(
        "intake:sectie",
        lambda w: _intake(w, sectie="netwerk"),
        method="post",
        data=lambda w: {"netwerk-sociaal_netwerk": "Buren en een taalmaatje"},
        ok_status=(302,),
    ),
    UrlCase(
        "intake:werkervaring_toevoegen",
        _intake,
        method="post",
        data=lambda w: {"werk-beroep": "Bakker", "werk-jaren": "3", "werk-land": "Eritrea"},
        ok_status=(302,),
    ),
    UrlCase(
        "intake:werkervaring_verwijderen",
        _werk,
        method="post",
        data=lambda w: {"bevestigd": "1"},
        ok_status=(302,),
    ),
    UrlCase("intake:opslaan", _intake, method="post", ok_status=(200,)),
    UrlCase("intake:levensdomeinen", _intake, method="post", ok_status=(302,)),
    UrlCase("intake:leerroute", _intake, method="post", ok_status=(200,)),
    UrlCase(
        "intake:status", _intake, method="post", data=lambda w: {"actie": "x"}, ok_status=(302,)
    ),
    UrlCase("intake:gezondheid", _intake),
    UrlCase("intake:samenvatting", _intake),
]
