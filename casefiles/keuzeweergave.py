"""``get_<veld>_display()`` without rebuilding the choices on every call (issue 16).

Django's ``Model._get_FIELD_display`` builds ``dict(make_hashable(field.flatchoices))``
on every call: it hashes every (value, label) pair, and hashing a lazy label
translates it, so a field with seven choices costs seven translations per call
(≈ 30 µs). The werkvoorraad calls it twice per row, a list of contactmomenten once
per contactmoment. Here the value → label dict is built once per field (again when
the field's choices object is replaced) and only the label shown is translated, in
the language active at that moment, exactly as before.

:func:`installeer` (from ``CasefilesConfig.ready``) replaces the method Django put on
every model for every field with choices, and only that one: a model that defines its
own ``get_<veld>_display`` keeps it.
"""

from __future__ import annotations

from functools import partialmethod

from django.db.models import Model
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable


def _labels(field) -> dict:
    cache = field.__dict__.get("_keuzeweergave")
    if cache is None or cache[0] is not field.choices:
        cache = (field.choices, dict(make_hashable(field.flatchoices)))
        field._keuzeweergave = cache
    return cache[1]


def weergave(self, field) -> str:
    """The same answer as ``Model._get_FIELD_display(self, field)``."""
    value = getattr(self, field.attname)
    labels = _labels(field)
    try:
        label = labels.get(value, value)
    except TypeError:  # an unhashable value (a JSON field with choices)
        label = labels.get(make_hashable(value), value)
    return force_str(label, strings_only=True)


def installeer() -> int:
    """Put :func:`weergave` in place of Django's on every model; returns how many."""
    from django.apps import apps

    n = 0
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not field.choices:
                continue
            naam = f"get_{field.name}_display"
            huidig = model.__dict__.get(naam)
            if isinstance(huidig, partialmethod) and huidig.func is Model._get_FIELD_display:
                setattr(model, naam, partialmethod(weergave, field=field))
                n += 1
    return n
