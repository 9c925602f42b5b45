"""The dashboard's honest baseline (issue 16): every figure of the indicator table,
computed with hand-written SQL on PostgreSQL — one statement per table read, as an
experienced engineer would write it for exactly these definitions — so that
``bench_dashboard`` compares the dashboard with the same work done by hand, not with a
few main counts.

The SQL reads the same schema as the dashboard, including the per-dossier hours
rollup (``Urenregistratie.vorige_aanwezig_start``) and the participatieladder's
(``volgende_datum``, ``eerste_intake``); :data:`UREN_GEGROEPEERD` and
:data:`LADDER_ZONDER_ROLLUP` compute those figures without them, for an independent
check and for comparison. The
project's rounding rules (``monitoring.rules.percentage`` / ``afronden``) are applied
in Python, as the dashboard does. A test (tests/monitoring/test_basislijn.py) checks
that every figure equals the dashboard's, so the two cannot drift apart.

Only the filters the benchmark uses are supported: gemeenten and period (no cohort,
doelgroep or leerroute filter). PostgreSQL only.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import connection
from django.utils import timezone

from casefiles.choices import Budgetsoort, Doelgroep, DossierStatus, Leerroute, Regime
from casefiles.rules import add_months

from . import rules
from .indicators.base import Filters

Cijfers = dict[str, tuple[object, int | None]]
"""sleutel (as ``Rij.sleutel``) → (waarde, n)."""

SQL = {
    "dossier_groepen": """
SELECT doelgroep, regime, status, COUNT(*) FROM casefiles_dossier
WHERE gemeente_id = ANY(%(g)s) GROUP BY 1, 2, 3""",
    "dossier_voldaan": """
SELECT COUNT(*) FILTER (WHERE datum_plicht_voldaan BETWEEN %(van)s AND %(tot)s),
  AVG(datum_plicht_voldaan - COALESCE(termijn_start, datum_start_plicht))
    FILTER (WHERE datum_plicht_voldaan BETWEEN %(van)s AND %(tot)s),
  COUNT(datum_plicht_voldaan - COALESCE(termijn_start, datum_start_plicht))
    FILTER (WHERE datum_plicht_voldaan BETWEEN %(van)s AND %(tot)s)
FROM casefiles_dossier WHERE gemeente_id = ANY(%(g)s)""",
    "instroom": """
SELECT CAST(date_trunc('quarter', i) AS date), COUNT(*) FROM (
  SELECT COALESCE(datum_koppeling, datum_vestiging, datum_start_plicht) AS i
  FROM casefiles_dossier WHERE gemeente_id = ANY(%(g)s)) x
WHERE i BETWEEN %(van)s AND %(tot)s GROUP BY 1 ORDER BY 1""",
    "route_verdeling": """
SELECT COALESCE(
    NULLIF((SELECT p.leerroute FROM pip_plans_pipversie p
            WHERE p.dossier_id = d.id AND p.status = 'vastgesteld'
            ORDER BY p.nummer DESC LIMIT 1), ''),
    (SELECT t.route FROM leerroutes_traject t
     WHERE t.dossier_id = d.id
     ORDER BY t.datum_aanmelding DESC, t.id DESC LIMIT 1)) AS route,
  COUNT(*)
FROM casefiles_dossier d
WHERE d.gemeente_id = ANY(%(g)s) AND d.termijn_start BETWEEN %(van)s AND %(tot)s
GROUP BY 1""",
    "uitstroom": """
SELECT COUNT(DISTINCT dossier_id) FILTER (WHERE soort = ANY(%(werk)s)),
  COUNT(DISTINCT dossier_id) FILTER (WHERE soort = 'opleiding'),
  COUNT(DISTINCT dossier_id) FILTER (WHERE soort = 'maatschappelijk_actief')
FROM casefiles_uitstroom
WHERE gemeente_id = ANY(%(g)s) AND datum BETWEEN %(van)s AND %(tot)s""",
    "route_resultaat": """
SELECT route, COUNT(*), COUNT(*) FILTER (WHERE EXISTS (
    SELECT 1 FROM casefiles_uitstroom u WHERE u.dossier_id = x.id AND u.datum <= %(tot)s
    AND u.soort = ANY(CASE x.route WHEN 'b1' THEN %(ok_b1)s::text[]
                                   WHEN 'z' THEN %(ok_z)s::text[]
                                   WHEN 'onderwijs' THEN %(ok_onderwijs)s::text[] END)))
