from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OntzorgenConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ontzorgen"
    verbose_name = _("Financieel ontzorgen")

    def ready(self) -> None:
        from casefiles.tabs import DossierTab, register_tab

        register_tab(
            DossierTab(
                "ontzorgen",
                _("Ontzorgen"),
                "ontzorgen:tab",
                70,
                permission="ontzorgen.view_ontzorgingsplan",
            )
        )
