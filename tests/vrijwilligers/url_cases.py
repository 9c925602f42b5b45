"""Permission cases of volunteers (issue 18). The register shows volunteers, not
inburgeraars: no dossier, so no access-log row."""

from datetime import date

from django.utils import timezone

from tests.permission_helper import UrlCase


def _vrijwilliger(w):
    from casefiles.models import Vrijwilliger

    return Vrijwilliger.objects.get_or_create(
        gemeente=w.gemeente,
        naam="Jan Taalmaatje",
        defaults={"vog_datum": date(2026, 1, 5), "training": "Taalmaatje"},
    )[0]


def _dossier(w):
    return {"dossier_pk": w.dossier.pk}


def _koppeling(w):
    from casefiles.vrijwilligers import services

    k = w.dossier.vrijwilliger_koppelingen.first() or services.koppeling_create(
        actor=w.consulent,
        dossier=w.dossier,
        vrijwilliger=_vrijwilliger(w),
        soort="taalmaatje",
        start=timezone.localdate(),
    )
    return {"dossier_pk": w.dossier.pk, "koppeling_pk": k.pk}


STAFF = {"permitted": "consulent", "no_perm": "beleid", "other_gemeente": "consulent_elders"}

CASES = [
    UrlCase(
        "vrijwilligers:lijst",
        permitted="consulent",
        no_perm="beleid",
        other_gemeente=None,
        logs=False,
    ),
    UrlCase(
        "vrijwilligers:lijst",
        method="post",
        data=lambda w: {
            "gemeente": w.gemeente.pk,
            "naam": "Els Buddy",
            "soort": "buddy",
            "vog_datum": "2026-03-01",
            "actief": "on",
        },
        ok_status=(302,),
        permitted="consulent",
        no_perm="werkcoach",
        other_gemeente=None,
        logs=False,
    ),
    UrlCase(
        "vrijwilligers:bewerken",
        lambda w: {"vrijwilliger_pk": _vrijwilliger(w).pk},
        permitted="consulent",
        no_perm="werkcoach",
        other_gemeente="consulent_elders",
        logs=False,
    ),
    UrlCase("vrijwilligers:tab", _dossier, **STAFF),
    UrlCase(
        "vrijwilligers:tab",
        _dossier,
        method="post",
        data=lambda w: {
            "vrijwilliger": _vrijwilliger(w).pk,
            "soort": "taalmaatje",
            "start": timezone.localdate().isoformat(),
        },
        ok_status=(302,),
        **STAFF,
    ),
    UrlCase("vrijwilligers:beeindigen", _koppeling, method="post", ok_status=(302,), **STAFF),
    UrlCase("vrijwilligers:signaal", _koppeling, **STAFF),
    UrlCase(
        "vrijwilligers:signaal",
        _koppeling,
        method="post",
        data=lambda w: {
            "datum": timezone.localdate().isoformat(),
            "omschrijving": "Post stapelt zich op.",
        },
        ok_status=(302,),
        **STAFF,
    ),
]
