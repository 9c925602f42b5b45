"""The error summary at the top of a page after a failed submit: one definition for
every form (templates/includes/foutoverzicht.html, includes/form_errors.html)."""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS


def foutenlijst(*formulieren) -> list[dict]:
    """Every error of these forms for the error summary at the top of a page: the
    message, the field's label and the id to link to (None for a form-wide error).
    One definition for every page (includes/form_errors.html)."""
    fouten = []
    for form in formulieren:
        for bericht in form.non_field_errors():
            fouten.append({"id": None, "label": "", "bericht": bericht})
        for naam, berichten in form.errors.items():
            if naam == NON_FIELD_ERRORS or naam not in form.fields:
                continue
            veld = form[naam]
            veld_id = veld.id_for_label or veld.auto_id
            for bericht in berichten:
                fouten.append({"id": veld_id, "label": veld.label, "bericht": bericht})
    return fouten
