"""Seed the fake DUO from this installation's database (dev and demo only).

DUO knows the people our gemeenten have dossiers for: every dossier with a BSN becomes
a person in the fake (gemeente, start of the plicht, vestiging, doelgroep, termijn and
the vastgestelde PIPs), every gemeente with an OIN becomes a known ``bron``. Two more
persons, not yet known to the application, wait for an SS139 to arrive (the demo of a
new plichtige); their BSNs follow the demo's range (casefiles/demo.py).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from .app import FakeDuo

NEW_PLICHTIGEN = 2


def _leerroute(value: str) -> str | None:
    return {"b1": "B", "onderwijs": "O", "z": "Z"}.get(value or "")


def seed_from_database(fake: FakeDuo) -> dict[str, int]:
    """Register gemeenten and seed persons from the database. Returns counts."""
    from casefiles import demo as casefiles_demo
    from casefiles import rules as casefiles_rules
    from casefiles.models import Dossier, Gemeente

    counts = {"gemeenten": 0, "personen": 0, "pips": 0, "nieuw": 0}
    register_demo_gemeenten(fake)
    for gemeente in Gemeente.objects.exclude(oin="").only("oin", "cbs_code"):
        fake.add_gemeente(gemeente.oin, gemeente.cbs_code)
        counts["gemeenten"] += 1
    pips_by_dossier: dict[int, list[Any]] = {}
    try:
        from pip_plans.choices import VersieStatus
        from pip_plans.models import PipVersie

        for versie in PipVersie.objects.filter(status=VersieStatus.VASTGESTELD).order_by(
            "dossier_id", "nummer"
        ):
            pips_by_dossier.setdefault(versie.dossier_id, []).append(versie)
    except ImportError:  # pragma: no cover - pip_plans is always installed
        pass
    dossiers = Dossier.objects.select_related("gemeente", "inburgeraar").exclude(
        inburgeraar__bsn=""
    )
    for dossier in dossiers:
        start = dossier.datum_start_plicht or dossier.datum_vestiging
        if start is None:
            continue
        facts: dict[str, Any] = {
            "gemeente": dossier.gemeente.cbs_code,
            "plicht_start": start,
            "vestigingsdatum": dossier.datum_vestiging or start,
            "doelgroep": "asiel" if casefiles_rules.is_asiel(dossier.doelgroep) else "gezin",
        }
        if dossier.termijn_start and dossier.termijn_eind:
            facts["termijn_start"] = dossier.termijn_start
            # ours is the last day, DUO's einddatum is exclusive
            facts["termijn_eind"] = dossier.termijn_eind + timedelta(days=1)
        pips = []
        for versie in pips_by_dossier.get(dossier.pk, []):
            route = _leerroute(versie.leerroute)
            if not route or not versie.dagtekening:
                continue
            pip: dict[str, Any] = {
                "dagtekeningPip": versie.dagtekening.isoformat(),
                "leerroute": route,
            }
            if versie.niveau in ("A2", "B1"):
                pip["niveau"] = versie.niveau
            pips.append(pip)
        if pips:
            facts["pips"] = pips
            counts["pips"] += len(pips)
        fake.seed_person(dossier.inburgeraar.bsn, **facts)
        counts["personen"] += 1
    # new plichtigen DUO knows and the application does not (yet): emit SS139 for them
    per_gemeente = 30
    gemeenten = casefiles_demo.GEMEENTEN
    extra = casefiles_demo.fictional_bsns(per_gemeente * len(gemeenten) + NEW_PLICHTIGEN)
    today = fake.today()
    for i, bsn in enumerate(extra[-NEW_PLICHTIGEN:]):
        if bsn in fake.store.persons:
            continue
        g = gemeenten[i % len(gemeenten)]
        fake.add_gemeente(str(g["oin"]), str(g["cbs_code"]))
        fake.seed_person(bsn, gemeente=str(g["cbs_code"]), plicht_start=today, doelgroep="asiel")
        counts["nieuw"] += 1
    return counts


def register_demo_gemeenten(fake: FakeDuo) -> None:
    """The demo's gemeenten (casefiles/demo.py), known even without a database."""
    from casefiles import demo as casefiles_demo

    for g in casefiles_demo.GEMEENTEN:
        fake.add_gemeente(str(g["oin"]), str(g["cbs_code"]))


def new_plichtigen(fake: FakeDuo) -> list[str]:
    """BSNs the fake knows with a plicht but no PIP, newest first (for the demo's SS139)."""
    from casefiles import demo as casefiles_demo

    extra = casefiles_demo.fictional_bsns(30 * len(casefiles_demo.GEMEENTEN) + NEW_PLICHTIGEN)
    return [b for b in extra[-NEW_PLICHTIGEN:] if b in fake.store.persons]
