"""Posting a notification the way DUO does, and checking the answer against DUO's
Notificatie API (duo.spec reads ../shared/duo-m2m at run time)."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

from django.conf import settings

from duo import spec

DUO_OIN = "00000001800866472000"
OIN_DE_WOLDEN = "00000001001690000000"
OIN_DALFSEN = "00000001000148000000"


def pad() -> str:
    return "/" + settings.DUO_NOTIFICATIE_PATH.strip("/")


def body(gebeurtenis: str, bsn: str | None, **extra) -> dict:
    data = {
        "registratieDatumTijd": datetime.now(UTC).isoformat(timespec="seconds"),
        "gebeurtenisId": gebeurtenis,
        **extra,
    }
    if bsn is not None:
        data["bsn"] = bsn
    return data


def post(client, data, *, bron=DUO_OIN, doel=OIN_DE_WOLDEN, bericht_id=None, raw=None, **headers):
    kop = {"HTTP_BRON": bron, "HTTP_DOEL": doel, "HTTP_BERICHTID": bericht_id or str(uuid.uuid4())}
    kop = {k: v for k, v in kop.items() if v is not None}
    kop.update(headers)
    return client.post(
        pad(),
        data=raw if raw is not None else json.dumps(data),
        content_type="application/json",
        **kop,
    )


def assert_volgens_spec(response) -> None:
    """The response is one the Notificatie API documents, with its headers."""
    assert spec.available(), "DUO's specification (DUO_SPEC_DIR) is needed for this test"
    body = json.loads(response.content) if response.content else None
    errors = spec.validate_response(
        "Notificatie", "POST", pad(), response.status_code, body, dict(response.headers)
    )
    assert errors == [], errors
