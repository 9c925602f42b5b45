"""Retention and anonymisation (AVG art. 5 lid 1 sub e, art. 17; Archiefwet).

For every closed dossier whose retention period has passed (rules.py, per gemeente
:class:`Bewaartermijn`), the job removes the person and the free text and keeps the
figures:

- **records of the dossier** (every model of our apps that leads to the dossier through
  foreign keys — found by introspection, so a new app is covered without a list to
  maintain — AND their django-simple-history ``Historical*`` rows): every text field
  without choices is emptied, every JSON field that is not a list of choice values is
  reset, every file is deleted from storage. Choice fields (route, outcome, status,
  doelgroep), numbers, amounts and the process dates stay: they are what the policy
  dashboard counts (monitoring), and they say nothing about who the person was;
- **a vastgestelde PIP** (every version that was ever vastgesteld, its goals, its
  letters and their history) only when its own period (:attr:`Bewaarsoort.PIP`) has
  passed; the database's immutability trigger lets exactly this job through (privacy
  migration 0002, ``SET LOCAL privacy.anonimiseren``);
- **the person record** (BSN, names, birth date, address, contact; its history; the
  household members' names and birth dates) once its dossier needs it no more (both
  kinds anonymised): the BSN becomes ``X`` + the record id (not a BSN: it fails the
  elfproef, keeps the per-gemeente uniqueness);
- **the access log** is not touched: its rows hold ids and the purpose values the code
  writes (fixed texts, never typed by a user), so no personal data — and changing them
  would break the hash chain (casefiles.accesslog.verify). The job appends one row per
  anonymised dossier (action "delete", onderdeel ``privacy.anonimiseren.<soort>``).

Work is set-based: per chunk of :data:`rules.CHUNK` dossiers one UPDATE per model (and
one SELECT per model with files), whatever the number of rows; idempotent through
:class:`Anonimisering` (a dossier done is never selected again).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.files.storage import storages
from django.db import connection, models, transaction
from django.db.models import CharField, DateField, DateTimeField, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat, Greatest, LPad, TruncDate
from django.utils import timezone

from casefiles.choices import AccessAction, DossierStatus

from . import rules
from .choices import Bewaarsoort
from .models import Anonimisering, Bewaartermijn

APPS = tuple(settings.PROJECT_APPS)
"""The apps whose records can hang on a dossier or a person. A model of any of them
that reaches the dossier through foreign keys is anonymised with it (privacy's own
inzage and correction requests included); its own retention records hold ids only and
reach no dossier."""

GESLOTEN = (DossierStatus.AFGEROND, DossierStatus.VERHUISD, DossierStatus.BEEINDIGD)
"""A dossier's period starts only once it is closed (DESIGN §4, step 6)."""

TECHNISCH = frozenset(
    {
        "sha256",
        "inhoud_hash",
        "content_type",
        "sleutel",
        "dedup_key",
        "request_id",
        "msg_id",
        "claim",
        "hash",
        "prev_hash",
        "code",
        "soort",
        "gedetailleerde_doelgroep",
    }
)
"""Text fields without choices that are technical keys or codes, never personal data."""

KEUZELIJSTEN = frozenset({"onderwerpen", "onderdelen", "afgeschaalde_onderdelen"})
"""JSON fields that hold lists of choice values (kept: categories, not a person)."""

PERSOONSDATUMS = frozenset({"geboortedatum", "verwachte_aankomst"})
"""Date fields that identify a person (emptied); other dates are process dates (kept)."""

NIET_AANRAKEN = frozenset({"casefiles.accesslog", "casefiles.securityevent"})
"""Append-only logs: ids only, hash-chained or guarded (see the module docstring)."""

#: The PIP family: records that belong to a version, with the lookup to that version.
PIP_FAMILIE = {
    "pip_plans.pipversie": "id",
    "pip_plans.historicalpipversie": "id",
    "pip_plans.pipdoel": "versie_id",
    "pip_plans.historicalpipdoel": "versie_id",
    "pip_plans.pipbrief": "versie_id",
}

SYSTEEM_USER_ID = 0
"""``user_id`` of the access-log rows the nightly job writes (no person did it)."""

