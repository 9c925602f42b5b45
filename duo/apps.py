from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DuoConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "duo"
    verbose_name = _("DUO-koppeling")

    def ready(self) -> None:
        from casefiles.tabs import DossierTab, register_tab

        from . import indicators, signals  # noqa: F401  (indicators registers itself)

        signals.connect()
        register_tab(DossierTab("duo", _("DUO"), "duo:tab", 88))

        # duo.inbound: the outbox handler of DUO's notifications and the dossier tab
        # "Bij DUO opvragen"
        from .inbound import tabs, tasks  # noqa: F401