FROM (SELECT d.id, COALESCE(
    NULLIF((SELECT p.leerroute FROM pip_plans_pipversie p
            WHERE p.dossier_id = d.id AND p.status = 'vastgesteld'
            ORDER BY p.nummer DESC LIMIT 1), ''),
    (SELECT t.route FROM leerroutes_traject t
     WHERE t.dossier_id = d.id
     ORDER BY t.datum_aanmelding DESC, t.id DESC LIMIT 1)) AS route
      FROM casefiles_dossier d
      WHERE d.gemeente_id = ANY(%(g)s)
      AND d.datum_plicht_voldaan BETWEEN %(van)s AND %(tot)s) x
GROUP BY route""",
    "participatie_6m": """
SELECT COUNT(*), COUNT(*) FILTER (WHERE EXISTS (
    SELECT 1 FROM casefiles_activiteit a WHERE a.dossier_id = x.id
    AND a.soort = ANY(%(act)s) AND a.start <= x.mm AND (a.eind IS NULL OR a.eind >= x.mm)))
FROM (SELECT id, CAST(datum_vestiging + make_interval(months => %(maanden)s) AS date) AS mm
      FROM casefiles_dossier WHERE gemeente_id = ANY(%(g)s)) x
WHERE mm BETWEEN %(van)s AND %(tot_vandaag)s""",
    "ladder": """
SELECT trede, COUNT(*) FILTER (WHERE eerste_intake),
  COUNT(*) FILTER (WHERE datum <= %(tot)s AND (volgende_datum IS NULL OR volgende_datum > %(tot)s))
FROM casefiles_participatieladdermeting
WHERE gemeente_id = ANY(%(g)s) GROUP BY trede""",
    "mb_duur": """
SELECT AVG(eind - start) FILTER (WHERE eind BETWEEN %(van)s AND %(tot)s),
  COUNT(*) FILTER (WHERE eind BETWEEN %(van)s AND %(tot)s),
  COUNT(*) FILTER (WHERE start <= %(tot)s AND (eind IS NULL OR eind > %(tot)s)),
  COUNT(*) FILTER (WHERE start <= %(tot)s AND (eind IS NULL OR eind > %(tot)s)
                   AND %(tot)s - start > %(norm_dagen)s)
FROM casefiles_maatschappelijkebegeleiding WHERE gemeente_id = ANY(%(g)s)""",
    "kinderen_vve": """
SELECT COUNT(*), COUNT(*) FILTER (WHERE k.vve_status = 'vve')
FROM casefiles_gezinslid k
WHERE k.relatie = 'kind' AND k.woont_in_huishouden
  AND k.geboortedatum > %(vve_oudste)s AND k.geboortedatum <= %(vve_jongste)s
  AND EXISTS (SELECT 1 FROM casefiles_dossier d
              WHERE d.inburgeraar_id = k.inburgeraar_id AND d.gemeente_id = ANY(%(g)s))""",
    "kosten_overig": """
SELECT budget, SUM(bedrag), COUNT(*) FROM casefiles_kostenpost
WHERE gemeente_id = ANY(%(g)s) AND datum BETWEEN %(van)s AND %(tot)s GROUP BY budget""",
    "pip_klok": """
SELECT COUNT(*) FILTER (WHERE klok IS NOT NULL),
  COUNT(*) FILTER (WHERE klok IS NOT NULL AND pip <= GREATEST(klok + %(pip_dagen)s, (
    SELECT CASE WHEN b.info_derden_ontvangen_op >= b.info_derden_opgevraagd_op
                THEN b.info_derden_ontvangen_op + %(derden_dagen)s END
    FROM intake_bredeintake b
    WHERE b.dossier_id = x.dossier_id AND b.info_derden_opgevraagd_op IS NOT NULL
    ORDER BY b.info_derden_opgevraagd_op DESC, b.id DESC LIMIT 1))),
  percentile_cont(0.5) WITHIN GROUP (ORDER BY pip - klok),
  COUNT(pip - klok)