DOEL = "bewaartermijn verstreken (AVG art. 5 lid 1 sub e; Archiefwet)"
"""The purpose the job writes in the access log."""


# --- the plan: which model, how it reaches the dossier, what is emptied -----------------


@dataclass
class Doelwit:
    model: type[models.Model]
    pad: str  # lookup from the model to the dossier id (or person id)
    leeg: dict[str, Any] = field(default_factory=dict)
    bestanden: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.model._meta.label_lower


def _is_tekst(f) -> bool:
    return isinstance(f, (models.CharField, models.TextField)) and not f.choices


def _leegwaarden(model) -> tuple[dict[str, Any], list[str]]:
    from casefiles.locking import LockVersionField

    leeg: dict[str, Any] = {}
    bestanden: list[str] = []
    historisch = hasattr(model, "instance_type")
    for f in model._meta.concrete_fields:
        if f.primary_key or f.is_relation:
            continue
        if isinstance(f, LockVersionField) and not historisch:
            # an edit form opened before the job is refused when saved (optimistic
            # locking), so nobody writes the removed data back unknowingly
            leeg[f.attname] = F(f.attname) + 1
            continue
        if isinstance(f, models.FileField):
            bestanden.append(f.attname)
            leeg[f.attname] = ""
        elif _is_tekst(f) and f.name not in TECHNISCH:
            leeg[f.attname] = ""
        elif isinstance(f, models.JSONField) and f.name not in KEUZELIJSTEN:
            leeg[f.attname] = f.get_default()
        elif isinstance(f, models.DateField) and f.name in PERSOONSDATUMS:
            leeg[f.attname] = None
    return leeg, bestanden


def _pad(model, doel, *, max_diepte: int = 4, via_persoon_niet: bool = True) -> str | None:
    """Shortest chain of forward foreign keys from ``model`` to ``doel`` as an id
    lookup (``versie__dossier_id``), or None."""
    Inburgeraar = apps.get_model("casefiles", "Inburgeraar")
    queue: deque[tuple[Any, str, int]] = deque([(model, "", 0)])
    seen = {model}
    while queue:
        current, prefix, depth = queue.popleft()
        for f in current._meta.concrete_fields:
            if not (f.many_to_one or f.one_to_one) or f.related_model is None:
                continue
            target = f.related_model
            if target is doel:
                return f"{prefix}{f.attname}"
            if via_persoon_niet and target is Inburgeraar:
                continue
            if target in seen or depth + 1 >= max_diepte:
                continue
            if target._meta.app_label not in APPS:
                continue
            seen.add(target)
            queue.append((target, f"{prefix}{f.name}__", depth + 1))
    return None


@cache
def plan() -> tuple[list[Doelwit], list[Doelwit]]:
    """(records of a dossier, records of a person) — every model of :data:`APPS`,
    historical ones included, with the way to its dossier or person."""
    Dossier = apps.get_model("casefiles", "Dossier")
    Inburgeraar = apps.get_model("casefiles", "Inburgeraar")
    dossierdeel: list[Doelwit] = []
    persoonsdeel: list[Doelwit] = []
    for model in apps.get_models():
        if model._meta.app_label not in APPS or model._meta.label_lower in NIET_AANRAKEN:
            continue
        leeg, bestanden = _leegwaarden(model)
        if not leeg:
            continue
        instance = getattr(model, "instance_type", None)  # simple-history
        if model is Inburgeraar or instance is Inburgeraar:
            persoonsdeel.append(Doelwit(model, "id", leeg, bestanden))
            continue
        if model is Dossier or instance is Dossier:
            dossierdeel.append(Doelwit(model, "id", leeg, bestanden))
            continue
        direct = {
            f.attname
            for f in model._meta.concrete_fields
            if f.many_to_one and f.related_model is Inburgeraar
        }
        if direct:  # household members: they go with the person
            persoonsdeel.append(Doelwit(model, sorted(direct)[0], leeg, bestanden))
            continue
        pad = _pad(model, Dossier)
        if pad is not None:
            dossierdeel.append(Doelwit(model, pad, leeg, bestanden))
    return dossierdeel, persoonsdeel


# --- which dossiers: closed and past their period ------------------------------------------


