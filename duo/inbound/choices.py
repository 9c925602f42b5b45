"""Choice lists of what DUO sends us."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificatieStatus(models.TextChoices):
    ONTVANGEN = "ontvangen", _("Ontvangen, wacht op verwerking")
    VERWERKT = "verwerkt", _("Verwerkt")
    GEEN_ACTIE = "geen_actie", _("Ontvangen, geen actie nodig")
    GEEN_DOSSIER = "geen_dossier", _("Geen dossier voor deze persoon in deze gemeente")
    GEWEIGERD = "geweigerd", _("Geweigerd: persoon niet zichtbaar voor deze gemeente")
    MISLUKT = "mislukt", _("Verwerking mislukt (wacht op beheer)")
