"""Registers the "Vrijwilligers" dossier tab."""

from django.utils.translation import gettext_lazy as _

from casefiles.tabs import DossierTab, register_tab

register_tab(
    DossierTab(
        "vrijwilligers",
        _("Vrijwilligers"),
        "vrijwilligers:tab",
        65,
        permission="casefiles.view_koppeling",
    )
)
