from datetime import date

from tests.permission_helper import UrlCase


def _dossier(w):
    return {"dossier_pk": w.dossier.pk}


def _concept(w):
    from tests.pip_plans.factories import concept

    v = concept(w.dossier)
    return {"dossier_pk": w.dossier.pk, "versie_pk": v.pk}


def _vastgesteld(w):
    from tests.pip_plans.factories import vastgestelde_pip

    v = vastgestelde_pip(w.dossier, w.werkcoach)
    return {"dossier_pk": w.dossier.pk, "versie_pk": v.pk}


def _brief(w):
    from pip_plans.services import brief_genereren
    from tests.pip_plans.factories import vastgestelde_pip

    v = vastgestelde_pip(w.dossier, w.werkcoach)
    return {"dossier_pk": w.dossier.pk, "brief_pk": brief_genereren(versie=v).pk}


def _gesprek(w):
    from tests.pip_plans.factories import vastgestelde_pip

    v = vastgestelde_pip(w.dossier, w.werkcoach)
    return {"dossier_pk": w.dossier.pk, "gesprek_pk": v.gesprekken.first().pk}


def _met_pip(w):
    from tests.pip_plans.factories import vastgestelde_pip

    vastgestelde_pip(w.dossier, w.werkcoach)
    return {"dossier_pk": w.dossier.pk}


CASES = [
    UrlCase("pip_plans:tab", _dossier),
    UrlCase("pip_plans:concept_nieuw", _dossier, method="post", ok_status=(302,)),
    UrlCase(
        "pip_plans:wijzigen",
        _met_pip,
        method="post",
        data=lambda w: {"reden": "wijziging"},
        ok_status=(302,),
    ),
    UrlCase("pip_plans:vergelijk", _dossier),
    UrlCase("pip_plans:versie", _concept),
    UrlCase("pip_plans:versie_bewerken", _concept),
    UrlCase(
        "pip_plans:vaststellen",
        _concept,
        method="post",
        data=lambda w: {"dagtekening": date.today().isoformat(), "bevestigd": "1"},
        ok_status=(302,),
    ),
    UrlCase(
        "pip_plans:versie_verwijderen",
        _concept,
        method="post",
        data=lambda w: {"bevestigd": "1"},
        ok_status=(302,),
    ),
    UrlCase(
        "pip_plans:bekendmaking",
        _vastgesteld,
        method="post",
        data=lambda w: {"bekendgemaakt_op": date.today().isoformat()},
        ok_status=(302,),
    ),
    UrlCase(
        "pip_plans:intrekken",
        _vastgesteld,
        method="post",
        data=lambda w: {"reden": "Bezwaar gegrond", "bevestigd": "1"},
        ok_status=(302,),
    ),
    UrlCase("pip_plans:brief_genereren", _vastgesteld, method="post", ok_status=(302,)),
    UrlCase("pip_plans:brief_download", _brief),
    UrlCase("pip_plans:gesprek", _gesprek),
    UrlCase(
        "pip_plans:gesprek_herplannen",
        _gesprek,
        method="post",
        data=lambda w: {"datum": date.today().isoformat()},
        ok_status=(302,),
    ),
    UrlCase("pip_plans:handhaving_nieuw", _dossier),
]
