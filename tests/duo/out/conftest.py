"""Fixtures of the sending tests: the koppeling switched on (DUO_BASE_URL set) for a
world whose gemeenten have an OIN (tests/factories.GemeenteFactory)."""

from __future__ import annotations

import pytest

from casefiles.models import StaffProfile


@pytest.fixture
def duo_aan(settings):
    """The koppeling on, pointing at a port where nothing listens (tests that need DUO
    itself use the ``fake_duo`` fixture instead)."""
    settings.DUO_BASE_URL = "http://127.0.0.1:9/v1"
    return settings


@pytest.fixture
def werkcoach_contactgegevens(world):
    """The werkcoach as DUO's Contactpersoon API wants it: name, e-mail, phone."""
    wc = world.werkcoach
    wc.first_name, wc.last_name, wc.email = "Wendy", "de Vries", "w.devries@dewolden.nl"
    wc.save()
    profiel, _ = StaffProfile.objects.get_or_create(user=wc)
    profiel.telefoon = "0528 - 378686"
    profiel.save()
    return wc
