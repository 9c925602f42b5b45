"""Registers the Participatie tab (imported by CasefilesConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from casefiles.tabs import DossierTab, register_tab

register_tab(
    DossierTab(
        "participatie", _("Participatie"), "participatie:tab", 45, "casefiles.view_activiteit"
    )
)
