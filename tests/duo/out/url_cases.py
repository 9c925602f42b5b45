"""The four permission cases for the DUO pages of duo-out (tests/permission_helper)."""

from __future__ import annotations

from duo.models import BerichtStatus, DuoBericht
from tests.permission_helper import UrlCase


def _dossier(w):
    return {"dossier_pk": w.dossier.pk}


def _geweigerd(w, gemeente=None, n=[0]):  # noqa: B006
    n[0] += 1
    return DuoBericht.objects.create(
        gemeente=gemeente or w.gemeente,
        dossier=w.dossier if gemeente is None else w.dossier_elders,
        soort="pip",
        methode="POST",
        api="PIP",
        dedup_key=f"case:{n[0]}:{w.dossier.pk}",
        status=BerichtStatus.GEWEIGERD,
        http_status=403,
        reden="Datum dagtekening ligt voor de vestiging.",
    )


def _opnieuw(w):
    return {"pk": _geweigerd(w).pk}


CASES = [
    UrlCase("duo:tab", _dossier),
    UrlCase(
        "duo:mislukt",
        permitted="beheer",
        no_perm="werkcoach",
        other_gemeente=None,
        logs=False,
    ),
    UrlCase(
        "duo:opnieuw",
        _opnieuw,
        permitted="beheer",
        no_perm="werkcoach",
        other_gemeente="beheer_elders",
        method="post",
        ok_status=(302,),
        logs=False,
    ),
]
