"""The four permission cases, written once and applied to every URL of our apps.

Each app lists its URLs in ``tests/<app>/url_cases.py`` as ``CASES``; the test in
``tests/test_url_permissions.py`` runs the four cases for each and fails when a
URL pattern of our apps is not listed.

1. anonymous → redirect to the login page;
2. a user without the permission → 403;
3. a permitted user → 200 (or a redirect after a POST);
4. a permitted user of another gemeente → 404 (for URLs about one record).

And (issue 12): a URL that shows or changes personal data writes at least one
access-log row for the permitted user. A URL that shows none (an empty form, a
redirect) says so with ``logs=False``.

And (issue 18, the ketenpartner role): on every URL that is not a partner page, a
ketenpartner user whose organisation has an active share of the dossier gets no page
(403, 404, or the admin's login). On the partner pages (``permitted="partner"``):
a user of another partner organisation → 404 (``partner_other``), and after the
consent is withdrawn the permitted partner → 404 (``withdraw=True``).

And (issue 17, the privacy role): on every URL that is not one of its own (the
inzage pages), the privacyfunctionaris of the dossier's own gemeente gets no page.

A URL that another system calls, without a user (DUO's notification endpoint), has no
login page, roles or session: it is listed as a :class:`MachineCase` in
``MACHINE_CASES`` with a check of its own that says who may call it and what every
other caller gets, in the terms of its own authentication.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlparse

from django.conf import settings
from django.urls import reverse

from casefiles.models import AccessLog


@dataclass
class UrlCase:
    name: str
    kwargs: Callable[[object], dict] = field(default=lambda w: {})
    permitted: str = "werkcoach"
    no_perm: str = "beleid"
    other_gemeente: str | None = "werkcoach_elders"
    method: str = "get"
    data: Callable[[object], dict] | None = None
    ok_status: tuple[int, ...] = (200,)
    setup: Callable[[object], dict] | None = None
    logs: bool = True
    partner_other: str | None = None
    withdraw: bool = False

    def url(self, world) -> str:
        return reverse(self.name, kwargs=self.kwargs(world))


@dataclass
class MachineCase:
    """A machine-to-machine URL: ``check(client, world)`` runs its permission matrix
    (who may call it, and the answer to everyone else) and fails when it does not hold."""

    name: str
    check: Callable[[object, object], None]


def check_four_cases(client, world, case: UrlCase) -> None:
    if case.setup:
        case.setup(world)
    url = case.url(world)
    data = case.data(world) if case.data else {}
    send = getattr(client, case.method)

    client.logout()
    response = send(url, data)
    assert response.status_code == 302, f"{case.name}: anonymous got {response.status_code}"
    assert urlparse(response["Location"]).path == reverse(settings.LOGIN_URL), case.name

    client.force_login(getattr(world, case.no_perm))
    response = send(url, data)
    assert response.status_code == 403, f"{case.name}: no-permission got {response.status_code}"

    if case.other_gemeente:
        client.force_login(getattr(world, case.other_gemeente))
        response = send(url, data)
        assert response.status_code == 404, (
            f"{case.name}: other gemeente got {response.status_code}"
        )

    if case.permitted != "partner" and getattr(world, "partner", None) is not None:
        client.force_login(world.partner)
        response = send(url, data)
        if response.status_code == 302:
            assert urlparse(response["Location"]).path.startswith("/beheer/login"), (
                f"{case.name}: ketenpartner redirected to {response['Location']}"
            )
        else:
            assert response.status_code in (403, 404), (
                f"{case.name}: ketenpartner got {response.status_code}"
            )

    if case.permitted != "privacy" and getattr(world, "privacy", None) is not None:
        # issue 17: the privacyfunctionaris does no case work: no page of case work
        client.force_login(world.privacy)
        response = send(url, data)
        if response.status_code == 302:
            assert urlparse(response["Location"]).path.startswith("/beheer/login"), (
                f"{case.name}: privacyfunctionaris redirected to {response['Location']}"
            )
        else:
            assert response.status_code in (403, 404), (
                f"{case.name}: privacyfunctionaris got {response.status_code}"
            )

    if case.partner_other:
        client.force_login(getattr(world, case.partner_other))
        response = send(url, data)
        assert response.status_code == 404, (
            f"{case.name}: partner of another organisation got {response.status_code}"
        )

    permitted = getattr(world, case.permitted)
    client.force_login(permitted)
    before = AccessLog.objects.filter(user_id=permitted.pk).count()
    response = send(url, data)
    assert response.status_code in case.ok_status, (
        f"{case.name}: permitted got {response.status_code}"
    )
    if case.logs:
        assert AccessLog.objects.filter(user_id=permitted.pk).count() > before, (
            f"{case.name}: a page with personal data wrote no access-log row"
        )
    if case.withdraw:
        from casefiles.partners.services import deling_intrekken

        deling_intrekken(
            actor=world.consulent, deling=world.deling, reden="toestemming ingetrokken"
        )
        client.force_login(permitted)
        response = send(url, data)
        assert response.status_code == 404, (
            f"{case.name}: partner after consent withdrawn got {response.status_code}"
        )
    client.logout()
