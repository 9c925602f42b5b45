"""Models of the DUO koppeling. What we send lives here; what DUO sends us lives in
duo.inbound.models (imported below so that Django sees one app)."""

from .inbound.models import *  # noqa: F403
