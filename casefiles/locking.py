"""Optimistic locking for records two staff may edit at once (no lost updates).

One mechanism for every app:

* the model carries ``lock_version = LockVersionField()``;
* the edit form mixes in :class:`LockedFormMixin`: a hidden field ``bewerkversie``
  holds ``"<version>:<fingerprint>"`` of the record as the user opened it, the
  fingerprint covering only the fields THIS form edits;
* the service takes ``bewerkversie`` and calls :func:`claim` in its transaction: the
  row is locked, and a stale version whose own fields were changed by someone else
  is refused with :class:`EditConflict` (a Dutch message). Another version whose
  changes were in other fields (another section of the intake) is no conflict;
* the view shows the conflict with :func:`casefiles.forms.add_service_errors`: the
  user keeps what they typed, sees what is saved now field by field, and the form
  carries the new version, so saving again is a deliberate choice.

Callers without a token (imports, the PIP app copying versions, tests) are not
checked: the token is about two people typing at the same time.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any, TypeVar, cast

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

TOKEN_FIELD = "bewerkversie"


class LockVersionField(models.PositiveIntegerField):
    """The record's edit version: raised by one on every save through a locking
    service. Not editable in forms."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", 0)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("verbose_name", gettext_lazy("bewerkversie"))
        super().__init__(*args, **kwargs)


class EditConflict(ValidationError):
    """Someone else saved the same fields since this form was opened."""

    def __init__(self, current: models.Model):
        super().__init__(
            _(
                "Een collega heeft dit intussen gewijzigd en opgeslagen. Uw wijzigingen "
                "zijn nog niet opgeslagen: ze staan hieronder in het formulier. Hieronder "
                "ziet u ook wat er nu is opgeslagen. Pas zo nodig uw invoer aan en klik "
                "opnieuw op Opslaan; dan wordt uw versie bewaard."
            ),
            code="bewerkconflict",
        )
        self.current = current


def _value(obj: models.Model, name: str) -> Any:
    field = cast(models.Field, obj._meta.get_field(name))
    if field.many_to_many:
        return sorted(getattr(obj, name).values_list("pk", flat=True)) if obj.pk else []
    return field.value_from_object(obj)


def model_fields(model: type[models.Model], names: Iterable[str]) -> list[str]:
    """The names that are concrete or many-to-many fields of ``model``."""
    out = []
    for name in names:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if getattr(field, "concrete", False) or field.many_to_many:
            out.append(name)
    return sorted(out)


def fingerprint(obj: models.Model, fields: Iterable[str], extra: Sequence[Any] = ()) -> str:
    names = model_fields(type(obj), fields)
    values = [[n, _value(obj, n)] for n in names] + [list(extra)]
    raw = json.dumps(values, default=str, sort_keys=True)
    return salted_hmac("casefiles.locking", raw).hexdigest()[:20]


def token_for(obj: models.Model, fields: Iterable[str], extra: Sequence[Any] = ()) -> str:
    return f"{obj.lock_version}:{fingerprint(obj, fields, extra)}"  # type: ignore[attr-defined]


M = TypeVar("M", bound=models.Model)


def claim(
    obj: M,
    bewerkversie: str | None,
    *,
    fields: Iterable[str],
    extra: Sequence[Any] | None = None,
    extra_of=None,
) -> M:
    """In the service's transaction, before saving ``obj``: lock its row, refuse a
    stale ``bewerkversie`` whose fields changed since (EditConflict), and give
    ``obj`` the next version. ``extra_of(current)`` adds values of related rows (the
    goals of a PIP) to the fingerprint. Returns the locked current row."""
    current = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    if bewerkversie:
        version, _sep, vinger = bewerkversie.partition(":")
        if not version.isdigit() or int(version) != current.lock_version:  # type: ignore[attr-defined]
            extra_values = extra_of(current) if extra_of else (extra or ())
            if vinger != fingerprint(current, fields, extra_values):
                raise EditConflict(current)
    obj.lock_version = current.lock_version + 1  # type: ignore[attr-defined]
    return current


def _show(form_field: forms.Field | None, value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, datetime):
        return date_format(value, "j F Y H:i")
    if isinstance(value, date):
        return date_format(value, "j F Y")
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple | models.QuerySet):
        return ", ".join(_show(form_field, v) for v in value) or "—"
    choices = getattr(form_field, "choices", None)
    if choices is not None and not isinstance(form_field, forms.ModelChoiceField):
        flat = {}
        for k, v in choices:
            if isinstance(v, list | tuple):
                flat.update(dict(v))
            else:
                flat[k] = v
        if value in flat:
            return str(flat[value])
    return str(value)


class LockedFormMixin:
    """Adds the hidden ``bewerkversie`` to an edit form. The record is the ModelForm's
    instance, or ``lock_instance=`` for a plain form; ``lock_fields`` (default: the
    form's fields that are model fields) is what the fingerprint covers;
    ``lock_extra`` adds related values (see :func:`claim`)."""

    lock_fields: Sequence[str] | None = None

    def __init__(self, *args, lock_instance=None, lock_extra: Sequence[Any] = (), **kwargs):
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        self._lock_instance = lock_instance or getattr(self, "instance", None)
        self._lock_extra = lock_extra
        self.bewerkconflict: list[tuple[str, str, str]] = []
        self.heeft_bewerkconflict = False
        inst = self._lock_instance
        if inst is None or inst.pk is None:
            return  # a new record: nobody else can have saved it yet
        self.fields[TOKEN_FIELD] = forms.CharField(  # type: ignore[attr-defined]
            widget=forms.HiddenInput, required=False, max_length=60
        )
        self.initial[TOKEN_FIELD] = token_for(  # type: ignore[attr-defined]
            inst, self.locked_fields(), lock_extra
        )

    def locked_fields(self) -> list[str]:
        names = self.lock_fields or [n for n in self.fields if n != TOKEN_FIELD]  # type: ignore[attr-defined]
        inst = self._lock_instance
        return model_fields(type(inst), names) if inst is not None else []

    def show_conflict(self, exc: EditConflict, *, extra: Sequence[Any] = ()) -> None:
        """Keep the typed values, list what is saved now where it differs, and carry
        the new version so the next save is a deliberate overwrite."""
        current = exc.current
        data = self.data.copy()  # type: ignore[attr-defined,has-type]
        data[self.add_prefix(TOKEN_FIELD)] = token_for(current, self.locked_fields(), extra)  # type: ignore[attr-defined]
        self.data = data
        cleaned = getattr(self, "cleaned_data", {}) or {}
        diffs = []
        for name in self.locked_fields():
            form_field = self.fields.get(name)  # type: ignore[attr-defined]
            model_field = cast(models.Field, current._meta.get_field(name))
            if model_field.many_to_many:
                saved_value: Any = list(getattr(current, name).all())
            elif model_field.is_relation:
                saved_value = getattr(current, name)
            else:
                saved_value = model_field.value_from_object(current)
            saved = _show(form_field, saved_value)
            yours = _show(form_field, cleaned.get(name))
            if saved != yours:
                label = str(form_field.label) if form_field and form_field.label else name
                diffs.append((label, saved, yours))
        self.bewerkconflict = diffs
        self.heeft_bewerkconflict = True
        self.add_error(None, exc)  # type: ignore[attr-defined]
