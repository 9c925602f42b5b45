"""Registers the "Begeleiding" dossier tab (imported by casefiles' AppConfig.ready).

Django autodiscovers only ``<app>/admin.py``; the Ketenpartner admin of this part
lives in ``casefiles/begeleiding/admin.py`` and is imported from here."""

from django.utils.translation import gettext_lazy as _

from casefiles.tabs import DossierTab, register_tab

from . import admin  # noqa: F401  (registers the Ketenpartner admin)

register_tab(
    DossierTab(
        "begeleiding",
        _("Begeleiding"),
        "begeleiding:tab",
        60,
        permission="casefiles.view_maatschappelijkebegeleiding",
    )
)
