"""Demo PIPs for the demo dossiers of ``casefiles.demo``: a concept for dossiers in
status 'pip', a vastgestelde PIP (termijn set, gesprekken planned, one gesprek held)
for 'uitvoering' and 'afgerond', and one waarschuwing. Idempotent: a dossier that
already has a PIP version is skipped. Letters are not generated here (they are made
on first 'Brief opnieuw maken' or by the worker)."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casefiles import demo as casefiles_demo
from casefiles import services as casefiles_services
from casefiles.choices import DossierStatus, Levensdomein, Regime
from casefiles.models import Dossier

from . import rules, services
from .choices import GesprekStatus
from .models import PipDoel, Voortgangsgesprek

DOELEN = {
    Levensdomein.TAAL: (
        "Nederlands leren tot het niveau van de leerroute",
        "Vier dagdelen per week naar de taalschool; thuis oefenen met de app.",
        "Inburgeraar gaat naar de lessen; werkcoach meldt aan bij de taalaanbieder.",
    ),
    Levensdomein.WERK: (
        "Een taalstage of vrijwilligerswerk vinden",
        "Gesprek met het werkgeversservicepunt; cv maken.",
        "Werkcoach zoekt een plek; inburgeraar maakt een cv.",
    ),
    Levensdomein.FINANCIEN: (
        "Zelf de vaste lasten betalen",
        "Training geldzaken volgen; post samen doornemen.",
        "Consulent helpt met de post; inburgeraar volgt de training.",
    ),
    Levensdomein.ONTMOETEN: (
        "Mensen in de buurt leren kennen",
        "Meedoen aan Koffie en Taal in het dorpshuis.",
        "Inburgeraar gaat elke week; taalmaatje gaat de eerste keer mee.",
    ),
}


def seed_demo(*, actor_for, stdout=None) -> int:
    codes = [g["cbs_code"] for g in casefiles_demo.GEMEENTEN]
    dossiers = (
        casefiles_demo.demo_dossiers()
        .filter(
            gemeente__cbs_code__in=codes,
            status__in=[DossierStatus.PIP, DossierStatus.UITVOERING, DossierStatus.AFGEROND],
            regime=Regime.WI2021,
            pip_versies__isnull=True,
        )
        .select_related("gemeente", "inburgeraar", "werkcoach")
        .order_by("pk")
    )
    made = skipped = 0
    waarschuwing_gegeven = False
    for i, dossier in enumerate(dossiers):
        try:
            with transaction.atomic():
                status = dossier.status
                actor = actor_for(dossier.gemeente)
                gaf = _seed_pip(dossier, actor, i, not waarschuwing_gegeven)
                waarschuwing_gegeven = waarschuwing_gegeven or gaf
                if status == DossierStatus.AFGEROND:
                    # vaststellen reopened the afgeronde demo dossier: close it again
                    dossier.refresh_from_db()
                    casefiles_services.dossier_change_status(
                        actor=actor, dossier=dossier, status=DossierStatus.AFGEROND
                    )
            made += 1
        except ValidationError as exc:
            skipped += 1
            if stdout is not None:
                stdout.write(f"  PIP dossier {dossier.pk} overgeslagen: {'; '.join(exc.messages)}")
    if stdout is not None:
        stdout.write(f"Demo: {made} PIP's aangemaakt ({skipped} overgeslagen).")
    return made


def _seed_pip(dossier: Dossier, actor, i: int, waarschuwing: bool) -> bool:
    today = timezone.localdate()
    versie = services.pip_concept_create(actor=actor, dossier=dossier)
    velden = {}
    if not versie.leerroute:
        velden.update(leerroute="b1", niveau="B1")
    if not versie.motivatie.strip():
        velden["motivatie"] = "Leerbaarheidstoets: haalbaar. Advies van de taalaanbieder: B1-route."
    if dossier.is_asiel:
        velden.update(mb_duur_maanden=dossier.gemeente.mb_maanden, mb_intensiteit="hoog")
        if versie.leerroute in ("", "b1") and velden.get("leerroute", versie.leerroute) == "b1":
            velden["geschatte_intensiteit_b1"] = 1200
    if dossier.datum_start_bijstand:
        velden["participatiewet"] = (
            "U zoekt naar werk dat bij u past, zodra de taalschool dat toelaat. "
            "U komt naar de afspraken met het werkplein."
        )
        if dossier.is_asiel:
            velden.update(
                ontzorgen=True,
                ontzorgen_afspraken="Huur, energie en zorgverzekering de eerste 6 maanden.",
            )
    velden["pvt_afspraken"] = "PVT bij de taalaanbieder in het eerste halfjaar."
    if velden.get("leerroute", versie.leerroute) != "onderwijs":
        velden["map_afspraken"] = "MAP in de eerstvolgende groep (februari, juni of oktober)."
        velden["map_uren"] = 40
    services.pip_concept_update(actor=actor, versie=versie, **velden)
    # Goals: keep the intake's domain sections and give them real content.
    bestaande = {d.levensdomein: d for d in versie.doelen.all()}
    doelen = []
    for n, (domein, (doel, acties, wie)) in enumerate(DOELEN.items()):
        oud = bestaande.get(domein)
        doelen.append(
            {
                "id": oud.pk if oud else None,
                "levensdomein": domein,
                "doel": doel,
                "acties": acties,
                "wie": wie,
                "streefdatum": None,
                "volgorde": n,
            }
        )
    for domein, oud in bestaande.items():
        if domein not in DOELEN:
            doelen.append({"id": oud.pk, "DELETE": True})
    services.pip_doelen_save(actor=actor, versie=versie, doelen=doelen)
    if dossier.status == DossierStatus.PIP:
        return False
    basis = max(d for d in (dossier.datum_vestiging, dossier.datum_start_plicht) if d)
    dagtekening = min(basis + timedelta(weeks=8), today)
    streef = rules.add_months(dagtekening, 12)
    PipDoel.objects.filter(versie=versie).update(streefdatum=streef)
    versie = services.pip_vaststellen(actor=actor, versie=versie, dagtekening=dagtekening)
    services.pip_bekendmaking_record(
        actor=actor,
        versie=versie,
        bekendgemaakt_op=dagtekening,
        ondertekend_op=min(dagtekening + timedelta(days=7), today),
    )
    # One held gesprek three months after the dagtekening (if that lies in the past).
    eerste = rules.add_months(dagtekening, 3)
    if eerste < today:
        g = Voortgangsgesprek.objects.create(
            dossier=dossier, pip_versie=versie, gepland_op=eerste, status=GesprekStatus.GEPLAND
        )
        doelen_qs = list(versie.doelen.all())
        services.gesprek_vastleggen(
            actor=actor,
            gesprek=g,
            gehouden_op=eerste,
            tolk=dossier.inburgeraar.tolk_nodig,
            tolk_taal=dossier.inburgeraar.tolk_taal,
            notities="De lessen gaan goed. Spreken is nog moeilijk.",
            vervolgstappen="Taalmaatje zoeken; volgende keer stage bespreken.",
            uitkomsten=[
                services.Uitkomst(d.pk, "op_koers" if n % 2 == 0 else "aandacht")
                for n, d in enumerate(doelen_qs)
            ],
        )
        if waarschuwing and dossier.status == DossierStatus.UITVOERING:
            services.handhaving_create(
                actor=actor,
                dossier=dossier,
                soort="waarschuwing",
                verplichting="leerroute",
                reden="Drie weken niet naar de taalschool zonder bericht. Besproken in het "
                "voortgangsgesprek; schriftelijk gewaarschuwd.",
                datum=min(eerste + timedelta(days=14), today),
                datum_overtreding=eerste - timedelta(days=7),
            )
            return True
    return False
