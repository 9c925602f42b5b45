"""Two colleagues writing to the same dossier at the same moment, on two real database
connections (PostgreSQL): A writes inside a transaction that stays open while B writes.
For the tests that a rollup kept on write (hours, participatieladder) serialises its
writers on the dossier."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
import time_machine
from django.db import connection, connections, transaction

OPEN_SECONDEN = 1.5
"""How long A keeps its transaction open after writing (B writes in that time)."""


def a_open_terwijl_b_schrijft(
    schrijf_a: Callable[[], object], schrijf_b: Callable[[], object], *, vandaag
) -> None:
    """Run ``schrijf_a`` in a transaction that stays open :data:`OPEN_SECONDEN` after it
    wrote, and ``schrijf_b`` meanwhile in another thread (its own connection); both at
    ``vandaag``. Re-raises the first error of either. Skips the calling test on SQLite
    (the embedded default of ``make test``): one writer there locks the whole file, so
    two sessions cannot interleave; in CI (PostgreSQL) it always runs."""
    if connection.vendor != "postgresql":
        pytest.skip("two sessions at once need PostgreSQL")
    a_opgeslagen = threading.Event()
    fouten: list[BaseException] = []

    def a():
        try:
            with time_machine.travel(vandaag, tick=False), transaction.atomic():
                schrijf_a()
                a_opgeslagen.set()
                time.sleep(OPEN_SECONDEN)  # B writes now, while A is still open
        except BaseException as exc:  # noqa: BLE001 - re-raised below
            fouten.append(exc)
        finally:
            connections.close_all()

    def b():
        try:
            if not a_opgeslagen.wait(20):
                raise TimeoutError("A schreef niet")
            with time_machine.travel(vandaag, tick=False):
                schrijf_b()
        except BaseException as exc:  # noqa: BLE001 - re-raised below
            fouten.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=a), threading.Thread(target=b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if fouten:
        raise fouten[0]
