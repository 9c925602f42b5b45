"""get_<veld>_display() from a dict built once per field (casefiles.keuzeweergave):
installed on the models, and the same answers as Django's own for every value."""

from __future__ import annotations

from functools import partialmethod

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils import translation

from casefiles import keuzeweergave
from casefiles.models import Contactmoment, Dossier


def _velden():
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.choices:
                yield model, field


def test_installed_on_the_models_of_the_werkronde():
    for model, naam in ((Dossier, "status"), (Dossier, "doelgroep"), (Contactmoment, "soort")):
        methode = model.__dict__[f"get_{naam}_display"]
        assert isinstance(methode, partialmethod)
        assert methode.func is keuzeweergave.weergave


def test_same_answer_as_django_for_every_choice_unknown_value_and_none():
    gecontroleerd = 0
    for taal in ("nl", "en"):
        with translation.override(taal):
            for model, field in _velden():
                for value in [*(v for v, _l in field.flatchoices), "onbekend", None]:
                    obj = model()
                    try:
                        setattr(obj, field.attname, value)
                    except (ValidationError, ValueError, TypeError):
                        continue  # a field that refuses the value (a time zone)
                    verwacht = Model._get_FIELD_display(obj, field)
                    assert getattr(obj, f"get_{field.name}_display")() == verwacht
                    assert keuzeweergave.weergave(obj, field) == verwacht
                    gecontroleerd += 1
    assert gecontroleerd > 100


def test_new_choices_object_is_picked_up():
    field = Dossier._meta.get_field("status")
    obj = Dossier(status=field.flatchoices[0][0])
    voor = obj.get_status_display()
    oud = field.choices
    try:
        field.choices = [(field.flatchoices[0][0], "Anders genoemd")]
        assert obj.get_status_display() == "Anders genoemd"
    finally:
        field.choices = oud
    assert obj.get_status_display() == voor