FROM (SELECT p.dossier_id, p.dagtekening AS pip,
             GREATEST(d.datum_duo_melding, d.datum_vestiging) AS klok
      FROM pip_plans_pipversie p JOIN casefiles_dossier d ON d.id = p.dossier_id
      WHERE d.gemeente_id = ANY(%(g)s) AND d.regime = 'WI2021'
        AND p.vastgesteld_op IS NOT NULL AND p.dagtekening BETWEEN %(van)s AND %(tot)s
        AND NOT EXISTS (SELECT 1 FROM pip_plans_pipversie e
                        WHERE e.dossier_id = p.dossier_id AND e.vastgesteld_op IS NOT NULL
                        AND e.nummer < p.nummer)) x""",
    "gesprekken": """
SELECT COUNT(*), COUNT(*) FILTER (WHERE status = 'gehouden'
                                  AND gehouden_op - gepland_op <= %(marge)s)
FROM pip_plans_voortgangsgesprek
WHERE gemeente_id = ANY(%(g)s) AND gepland_op BETWEEN %(van)s AND %(tot)s
  AND status <> 'vervallen' AND (status = 'gehouden' OR gepland_op < %(gesprek_grens)s)""",
    "handhaving": """
SELECT COUNT(*) FILTER (WHERE datum BETWEEN %(van)s AND %(tot)s AND soort = 'waarschuwing'),
  COUNT(*) FILTER (WHERE datum BETWEEN %(van)s AND %(tot)s AND soort = 'boete'),
  COUNT(*) FILTER (WHERE bekendgemaakt_op IS NULL)
FROM pip_plans_handhaving WHERE gemeente_id = ANY(%(g)s)""",
    "trajecten": """
SELECT route,
  COUNT(*) FILTER (WHERE status = 'afgerond' AND datum_eind BETWEEN %(van)s AND %(tot)s),
  SUM(kosten) FILTER (WHERE datum_aanmelding BETWEEN %(van)s AND %(tot)s),
  COUNT(*) FILTER (WHERE datum_aanmelding BETWEEN %(van)s AND %(tot)s),
  COUNT(*) FILTER (WHERE datum_aanmelding BETWEEN %(van)s AND %(tot)s AND kosten IS NULL)
FROM leerroutes_traject WHERE gemeente_id = ANY(%(g)s) GROUP BY route""",
    "budget_prijs": """
SELECT leerroute, AVG(prijs_per_traject) FROM monitoring_budgetregel
WHERE gemeente_id = ANY(%(g)s) AND jaar BETWEEN %(jaar_van)s AND %(jaar_tot)s
GROUP BY leerroute""",
    "uren": """
SELECT soort, SUM(aanwezig),
  COUNT(*) FILTER (WHERE aanwezig > 0
                   AND (vorige_aanwezig_start IS NULL OR vorige_aanwezig_start < %(van)s))
FROM leerroutes_urenregistratie
WHERE gemeente_id = ANY(%(g)s) AND periode_start BETWEEN %(van)s AND %(tot)s
GROUP BY soort""",
    "ontzorgen": """
SELECT COUNT(*) FILTER (WHERE start <= %(tot)s AND (eind IS NULL OR eind > %(tot)s)),
  COUNT(*) FILTER (WHERE eind BETWEEN %(van)s AND %(tot)s
                   AND eind <= CAST(start + make_interval(months => %(ontzorgen_maanden)s)
                                    AS date)),
  COUNT(*) FILTER (WHERE start <= %(tot)s AND (eind IS NULL OR eind >= %(van)s)
                   AND geplande_eind > CAST(start + make_interval(months => %(ontzorgen_maanden)s)
                                            AS date))
FROM ontzorgen_ontzorgingsplan WHERE gemeente_id = ANY(%(g)s)""",
    "duo_berichten": """
SELECT COUNT(*) FILTER (WHERE status = 'geweigerd'), COUNT(*) FILTER (WHERE status = 'ongeldig')
FROM duo_duobericht
WHERE gemeente_id = ANY(%(g)s)
  AND CAST(aangemaakt_op AT TIME ZONE %(tz)s AS date) BETWEEN %(van)s AND %(tot)s""",
}
"""The baseline's statements, one per table read (the dashboard's 21 queries' work)."""

