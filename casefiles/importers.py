"""Import of aanmeldingen (COA koppelingen, new plichtigen) from CSV.

Format (header row required, columns in any order, names case-insensitive)::

    bsn, v_nummer, achternaam, voornamen, geboortedatum, geslacht, land_van_herkomst,
    doelgroep, datum_verblijfsvergunning, datum_koppeling, azc, datum_vestiging

- separator ``,`` or ``;`` (Dutch Excel writes ``;``); UTF-8 with or without BOM
  (Windows-1252 is accepted as a fallback for old Excel exports);
- dates as ``2026-11-22`` or ``22-11-2026``;
- ``doelgroep``: asielstatushouder, nareiziger, gezinsmigrant, overige migrant;
  ``geslacht``: M, V, X — both case-insensitive; empty optional cells are allowed.

Every bad row is reported with its line number and a Dutch reason (any file, also a
hostile one, is read without an exception: casefiles.csvsafe). Confirming imports
exactly the good rows the preview showed, all in one transaction or none.
Importing the same file twice creates nothing new (the second time every row is
reported as an existing dossier).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import csvsafe, rules
from .choices import Doelgroep, Geslacht
from .models import Dossier, Gemeente

COLUMNS = [
    "bsn",
    "v_nummer",
    "achternaam",
    "voornamen",
    "geboortedatum",
    "geslacht",
    "land_van_herkomst",
    "doelgroep",
    "datum_verblijfsvergunning",
    "datum_koppeling",
    "azc",
    "datum_vestiging",
]
REQUIRED_COLUMNS = ["bsn", "achternaam", "doelgroep"]
DATE_COLUMNS = ["geboortedatum", "datum_verblijfsvergunning", "datum_koppeling", "datum_vestiging"]
DOELGROEPEN = {
    "asielstatushouder": Doelgroep.ASIELSTATUSHOUDER,
    "nareiziger": Doelgroep.NAREIZIGER,
    "gezinsmigrant": Doelgroep.GEZINSMIGRANT,
    "overige migrant": Doelgroep.OVERIGE_MIGRANT,
    "overige_migrant": Doelgroep.OVERIGE_MIGRANT,
}
GESLACHTEN = {"m": Geslacht.MAN, "v": Geslacht.VROUW, "x": Geslacht.ONBEKEND}
MAX_ROWS = 5000


@dataclass
class ImportRow:
    line: int
    persoon: dict
    dossier: dict
    doelgroep: str

    @property
    def naam(self) -> str:
        return f"{self.persoon.get('voornamen', '')} {self.persoon['achternaam']}".strip()


@dataclass
class RowError:
    line: int
    reasons: list[str]


@dataclass
class ImportResult:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    file_error: str = ""
    created: int = 0
    changed: bool = False

    @property
    def ok(self) -> bool:
        return not self.file_error


decode = csvsafe.decode
parse_date = csvsafe.parse_date


def parse(content: bytes, *, gemeente: Gemeente, today: date | None = None) -> ImportResult:
    """Validate the file; touch nothing. Duplicates are checked against the
    gemeente's dossiers and within the file."""
    today = today or timezone.localdate()
    result = ImportResult()
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

    existing_bsns = set(
        Dossier.objects.filter(gemeente=gemeente).values_list("inburgeraar__bsn", flat=True)
    )
    seen: dict[str, int] = {}
    for regel in bestand.regels:
        line_no, cells = regel.line, regel.cells
        if regel.fout:
            result.errors.append(RowError(line=line_no, reasons=[regel.fout]))
            continue
        row = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header)}
        reasons: list[str] = []
        bsn = rules.bsn_normalise(row.get("bsn", ""))
        if not bsn:
            reasons.append(_("BSN ontbreekt."))
        elif not rules.bsn_is_valid(bsn):
            reasons.append(_("Ongeldig BSN (voldoet niet aan de elfproef)."))
        elif bsn in existing_bsns:
            reasons.append(_("Er bestaat al een dossier voor dit BSN in deze gemeente."))
        elif bsn in seen:
            reasons.append(
                _("Dubbele regel: hetzelfde BSN staat ook op regel %(r)s.") % {"r": seen[bsn]}
            )
        if not row.get("achternaam"):
            reasons.append(_("Achternaam ontbreekt."))
        doelgroep_raw = row.get("doelgroep", "").strip().lower()
        doelgroep = DOELGROEPEN.get(doelgroep_raw)
        if doelgroep is None:
            reasons.append(
                _(
                    "Onbekende doelgroep '%(dg)s' (kies asielstatushouder, nareiziger, "
                    "gezinsmigrant of overige migrant)."
                )
                % {"dg": row.get("doelgroep", "")}
            )
        geslacht_raw = row.get("geslacht", "").strip().lower()
        geslacht = GESLACHTEN.get(geslacht_raw or "x")
        if geslacht is None:
            reasons.append(
                _("Onbekend geslacht '%(g)s' (kies M, V of X).") % {"g": row.get("geslacht", "")}
            )
        v_nummer = row.get("v_nummer", "").replace(" ", "")
        if v_nummer and not (v_nummer.isdigit() and len(v_nummer) == 10):
            reasons.append(_("Ongeldig V-nummer (10 cijfers)."))
        dates: dict[str, date | None] = {}
        for col in DATE_COLUMNS:
            raw = row.get(col, "")
            if not raw:
                dates[col] = None
                continue
            try:
                dates[col] = parse_date(raw)
            except ValueError:
                reasons.append(
                    _(
                        "Onmogelijke datum in %(kolom)s: '%(waarde)s' "
                        "(gebruik 2026-11-22 of 22-11-2026, jaar %(van)s–%(tot)s)."
                    )
                    % {
                        "kolom": col,
                        "waarde": raw[:40],
                        "van": csvsafe.DATUM_MIN_JAAR,
                        "tot": csvsafe.DATUM_MAX_JAAR,
                    }
                )
                dates[col] = None
        if dates.get("geboortedatum") and dates["geboortedatum"] > today:
            reasons.append(_("De geboortedatum ligt in de toekomst."))
        if (
            dates.get("datum_vestiging")
            and dates.get("datum_koppeling")
            and dates["datum_vestiging"] < dates["datum_koppeling"]
        ):
            reasons.append(_("De datum vestiging ligt voor de datum koppeling."))
        if reasons:
            result.errors.append(RowError(line=line_no, reasons=reasons))
            continue
        seen[bsn] = line_no
        result.rows.append(
            ImportRow(
                line=line_no,
                persoon={
                    "bsn": bsn,
                    "v_nummer": v_nummer,
                    "achternaam": row["achternaam"],
                    "voornamen": row.get("voornamen", ""),
                    "geslacht": geslacht,
                    "geboortedatum": dates["geboortedatum"],
                    "land_van_herkomst": row.get("land_van_herkomst", ""),
                },
                dossier={
                    "datum_verblijfsvergunning": dates["datum_verblijfsvergunning"],
                    "datum_koppeling": dates["datum_koppeling"],
                    "datum_vestiging": dates["datum_vestiging"],
                },
                doelgroep=doelgroep,
            )
        )
        # keep azc separately: it is a plain string field on the dossier
        result.rows[-1].dossier["azc"] = row.get("azc", "")
    return result


