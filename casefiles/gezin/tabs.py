"""Registers the "Gezin" dossier tab."""

from django.utils.translation import gettext_lazy as _

from casefiles.tabs import DossierTab, register_tab

register_tab(DossierTab("gezin", _("Gezin"), "gezin:tab", 8, permission="casefiles.view_gezinslid"))