LADDER_ZONDER_ROLLUP = {
    "ladder_intake": """
SELECT trede, COUNT(*) FROM (
  SELECT DISTINCT ON (dossier_id) trede FROM casefiles_participatieladdermeting
  WHERE gemeente_id = ANY(%(g)s) AND bron = 'intake' ORDER BY dossier_id, datum, id) x
GROUP BY trede""",
    "ladder_nu": """
SELECT trede, COUNT(*) FROM (
  SELECT DISTINCT ON (dossier_id) trede FROM casefiles_participatieladdermeting
  WHERE gemeente_id = ANY(%(g)s) AND datum <= %(tot)s
  ORDER BY dossier_id, datum DESC, id DESC) x
GROUP BY trede""",
}
"""The two ladder indicators without the rollup (``volgende_datum``,
``eerste_intake``): the earliest intake measurement and the latest one up to the end
of the period, found per dossier. For the tests (an independent check of the rollup)."""

UREN_GEGROEPEERD = """
SELECT SUM(t), SUM(p), SUM(s), COUNT(*) FILTER (WHERE t > 0), COUNT(*) FILTER (WHERE p > 0),
  COUNT(*) FILTER (WHERE s > 0)
FROM (SELECT dossier_id,
        SUM(aanwezig) FILTER (WHERE soort = ANY(%(taal)s)) AS t,
        SUM(aanwezig) FILTER (WHERE soort = ANY(%(participatie)s)) AS p,
        SUM(aanwezig) FILTER (WHERE soort = ANY(%(stage_werk)s)) AS s
      FROM leerroutes_urenregistratie
      WHERE gemeente_id = ANY(%(g)s) AND periode_start BETWEEN %(van)s AND %(tot)s
      GROUP BY dossier_id) x"""
"""Hours per person without the rollup: every hour row of the period grouped per
person (how the dashboard did it before issue 16). For the tests (an independent
check of the rollup) and for comparison in ``bench_dashboard``."""


def parameters(f: Filters) -> dict:
    """The statements' parameters: the filters and the law's numbers (the same
    constants the indicators use)."""
    from casefiles.gezin.rules import VVE_TOT_MAANDEN, VVE_VAN_MAANDEN
    from intake.rules import INFO_DERDEN_TERMIJN, PIP_TERMIJN
    from leerroutes.rules import UREN_GROEPEN

    vandaag = timezone.localdate()
    normen = set(
        _rijen("SELECT mb_maanden FROM casefiles_gemeente WHERE id = ANY(%(g)s)", f)
        if f.gemeente_ids
        else []
    )
    norm = Decimal(normen.pop()[0]) if len(normen) == 1 else Decimal(rules.MB_NORM_MAANDEN)
    return {
        "g": list(f.gemeente_ids),
        "tz": settings.TIME_ZONE,
        "van": f.van,
        "tot": f.tot,
        "tot_vandaag": min(f.tot, vandaag),
        "jaar_van": f.van.year,
        "jaar_tot": f.tot.year,
        "werk": sorted(rules.WERK_UITSTROOM),
        **{
            f"ok_{route}": sorted(soorten)
            for route, soorten in rules.ROUTE_RESULTAAT_UITSTROOM.items()
        },
        "act": sorted(rules.PARTICIPATIE_SOORTEN),
        "maanden": int(rules.PARTICIPATIE_NA_MAANDEN),
        "ontzorgen_maanden": int(rules.ONTZORGEN_MINIMUM_MAANDEN),
        "norm": norm,
        "norm_dagen": norm * rules.DAGEN_PER_MAAND,
        "vve_oudste": add_months(f.tot, -VVE_TOT_MAANDEN),
        "vve_jongste": add_months(f.tot, -VVE_VAN_MAANDEN),
        "pip_dagen": PIP_TERMIJN.days,
        "derden_dagen": INFO_DERDEN_TERMIJN.days,
        "marge": rules.GESPREK_MARGE_DAGEN,
        "gesprek_grens": vandaag - timedelta(days=rules.GESPREK_MARGE_DAGEN),
        **{groep: sorted(soorten) for groep, soorten in UREN_GROEPEN.items()},
    }


