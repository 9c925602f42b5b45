"""docs/duo-fake.md names every rule the fake enforces, and every README citation of a
rule points at one of DUO's rule lines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from duo import spec
from duo.fake import events, rules

DOC = Path(__file__).resolve().parents[3] / "docs" / "duo-fake.md"


def test_every_rule_and_event_is_documented():
    text = DOC.read_text(encoding="utf-8")
    for rule in rules.RULES:
        assert f"| {rule.id} | `{rule.operation}` | {rule.source} | {rule.fouttekst} |" in text
    for event in events.EVENTS:
        assert event in text, event


@pytest.mark.skipif(not spec.available(), reason="DUO's specification not found")
def test_readme_citations_point_at_rule_lines():
    lines = (spec.spec_dir() / "README.md").read_text(encoding="utf-8").splitlines()
    for rule in rules.RULES:
        m = re.fullmatch(r"README\.md:(\d+)", rule.source)
        if not m:
            continue
        line = lines[int(m.group(1)) - 1]
        assert line.lstrip().startswith(("-", "*")), (rule.id, line)
    # the MAP and PVT rules cite their own section, line for line
    for kind in ("MAP", "PVT"):
        for rule in (r for r in rules.RULES if r.id.startswith(kind + "-")):
            n = int(rule.source.split(":")[1])
            if rule.id.endswith(("-4", "-5", "-6")):
                assert kind.lower() in lines[n - 1].lower(), (rule.id, lines[n - 1])
