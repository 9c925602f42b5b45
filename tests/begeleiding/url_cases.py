"""The four permission cases for every URL of the begeleiding tab: the consulent of
the gemeente edits, the werkcoach reads (403 on edit URLs), another gemeente 404."""

from datetime import date

from tests.permission_helper import UrlCase


def _dossier(w):
    return {"dossier_pk": w.dossier.pk}


def _mb(w):
    from casefiles.begeleiding import services

    mb = w.dossier.begeleidingen.first() or services.begeleiding_start(
        actor=w.consulent, dossier=w.dossier, start=date(2027, 1, 1)
    )
    return {"dossier_pk": w.dossier.pk, "mb_pk": mb.pk}


def _partner(w):
    from casefiles.models import Ketenpartner

    return Ketenpartner.objects.get_or_create(
        gemeente=w.gemeente, naam="Welzijn De Wolden", defaults={"soort": "welzijn"}
    )[0]


def _verwijzing(w):
    from casefiles.begeleiding import services

    v = w.dossier.verwijzingen.first() or services.verwijzing_create(
        actor=w.consulent,
        dossier=w.dossier,
        partner=_partner(w),
        datum=date(2027, 1, 10),
        reden="Taalcafé",
    )
    return {"dossier_pk": w.dossier.pk, "verwijzing_pk": v.pk}


EDIT = {"permitted": "consulent", "no_perm": "werkcoach", "other_gemeente": "consulent_elders"}
READ = {"permitted": "werkcoach", "no_perm": "beleid", "other_gemeente": "consulent_elders"}

CASES = [
    UrlCase("begeleiding:tab", _dossier, **READ),
    UrlCase("begeleiding:nieuw", _dossier, **EDIT),
    UrlCase(
        "begeleiding:nieuw",
        _dossier,
        method="post",
        data=lambda w: {"start": "2027-01-01", "intensiteit": "hoog", "onderwerpen": ["wonen"]},
        ok_status=(302,),
        **EDIT,
    ),
    UrlCase("begeleiding:bewerken", _mb, **EDIT),
    UrlCase("begeleiding:beeindigen", _mb, **EDIT),
    UrlCase("begeleiding:verwijzing_nieuw", _dossier, **EDIT),
    UrlCase("begeleiding:verwijzing_bewerken", _verwijzing, **EDIT),
    UrlCase(
        "begeleiding:verwijzing_bewerken",
        _verwijzing,
        method="post",
        data=lambda w: {"status": "in_behandeling"},
        ok_status=(302,),
        **EDIT,
    ),
]
