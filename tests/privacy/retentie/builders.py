"""A fully filled dossier built through the services (and the apps' demo builders,
which call the services), with personal data and free text that appear nowhere else;
and the database scan that looks for them afterwards in every table."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from casefiles import outbox, rules
from casefiles import services as cf_services
from casefiles.choices import Doelgroep, DossierStatus
from casefiles.models import Document

MAANDEN = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def geldig_bsn(start: int) -> str:
    n = start
    while not rules.bsn_is_valid(f"{n:09d}"):
        n += 1
    return f"{n:09d}"


@dataclass
class Persoon:
    merk: str  # a word that appears in every free text of this dossier
    bsn: str
    voornamen: str
    achternaam: str
    geboortedatum: date
    dossier: object = None
    bestanden: list[str] = field(default_factory=list)

    def naalden(self) -> list[str]:
        g = self.geboortedatum
        return [
            self.bsn,
            self.voornamen,
            self.achternaam,
            self.merk,
            g.isoformat(),
            g.strftime("%d-%m-%Y"),
            f"{g.day} {MAANDEN[g.month - 1]} {g.year}",
        ]


def bouw_dossier(gemeente, werkcoach, consulent, beheer, aanbieder, partners, p: Persoon, i: int):
    """Every kind of data through the services: person, dossier, contact moment,
    document, brede intake with health, PIP vastgesteld with its letter and a
    gesprek, leerroute with hours and exams, ontzorgen with payments, begeleiding and
    a referral, the household, a volunteer with a signal, other costs. Then closed."""
    from casefiles import demo_rond_plan
    from intake import demo as intake_demo
    from intake import services as intake_services
    from intake.choices import DoelInzage
    from leerroutes import demo as leerroutes_demo
    from ontzorgen import demo as ontzorgen_demo
    from pip_plans import demo as pip_demo

    today = timezone.localdate()
    d = cf_services.dossier_create(
        actor=beheer,  # assigning is the beheerder's (or teamleider's), not the werkcoach's
        gemeente=gemeente,
        persoon={
            "bsn": p.bsn,
            "voornamen": p.voornamen,
            "achternaam": p.achternaam,
            "geboortedatum": p.geboortedatum,
            "geslacht": "V",
            "land_van_herkomst": "Eritrea",
            "straat": f"{p.merk}laan",
            "huisnummer": "7",
            "postcode": "7921XY",
            "woonplaats": "Zuidwolde",
            "telefoon": "0612345678",
            "email": f"{p.merk.lower()}@example.invalid",
            "moedertaal": "Tigrinya",
        },
        doelgroep=Doelgroep.ASIELSTATUSHOUDER,
        datums={
            "datum_koppeling": today - timedelta(days=70),
            "datum_vestiging": today - timedelta(days=60),
            "datum_start_plicht": today - timedelta(days=60),
            "datum_duo_melding": today - timedelta(days=58),
            "datum_start_bijstand": today - timedelta(days=55),
        },
        azc=f"AZC {p.merk} Zoutkamp",
        werkcoach=werkcoach,
        consulent=consulent,
    )
    p.dossier = d
    cf_services.contactmoment_create(
        actor=werkcoach,
        dossier=d,
        onderwerp=f"Kennismaking {p.merk}",
        soort="gesprek",
        verslag=f"Verslag {p.merk}: vertelde over de reis via Libië.",
    )
    doc = cf_services.document_add(
        actor=werkcoach,
        dossier=d,
        titel=f"Diploma {p.merk}",
        soort="diploma",
        upload=SimpleUploadedFile(
            f"diploma-{p.merk}.txt", f"Diploma van {p.voornamen}".encode(), "text/plain"
        ),
    )
    cf_services.dossier_change_status(actor=werkcoach, dossier=d, status=DossierStatus.INTAKE)
    intake_demo._seed_intake(d, werkcoach, i)
    d.refresh_from_db()
    intake_services.gezondheid_opslaan(
        actor=werkcoach,
        intake=d.intakes.get(),
        doel=DoelInzage.INTAKE,
        data={
            "lichamelijk": f"Hernia {p.merk}",
            "psychisch": f"Slaapt slecht sinds de reis ({p.merk})",
            "gevolgen": f"Lessen in de ochtend {p.merk}",
        },
    )
    d.refresh_from_db()
    if d.status == DossierStatus.INTAKE:
        cf_services.dossier_change_status(actor=werkcoach, dossier=d, status=DossierStatus.PIP)
    d.refresh_from_db()
    if d.status == DossierStatus.PIP:
        cf_services.dossier_change_status(
            actor=werkcoach, dossier=d, status=DossierStatus.UITVOERING
        )
    d.refresh_from_db()
    pip_demo._seed_pip(d, werkcoach, i, True)
    outbox.run_pending_here()  # the letter (WeasyPrint) and the other side effects
    d.refresh_from_db()
    leerroutes_demo._seed_dossier(d, werkcoach, aanbieder, i, today)
    ontzorgen_demo._seed_plan(d, partners, i, today)
    ontzorgen_demo._seed_begeleiding([d], partners, today)
    ontzorgen_demo._seed_batches(gemeente, today)
    demo_rond_plan._gezin(d, today)
    demo_rond_plan._vrijwilligers(gemeente, None, d, today)
    from casefiles.kosten import services as kosten_services

    kosten_services.kostenpost_create(
        actor=werkcoach,
        dossier=d,
        soort="reiskosten",
        budget="participatiebudget",
        bedrag=Decimal("12.50"),
        datum=today,
        omschrijving=f"Buskaart {p.merk}",
    )
    outbox.run_pending_here()
    d.refresh_from_db()
    from pip_plans.models import PipBrief

    p.bestanden = [doc.bestand.name] + [
        b.bestand.name for b in PipBrief.objects.filter(versie__dossier=d)
    ]
    return d


def sluit(d, actor, status=DossierStatus.BEEINDIGD):
    d.refresh_from_db()
    cf_services.dossier_change_status(actor=actor, dossier=d, status=status)


def document_paden(d) -> list[str]:
    return list(Document.objects.filter(dossier=d).values_list("bestand", flat=True))


# --- the scan ------------------------------------------------------------------------------


def _cellen():
    """(table, column, value) of every non-null cell of every table, via introspection."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        for table in tables:
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from introspection
            cols = [c[0] for c in cursor.description]
            for row in cursor.fetchall():
                for col, val in zip(cols, row, strict=True):
                    if val is not None:
                        yield table, col, val


