"""Permission cases of partner access (issue 18).

The gemeente's tab "Delen": werkcoach and consulent of the gemeente, another gemeente
404. The ketenpartner's pages: the partner coach with an active share → 200, a user
without the ketenpartner role → 403, a coach of another organisation → 404, and the
same coach after the consent is withdrawn → 404."""

from datetime import date, timedelta

from django.utils import timezone

from tests.permission_helper import UrlCase


def _dossier(w):
    return {"dossier_pk": w.dossier.pk}


def _deling(w):
    return {"dossier_pk": w.dossier.pk, "deling_pk": w.deling.pk}


def _verwijzing(w):
    from casefiles.begeleiding import services

    v = w.dossier.verwijzingen.filter(partner=w.partner_org).first() or (
        services.verwijzing_create(
            actor=w.consulent,
            dossier=w.dossier,
            partner=w.partner_org,
            datum=date(2027, 1, 10),
            reden="Hulp bij de eerste weken",
        )
    )
    return v


def _verwijzing_kwargs(w):
    return {"dossier_pk": w.dossier.pk, "verwijzing_pk": _verwijzing(w).pk}


def _melding(w):
    return {"melding_pk": _verwijzing(w).meldingen.get().pk}


def _begeleiding(w):
    from casefiles.begeleiding import services

    if not w.dossier.begeleidingen.exists():
        services.begeleiding_start(actor=w.consulent, dossier=w.dossier, start=date(2027, 1, 1))
    return {"dossier_pk": w.dossier.pk}


def _doel(w):
    from pip_plans import services
    from tests.pip_plans.factories import PipDoelFactory, PipVersieFactory

    versie = PipVersieFactory(dossier=w.dossier)
    doel = PipDoelFactory(versie=versie, partner=w.partner_org)
    services.pip_vaststellen(actor=w.werkcoach, versie=versie, dagtekening=timezone.localdate())
    return {"dossier_pk": w.dossier.pk, "doel_pk": doel.pk}


def _nieuwe_deling(w):
    from casefiles.models import Ketenpartner

    today = timezone.localdate()
    return {
        "partner": Ketenpartner.objects.get(naam="Humanitas").pk,
        "onderdelen": ["verwijzingen"],
        "toestemming_datum": today.isoformat(),
        "toestemming_vorm": "mondeling",
        "geldig_van": today.isoformat(),
        "geldig_tot": (today + timedelta(days=90)).isoformat(),
    }


GEMEENTE = {"permitted": "werkcoach", "no_perm": "beleid", "other_gemeente": "werkcoach_elders"}
PARTNER = {
    "permitted": "partner",
    "no_perm": "werkcoach",
    "other_gemeente": None,
    "partner_other": "partner_elders",
    "withdraw": True,
}

CASES = [
    UrlCase("partners:tab", _dossier, **GEMEENTE),
    UrlCase(
        "partners:tab",
        _dossier,
        method="post",
        data=_nieuwe_deling,
        ok_status=(302,),
        permitted="consulent",
        no_perm="beleid",
        other_gemeente="consulent_elders",
    ),
    UrlCase("partners:intrekken", _deling, **GEMEENTE),
    UrlCase(
        "partners:intrekken",
        _deling,
        method="post",
        data=lambda w: {"reden": "Toestemming ingetrokken"},
        ok_status=(302,),
        **GEMEENTE,
    ),
    UrlCase("partners:overzicht", permitted="partner", no_perm="werkcoach", other_gemeente=None),
    UrlCase(
        "partners:melding_gelezen",
        _melding,
        method="post",
        ok_status=(302,),
        permitted="partner",
        no_perm="werkcoach",
        other_gemeente=None,
        partner_other="partner_elders",
        logs=False,  # no dossier: the notification holds no personal data
    ),
    UrlCase("partners:dossier", _dossier, **PARTNER),
    UrlCase("partners:contactmoment_nieuw", _dossier, **PARTNER),
    UrlCase(
        "partners:contactmoment_nieuw",
        _dossier,
        method="post",
        data=lambda w: {
            "datum": "2027-02-01T10:00",
            "soort": "huisbezoek",
            "onderwerp": "Kennismaking",
            "verslag": "Samen de post doorgenomen.",
        },
        ok_status=(302,),
        **PARTNER,
    ),
    UrlCase("partners:terugkoppeling", _verwijzing_kwargs, **PARTNER),
    UrlCase(
        "partners:terugkoppeling",
        _verwijzing_kwargs,
        method="post",
        data=lambda w: {"status": "in_behandeling", "terugkoppeling": "Eerste gesprek gehad."},
        ok_status=(302,),
        **PARTNER,
    ),
    UrlCase("partners:begeleiding", _begeleiding, **PARTNER),
    UrlCase("pip_plans:partner_doel_voortgang", _doel, **PARTNER),
    UrlCase(
        "pip_plans:partner_doel_voortgang",
        _doel,
        method="post",
        data=lambda w: {"datum": timezone.localdate().isoformat(), "tekst": "Loopt goed."},
        ok_status=(302,),
        **PARTNER,
    ),
]
