import pytest
from django.test import override_settings

from tests.duo.inbound.helpers import DUO_OIN, OIN_DALFSEN, OIN_DE_WOLDEN


@pytest.fixture
def duo_world(world):
    """The shared world with distinct OINs per gemeente and DUO's OIN configured."""
    world.gemeente.oin = OIN_DE_WOLDEN
    world.gemeente.save(update_fields=["oin"])
    world.andere_gemeente.oin = OIN_DALFSEN
    world.andere_gemeente.save(update_fields=["oin"])
    with override_settings(DUO_OIN=DUO_OIN, DUO_NOTIFICATIE_BRON_OINS=[]):
        yield world
