from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeerroutesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "leerroutes"
    verbose_name = _("Leerroutes en taalaanbieders")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from casefiles.tabs import DossierTab, register_tab

        from .models import Urenregistratie

        # every save or delete of an hour row (uren_registreren, imports, fixtures)
        # keeps the dashboard's rollup exact; bulk writers call urenvolgorde themselves
        post_save.connect(
            _uren_gewijzigd, sender=Urenregistratie, dispatch_uid="leerroutes_urenvolgorde_s"
        )
        post_delete.connect(
            _uren_gewijzigd, sender=Urenregistratie, dispatch_uid="leerroutes_urenvolgorde_d"
        )

        register_tab(
            DossierTab("leerroute", _("Leerroute"), "leerroutes:tab", 40, "leerroutes.view_traject")
        )


def _uren_gewijzigd(sender, instance, **kwargs) -> None:
    """A saved or deleted hour row changes its dossier's rollup (leerroutes.urenvolgorde):
    one set-based UPDATE of that dossier's rows."""
    from . import urenvolgorde

    urenvolgorde.bijwerken(dossier_ids=[instance.dossier_id])
