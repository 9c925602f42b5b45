"""The four permission cases for every URL of ontzorgen. Edit URLs: the consulent
of the gemeente edits (200/302), the werkcoach may only read (403), a consulent of
another gemeente gets 404. Read URLs: the werkcoach reads, the beleidsmedewerker
gets 403."""

from datetime import date

from tests.permission_helper import UrlCase


def _dossier_met_plan(w):
    from tests.ontzorgen.factories import plan_met_drie_lasten

    w.dossier.datum_start_bijstand = date(2027, 1, 1)
    w.dossier.save()
    if not hasattr(w.dossier, "ontzorgingsplan"):
        plan_met_drie_lasten(w.dossier)
    return w.dossier


def _dossier(w):
    return {"dossier_pk": _dossier_met_plan(w).pk}


def _dossier_zonder_plan(w):
    w.dossier.datum_start_bijstand = date(2027, 1, 1)
    w.dossier.save()
    return {"dossier_pk": w.dossier.pk}


def _vastelast(w):
    d = _dossier_met_plan(w)
    return {"dossier_pk": d.pk, "vastelast_pk": d.ontzorgingsplan.vaste_lasten.first().pk}


def _vastelast_data(w):
    last = w.dossier.ontzorgingsplan.vaste_lasten.first()
    return {
        "soort": last.soort_id,
        "crediteur_naam": "Woonconcept",
        "iban": "NL39RABO0300065264",
        "betalingskenmerk": "HUUR-9",
        "bedrag": "654,20",
        "betaaldag": "1",
        "start": "2027-01-01",
    }


def _betaling(w):
    from ontzorgen.choices import BetalingStatus
    from tests.ontzorgen.factories import BetalingFactory

    d = _dossier_met_plan(w)
    b = BetalingFactory(
        vaste_last=d.ontzorgingsplan.vaste_lasten.first(), status=BetalingStatus.GEEXPORTEERD
    )
    return {"dossier_pk": d.pk, "betaling_pk": b.pk}


def _batch(w):
    from ontzorgen import services
    from ontzorgen.models import Batch

    batch = Batch.objects.filter(gemeente=w.gemeente).first()
    if batch is None:
        _dossier_met_plan(w)
        services.betalingen_genereren(maand=date(2027, 2, 1))
        batch = services.batch_export(
            actor=w.consulent, gemeente=w.gemeente, uitvoerdatum=date(2027, 2, 1)
        )
    return {"batch_pk": batch.pk}


def _batch_maken_data(w):
    from ontzorgen import services

    _dossier_met_plan(w)
    services.betalingen_genereren(maand=date(2027, 2, 1))
    return {"gemeente": w.gemeente.pk, "uitvoerdatum": "2027-02-01", "bevestigd": "1"}


def _mislukte_betaling(w):
    """A failed payment: the overview lists it (with the person's name)."""
    from ontzorgen.choices import BetalingStatus
    from tests.ontzorgen.factories import BetalingFactory

    d = _dossier_met_plan(w)
    BetalingFactory(
        vaste_last=d.ontzorgingsplan.vaste_lasten.first(), status=BetalingStatus.MISLUKT
    )
    return {}


EDIT = {"permitted": "consulent", "no_perm": "werkcoach", "other_gemeente": "consulent_elders"}
READ = {"permitted": "werkcoach", "no_perm": "beleid", "other_gemeente": "consulent_elders"}

CASES = [
    UrlCase("ontzorgen:overzicht", setup=_mislukte_betaling, **{**READ, "other_gemeente": None}),
    UrlCase(
        "ontzorgen:batch_maken",
        method="post",
        data=_batch_maken_data,
        ok_status=(302,),
        **EDIT,
    ),
    UrlCase("ontzorgen:batch_detail", _batch, **READ),
    UrlCase("ontzorgen:batch_download", _batch, **EDIT),
    UrlCase(
        "ontzorgen:batch_betaald",
        _batch,
        method="post",
        data=lambda w: {"bevestigd": "1"},
        ok_status=(302,),
        **EDIT,
    ),
    UrlCase("ontzorgen:tab", _dossier, **READ),
    UrlCase("ontzorgen:plan_nieuw", _dossier_zonder_plan, **EDIT),
    UrlCase("ontzorgen:plan_bewerken", _dossier, **EDIT),
    UrlCase("ontzorgen:vastelast_nieuw", _dossier, **EDIT),
    UrlCase("ontzorgen:vastelast_bewerken", _vastelast, **EDIT),
    UrlCase(
        "ontzorgen:vastelast_bewerken",
        _vastelast,
        method="post",
        data=_vastelast_data,
        ok_status=(302,),
        **EDIT,
    ),
    UrlCase("ontzorgen:betalingen_genereren", _dossier, method="post", ok_status=(302,), **EDIT),
    UrlCase(
        "ontzorgen:betaling_status",
        _betaling,
        method="post",
        data=lambda w: {"status": "betaald", "bevestigd": "1"},
        ok_status=(302,),
        **EDIT,
    ),
]


# --- withholding instruction (issue 18) ---------------------------------------------------


def _opdracht(w):
    from ontzorgen import inhouding
    from ontzorgen.choices import BetalingStatus
    from tests.ontzorgen.factories import BetalingFactory

    d = _dossier_met_plan(w)
    BetalingFactory(
        vaste_last=d.ontzorgingsplan.vaste_lasten.first(), status=BetalingStatus.BETAALD
    )
    o = inhouding.inhouding_maken(actor=w.consulent, gemeente=w.gemeente, maand=date(2027, 1, 1))
    return {"opdracht_pk": o.pk}


def _betaald(w):
    from ontzorgen.choices import BetalingStatus
    from tests.ontzorgen.factories import BetalingFactory

    d = _dossier_met_plan(w)
    BetalingFactory(
        vaste_last=d.ontzorgingsplan.vaste_lasten.first(), status=BetalingStatus.BETAALD
    )
    return {}


INHOUDING = {"permitted": "consulent", "no_perm": "werkcoach", "other_gemeente": "consulent_elders"}

CASES += [
    UrlCase(
        "ontzorgen:inhouding_lijst",
        _betaald,
        other_gemeente=None,
        permitted="consulent",
        no_perm="werkcoach",
    ),
    UrlCase(
        "ontzorgen:inhouding_lijst",
        _betaald,
        method="post",
        data=lambda w: {"gemeente": w.gemeente.pk, "maand": "2027-01"},
        ok_status=(302,),
        permitted="consulent",
        no_perm="werkcoach",
        other_gemeente=None,
    ),
    UrlCase("ontzorgen:inhouding_detail", _opdracht, **INHOUDING),
    UrlCase("ontzorgen:inhouding_csv", _opdracht, **INHOUDING),
    UrlCase("ontzorgen:inhouding_pdf", _opdracht, **INHOUDING),
]
