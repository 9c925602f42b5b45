"""Reading untrusted CSV files and writing spreadsheet cells safely; shared by the
importers (aanmeldingen, provider hours and exams) and the exports.

Reading: any file gives a Dutch answer, never an exception. The file is decoded
(UTF-8 with or without BOM, UTF-16 with BOM or recognisably without, else
Windows-1252), then read ONE PHYSICAL LINE AT A TIME: a cell in our formats never
spans lines, so a broken quote spoils only its own line and every line after it is
still read — nothing is swallowed silently. A line with a control character inside
(a lone CR, NUL), with unbalanced quotes, or that is too long, is reported with its
line number and a reason.

Writing: :func:`neutraliseer` stops a spreadsheet from running a cell as a formula.
"""

from __future__ import annotations

import codecs
import csv
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext as _

MAX_BESTAND_BYTES = 5 * 1024 * 1024
"""Largest file accepted (5 MB; our largest format has 10 000 short lines)."""

MAX_REGEL_TEKENS = 4000
"""Longest line read; a longer line is reported, not parsed."""

MAX_CEL_TEKENS = 300
"""Longest cell: no field of our formats is longer (names, codes, dates)."""

DATUM_MIN_JAAR = 1900
DATUM_MAX_JAAR = 2100
"""Dates outside these years are refused as impossible (a year 9999 would overflow
the date arithmetic of deadlines)."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass
class Regel:
    """One physical line of the file: its cells, or the reason it cannot be read."""

    line: int
    cells: list[str] = field(default_factory=list)
    fout: str = ""


@dataclass
class Bestand:
    header: list[str] = field(default_factory=list)
    regels: list[Regel] = field(default_factory=list)
    file_error: str = ""


def decode(content: bytes) -> str:
    """Bytes to text: UTF-16 (BOM, or NUL bytes in the pattern of UTF-16), UTF-8
    (with or without BOM), else Windows-1252 (old Excel)."""
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return content.decode("utf-16", errors="replace")
    sample = content[:400]
    if len(sample) >= 4 and sample.count(b"\x00") * 3 >= len(sample):
        even_nul = sample[1::2].count(b"\x00") > sample[0::2].count(b"\x00")
        return content.decode("utf-16-le" if even_nul else "utf-16-be", errors="replace")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def _is_text(text: str) -> bool:
    """False for binary garbage: many control or replacement characters."""
    sample = text[:20000].replace("\r", "")
    if not sample:
        return True
    odd = len(_CONTROL.findall(sample)) + sample.count("\ufffd")
    return odd / len(sample) < 0.02


def lees(content: bytes, *, max_regels: int) -> Bestand:
    """Read a CSV file with a header row. Never raises for bad content."""
    result = Bestand()
    if len(content) > MAX_BESTAND_BYTES:
        result.file_error = _("Het bestand is groter dan %(mb)s MB; splits het op.") % {
            "mb": MAX_BESTAND_BYTES // (1024 * 1024)
        }
        return result
    text = decode(content)
    if not text.strip():
        result.file_error = _("Het bestand is leeg.")
        return result
    if not _is_text(text):
        result.file_error = _(
            "Dit is geen CSV-bestand (tekst met kolommen gescheiden door ; of ,). "
            "Sla het bestand in Excel op als 'CSV (gescheiden door lijstscheidingsteken)'."
        )
        return result
    lines = text.split("\n")
    kop_index = next((i for i, line in enumerate(lines) if line.strip()), 0)
    kop = lines[kop_index].rstrip("\r")
    if len(kop) > MAX_REGEL_TEKENS or _CONTROL.search(kop.replace("\t", "")):
        result.file_error = _("De eerste regel is geen kopregel met kolomnamen.")
        return result
    delimiter = ";" if kop.count(";") > kop.count(",") else ","
    try:
        result.header = [
            h.strip().lower().replace(" ", "_")
            for h in next(csv.reader([kop], delimiter=delimiter, strict=True))
        ]
    except (csv.Error, StopIteration):
        result.file_error = _("De kopregel kan niet worden gelezen (aanhalingstekens).")
        return result
    aantal = 0
    for index in range(kop_index + 1, len(lines)):
        line_no = index + 1
        line = lines[index]
        if line.endswith("\r"):
            line = line[:-1]
        if not line.strip().strip(delimiter).strip():
            continue
        aantal += 1
        if aantal > max_regels:
            result.file_error = _("Het bestand heeft meer dan %(n)s regels; splits het op.") % {
                "n": max_regels
            }
            return result
        result.regels.append(_regel(line_no, line, delimiter, len(result.header)))
    return result


def _regel(line_no: int, line: str, delimiter: str, kolommen: int) -> Regel:
    if len(line) > MAX_REGEL_TEKENS:
        return Regel(
            line_no,
            fout=_(
                "De regel is te lang (%(n)s tekens); een cel mag hoogstens %(max)s tekens hebben."
            )
            % {"n": len(line), "max": MAX_CEL_TEKENS},
        )
    if "\x00" in line:
        return Regel(line_no, fout=_("De regel bevat een ongeldig teken (NUL)."))
    if "\r" in line:
        return Regel(
            line_no,
            fout=_(
                "Een cel bevat een regeleinde (CR). Haal de harde return uit de cel en "
                "probeer opnieuw."
            ),
        )
    if _CONTROL.search(line.replace("\t", "")):
        return Regel(line_no, fout=_("De regel bevat een onleesbaar (stuur)teken."))
    try:
        cells = next(csv.reader([line], delimiter=delimiter, strict=True))
    except csv.Error:
        return Regel(
            line_no,
            fout=_(
                'De aanhalingstekens in deze regel kloppen niet (een cel begint met " '
                "maar sluit niet goed af). De regel is niet gelezen."
            ),
        )
    if len(cells) > kolommen and any(c.strip() for c in cells[kolommen:]):
        return Regel(
            line_no,
            fout=_("De regel heeft meer cellen (%(n)s) dan de kopregel kolommen (%(k)s).")
            % {"n": len(cells), "k": kolommen},
        )
    te_lang = [i for i, c in enumerate(cells) if len(c) > MAX_CEL_TEKENS]
    if te_lang:
        return Regel(
            line_no,
            fout=_("Een cel is te lang (%(n)s tekens; hoogstens %(max)s).")
            % {"n": len(cells[te_lang[0]]), "max": MAX_CEL_TEKENS},
        )
    return Regel(line_no, cells=[c.strip() for c in cells])


def parse_date(value: str) -> date:
    """``2026-11-22``, ``22-11-2026`` or ``22/11/2026``, years 1900–2100; else
    ValueError."""
    value = value.strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            d = datetime.strptime(value, fmt).date()  # noqa: DTZ007
        except ValueError:
            continue
        if not DATUM_MIN_JAAR <= d.year <= DATUM_MAX_JAAR:
            raise ValueError(value)
        return d
    raise ValueError(value)


_FORMULE_START = ("=", "+", "-", "@", "\t", "\r")
_GETAL = re.compile(r"^[+-]?\d+([.,]\d+)*\s*%?$")


def gevaarlijk(value: object) -> bool:
    """True for text a spreadsheet would run as a formula (starts with = + - @, a tab
    or a CR). Plain numbers such as ``-3,5`` are not dangerous."""
    return (
        isinstance(value, str)
        and value.startswith(_FORMULE_START)
        and not _GETAL.match(value.strip())
    )


def neutraliseer(value: object) -> object:
    """A cell for CSV: dangerous text gets a leading apostrophe (OWASP CSV
    injection), so the spreadsheet shows it as text."""
    if gevaarlijk(value):
        return "'" + str(value)
    return value


def xlsx_append(ws, values: list) -> None:
    """Append a row to an openpyxl worksheet without formulas: text that a
    spreadsheet would run (see :func:`gevaarlijk`) is stored as a text cell with
    Excel's quote prefix (shown as typed, never evaluated)."""
    ws.append(values)
    for cell in ws[ws.max_row]:
        if gevaarlijk(cell.value):
            cell.data_type = "s"
            cell.quotePrefix = True
