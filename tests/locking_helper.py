"""Two staff editing the same record through the real views: helpers that turn a
rendered form into the POST a browser would send, and one reusable scenario."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms


def _html_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "pk"):
        return value.pk
    return value


def form_data(*forms_or_formsets) -> dict[str, Any]:
    """What the browser posts for these (unbound, rendered) forms and formsets."""
    data: dict[str, Any] = {}
    for item in forms_or_formsets:
        if isinstance(item, forms.BaseFormSet):
            mf = item.management_form
            for name in mf.fields:
                data[mf[name].html_name] = mf[name].value()
            for f in item.forms:
                data.update(form_data(f))
            continue
        for name in item.fields:
            bf = item[name]
            value = bf.value()
            if isinstance(item.fields[name].widget, forms.CheckboxInput):
                if value:
                    data[bf.html_name] = "on"
                continue
            if isinstance(value, list | tuple):
                data[bf.html_name] = [_html_value(v) for v in value]
            else:
                data[bf.html_name] = _html_value(value)
    return data


def edit_conflict(
    client_a, client_b, url: str, *, field: str, a_value, b_value, keys=("form",), check_saved
):
    """The scenario every edit form must pass. A and B open ``url``; A saves
    ``field`` = ``a_value``; B, with the page opened before, saves ``b_value``:
    B gets a clear Dutch conflict, A's value stays saved, B's typing is still in the
    form and the saved value is shown; B saves again deliberately and that is kept.
    ``check_saved()`` returns the value in the database."""
    page_a = client_a.get(url)
    page_b = client_b.get(url)
    assert page_a.status_code == page_b.status_code == 200
    data_a = form_data(*(page_a.context[k] for k in keys))
    data_b = form_data(*(page_b.context[k] for k in keys))
    name = page_a.context[keys[0]][field].html_name
    assert any(k.endswith("bewerkversie") and v for k, v in data_a.items()), "no token"
    data_a[name] = a_value
    r = client_a.post(url, data_a)
    assert r.status_code == 302, r.context and r.context[keys[0]].errors
    assert check_saved() == a_value
    data_b[name] = b_value
    r = client_b.post(url, data_b)
    assert r.status_code == 200
    body = r.content.decode()
    assert "Iemand anders heeft dit intussen opgeslagen." in body
    assert "Een collega heeft dit intussen gewijzigd en opgeslagen." in body
    assert check_saved() == a_value  # nothing overwritten
    form_b = r.context[keys[0]]
    assert str(_html_value(form_b[field].value())) == str(_html_value(b_value))  # typing kept
    from casefiles.locking import _show

    shown = _show(form_b.fields[field], a_value)
    assert any(shown in saved for _label, saved, _yours in form_b.bewerkconflict), (
        shown,
        form_b.bewerkconflict,
    )
    # B decides to keep its own version: the form carries the new version now.
    again = dict(data_b)
    again[form_b["bewerkversie"].html_name] = form_b["bewerkversie"].value()
    r = client_b.post(url, again)
    assert r.status_code == 302
    assert check_saved() == b_value
