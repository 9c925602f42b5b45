"""Registers the "Kosten" dossier tab."""

from django.utils.translation import gettext_lazy as _

from casefiles.tabs import DossierTab, register_tab

register_tab(
    DossierTab("kosten", _("Kosten"), "kosten:tab", 72, permission="casefiles.view_kostenpost")
)
