from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "intake"
    verbose_name = _("Brede intake")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from casefiles.models import Dossier
        from casefiles.signals import dossier_dates_changed
        from casefiles.tabs import DossierTab, register_tab

        from . import handlers

        register_tab(
            DossierTab(
                "intake", _("Intake"), "intake:tab", 20, permission="intake.view_bredeintake"
            )
        )
        dossier_dates_changed.connect(
            handlers.dossier_dates_changed, dispatch_uid="intake_pip_deadline_dates"
        )
        post_save.connect(
            handlers.dossier_created, sender=Dossier, dispatch_uid="intake_pip_deadline_new"
        )
