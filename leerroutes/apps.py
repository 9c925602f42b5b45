from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeerroutesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "leerroutes"
    verbose_name = _("Leerroutes en taalaanbieders")

    def ready(self) -> None:
        from casefiles.tabs import DossierTab, register_tab

        register_tab(
            DossierTab("leerroute", _("Leerroute"), "leerroutes:tab", 40, "leerroutes.view_traject")
        )
