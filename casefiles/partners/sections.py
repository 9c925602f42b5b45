"""Parts of the ketenpartner's view of a shared dossier that other apps own.

casefiles depends on no other app of ours, so an app that has something to show a
partner registers a section in ``AppConfig.ready()`` (like the dossier tabs)::

    register_section(PartnerSection("pip_doelen", "pip_doelen", "pip_plans/partials/
        _partner_doelen.html", context=lambda deling: {...}, order=20))

A section is shown only when its ``deel`` (a DeelOnderdeel) is in the share. Its
template reads its own values as ``sectie.<name>``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PartnerSection:
    key: str
    deel: str
    template: str
    context: Callable[..., dict]
    order: int = 50


_SECTIONS: dict[str, PartnerSection] = {}


def register_section(section: PartnerSection) -> None:
    _SECTIONS[section.key] = section


def sections_for(deling) -> list[dict]:
    return [
        {"key": s.key, "template": s.template, **s.context(deling)}
        for s in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key))
        if deling.deelt(s.deel)
    ]
