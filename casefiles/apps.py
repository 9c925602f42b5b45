from importlib import import_module
from importlib.util import find_spec

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasefilesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "casefiles"
    verbose_name = _("Dossiers")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from .permissions import sync_role_permissions
        from .tabs import DossierTab, register_tab

        post_migrate.connect(sync_role_permissions, dispatch_uid="casefiles_sync_roles")
        from .security import connect_signals
        from .security_db import regrant_after_migrate

        connect_signals()
        post_migrate.connect(regrant_after_migrate, dispatch_uid="casefiles_app_role")
        # The participatie and begeleiding parts register their own tabs.
        for part in (
            "participatie",
            "begeleiding",
            "partners",
            "gezin",
            "vrijwilligers",
            "startchecklist",
            "kosten",
        ):
            if find_spec(f"casefiles.{part}.tabs") is not None:
                import_module(f"casefiles.{part}.tabs")

        register_tab(DossierTab("overzicht", _("Overzicht"), "casefiles:dossier_detail", 0))
        register_tab(
            DossierTab("contactmomenten", _("Contactmomenten"), "casefiles:contactmomenten", 80)
        )
        register_tab(DossierTab("taken", _("Taken"), "casefiles:taken", 85))
        register_tab(DossierTab("documenten", _("Documenten"), "casefiles:documenten", 90))
