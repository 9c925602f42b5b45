"""One fully filled dossier, built through the services (and the demo builders of each
app, which call those services), for the inzage tests: every kind of data the
export must hold is present at least once. Every free text carries ``merk`` so a
test can tell this person's data from another person's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from casefiles import outbox
from casefiles import services as core
from casefiles.choices import ContactSoort, DeelOnderdeel, Doelgroep, DossierStatus, Geslacht
from casefiles.models import Dossier, Ketenpartner


@dataclass
class Vol:
    dossier: Dossier
    bsn: str
    naam: str
    merk: str


def bouw_vol_dossier(world, *, bsn: str, voornaam: str, achternaam: str, merk: str) -> Vol:
    from casefiles.demo_rond_plan import _gezin, _vrijwilligers
    from casefiles.kosten.services import kostenpost_create
    from casefiles.partners.services import deling_create
    from casefiles.startchecklist.services import startchecklist_aanmaken, startstap_bijwerken
    from intake.demo import _seed_intake
    from leerroutes.demo import _aanbieders, _seed_dossier
    from ontzorgen.demo import _seed_batches, _seed_begeleiding, _seed_inhouding, _seed_plan
    from pip_plans.demo import _seed_pip

    today = timezone.localdate()
    werkcoach, consulent, gemeente = world.werkcoach, world.consulent, world.gemeente
    vestiging = today - timedelta(days=14 * 30)
    koppeling = vestiging - timedelta(days=40)
    dossier = core.dossier_create(
        actor=werkcoach,
        gemeente=gemeente,
        persoon={
            "bsn": bsn,
            "v_nummer": "1234567890",
            "voornamen": voornaam,
            "achternaam": achternaam,
            "geboortedatum": date(1980, 3, 14),
            "geslacht": Geslacht.VROUW,
            "land_van_herkomst": "Eritrea",
            "nationaliteit": "Eritrese",
            "moedertaal": "Tigrinya",
            "tolk_nodig": True,
            "tolk_taal": "Tigrinya",
            "straat": f"Hoofdstraat {merk}",
            "huisnummer": "7",
            "postcode": "7921AB",
            "woonplaats": "Zuidwolde",
            "telefoon": "0612345678",
            "email": f"{merk.lower()}@example.org",
        },
        doelgroep=Doelgroep.ASIELSTATUSHOUDER,
        datums={
            "datum_start_plicht": vestiging,
            "datum_duo_melding": vestiging + timedelta(days=3),
            "datum_koppeling": koppeling,
            "datum_vestiging": vestiging,
            "datum_verblijfsvergunning": koppeling - timedelta(days=30),
            "datum_start_bijstand": vestiging,
        },
        azc="AZC Zweeloo",
    )
    core.dossier_assign(
        actor=world.teamleider, dossier=dossier, werkcoach=werkcoach, consulent=consulent
    )
    for status in (DossierStatus.INTAKE, DossierStatus.PIP, DossierStatus.UITVOERING):
        core.dossier_change_status(actor=werkcoach, dossier=dossier, status=status)
    dossier.refresh_from_db()
    core.contactmoment_create(
        actor=werkcoach,
        dossier=dossier,
        onderwerp=f"Kennismaking {merk}",
        soort=ContactSoort.HUISBEZOEK,
        verslag=f"Verslag van het huisbezoek {merk}.",
        tolk_ingezet=True,
    )
    core.taak_create(
        actor=werkcoach,
        dossier=dossier,
        titel=f"Documenten opvragen {merk}",
        deadline=today + timedelta(days=5),
    )
    core.document_add(
        actor=werkcoach,
        dossier=dossier,
        titel=f"Verblijfsdocument {merk}",
        soort="identiteit",
        upload=SimpleUploadedFile(f"{merk}.pdf", f"%PDF-1.4 {merk}".encode()),
    )
    core.inburgeringsfeiten_opslaan(
        actor=werkcoach, dossier=dossier, bron="duo", vorige_gemeentecode="0148"
    )
    # intake (with health: the demo records health for i % 4 == 1) and route B1
    _seed_intake(dossier, werkcoach, 9)
    dossier.refresh_from_db()
    # PIP, its letter, a voortgangsgesprek and a warning (handhaving)
    # ... vastgesteld with the DUO koppeling on, so the PIP message to DUO is recorded
    # (it waits in the outbox: DUO itself is not reached in this test)
    with override_settings(DUO_BASE_URL="http://127.0.0.1:9/v1"):
        _seed_pip(dossier, werkcoach, 0, True)
    outbox.run_pending_here(kinds=["pip.brief"])  # the PIP letter is made through the outbox
    dossier.refresh_from_db()
    # leerroute, hours, exams, MAP, PVT and participation
    aanbieder = _aanbieders()["DEMO01"]
    _seed_dossier(dossier, werkcoach, aanbieder, 0, today)
    # ontzorgen: plan, fixed costs, payments, paid batches, the withholding instruction
    partners = [
        Ketenpartner.objects.get_or_create(
            gemeente=gemeente, naam=f"Partner {n}", defaults={"soort": "welzijn"}
        )[0]
        for n in range(4)
    ]
    _seed_plan(dossier, partners, 0, today)
    _seed_batches(gemeente, today)
    _seed_inhouding(today)
    # begeleiding and a referral; volunteers (a match and a signal); family
    _seed_begeleiding([dossier], partners, today)
    _vrijwilligers(gemeente, {"werkcoach": werkcoach}, dossier, today)
    _gezin(dossier, today)
    # sharing with a ketenpartner on consent
    deling_create(
        actor=consulent,
        dossier=dossier,
        partner=world.partner_org,
        onderdelen=list(DeelOnderdeel.values),
        toestemming_datum=today - timedelta(days=2),
        toestemming_vorm="schriftelijk",
        toestemming_toelichting=f"Formulier getekend {merk}",
        geldig_van=today - timedelta(days=2),
        geldig_tot=today + timedelta(days=300),
    )
    # first steps and other costs
    startchecklist_aanmaken(actor=werkcoach, dossier=dossier)
    stap = dossier.startstappen.order_by("volgorde").first()
    startstap_bijwerken(actor=werkcoach, stap=stap, status="geregeld", datum=today)
    kostenpost_create(
        actor=werkcoach,
        dossier=dossier,
        soort="tolk",
        budget="uitvoeringskosten",
        datum=today - timedelta(days=3),
        bedrag=Decimal("65.00"),
        omschrijving=f"Tolk {merk}",
    )
    outbox.run_pending_here()
    dossier.refresh_from_db()
    return Vol(dossier=dossier, bsn=bsn, naam=f"{voornaam} {achternaam}", merk=merk)
