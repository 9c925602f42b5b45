"""Import of hours and exam results that a language provider reports (CSV).

Format (header row required, columns in any order, names case-insensitive; see
docs/leerroutes.md)::

    bsn, type, van, tot, soort, aanwezig, geoorloofd, ongeoorloofd,
    onderdeel, niveau, datum, resultaat, poging

- ``type`` is ``uren`` or ``examen``;
- hours rows: ``van``/``tot`` (the period), ``soort`` (taal_knm, intake_taal,
  participatie, map, pvt, taalstage_werk), ``aanwezig``, ``geoorloofd``,
  ``ongeoorloofd`` (hours, decimal comma or point; empty = 0);
- exam rows: ``onderdeel`` (lezen, luisteren, schrijven, spreken, knm), ``niveau``
  (A1, A2, B1, B2; empty for KNM), ``datum``, ``resultaat`` (behaald / niet behaald /
  gepland), ``poging`` (optional);
- separator ``,`` or ``;``; UTF-8 with or without BOM; dates ``2026-11-22`` or
  ``22-11-2026``.

Each bad row is reported with its line number and a Dutch reason (any file, also a
hostile one, is read without an exception: casefiles.csvsafe); confirming saves
exactly the good rows of the preview, all in one transaction or none.
Importing the same file again changes nothing: rows are matched on their natural key
(person, provider, kind, period / person, part, date) and identical rows are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casefiles import csvsafe
from casefiles import rules as core_rules
from casefiles.choices import DossierStatus, Niveau
from casefiles.csvsafe import parse_date
from casefiles.models import Dossier

from . import rules
from .choices import ExamenOnderdeel, ExamenResultaat, UrenBron, UrenSoort
from .models import Aanbieder, Examen, Urenregistratie

COLUMNS = [
    "bsn",
    "type",
    "van",
    "tot",
    "soort",
    "aanwezig",
    "geoorloofd",
    "ongeoorloofd",
    "onderdeel",
    "niveau",
    "datum",
    "resultaat",
    "poging",
]
REQUIRED_COLUMNS = ["bsn", "type"]
MAX_ROWS = 10000

SOORTEN = {
    "taal_knm": UrenSoort.TAAL_KNM,
    "taal": UrenSoort.TAAL_KNM,
    "knm": UrenSoort.TAAL_KNM,
    "taal en knm": UrenSoort.TAAL_KNM,
    "intake_taal": UrenSoort.INTAKE_TAAL,
    "intake": UrenSoort.INTAKE_TAAL,
    "participatie": UrenSoort.PARTICIPATIE,
    "map": UrenSoort.MAP,
    "pvt": UrenSoort.PVT,
    "taalstage_werk": UrenSoort.TAALSTAGE_WERK,
    "taalstage": UrenSoort.TAALSTAGE_WERK,
    "werk": UrenSoort.TAALSTAGE_WERK,
}
ONDERDELEN = {o.value: o for o in ExamenOnderdeel}
NIVEAUS = {n.value.lower(): n for n in Niveau if n != Niveau.A0}
RESULTATEN = {
    "behaald": ExamenResultaat.BEHAALD,
    "geslaagd": ExamenResultaat.BEHAALD,
    "voldoende": ExamenResultaat.BEHAALD,
    "ja": ExamenResultaat.BEHAALD,
    "niet behaald": ExamenResultaat.NIET_BEHAALD,
    "niet_behaald": ExamenResultaat.NIET_BEHAALD,
    "gezakt": ExamenResultaat.NIET_BEHAALD,
    "onvoldoende": ExamenResultaat.NIET_BEHAALD,
    "nee": ExamenResultaat.NIET_BEHAALD,
    "gepland": ExamenResultaat.GEPLAND,
}


@dataclass
class VoortgangRow:
    line: int
    type: str
    dossier: Dossier
    data: dict
    actie: str = "nieuw"  # nieuw / bijgewerkt / ongewijzigd

    @property
    def omschrijving(self) -> str:
        d = self.data
        if self.type == "uren":
            return (
                f"{UrenSoort(d['soort']).label}: {d['periode_start']:%d-%m-%Y} t/m "
                f"{d['periode_eind']:%d-%m-%Y}, {d['aanwezig']} uur aanwezig"
            )
        niveau = f" {d['niveau']}" if d["niveau"] else ""
        return (
            f"Examen {ExamenOnderdeel(d['onderdeel']).label.lower()}{niveau} op "
            f"{d['datum']:%d-%m-%Y}: {ExamenResultaat(d['resultaat']).label.lower()}"
        )


@dataclass
class RowError:
    line: int
    reasons: list[str]


@dataclass
class VoortgangResult:
    rows: list[VoortgangRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    file_error: str = ""
    nieuw: int = 0
    bijgewerkt: int = 0
    ongewijzigd: int = 0
    changed: bool = False

    @property
    def ok(self) -> bool:
        return not self.file_error

    def telling(self) -> dict[str, int]:
        counts = {"nieuw": 0, "bijgewerkt": 0, "ongewijzigd": 0}
        for r in self.rows:
            counts[r.actie] += 1
        return counts


MAX_UREN = Decimal(10_000)
"""Largest number of hours in one cell: anything larger (or NaN, Infinity, 1e999)
is not a number of hours."""


def _decimal(raw: str) -> Decimal:
    raw = (raw or "").strip().replace(" ", "")
    if not raw:
        return Decimal(0)
    if "," in raw and "." in raw:
        raw = raw.replace(".", "")
    value = Decimal(raw.replace(",", "."))
    if not value.is_finite() or abs(value) > MAX_UREN or value != value.quantize(Decimal("0.01")):
        raise InvalidOperation(raw)
    return value


def _dossiers_by_bsn(bsns: set[str], gemeente_ids: set[int]) -> dict[str, Dossier]:
    """The dossier of each BSN within the given gemeenten (a running one first)."""
    found: dict[str, Dossier] = {}
    qs = (
        Dossier.objects.filter(inburgeraar__bsn__in=bsns, gemeente_id__in=gemeente_ids)
        .select_related("inburgeraar", "gemeente")
        .order_by("-aangemaakt_op")
    )
    for d in qs:
        bsn = d.inburgeraar.bsn
        if bsn not in found or (
            found[bsn].status not in core_rules.ACTIVE_STATUSES
            and d.status in core_rules.ACTIVE_STATUSES
        ):
            found[bsn] = d
    return found


def parse(
    content: bytes,
    *,
    aanbieder: Aanbieder,
    gemeente_ids: set[int] | None = None,
    today: date | None = None,
) -> VoortgangResult:
    """Validate the file; touch nothing. ``gemeente_ids`` narrows the gemeenten (the
    uploading user's); the provider must serve the person's gemeente."""
    today = today or timezone.localdate()
    result = VoortgangResult()
    bestand = csvsafe.lees(content, max_regels=MAX_ROWS)
    if bestand.file_error:
        result.file_error = bestand.file_error
        return result
    header = bestand.header
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        result.file_error = _(
            "De kolom(men) %(kolommen)s ontbreken in de eerste regel. Verwacht: %(alle)s."
        ) % {"kolommen": ", ".join(missing), "alle": ", ".join(COLUMNS)}
        return result

    served = set(aanbieder.gemeenten.values_list("pk", flat=True))
    allowed = served & set(gemeente_ids) if gemeente_ids is not None else served
    records = []
    for regel in bestand.regels:
        line_no, cells = regel.line, regel.cells
        if regel.fout:
            result.errors.append(RowError(line=line_no, reasons=[regel.fout]))
            continue
        records.append(
            (
                line_no,
                {n: (cells[i].strip() if i < len(cells) else "") for i, n in enumerate(header)},
            )
        )
    bsns = {core_rules.bsn_normalise(r.get("bsn", "")) for _l, r in records}
    # Only dossiers of the user's gemeenten that this provider serves are looked at:
    # whether another gemeente knows a BSN is never asked, so never revealed (issue 12).
    in_scope = _dossiers_by_bsn(bsns, allowed)
    seen: dict[tuple, int] = {}
    for line_no, row in records:
        reasons: list[str] = []
        bsn = core_rules.bsn_normalise(row.get("bsn", ""))
        dossier = None
        if not bsn:
            reasons.append(_("BSN ontbreekt."))
        elif not core_rules.bsn_is_valid(bsn):
            reasons.append(_("Ongeldig BSN (voldoet niet aan de elfproef)."))
        elif bsn not in in_scope:
            reasons.append(
                _(
                    "Geen dossier met dit BSN in een gemeente waarvoor u werkt en die deze "
                    "aanbieder bedient."
                )
            )
        else:
            dossier = in_scope[bsn]
        soort_regel = row.get("type", "").strip().lower()
        data: dict = {}
        if soort_regel == "uren":
            data = _parse_uren(row, reasons, today)
            key = (
                "uren",
                bsn,
                data.get("soort"),
                data.get("periode_start"),
                data.get("periode_eind"),
            )
        elif soort_regel == "examen":
            data = _parse_examen(row, reasons, today)
            key = ("examen", bsn, data.get("onderdeel"), data.get("datum"))
        else:
            reasons.append(
                _("Onbekend type '%(t)s' (kies uren of examen).") % {"t": row.get("type", "")}
            )
            key = ("?", line_no)
        if not reasons and key in seen:
            reasons.append(
                _("Dubbele regel: dezelfde gegevens staan ook op regel %(r)s.") % {"r": seen[key]}
            )
        if reasons:
            result.errors.append(RowError(line=line_no, reasons=reasons))
            continue
        seen[key] = line_no
        item = VoortgangRow(line=line_no, type=soort_regel, dossier=dossier, data=data)
        item.actie = _bestaande_actie(item, aanbieder)
        result.rows.append(item)
    return result


def _parse_datum(row: dict, col: str, reasons: list[str], *, verplicht: bool = True):
    raw = row.get(col, "")
    if not raw:
        if verplicht:
            reasons.append(_("De kolom %(kolom)s is leeg.") % {"kolom": col})
        return None
    try:
        return parse_date(raw)
    except ValueError:
        reasons.append(
            _(
                "Onmogelijke datum in %(kolom)s: '%(waarde)s' (gebruik 2026-11-22 of "
                "22-11-2026, jaar %(van)s–%(tot)s)."
            )
            % {
                "kolom": col,
                "waarde": raw[:40],
                "van": csvsafe.DATUM_MIN_JAAR,
                "tot": csvsafe.DATUM_MAX_JAAR,
            }
        )
        return None


def _parse_uren(row: dict, reasons: list[str], today: date) -> dict:
    van = _parse_datum(row, "van", reasons)
    tot = _parse_datum(row, "tot", reasons)
    soort = SOORTEN.get(row.get("soort", "").strip().lower())
    if soort is None:
        reasons.append(
            _("Onbekende soort uren '%(s)s' (kies %(keuzes)s).")
            % {"s": row.get("soort", ""), "keuzes": ", ".join(s.value for s in UrenSoort)}
        )
    if van and tot:
        if tot < van:
            reasons.append(_("De datum 'tot' ligt voor de datum 'van'."))
        elif tot > today:
            reasons.append(_("De periode ligt (deels) in de toekomst."))
    waarden = {}
    for col, veld in (
        ("aanwezig", "aanwezig"),
        ("geoorloofd", "afwezig_geoorloofd"),
        ("ongeoorloofd", "afwezig_ongeoorloofd"),
    ):
        try:
            waarden[veld] = _decimal(row.get(col, ""))
        except InvalidOperation:
            reasons.append(
                _("Geen getal in %(kolom)s: '%(w)s'.") % {"kolom": col, "w": row.get(col, "")}
            )
            continue
        if waarden[veld] < 0:
            reasons.append(_("Negatief aantal uren in %(kolom)s.") % {"kolom": col})
    if van and tot and tot >= van and len(waarden) == 3 and all(v >= 0 for v in waarden.values()):
        maximum = rules.max_uren_periode(van, tot)
        totaal = sum(waarden.values())
        if totaal > maximum:
            reasons.append(
                _("Onwaarschijnlijk veel uren: %(n)s uur in %(d)s dagen (maximaal %(max)s).")
                % {"n": f"{totaal:.1f}", "d": (tot - van).days + 1, "max": f"{maximum:.0f}"}
            )
    return {"soort": soort, "periode_start": van, "periode_eind": tot, **waarden}


def _parse_examen(row: dict, reasons: list[str], today: date) -> dict:
    onderdeel = ONDERDELEN.get(row.get("onderdeel", "").strip().lower())
    if onderdeel is None:
        reasons.append(
            _(
                "Onbekend examenonderdeel '%(o)s' (kies lezen, luisteren, schrijven, "
                "spreken of knm)."
            )
            % {"o": row.get("onderdeel", "")}
        )
    niveau_raw = row.get("niveau", "").strip().lower()
    niveau = NIVEAUS.get(niveau_raw, "")
    if onderdeel == ExamenOnderdeel.KNM:
        niveau = ""
    elif not niveau:
        reasons.append(
            _("Onbekend of leeg niveau '%(n)s' (kies A1, A2, B1 of B2).")
            % {"n": row.get("niveau", "")}
        )
    datum = _parse_datum(row, "datum", reasons)
    resultaat = RESULTATEN.get(row.get("resultaat", "").strip().lower())
    if resultaat is None:
        reasons.append(
            _("Onbekend resultaat '%(r)s' (kies behaald, niet behaald of gepland).")
            % {"r": row.get("resultaat", "")}
        )
    if datum and datum > today and resultaat != ExamenResultaat.GEPLAND:
        reasons.append(_("De examendatum ligt in de toekomst."))
    poging = None
    raw = row.get("poging", "").strip()
    if raw:
        if raw.isdigit() and 1 <= int(raw) <= 20:
            poging = int(raw)
        else:
            reasons.append(_("Ongeldige poging '%(p)s' (1 tot en met 20).") % {"p": raw})
    return {
        "onderdeel": onderdeel,
        "niveau": niveau,
        "datum": datum,
        "resultaat": resultaat,
        "poging": poging,
    }


def _bestaande_actie(item: VoortgangRow, aanbieder: Aanbieder) -> str:
    d = item.data
    if item.type == "uren":
        bestaand = Urenregistratie.objects.filter(
            dossier=item.dossier,
            aanbieder=aanbieder,
            soort=d["soort"],
            periode_start=d["periode_start"],
            periode_eind=d["periode_eind"],
        ).first()
        if bestaand is None:
            return "nieuw"
        same = all(
            getattr(bestaand, k) == d[k]
            for k in ("aanwezig", "afwezig_geoorloofd", "afwezig_ongeoorloofd")
        )
        return "ongewijzigd" if same else "bijgewerkt"
    bestaand = Examen.objects.filter(
        dossier=item.dossier, onderdeel=d["onderdeel"], datum=d["datum"]
    ).first()
    if bestaand is None:
        return "nieuw"
    same = (bestaand.niveau, bestaand.resultaat) == (d["niveau"], d["resultaat"]) and (
        d["poging"] is None or d["poging"] == bestaand.poging
    )
    return "ongewijzigd" if same else "bijgewerkt"


def run_import(
    *,
    actor,
    aanbieder: Aanbieder,
    content: bytes,
    gemeente_ids: set[int] | None = None,
    dry_run: bool = False,
    today: date | None = None,
    verwacht: list[int] | None = None,
) -> VoortgangResult:
    """Parse and, unless ``dry_run``, save every good row — all in ONE transaction, or
    none (a row that still fails is reported and nothing is saved). ``verwacht`` are
    the line numbers the preview showed as good: when they differ now, nothing is
    saved and the new preview is returned with ``changed=True``. One timeline line
    per dossier; signals are refreshed for the dossiers touched."""
    from casefiles.choices import AccessAction
    from casefiles.importers import ROW_ERRORS
    from casefiles.services import access_log_record, gebeurtenis_record

    from . import services

    today = today or timezone.localdate()
    result = parse(content, aanbieder=aanbieder, gemeente_ids=gemeente_ids, today=today)
    if dry_run or not result.ok:
        return result
    if verwacht is not None and sorted(verwacht) != [r.line for r in result.rows]:
        result.changed = True
        result.file_error = _(
            "Sinds de controle is er iets veranderd. Er is niets geïmporteerd. Bekijk het "
            "nieuwe overzicht en bevestig opnieuw."
        )
        return result
    fouten: list[RowError] = []
    touched: dict[int, tuple[Dossier, int]] = {}
    try:
        with transaction.atomic():
            for row in result.rows:
                try:
                    with transaction.atomic():
                        if row.type == "uren":
                            _obj, actie = services.uren_registreren(
                                actor=actor,
                                dossier=row.dossier,
                                aanbieder=aanbieder,
                                bron=UrenBron.IMPORT,
                                today=today,
                                stil=True,
                                **row.data,
                            )
                        else:
                            _obj, actie = services.examen_registreren(
                                actor=actor,
                                dossier=row.dossier,
                                bron=UrenBron.IMPORT,
                                today=today,
                                stil=True,
                                **row.data,
                            )
                except ROW_ERRORS as exc:
                    fouten.append(RowError(line=row.line, reasons=_messages(exc)))
                    continue
                row.actie = actie
                if actie != "ongewijzigd":
                    d, n = touched.get(row.dossier.pk, (row.dossier, 0))
                    touched[row.dossier.pk] = (d, n + 1)
            if fouten:
                raise _Afgebroken
            for dossier, n in touched.values():
                gebeurtenis_record(
                    dossier=dossier,
                    actor=actor,
                    soort="uren",
                    titel=_("Voortgang geïmporteerd van %(a)s: %(n)s regel(s)")
                    % {"a": aanbieder.naam, "n": n},
                )
                access_log_record(
                    user=actor,
                    dossier=dossier,
                    action=AccessAction.UPDATE,
                    onderdeel="leerroutes.import",
                )
                if dossier.status == DossierStatus.UITVOERING:
                    services.signalen_bijwerken(dossier=dossier, today=today)
    except _Afgebroken:
        result.errors = sorted(result.errors + fouten, key=lambda e: e.line)
        result.file_error = _(
            "Er is niets geïmporteerd: %(n)s regel(s) konden niet worden opgeslagen "
            "(zie hieronder). Verbeter het bestand en probeer het opnieuw."
        ) % {"n": len(fouten)}
        return result
    counts = result.telling()
    result.nieuw, result.bijgewerkt, result.ongewijzigd = (
        counts["nieuw"],
        counts["bijgewerkt"],
        counts["ongewijzigd"],
    )
    return result


class _Afgebroken(Exception):
    """Rolls back the whole import after the failing rows were collected."""


def _messages(exc: Exception) -> list[str]:
    from casefiles.importers import _messages as messages

    return messages(exc)
