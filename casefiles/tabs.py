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

from django.urls import reverse


@dataclass(frozen=True)
class DossierTab:
    key: str
    label: str
    url_name: str
    order: int = 50
    permission: str = "casefiles.view_dossier"

    def url(self, dossier_pk: int) -> str:
        return reverse(self.url_name, kwargs={"dossier_pk": dossier_pk})


_TABS: dict[str, DossierTab] = {}


def register_tab(tab: DossierTab) -> None:
    _TABS[tab.key] = tab


def tabs_for(user, dossier_pk: int) -> list[dict]:
    return [
        {"key": t.key, "label": t.label, "url": t.url(dossier_pk)}
        for t in sorted(_TABS.values(), key=lambda t: (t.order, t.key))
        if user.has_perm(t.permission)
    ]