def termijnen(gemeente_id: int) -> dict[str, int]:
    """The retention in years per kind for a gemeente: its own rows, else the defaults."""
    result = {soort: s.jaren for soort, s in rules.STANDAARD_TERMIJNEN.items()}
    for soort, jaren in Bewaartermijn.objects.filter(gemeente_id=gemeente_id).values_list(
        "soort", "jaren"
    ):
        result[soort] = jaren
    return result


def _einddatum():
    """The dossier's einddatum as an expression (rules.einddatum_toelichting): the day
    it was closed (its last status change in the timeline, written by
    casefiles.services.dossier_change_status; without one, its last change), or a
    later end of the inburgeringsplicht."""
    from casefiles.models import Gebeurtenis, PlichtEinde

    oud = Value(date(1900, 1, 1), output_field=DateField())
    plicht = Subquery(
        PlichtEinde.objects.filter(dossier_id=OuterRef("pk"))
        .order_by("-einddatum_plicht")
        .values("einddatum_plicht")[:1],
        output_field=DateField(),
    )
    gesloten = Subquery(
        Gebeurtenis.objects.filter(dossier_id=OuterRef("pk"), soort="status")
        .order_by("-moment")
        .values("moment")[:1],
        output_field=DateTimeField(),
    )
    return Greatest(
        Coalesce(TruncDate(gesloten), TruncDate("gewijzigd_op")),
        Coalesce("datum_plicht_voldaan", oud),
        Coalesce(plicht, oud),
        output_field=DateField(),
    )