def _rijen(sql: str, f: Filters, params: dict | None = None) -> list[tuple]:
    with connection.cursor() as c:
        c.execute(sql, params or {"g": list(f.gemeente_ids)})
        return c.fetchall()


def statements(f: Filters) -> list[tuple[str, str, dict]]:
    """(name, sql, params) of every baseline statement, for timing them one by one."""
    p = parameters(f)
    return [(naam, sql, p) for naam, sql in SQL.items()]


def cijfers(f: Filters) -> Cijfers:  # noqa: C901, PLR0912, PLR0915 - one block per indicator
    """Every figure of the indicator table for ``f`` (sleutel → (waarde, n))."""
    if connection.vendor != "postgresql":
        raise NotImplementedError("De basislijn is handgeschreven SQL voor PostgreSQL.")
    if f.cohort or f.doelgroep or f.leerroute:
        raise NotImplementedError("De basislijn kent alleen de filters gemeente en periode.")
    p = parameters(f)
    r = {naam: _uitvoeren(sql, p) for naam, sql in SQL.items()}
    out: Cijfers = {}

    per = {"doelgroep": {}, "regime": {}, "status": {}}
    for doelgroep, regime, status, n in r["dossier_groepen"]:
        for veld, waarde in (("doelgroep", doelgroep), ("regime", regime), ("status", status)):
            per[veld][waarde] = per[veld].get(waarde, 0) + n
    for veld, choices in (("doelgroep", Doelgroep), ("regime", Regime), ("status", DossierStatus)):
        for c in choices:
            n = per[veld].get(c.value, 0)
            out[f"inburgeraars_{veld}.{c.value}"] = (n, n)

    for kwartaal_start, n in r["instroom"]:
        jaar, kw = rules.kwartaal_van(kwartaal_start)
        label = rules.kwartaal_label(jaar, kw)
        out[f"instroom_kwartaal.{label}"] = (n, n)

    routes = {route: n for route, n in r["route_verdeling"]}
    totaal = sum(n for route, n in routes.items() if route is not None)
    for route in (Leerroute.B1, Leerroute.Z, Leerroute.ONDERWIJS):
        n = routes.get(route.value, 0)
        out[f"route_verdeling.{route.value}"] = (rules.percentage(n, totaal), min(n, totaal))

    voldaan, gem_dagen, n_dagen = r["dossier_voldaan"][0]
    out["plicht_voldaan"] = (voldaan, voldaan)

    werk, opleiding, ma = r["uitstroom"][0]
    out["uitstroom.werk"] = (werk, werk)
    out["uitstroom.opleiding"] = (opleiding, opleiding)
    out["uitstroom.maatschappelijk_actief"] = (ma, ma)

    resultaat = {route: (n, ok) for route, n, ok in r["route_resultaat"]}
    for route in (Leerroute.B1, Leerroute.ONDERWIJS, Leerroute.Z):
        n, ok = resultaat.get(route.value, (0, 0))
        out[f"route_resultaat.{route.value}"] = (rules.percentage(ok, n), min(ok, n))

    n, ok = r["participatie_6m"][0]
    out["participatie_6m"] = (rules.percentage(ok, n), min(ok, n))

    gem = None if gem_dagen is None else Decimal(str(float(gem_dagen))) / rules.DAGEN_PER_MAAND
    out["maanden_tot_voldaan"] = (rules.afronden(gem), n_dagen)

    ladder = {trede: (i, n) for trede, i, n in r["ladder"]}
    for t in range(1, 7):
        i, n = ladder.get(t, (0, 0))
        out[f"ladder_intake.{t}"] = (i, i)
        out[f"ladder_nu.{t}"] = (n, n)

    mb_gem, mb_n, mb_actief, mb_boven = r["mb_duur"][0]
    mb = None if mb_gem is None else Decimal(str(float(mb_gem))) / rules.DAGEN_PER_MAAND
    out["mb_duur.duur"] = (rules.afronden(mb), mb_n)
    out["mb_duur.actief"] = (mb_actief, mb_actief)
    out["mb_duur.boven_norm"] = (mb_boven, mb_boven)

    kinderen, vve = r["kinderen_vve"][0]
    out["kinderen_vve.kinderen"] = (kinderen, kinderen)
    out["kinderen_vve.in_vve"] = (rules.percentage(vve, kinderen), min(vve, kinderen))

    kosten = {budget: (som, n) for budget, som, n in r["kosten_overig"]}
    for b in Budgetsoort:
        som, n = kosten.get(b.value, (Decimal(0), 0))
        out[f"kosten_overig.{b.value}"] = (rules.afronden(som or Decimal(0), 2), n)

    pip_n, pip_ok, pip_med, pip_n_med = r["pip_klok"][0]
    out["pip_op_tijd"] = (rules.percentage(pip_ok, pip_n), min(pip_ok, pip_n))
    out["pip_mediaan_dagen"] = (rules.afronden(pip_med), pip_n_med)

    g_n, g_ok = r["gesprekken"][0]
    out["gesprekken_op_tijd"] = (rules.percentage(g_ok, g_n), min(g_ok, g_n))

    w, b, open_ = r["handhaving"][0]
    out["handhaving.waarschuwing"] = (w, w)
    out["handhaving.boete"] = (b, b)
    out["handhaving.open"] = (open_, open_)

    trajecten = {route: rest for route, *rest in r["trajecten"]}
    prijs = {route: gem for route, gem in r["budget_prijs"]}
    for route in Leerroute:
        af, k, n, z = trajecten.get(route.value, (0, None, 0, 0))
        out[f"trajecten_afgerond.{route.value}"] = (af, af)
        bedrag = (k or Decimal(0)) + z * (prijs.get(route.value) or Decimal(0))
        out[f"kosten_leerroute.{route.value}"] = (rules.afronden(bedrag, 2), n)

    # one row per kind; exactly one row per person and group is its first, so the
    # persons of a group are the sum over its kinds
    from leerroutes.rules import UREN_GROEPEN

    for groep, soorten in UREN_GROEPEN.items():
        rijen = [(som, n) for soort, som, n in r["uren"] if soort in soorten]
        som = sum((x or Decimal(0) for x, _n in rijen), Decimal(0)) if rijen else None
        personen = sum(n for _s, n in rijen)
        gem_uren = rules.afronden(Decimal(som or 0) / personen) if personen else None
        out[f"uren_per_persoon.{groep}"] = (gem_uren, personen)

    actief, na_6m, verlengd = r["ontzorgen"][0]
    out["ontzorgen.actief"] = (actief, actief)
    out["ontzorgen.na_6_maanden"] = (na_6m, na_6m)
    out["ontzorgen.verlengd"] = (verlengd, verlengd)

    # the DUO koppeling (duo.indicators): an operational count, no n
    geweigerd, ongeldig = r["duo_berichten"][0]
    out["duo_geweigerd.geweigerd"] = (geweigerd, None)
    out["duo_geweigerd.ongeldig"] = (ongeldig, None)
    return out