def _tekst(val) -> str | None:
    if isinstance(val, str):
        return val
    if isinstance(val, (dict, list)):
        return json.dumps(val, ensure_ascii=False)
    if isinstance(val, memoryview | bytes):
        return bytes(val).decode("utf-8", "replace")
    return None


def teksten() -> set[str]:
    """Every text value with a space in it, of 10 characters or more (free text, not a
    code), anywhere in the database."""
    return {
        t
        for _, _, v in _cellen()
        if (t := _tekst(v)) is not None and len(t) >= 10 and " " in t.strip()
    }


def dump() -> dict[str, list]:
    """The whole database as comparable data (for 'nothing changed')."""
    result: dict[str, list] = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608
            result[table] = sorted(repr(r) for r in cursor.fetchall())
    return result


def scan(naalden: list[str], datums: list[date]) -> list[tuple[str, str, str]]:
    """Where any of the strings (as a substring) or dates still occur."""
    hits = []
    for table, col, val in _cellen():
        if isinstance(val, datetime):
            if val.date() in datums:
                hits.append((table, col, str(val)))
            continue
        if isinstance(val, date):
            if val in datums:
                hits.append((table, col, str(val)))
            continue
        t = _tekst(val)
        if t is None:
            continue
        for n in naalden:
            if n and n in t:
                hits.append((table, col, n))
    return hits


def teksten_per_tabel() -> dict[str, set[str]]:
    """As :func:`teksten`, with the tables each text occurs in."""
    result: dict[str, set[str]] = {}
    for table, _, v in _cellen():
        t = _tekst(v)
        if t is not None and len(t) >= 10 and " " in t.strip():
            result.setdefault(t, set()).add(table)
    return result
