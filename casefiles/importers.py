"""Import of aanmeldingen (COA koppelingen, new plichtigen) from CSV.

Format (header row required, columns in any order, names case-insensitive)::

    bsn, v_nummer, achternaam, voornamen, geboortedatum, geslacht, land_van_herkomst,
    doelgroep, datum_verblijfsvergunning, datum_koppeling, azc, datum_vestiging

- separator ``,`` or ``;`` (Dutch Excel writes ``;``); UTF-8 with or without BOM
  (Windows-1252 is accepted as a fallback for old Excel exports);
- dates as ``2026-11-22`` or ``22-11-2026``;
- ``doelgroep``: asielstatushouder, nareiziger, gezinsmigrant, overige migrant;
  ``geslacht``: M, V, X — both case-insensitive; empty optional cells are allowed.

Every bad row is reported with its line number and a Dutch reason; good rows are
kept. Importing the same file twice creates nothing new (the second time every row
is reported as an existing dossier).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import rules
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

    @property
    def ok(self) -> bool:
        return not self.file_error


def decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def parse_date(value: str) -> date:
    value = value.strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, fmt).date()  # noqa: DTZ007
        except ValueError:
            continue
    raise ValueError(value)


def parse(content: bytes, *, gemeente: Gemeente, today: date | None = None) -> ImportResult:
    """Validate the file; touch nothing. Duplicates are checked against the
    gemeente's dossiers and within the file."""
    today = today or timezone.localdate()
    result = ImportResult()
    text = decode(content)
    if not text.strip():
        result.file_error = _("Het bestand is leeg.")
        return result
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower().replace(" ", "_") for h in next(reader)]
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
    for line_no, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if line_no > MAX_ROWS + 1:
            result.file_error = _("Het bestand heeft meer dan %(n)s regels; splits het op.") % {
                "n": MAX_ROWS
            }
            return result
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
                        "(gebruik 2026-11-22 of 22-11-2026)."
                    )
                    % {"kolom": col, "waarde": raw}
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


def run_import(*, actor, gemeente: Gemeente, content: bytes, dry_run: bool = False) -> ImportResult:
    """Parse and, unless ``dry_run``, create one dossier per good row. Each row is
    saved in its own savepoint: a row that still fails (e.g. a BSN another
    gemeente registered with other data) is reported, the rest are kept."""
    from .services import dossier_create

    result = parse(content, gemeente=gemeente)
    if dry_run or not result.ok:
        return result
    kept: list[ImportRow] = []
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
        except ValidationError as exc:
            result.errors.append(RowError(line=row.line, reasons=_messages(exc)))
            continue
        kept.append(row)
    result.rows = kept
    result.created = len(kept)
    result.errors.sort(key=lambda e: e.line)
    return result


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "message_dict"):
        return [f"{m}" for msgs in exc.message_dict.values() for m in msgs]
    return list(exc.messages)
