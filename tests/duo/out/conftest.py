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


@pytest.fixture
def duo_server(world, fake_duo):
    """The fake DUO of duo-fake (``fake_duo``: enforces DUO's headers, schemas and
    business rules; ``settings.DUO_BASE_URL`` points at it), knowing both gemeenten's
    OINs; the dossier's inburgeraar is known at DUO with our dossier's dates."""
    from tests.duo.conftest import OIN_DALFSEN

    world.andere_gemeente.oin = OIN_DALFSEN  # the factory gives every gemeente one OIN
    world.andere_gemeente.save()
    for g in (world.gemeente, world.andere_gemeente):
        fake_duo.add_gemeente(g.oin, g.cbs_code)
    d = world.dossier
    fake_duo.seed_person(
        d.inburgeraar.bsn,
        gemeente=world.gemeente.cbs_code,
        plicht_start=d.datum_start_plicht,
        vestigingsdatum=d.datum_vestiging,
        doelgroep="asiel",
    )
    return fake_duo


def run_duo_jobs() -> dict[str, int]:
    """Run every open DUO outbox job here (as a worker would)."""
    from casefiles import outbox

    return outbox.run_pending_here(kinds=["duo.bericht"])
