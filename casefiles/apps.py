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
        # get_<veld>_display() without rebuilding the choices per call (keuzeweergave.py)
        from .keuzeweergave import installeer

        installeer()
        # every save or delete of a ladder measurement keeps the dashboard's rollup
        # exact (casefiles.participatie.laddervolgorde); bulk writers call it themselves
        from django.db.models.signals import post_delete, post_save

        from .models import ParticipatieladderMeting

        post_save.connect(
            _ladder_gewijzigd,
            sender=ParticipatieladderMeting,
            dispatch_uid="casefiles_laddervolgorde_s",
        )
        post_delete.connect(
            _ladder_gewijzigd,
            sender=ParticipatieladderMeting,
            dispatch_uid="casefiles_laddervolgorde_d",
        )
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


def _ladder_gewijzigd(sender, instance, **kwargs) -> None:
    """A saved or deleted ladder measurement changes its dossier's rollup: lock the
    dossier (NO KEY UPDATE: it does not conflict with the key-share lock the row's own
    foreign key holds, so two writers do not deadlock), then one set-based UPDATE of that
    dossier's measurements. Two colleagues saving a measurement of the same dossier at
    the same time go one after the other, and the second UPDATE sees the first's row."""
    from django.db import transaction

    from .models import Dossier
    from .participatie import laddervolgorde

    with transaction.atomic():
        list(
            Dossier.objects.select_for_update(no_key=True)
            .filter(pk=instance.dossier_id)
            .values_list("pk", flat=True)
        )
        laddervolgorde.bijwerken(dossier_ids=[instance.dossier_id])
