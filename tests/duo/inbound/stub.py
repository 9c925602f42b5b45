"""A stand-in for DUO's read APIs in the unit tests of the event processing: answers
from a dict per path, each answer checked against DUO's OpenAPI file first (so the
tests never feed the processing something DUO could not send). The end-to-end tests
(test_end_to_end.py) use the fake DUO instead."""

from __future__ import annotations

from typing import Any

from duo import spec
from duo.client import DuoResponse
from duo.conf import api_for_path


class StubDuo:
    def __init__(self) -> None:
        self.answers: dict[str, tuple[int, Any]] = {}
        self.calls: list[tuple[str, str]] = []

    def set(self, pad: str, body: Any, status: int = 200) -> None:
        self.answers[pad] = (status, body)

    def get(self, path: str, *, ref: str) -> DuoResponse:
        self.calls.append((path, ref))
        pad = path.split("/", 3)[3]  # /personen/{bsn}/<pad>
        status, body = self.answers.get(pad, (404, None))
        api = api_for_path(path) or ("Leerbaarheidstoets" if "/lbt/" in path else "")
        errors = spec.validate_response(api, "GET", path, status, body)
        assert errors == [], errors
        return DuoResponse(status=status, body=body, bericht_id="stub")
