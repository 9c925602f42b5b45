"""Registers the "Eerste stappen" tab and the admin of the gemeente's checklist."""

from django.utils.translation import gettext_lazy as _

from casefiles.tabs import DossierTab, register_tab

from . import admin  # noqa: F401

register_tab(
    DossierTab(
        "startchecklist",
        _("Eerste stappen"),
        "startchecklist:tab",
        5,
        permission="casefiles.view_startstap",
    )
)
