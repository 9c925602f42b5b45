from casefiles.choices import DossierStatus
from tests.permission_helper import UrlCase


def _dossier(w):
    return {"dossier_pk": w.dossier.pk}


def _taak(w):
    from tests.factories import TaakFactory

    taak = TaakFactory(dossier=w.dossier)
    return {"dossier_pk": w.dossier.pk, "taak_pk": taak.pk}


def _document(w):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from casefiles.services import document_add

    doc = document_add(
        actor=w.werkcoach,
        dossier=w.dossier,
        titel="Paspoort",
        soort="overig",
        upload=SimpleUploadedFile("p.pdf", b"%PDF-1.4 test"),
    )
    return {"dossier_pk": w.dossier.pk, "document_pk": doc.pk}


def _taak_deze_week(w):
    """A task of the werkcoach due this week, so that Mijn week shows a dossier (the
    world's own PIP deadline task lies ten weeks after DUO's notice, outside the week)."""
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import TaakFactory

    TaakFactory(
        dossier=w.dossier,
        toegewezen_aan=w.werkcoach,
        deadline=timezone.localdate() + timedelta(days=2),
    )
    return {}


CASES = [
    UrlCase("casefiles:werkvoorraad", other_gemeente=None),
    UrlCase("casefiles:week", other_gemeente=None, setup=_taak_deze_week),
    UrlCase("casefiles:werkvoorraad_export", lambda w: {"formaat": "csv"}, other_gemeente=None),
    # an empty form, no personal data shown
    UrlCase("casefiles:dossier_nieuw", other_gemeente=None, logs=False),
    UrlCase("casefiles:import_aanmeldingen", other_gemeente=None, logs=False),
    UrlCase(
        "casefiles:import_aanmeldingen_bevestigen",
        other_gemeente=None,
        method="post",
        ok_status=(302,),
        logs=False,  # nothing pending: a redirect with a message
    ),
    UrlCase("casefiles:caseload", permitted="teamleider", no_perm="werkcoach", other_gemeente=None),
    UrlCase("casefiles:dossier_detail", _dossier),
    UrlCase("casefiles:dossier_bewerken", _dossier),
    UrlCase(
        "casefiles:dossier_status",
        _dossier,
        method="post",
        data=lambda w: {"status": DossierStatus.INTAKE, "bevestigd": "1"},
        ok_status=(302,),
    ),
    UrlCase(
        "casefiles:dossier_toewijzen",
        _dossier,
        permitted="teamleider",
        no_perm="werkcoach",
        other_gemeente="teamleider_elders",
    ),
    UrlCase(
        "casefiles:dossier_toewijzen",
        _dossier,
        method="post",
        data=lambda w: {"werkcoach": w.werkcoach2.pk},
        ok_status=(302,),
        permitted="teamleider",
        no_perm="werkcoach",
        other_gemeente="teamleider_elders",
    ),
    UrlCase("casefiles:gezinslid_nieuw", _dossier),
    UrlCase("casefiles:contactmomenten", _dossier),
    UrlCase("casefiles:taken", _dossier),
    UrlCase("casefiles:taak_afronden", _taak, method="post", ok_status=(302,)),
    UrlCase("casefiles:documenten", _dossier),
    UrlCase("casefiles:document_download", _document),
    UrlCase("casefiles:inburgeringsfeiten", _dossier),
    UrlCase(
        "casefiles:inburgeringsfeiten",
        _dossier,
        method="post",
        data=lambda w: {
            "bron": "vorige_gemeente",
            "eerste_pip_dagtekening": "2025-03-01",
            "eerste_pip_leerroute": "b1",
            "huidige_leerroute": "b1",
            "huidig_niveau": "B1",
        },
        ok_status=(302,),
    ),
    UrlCase("casefiles:plicht_einde", _dossier),
    UrlCase(
        "casefiles:plicht_einde",
        _dossier,
        method="post",
        data=lambda w: {
            "reden": "vrijstelling",
            "grond": "DIP",
            "datum_oordeel": "2025-06-01",
            "einddatum_plicht": "2025-06-01",
            "bron": "duo_brief",
            "bevestigd": "1",  # after the confirmation page (issue 15)
        },
        ok_status=(302,),
    ),
    UrlCase("casefiles:doelgroep_wijzigen", _dossier),
    UrlCase(
        "casefiles:doelgroep_wijzigen",
        _dossier,
        method="post",
        data=lambda w: {
            "doelgroep": "gezinsmigrant",
            "geldig_vanaf": "2025-06-01",
            "bron": "DUO SS124",
        },
        ok_status=(302,),
    ),
]
