from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PipPlansConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pip_plans"
    verbose_name = _("PIP")

    def ready(self) -> None:
        from casefiles.signals import plicht_beeindigd
        from casefiles.tabs import DossierTab, register_tab

        from .services import gesprekken_vervallen_zonder_plicht

        plicht_beeindigd.connect(
            gesprekken_vervallen_zonder_plicht, dispatch_uid="pip_gesprekken_plicht"
        )

        register_tab(
            DossierTab("pip", _("PIP"), "pip_plans:tab", 30, permission="pip_plans.view_pipversie")
        )
        from .partner_views import register as register_partner_section

        register_partner_section()  # the goals a ketenpartner is named in (issue 18)
