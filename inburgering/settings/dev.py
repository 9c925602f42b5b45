"""Laptop / demo defaults: DEBUG on, demo logins shown. Still reads the environment."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("DEMO_MODE", "true")

from .base import *  # noqa: E402,F403