def kandidaten(*, gemeente_id: int, soort: str, vandaag: date, jaren: int | None = None):
    """Ids of the closed dossiers of the gemeente whose period of ``soort`` has passed
    on ``vandaag`` and that were not anonymised for it yet (a QuerySet of ids)."""
    from casefiles.models import Dossier

    if jaren is None:
        jaren = termijnen(gemeente_id)[soort]
    grens = rules.grensdatum(vandaag, jaren)
    gedaan = Anonimisering.objects.filter(soort=soort, dossier_id__isnull=False).values(
        "dossier_id"
    )
    return (
        Dossier.objects.filter(gemeente_id=gemeente_id, status__in=GESLOTEN)
        .alias(einde=_einddatum())
        .filter(einde__lte=grens)
        .exclude(pk__in=gedaan)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


# --- the job ---------------------------------------------------------------------------


@dataclass
class Verslag:
    """What a run did (or, dry, would do): ids per gemeente and kind. Ids only."""

    dry_run: bool
    dossiers: dict[str, dict[int, list[int]]] = field(default_factory=dict)
    personen: dict[int, list[int]] = field(default_factory=dict)
    bestanden: int = 0
    importbestanden: int = 0

    def aantal(self, soort: str) -> int:
        return sum(len(v) for v in self.dossiers.get(soort, {}).values())

    @property
    def aantal_personen(self) -> int:
        return sum(len(v) for v in self.personen.values())


def retentie_uitvoeren(
    *,
    actor=None,
    dry_run: bool = False,
    vandaag: date | None = None,
    gemeente_ids: Iterable[int] | None = None,
    chunk: int = rules.CHUNK,
) -> Verslag:
    """Anonymise every dossier (and then person) whose period has passed; with
    ``dry_run`` only report the ids. ``actor`` None = the nightly job (user id 0 in the
    access log). Each chunk is one transaction: an interrupted run leaves whole chunks
    done and the next run does the rest."""
    from casefiles.models import Gemeente

    vandaag = vandaag or timezone.localdate()
    verslag = Verslag(dry_run=dry_run)
    gemeenten = Gemeente.objects.order_by("pk").values_list("pk", flat=True)
    if gemeente_ids is not None:
        gemeenten = gemeenten.filter(pk__in=list(gemeente_ids))
    for gemeente_id in gemeenten:
        jaren = termijnen(gemeente_id)
        for soort in (Bewaarsoort.DOSSIER, Bewaarsoort.PIP):
            qs = kandidaten(
                gemeente_id=gemeente_id, soort=soort, vandaag=vandaag, jaren=jaren[soort]
            )
            if dry_run:
                ids = list(qs)
                if ids:
                    verslag.dossiers.setdefault(soort, {})[gemeente_id] = ids
                continue
            vorige: list[int] = []
            while True:
                ids = list(qs[:chunk])
                if not ids or ids == vorige:  # nothing (more) that can be done now
                    break
                vorige = ids
                bestanden, gedaan = _anonimiseer_chunk(
                    soort=soort, gemeente_id=gemeente_id, ids=ids, actor=actor
                )
                verslag.bestanden += bestanden
                if gedaan:
                    verslag.dossiers.setdefault(soort, {}).setdefault(gemeente_id, []).extend(
                        gedaan
                    )
        personen = _personen_klaar(gemeente_id, dry_run=dry_run, verslag=verslag)
        if personen:
            verslag.personen[gemeente_id] = personen
    return verslag


def _personen_klaar(gemeente_id: int, *, dry_run: bool, verslag: Verslag) -> list[int]:
    """Person records of the gemeente whose every dossier is anonymised for every kind
    (in a dry run: also counting the dossiers the run would do)."""
    from casefiles.models import Dossier, Inburgeraar

    soorten = [s.value for s in Bewaarsoort]
    nog_nodig = Dossier.objects.filter(gemeente_id=gemeente_id)
    klaar_q = Q()
    for soort in soorten:
        gedaan = Anonimisering.objects.filter(soort=soort, dossier_id__isnull=False).values(
            "dossier_id"
        )
        zou = verslag.dossiers.get(soort, {}).get(gemeente_id, []) if dry_run else []
        klaar_q &= Q(pk__in=gedaan) | Q(pk__in=zou)
    nog_nodig = nog_nodig.exclude(klaar_q)
    personen = (
        Inburgeraar.objects.filter(gemeente_id=gemeente_id, dossiers__isnull=False)
        .exclude(pk__in=nog_nodig.values("inburgeraar_id"))
        .exclude(
            pk__in=Anonimisering.objects.filter(inburgeraar_id__isnull=False).values(
                "inburgeraar_id"
            )
        )
        .distinct()
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    ids = list(personen)
    if ids and not dry_run:
        for start in range(0, len(ids), rules.CHUNK):
            _anonimiseer_personen(gemeente_id=gemeente_id, ids=ids[start : start + rules.CHUNK])
    return ids


def _update(qs, waarden: dict[str, Any]) -> int:
    # the plain QuerySet.update: the guards of append-only or frozen models' own
    # querysets are for everyday code; the database trigger is passed by SET LOCAL
    return models.QuerySet.update(qs, **waarden)


@contextmanager
def pip_ontgrendeld() -> Iterator[None]:
    """Inside the caller's transaction: let the PIP immutability trigger pass this
    job's UPDATEs (privacy migration 0002), and close it again afterwards — also when
    the caller's transaction goes on (SET LOCAL lasts until the end of the outer
    transaction, not of a savepoint). On an error the savepoint's rollback undoes the
    setting itself."""
    postgres = connection.vendor == "postgresql"
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL privacy.anonimiseren = 'aan'")
    yield
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL privacy.anonimiseren = 'uit'")


def _verwijder_bestanden(doelwit: Doelwit, qs) -> int:
    if not doelwit.bestanden:
        return 0
    namen = [n for rij in qs.values_list(*doelwit.bestanden) for n in rij if n]
    storage = doelwit.model._meta.get_field(doelwit.bestanden[0]).storage  # type: ignore[union-attr]
    for naam in namen:
        storage.delete(naam)
    return len(namen)


def _anonimiseer_chunk(
    *, soort: str, gemeente_id: int, ids: list[int], actor
) -> tuple[int, list[int]]:
    """Anonymise one chunk of dossiers for ``soort``; returns the number of files
    deleted and the ids done. The dossiers are locked first and only those still closed
    are done: one reopened since they were selected is left alone."""
    from casefiles import accesslog
    from casefiles.models import Dossier
    from pip_plans.choices import VersieStatus
    from pip_plans.models import PipVersie

    dossierdeel, _ = plan()
    bestanden = 0
    with transaction.atomic():
        ids = list(
            Dossier.objects.select_for_update()
            .filter(pk__in=ids, gemeente_id=gemeente_id, status__in=GESLOTEN)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if not ids:
            return 0, []
        with pip_ontgrendeld():
            vastgesteld = PipVersie._base_manager.filter(dossier_id__in=ids).exclude(
                status=VersieStatus.CONCEPT
            )
            vast_ids = list(vastgesteld.values_list("pk", flat=True))
            for doelwit in dossierdeel:
                qs = doelwit.model._base_manager.all()
                versie_pad = PIP_FAMILIE.get(doelwit.label)
                if soort == Bewaarsoort.PIP:
                    if versie_pad is None:
                        continue
                    qs = qs.filter(**{f"{versie_pad}__in": vast_ids})
                else:
                    qs = qs.filter(**{f"{doelwit.pad}__in": ids})
                    if versie_pad is not None:
                        qs = qs.exclude(**{f"{versie_pad}__in": vast_ids})
                bestanden += _verwijder_bestanden(doelwit, qs)
                _update(qs, doelwit.leeg)
        if soort == Bewaarsoort.DOSSIER:
            _sepa_bestanden_legen(ids)
        Anonimisering.objects.bulk_create(
            [Anonimisering(soort=soort, dossier_id=i, gemeente_id=gemeente_id) for i in ids],
            ignore_conflicts=True,
        )
        accesslog.append(
            [
                {
                    "user_id": getattr(actor, "pk", None) or SYSTEEM_USER_ID,
                    "dossier_id": i,
                    "gemeente_id": gemeente_id,
                    "action": AccessAction.DELETE,
                    "onderdeel": f"privacy.anonimiseren.{soort}",
                    "object_id": "",
                    "doel": DOEL,
                    "request_id": "",
                }
                for i in ids
            ]
        )
    return bestanden, ids


def _sepa_bestanden_legen(ids: list[int]) -> None:
    """The SEPA files (ontzorgen.Batch.xml) that carried a payment of these dossiers:
    the file went to the bank long ago; it names the payee and the reference, so it is
    emptied. The payment rows keep amount, month and status."""
    try:
        Batch = apps.get_model("ontzorgen", "Batch")
    except LookupError:  # pragma: no cover
        return
    _update(
        Batch._base_manager.filter(betalingen__vaste_last__plan__dossier_id__in=ids),
        {"xml": ""},
    )


def _anonimiseer_personen(*, gemeente_id: int, ids: list[int]) -> None:
    _, persoonsdeel = plan()
    with transaction.atomic():
        for doelwit in persoonsdeel:
            waarden = dict(doelwit.leeg)
            if doelwit.pad == "id":  # the person record and its history
                waarden["bsn"] = Concat(
                    Value("X"),
                    LPad(Cast(F("id"), CharField()), 8, Value("0")),
                    output_field=CharField(),
                )
                waarden["achternaam"] = "Geanonimiseerd"
            qs = doelwit.model._base_manager.filter(**{f"{doelwit.pad}__in": ids})
            _verwijder_bestanden(doelwit, qs)
            _update(qs, waarden)
        Anonimisering.objects.bulk_create(
            [
                Anonimisering(soort="persoon", inburgeraar_id=i, gemeente_id=gemeente_id)
                for i in ids
            ],
            ignore_conflicts=True,
        )


# --- unconfirmed import files --------------------------------------------------------------

IMPORT_MAPPEN = ("imports",)
"""Where the upload steps of the imports keep a file until it is confirmed
(casefiles.views.import_aanmeldingen, leerroutes.views import of hours)."""


def importbestanden_opruimen(*, nu=None, dry_run: bool = False) -> list[str]:
    """Delete uploaded import files not confirmed within rules.IMPORT_BEWAARUREN hours
    (a confirmed import deletes its file itself). Returns the deleted names."""
    storage = storages["private"]
    nu = nu or timezone.now()
    grens = nu - timedelta(hours=rules.IMPORT_BEWAARUREN)
    weg: list[str] = []
    for map_ in IMPORT_MAPPEN:
        try:
            _, bestanden = storage.listdir(map_)
        except FileNotFoundError:
            continue
        for naam in bestanden:
            pad = f"{map_}/{naam}"
            if storage.get_modified_time(pad) <= grens:
                weg.append(pad)
                if not dry_run:
                    storage.delete(pad)
    return weg
