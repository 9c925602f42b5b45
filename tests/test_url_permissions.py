"""Every URL of our apps gets the four permission cases; a URL that is not listed
in a ``tests/<app>/url_cases.py`` makes this test fail."""

from importlib import import_module

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.permission_helper import check_four_cases

OUR_APPS = [
    "casefiles",
    "participatie",
    "begeleiding",
    "partners",
    "startchecklist",
    "gezin",
    "vrijwilligers",
    "kosten",
    "intake",
    "pip_plans",
    "leerroutes",
    "ontzorgen",
    "monitoring",
    "privacy",
]


def collected_cases():
    cases = []
    for app in OUR_APPS:
        try:
            module = import_module(f"tests.{app}.url_cases")
        except ModuleNotFoundError:
            continue
        cases.extend(module.CASES)
    return cases


def our_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern) and p.name and namespace in OUR_APPS:
                names.add(f"{namespace}:{p.name}")

    walk(get_resolver().url_patterns, None)
    return names


def test_every_url_of_our_apps_has_permission_cases():
    listed = {c.name for c in collected_cases()}
    missing = sorted(our_url_names() - listed)
    assert not missing, f"URLs without permission cases: {missing}"


@pytest.mark.parametrize("case", collected_cases(), ids=lambda c: c.name)
def test_four_permission_cases(client, world, case):
    check_four_cases(client, world, case)
