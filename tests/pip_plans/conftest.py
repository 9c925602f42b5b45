import pytest
import time_machine


@pytest.fixture
def frozen():
    """Freeze the clock on a fixed day (request it before ``world``)."""
    with time_machine.travel("2026-03-10 10:00 +01:00", tick=False) as traveller:
        yield traveller
