"""Laptop / demo defaults: DEBUG on, demo logins shown. Still reads the environment."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("DEMO_MODE", "true")

from .base import *  # noqa: E402,F403

# `make run` prints the demo logins and little else: no WeasyPrint progress lines, no
# Celery task traces (tasks run in process here), no broker chatter.
LOGGING["loggers"].update(  # noqa: F405
    {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "celery": {"level": "WARNING"},
        "kombu": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},  # no line per request; errors still show
    }
)
