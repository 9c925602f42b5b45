"""The werkvoorraad and dossier pages without an include or a reverse per row
(issue 16): the deadline badge as a tag and dossier URLs from a URL reversed once
give exactly what the include and {% url %} gave."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.template import engines
from django.urls import reverse

from casefiles.tabs import _TABS, dossier_url

# casefiles/partials/_deadline.html as it was (an include per deadline)
OUDE_INCLUDE = (
    "{% load casefiles_tags %}{% dagen_tot deadline as dagen %}{% if dagen < 0 %}"
    '<span class="app-badge app-badge--danger">{{ dagen|absolute }} dag'
    '{{ dagen|absolute|pluralize:"en" }} te laat</span>{% elif dagen == 0 %}'
    '<span class="app-badge app-badge--warning">vandaag</span>{% elif dagen <= 7 %}'
    '<span class="app-badge app-badge--warning">nog {{ dagen }} dag{{ dagen|pluralize:"en" }}'
    '</span>{% else %}<span class="app-badge">nog {{ dagen }} dagen</span>{% endif %}'
)


@pytest.mark.parametrize("dagen", [*range(-10, 11), 30, 365])
def test_deadline_badge_is_the_old_include(dagen):
    today = date(2026, 11, 27)
    context = {"deadline": today + timedelta(days=dagen), "today": today}
    django = engines["django"]
    oud = django.from_string(OUDE_INCLUDE).render(context)
    tag = django.from_string("{% load casefiles_tags %}{% deadline_badge deadline %}")
    include = django.from_string('{% include "casefiles/partials/_deadline.html" %}')
    assert tag.render(context) == oud
    assert include.render(context) == oud


def test_dossier_url_is_reverse_for_every_tab_and_the_werkvoorraad_links():
    namen = {t.url_name for t in _TABS.values()} | {"casefiles:dossier_detail"}
    for naam in namen:
        for pk in (1, 42, 918273645):
            assert dossier_url(naam, pk) == reverse(naam, kwargs={"dossier_pk": pk})
    tag = engines["django"].from_string(
        "{% load casefiles_tags %}{% dossier_url 'casefiles:taken' pk %}"
    )
    assert tag.render({"pk": 7}) == reverse("casefiles:taken", kwargs={"dossier_pk": 7})


def test_dossier_url_follows_the_script_prefix():
    from django.urls import get_script_prefix, set_script_prefix

    oud = get_script_prefix()
    try:
        set_script_prefix("/gemeente/")
        assert dossier_url("casefiles:taken", 5) == reverse(
            "casefiles:taken", kwargs={"dossier_pk": 5}
        )
        assert dossier_url("casefiles:taken", 5).startswith("/gemeente/")
    finally:
        set_script_prefix(oud)