def uren_gegroepeerd(f: Filters) -> dict[str, tuple]:
    """ "uren_per_persoon" per group as (waarde, n), computed without the rollup."""
    t, p_, s, pt, pp, ps = _uitvoeren(UREN_GEGROEPEERD, parameters(f))[0]
    uit = {}
    for groep, som, personen in (("taal", t, pt), ("participatie", p_, pp), ("stage_werk", s, ps)):
        gem = rules.afronden(Decimal(som or 0) / personen) if personen else None
        uit[f"uren_per_persoon.{groep}"] = (gem, personen)
    return uit


def ladder_zonder_rollup(f: Filters) -> dict[str, tuple]:
    """The ladder indicators' lines as (waarde, n), computed without the rollup."""
    uit = {}
    for naam, sql in LADDER_ZONDER_ROLLUP.items():
        per_trede = dict(_uitvoeren(sql, parameters(f)))
        for t in range(1, 7):
            n = per_trede.get(t, 0)
            uit[f"{naam}.{t}"] = (n, n)
    return uit


def _uitvoeren(sql: str, params: dict) -> list[tuple]:
    with connection.cursor() as c:
        c.execute(sql, params)
        return c.fetchall()


__all__ = [
    "LADDER_ZONDER_ROLLUP",
    "ladder_zonder_rollup",
    "SQL",
    "UREN_GEGROEPEERD",
    "Cijfers",
    "cijfers",
    "statements",
    "uren_gegroepeerd",
]
