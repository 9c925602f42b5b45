"""Models of the privacy app, in two parts so that each reads on its own."""

from .inzage.models import *  # noqa: F403
from .retentie.models import *  # noqa: F403
