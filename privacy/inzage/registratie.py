"""Registered when the app is ready (privacy.apps): the dossier tab of correction
requests (AVG art. 16)."""

from django.utils.translation import gettext_lazy as _

from casefiles.tabs import DossierTab, register_tab

register_tab(
    DossierTab(
        "avg",
        _("Correcties (AVG)"),
        "privacy:correctie_tab",
        95,
        permission="privacy.view_correctieverzoek",
    )
)
