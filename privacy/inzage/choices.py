"""Choice lists of inzage and correction requests."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InzageStatus(models.TextChoices):
    WACHTRIJ = "wachtrij", _("Wordt gemaakt")
    GEREED = "gereed", _("Klaar om te downloaden")
    GEDOWNLOAD = "gedownload", _("Gedownload (bestand verwijderd)")
    MISLUKT = "mislukt", _("Mislukt")
