from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "privacy"
    verbose_name = _("Privacy (AVG)")

    def ready(self) -> None:
        # inzage and correctie (issue 17): the dossier tab of correction requests
        from .inzage import registratie  # noqa: F401
