"""The notification endpoint DUO posts to (``POST <DUO_NOTIFICATIE_PATH>``, by
default ``/duo/v1/notificaties``). No session, no CSRF token: DUO is authenticated by
mutual TLS at the proxy and by the ``bron`` OIN (docs/duo-ontvangen.md)."""

from __future__ import annotations

import json
import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from duo.schemas.notificatie import API_VERSION

from . import services

logger = logging.getLogger(__name__)


def _response(status: int, body: dict | None = None) -> HttpResponse:
    response = HttpResponse(
        json.dumps(body) if body is not None else b"",
        status=status,
        content_type="application/json" if body is not None else None,
    )
    if body is None:
        del response["Content-Type"]
    response["API-Version"] = API_VERSION
    return response


@csrf_exempt
@require_POST
def notificaties(request: HttpRequest) -> HttpResponse:
    """``opvoerenNotificatie``: 201 (stored), 400, 401, 403 or 500 — each with the
    ``API-Version`` header, as the Notificatie API specifies."""
    verify_header = settings.DUO_NOTIFICATIE_CLIENT_VERIFY_HEADER
    try:
        antwoord = services.notificatie_ontvangen(
            headers=request.headers,
            body=request.body,
            client_verify=request.headers.get(verify_header) if verify_header else None,
        )
    except Exception as exc:  # never a stack trace (or its data) to DUO
        logger.error("DUO notificatie: unexpected %s", exc.__class__.__name__)
        return _response(500)
    return _response(antwoord.status)
