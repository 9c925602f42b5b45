from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "privacy"
    verbose_name = _("Privacy (AVG)")

    def ready(self) -> None:
        # inzage and correctie (issue 17): the dossier tab of correction requests
        from .inzage import registratie  # noqa: F401
        from .inzage.sections import exclude_model

        exclude_model(
            "privacy.Anonimisering",
            "Alleen nummers: welk dossier wanneer is geanonimiseerd. Geen gegevens over u.",
        )
        exclude_model(
            "casefiles.WerkvoorraadStand",
            "Een afgeleide telling voor de werkvoorraad (eerste termijn, aantal open taken); "
            "de taken zelf staan in de export.",
        )
