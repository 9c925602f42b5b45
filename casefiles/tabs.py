"""The dossier page's tabs. The core registers overzicht, contactmomenten, taken
and documenten; other apps register theirs in ``AppConfig.ready()``::

    from casefiles.tabs import DossierTab, register_tab
    register_tab(DossierTab(key="intake", label=_("Intake"), url_name="intake:tab", order=20))

A tab's view receives the dossier through :func:`casefiles.permissions.dossier_view`
and renders a template that extends ``casefiles/dossier_base.html`` with
``active_tab`` set to its key.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse

#: Stands in for the dossier's id while a URL is reversed once (see dossier_url).
_PLEK = 918273645546372819


@lru_cache(maxsize=256)
def _sjabloon(url_name: str, prefix: str, urlconf: str | None) -> tuple[str, str] | None:
    url = reverse(url_name, kwargs={"dossier_pk": _PLEK}, urlconf=urlconf)
    kop, plek, staart = url.partition(str(_PLEK))
    if not plek or str(_PLEK) in staart:
        return None
    return kop, staart


def dossier_url(url_name: str, dossier_pk: int) -> str:
    """``reverse(url_name, kwargs={"dossier_pk": dossier_pk})`` for a page of one
    dossier, from the URL reversed once per name (issue 16: a reverse costs ~25 µs,
    and the werkvoorraad and every dossier page's tabs make dozens)."""
    sjabloon = _sjabloon(url_name, get_script_prefix(), get_urlconf())
    if sjabloon is None:  # pragma: no cover - a pattern that repeats the id
        return reverse(url_name, kwargs={"dossier_pk": dossier_pk})
    return f"{sjabloon[0]}{int(dossier_pk)}{sjabloon[1]}"


@dataclass(frozen=True)
class DossierTab:
    key: str
    label: str
    url_name: str
    order: int = 50
    permission: str = "casefiles.view_dossier"

    def url(self, dossier_pk: int) -> str:
        return dossier_url(self.url_name, dossier_pk)


_TABS: dict[str, DossierTab] = {}


def register_tab(tab: DossierTab) -> None:
    _TABS[tab.key] = tab


def tabs_for(user, dossier_pk: int) -> list[dict]:
    # each distinct permission asked once (every has_perm call loads every
    # authentication backend anew)
    gevraagd: dict[str, bool] = {}

    def mag(perm: str) -> bool:
        if perm not in gevraagd:
            gevraagd[perm] = user.has_perm(perm)
        return gevraagd[perm]

    return [
        {"key": t.key, "label": t.label, "url": t.url(dossier_pk)}
        for t in sorted(_TABS.values(), key=lambda t: (t.order, t.key))
        if mag(t.permission)
    ]
