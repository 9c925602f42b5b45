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
def duo_server(world, settings):
    """The fake DUO of duo.fake (enforces DUO's headers, schemas and business rules) on a
    free port, knowing both gemeenten's OINs; the koppeling points at it. The dossier's
    inburgeraar is known at DUO with our dossier's dates."""
    from duo.fake.app import FakeDuo
    from duo.fake.server import FakeDuoServer

    fake = FakeDuo(duo_oin=settings.DUO_OIN)
    world.andere_gemeente.oin = "00000001001234567999"  # the factory gives every one the same
    world.andere_gemeente.save()
    for g in (world.gemeente, world.andere_gemeente):
        fake.add_gemeente(g.oin, g.cbs_code)
    server = FakeDuoServer(fake).start()
    settings.DUO_BASE_URL = server.base_url
    d = world.dossier
    fake.seed_person(
        d.inburgeraar.bsn,
        gemeente=world.gemeente.cbs_code,
        plicht_start=d.datum_start_plicht,
        vestigingsdatum=d.datum_vestiging,
        doelgroep="asiel",
    )
    yield fake
    server.stop()


def run_duo_jobs() -> dict[str, int]:
    """Run every open DUO outbox job here (as a worker would)."""
    from casefiles import outbox

    return outbox.run_pending_here(kinds=["duo.bericht"])
