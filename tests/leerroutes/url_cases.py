from tests.permission_helper import UrlCase


def _dossier(w):
    return {"dossier_pk": w.dossier.pk}


def _met_traject(w):
    from tests.leerroutes.factories import AanbiederFactory, TrajectFactory

    aanbieder = AanbiederFactory(gemeenten=[w.gemeente])
    TrajectFactory(dossier=w.dossier, aanbieder=aanbieder)
    TrajectFactory(dossier=w.dossier_elders)
    return {}


def _uren(w):
    return {
        "soort": "taal_knm",
        "periode_start": "2026-01-05",
        "periode_eind": "2026-01-30",
        "aanwezig": "30",
    }


def _aanbieder(w):
    from tests.leerroutes.factories import AanbiederFactory

    AanbiederFactory(gemeenten=[w.gemeente, w.andere_gemeente])
    return {}


CASES = [
    UrlCase("leerroutes:tab", _dossier),
    UrlCase("leerroutes:uren_nieuw", _dossier, method="post", data=_uren, ok_status=(302,)),
    UrlCase(
        "leerroutes:examen_nieuw",
        _dossier,
        method="post",
        data=lambda w: {
            "onderdeel": "knm",
            "datum": "2026-02-02",
            "resultaat": "behaald",
        },
        ok_status=(302,),
    ),
    UrlCase("leerroutes:traject_bewerken", _dossier, setup=_met_traject),
    UrlCase("leerroutes:map_bewerken", _dossier, setup=_met_traject),
    UrlCase("leerroutes:pvt_bewerken", _dossier),
    UrlCase("leerroutes:import_voortgang", other_gemeente=None, setup=_aanbieder, logs=False),
    UrlCase(
        "leerroutes:import_voortgang_bevestigen",
        other_gemeente=None,
        method="post",
        ok_status=(302,),
        logs=False,  # nothing pending: a redirect with a message
    ),
]
