"""Every indicator of the policy dashboard, each defined once as a function that
computes it with database aggregates; see :mod:`.base` for the framework.

Importing this package registers the indicators in :data:`REGISTRY`, in the order
the dashboard shows them."""

from . import dossiers, rond_plan, trajecten  # noqa: F401  (registers the indicators)
from .base import REGISTRY, Filters, Indicator, Rij, Waarde, bereken, leerroute_expression, median

__all__ = [
    "REGISTRY",
    "Filters",
    "Indicator",
    "Rij",
    "Waarde",
    "bereken",
    "leerroute_expression",
    "median",
]
