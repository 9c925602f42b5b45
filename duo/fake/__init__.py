"""A local DUO that enforces DUO's published business rules (dev, demo and tests only).

See docs/duo-fake.md. ``FakeDuo`` is the WSGI app with its store, ``serve`` runs it in
a background thread.
"""

from .app import BASE_PATH, DEFAULT_DUO_OIN, EmitResult, FakeDuo
from .server import FakeDuoServer, serve

__all__ = ["BASE_PATH", "DEFAULT_DUO_OIN", "EmitResult", "FakeDuo", "FakeDuoServer", "serve"]
