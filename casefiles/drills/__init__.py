"""Fault drills: real processes (PostgreSQL, a private Redis, Celery workers, gunicorn)
under real faults (Redis stopped, kill -9, a dropped database connection), each
reporting what it expected and what it found.

Every app may declare drills in ``<app>/drills.py`` as ``DRILLS = {name: fn}`` where
``fn(*, long: bool) -> DrillResult``; ``manage.py drill`` runs them (``make drill``:
the long versions) and the test suite runs the short versions. Drills start their
OWN redis-server and workers and stop only those.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module
from typing import Any


@dataclass
class DrillResult:
    name: str
    expected: int
    found: int
    lost: int
    duplicated: int
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.lost == 0 and self.duplicated == 0 and self.found == self.expected

    def line(self) -> str:
        extra = ", ".join(f"{k}={v}" for k, v in self.details.items())
        return (
            f"{'OK  ' if self.ok else 'FOUT'} {self.name}: verwacht {self.expected}, "
            f"gevonden {self.found}, kwijt {self.lost}, dubbel {self.duplicated}"
            + (f" ({extra})" if extra else "")
        )


def collected_drills() -> dict[str, Any]:
    """``DRILLS`` of every installed app of ours, in app order."""
    from django.apps import apps

    drills: dict[str, Any] = {}
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.drills")
        except ModuleNotFoundError:
            continue
        drills.update(getattr(module, "DRILLS", {}))
    return drills


def _import_connection_drop(*, long: bool = False) -> DrillResult:
    from .scenarios import import_connection_drop

    return import_connection_drop(long=long)


DRILLS = {"import_verbinding_weg": _import_connection_drop}
