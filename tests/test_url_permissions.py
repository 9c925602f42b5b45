"""Every URL of our apps gets the four permission cases; a URL that is not listed
in a ``tests/<app>/url_cases.py`` makes this test fail."""

from importlib import import_module

import pytest
from django.conf import settings
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
    "duo",
    "privacy",
]
"""The test packages with a ``url_cases.py`` (``CASES``, and ``MACHINE_CASES`` for a
URL without a user); each is also the URL namespace of its app."""

MORE_NAMESPACES = {"duo_inbound": "duo"}
"""URL namespaces of an app besides its own name (duo.inbound's pages)."""

OUR_PACKAGES = set(settings.PROJECT_APPS)
"""The Python packages of our apps: a URL without a namespace whose view lives in one
of them is ours too (DUO's notification endpoint at DUO_NOTIFICATIE_PATH)."""

NOT_IN_THE_MATRIX = {
    "home": "sends a signed-in user to their role's start page; no data of its own",
    "login": "signing in: reachable without a session by design",
    "geen_rol": "the page for a signed-in user without a role",
    "oidc_authentication_init": "signing in through the identity provider",
    "oidc_authentication_callback": "signing in through the identity provider",
    "tweestaps_instellen": "the own account: second factor (tests/casefiles/test_auth.py)",
    "tweestaps_verifieren": "the own account: second factor (tests/casefiles/test_auth.py)",
    "wachtwoord_wijzigen": "the own account: password (tests/casefiles/test_auth.py)",
    "wachtwoord_gewijzigd": "the own account: password (tests/casefiles/test_auth.py)",
    "password_reset": "password reset: reachable without a session by design",
    "password_reset_done": "password reset: reachable without a session by design",
    "password_reset_confirm": "password reset: reachable without a session by design",
    "password_reset_complete": "password reset: reachable without a session by design",
}
"""URLs without a namespace in our packages that are no page of case work: the
sign-in flow and the own account. They hold no dossier, so the four cases do not
apply."""


def _url_cases(app):
    try:
        return import_module(f"tests.{app}.url_cases")
    except ModuleNotFoundError as exc:
        if exc.name != f"tests.{app}.url_cases":
            raise  # a broken import inside url_cases.py is an error, not "no cases"
        return None


def collected_cases():
    cases = []
    for app in OUR_APPS:
        module = _url_cases(app)
        if module is not None:
            cases.extend(module.CASES)
    return cases


def collected_machine_cases():
    cases = []
    for app in OUR_APPS:
        cases.extend(getattr(_url_cases(app), "MACHINE_CASES", []))
    return cases


def our_url_names() -> set[str]:
    names: set[str] = set()
    namespaces = {*OUR_APPS, *MORE_NAMESPACES}

    def walk(patterns, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, p.namespace or namespace)
            elif not (isinstance(p, URLPattern) and p.name):
                continue
            elif namespace in namespaces:
                names.add(f"{namespace}:{p.name}")
            elif namespace is None and p.callback.__module__.split(".")[0] in OUR_PACKAGES:
                names.add(p.name)

    walk(get_resolver().url_patterns, None)
    return names - set(NOT_IN_THE_MATRIX)


def test_every_url_of_our_apps_has_permission_cases():
    listed = {c.name for c in collected_cases()} | {c.name for c in collected_machine_cases()}
    missing = sorted(our_url_names() - listed)
    assert not missing, f"URLs without permission cases: {missing}"


def test_the_walk_finds_every_kind_of_url():
    """The walk itself: a namespaced page, a second namespace of an app, and a URL
    without a namespace (so that a new one of those cannot slip through unseen)."""
    names = our_url_names()
    assert {"casefiles:dossier_detail", "duo:tab", "duo_inbound:opvragen"} <= names
    assert {"privacy:inzage_lijst", "duo_notificaties"} <= names


@pytest.mark.parametrize("case", collected_cases(), ids=lambda c: c.name)
def test_four_permission_cases(client, world, case):
    check_four_cases(client, world, case)


@pytest.mark.parametrize("case", collected_machine_cases(), ids=lambda c: c.name)
def test_machine_to_machine_permissions(client, world, case):
    case.check(client, world)