ROW_ERRORS = (ValidationError, DataError, IntegrityError, ValueError, OverflowError)
"""What one row can raise when it is saved; a lost connection is NOT one of them (it
aborts the whole import, which then commits nothing)."""


def run_import(
    *,
    actor,
    gemeente: Gemeente,
    content: bytes,
    dry_run: bool = False,
    verwacht: list[int] | None = None,
) -> ImportResult:
    """Parse and, unless ``dry_run``, create one dossier per good row — ALL of them in
    one transaction, or none. ``verwacht`` are the line numbers the preview showed
    as good: when the file or the data changed since (another import, a new
    dossier), nothing is imported and the new preview is returned with
    ``changed=True``. A row that still fails on saving is reported and nothing is
    imported, so the file can be corrected and confirmed again."""
    from .services import dossier_create

    result = parse(content, gemeente=gemeente)
    if dry_run or not result.ok:
        return result
    if verwacht is not None and sorted(verwacht) != [r.line for r in result.rows]:
        result.changed = True
        result.file_error = _(
            "Sinds de controle is er iets veranderd (bijvoorbeeld een dossier dat intussen "
            "is aangemaakt). Er is niets geïmporteerd. Bekijk het nieuwe overzicht en "
            "bevestig opnieuw."
        )
        return result
    fouten: list[RowError] = []
    try:
        with transaction.atomic():
            for row in result.rows:
                dossier_fields = dict(row.dossier)
                azc = dossier_fields.pop("azc", "")
                try:
                    with transaction.atomic():
                        dossier_create(
                            actor=actor,
                            gemeente=gemeente,
                            persoon=row.persoon,
                            doelgroep=row.doelgroep,
                            datums=dossier_fields,
                            azc=azc,
                            bron="import aanmeldingen",
                        )
                except ROW_ERRORS as exc:
                    fouten.append(RowError(line=row.line, reasons=_messages(exc)))
            if fouten:
                raise _Afgebroken
    except _Afgebroken:
        result.errors = sorted(result.errors + fouten, key=lambda e: e.line)
        result.file_error = _(
            "Er is niets geïmporteerd: %(n)s regel(s) konden niet worden opgeslagen "
            "(zie hieronder). Verbeter het bestand en probeer het opnieuw."
        ) % {"n": len(fouten)}
        return result
    result.created = len(result.rows)
    return result


class _Afgebroken(Exception):
    """Rolls back the whole import after the failing rows were collected."""


def _messages(exc: Exception) -> list[str]:
    if isinstance(exc, ValidationError):
        if hasattr(exc, "message_dict"):
            return [f"{m}" for msgs in exc.message_dict.values() for m in msgs]
        return list(exc.messages)
    # A database or value error: its text may hold data of the row; name its kind only.
    return [
        _("Deze regel kon niet worden opgeslagen (%(soort)s); controleer de waarden.")
        % {"soort": exc.__class__.__name__}
    ]
