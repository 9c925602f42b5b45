"""Registers the "Delen" dossier tab and the admin of partner staff (imported by
casefiles' AppConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from casefiles.tabs import DossierTab, register_tab

from . import admin  # noqa: F401  (registers the PartnerMedewerker admin)

register_tab(
    DossierTab("delen", _("Delen"), "partners:tab", 75, permission="casefiles.view_deling")
)
