"""Registers the dossier tab "DUO-gegevens" (Bij DUO opvragen)."""

from django.utils.translation import gettext_lazy as _

from casefiles.tabs import DossierTab, register_tab

register_tab(DossierTab("duo_opvragen", _("DUO-gegevens"), "duo_inbound:opvragen", 90))
