"""The sections of an inzage export (AVG art. 15/20): a registry, so that every app
that holds data about an inburgeraar contributes its own part.

A section is a name (the key in the JSON), a Dutch title, a short B1 explanation
and a *collector*: a function that receives the :class:`Bron` (the person record
and the ids of its dossiers) and returns the :class:`Record` objects of that
section. ``models`` names the models a section covers; the completeness test
(tests/privacy/inzage/test_sections.py) fails when a model that refers to a dossier
or a person is in no section and not in :data:`NIET_IN_EXPORT` with a reason.

Another app adds its part with one call, e.g. the DUO messages::

    from privacy.inzage.sections import register_section, records_of

    register_section(
        "duo", "Berichten met DUO",
        lambda bron: records_of(DuoBericht.objects.filter(dossier_id__in=bron.dossier_ids)),
        models=[DuoBericht],
        uitleg="Wij wisselen gegevens over uw inburgering uit met DUO.",
    )

(call it from the app's ``AppConfig.ready``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.functional import Promise

StrOrPromise = str | Promise

#: Fields never exported: technical keys and integrity data that say nothing about
#: the person (the access log's hash chain, a job's claim token, edit versions).
TECHNISCHE_VELDEN = frozenset(
    {
        "id",
        "lock_version",
        "seq",
        "prev_hash",
        "hash",
        "request_id",
        "claim",
        "geclaimd_op",
        "inhoud_hash",
    }
)


@dataclass(frozen=True)
class Bron:
    """What the export is about: one person record and its dossiers (one gemeente)."""

    inburgeraar: Any
    dossier_ids: tuple[int, ...]


@dataclass
class Veld:
    naam: str
    label: str
    waarde: Any  # JSON value
    tekst: str  # readable value for the PDF ("" when empty)


@dataclass
class Record:
    """One row of data: its kind (model label), id and fields."""

    soort: str
    soort_label: str
    id: Any
    velden: list[Veld] = field(default_factory=list)
    #: files that belong to the record (path inside the ZIP → storage FieldFile)
    bestanden: dict[str, FieldFile] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "soort": self.soort,
            "soort_label": self.soort_label,
            "id": self.id,
            "gegevens": {v.naam: v.waarde for v in self.velden},
            **({"bestanden": sorted(self.bestanden)} if self.bestanden else {}),
        }

    @property
    def gevulde_velden(self) -> list[Veld]:
        return [v for v in self.velden if v.tekst]

    @property
    def pdf_velden(self) -> list[Veld]:
        from .export import PDF_WEGLATEN

        return [v for v in self.gevulde_velden if v.naam not in PDF_WEGLATEN]


Collector = Callable[[Bron], Iterable[Record]]


@dataclass(frozen=True)
class Section:
    name: str
    title: str
    collector: Collector
    uitleg: str = ""
    models: tuple[type[models.Model], ...] = ()
    volgorde: int = 100


_SECTIONS: dict[str, Section] = {}

#: Models that refer to a dossier or person but are not exported, with the reason.
NIET_IN_EXPORT: dict[str, str] = {}


def register_section(
    name: str,
    title: str | StrOrPromise,
    collector: Collector,
    *,
    uitleg: str | StrOrPromise = "",
    models: Sequence[type[models.Model]] = (),
    volgorde: int = 100,
) -> Section:
    """Add (or replace, for the same name) a section of the inzage export."""
    section = Section(
        name=name,
        title=str(title),
        collector=collector,
        uitleg=str(uitleg),
        models=tuple(models),
        volgorde=volgorde,
    )
    _SECTIONS[name] = section
    return section


def exclude_model(label: str, reden: str) -> None:
    """Record that model ``app_label.ModelName`` is deliberately not exported."""
    NIET_IN_EXPORT[label] = reden


def sections() -> list[Section]:
    from . import default_sections  # noqa: F401  (registers the built-in sections)

    return sorted(_SECTIONS.values(), key=lambda s: (s.volgorde, s.name))


# --- turning model instances into records -------------------------------------------


def _user_naam(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _tekst(value: Any) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return ""
    if isinstance(value, bool):
        return "Ja" if value else "Nee"
    if isinstance(value, dt.datetime):
        return date_format(timezone.localtime(value), "j F Y, H:i")
    if isinstance(value, dt.date):
        return date_format(value, "j F Y")
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, list | tuple):
        return ", ".join(_tekst(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_tekst(v)}" for k, v in value.items())
    return str(value)


def _json(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def veld(naam: str, label: str, waarde: Any, tekst: str | None = None) -> Veld:
    return Veld(
        naam=naam,
        label=label,
        waarde=_json(waarde),
        tekst=_tekst(waarde) if tekst is None else tekst,
    )


def record_of(obj: models.Model, *, exclude: Iterable[str] = (), bestand_map: str = "") -> Record:
    """A record with every concrete field of ``obj`` (except technical ones):
    choices as their label, users as their name, other relations as their text."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    skip = TECHNISCHE_VELDEN | set(exclude)
    opts = obj._meta
    rec = Record(soort=opts.label_lower, soort_label=str(opts.verbose_name).capitalize(), id=obj.pk)
    for f in opts.concrete_fields:
        if f.name in skip:
            continue
        label = str(f.verbose_name)
        label = label[:1].upper() + label[1:]
        if f.is_relation:
            related = getattr(obj, f.name)
            if related is None:
                rec.velden.append(veld(f.name, label, None))
            elif isinstance(related, User):
                naam = _user_naam(related)
                rec.velden.append(veld(f.name, label, naam))
            else:
                rec.velden.append(Veld(f.name, label, related.pk, str(related)))
            continue
        value = getattr(obj, f.attname)
        if isinstance(f, models.FileField):
            file = getattr(obj, f.name)
            if file:
                pad = f"{bestand_map or opts.model_name}/{obj.pk}-{file.name.rsplit('/', 1)[-1]}"
                rec.bestanden[pad] = file
                rec.velden.append(Veld(f.name, label, pad, f"bijgevoegd bestand {pad}"))
            else:
                rec.velden.append(veld(f.name, label, None))
            continue
        if f.choices and value not in (None, ""):
            display = str(dict(f.flatchoices).get(value, value))
            rec.velden.append(Veld(f.name, label, value, display))
            continue
        rec.velden.append(veld(f.name, label, value))
    return rec


def records_of(
    queryset: models.QuerySet, *, exclude: Iterable[str] = (), bestand_map: str = ""
) -> list[Record]:
    """:func:`record_of` for each row, with every forward relation joined at once."""
    fks = [
        f.name
        for f in queryset.model._meta.concrete_fields
        if f.is_relation and f.name not in TECHNISCHE_VELDEN and f.name not in set(exclude)
    ]
    return [
        record_of(obj, exclude=exclude, bestand_map=bestand_map)
        for obj in queryset.select_related(*fks).order_by("pk")
    ]
