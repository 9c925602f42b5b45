"""Choices of retention and the verwerkingsregister."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Bewaarsoort(models.TextChoices):
    """The kinds of record that each carry their own retention period per gemeente
    (privacy.retentie.rules.STANDAARD_TERMIJNEN gives the defaults and their sources)."""

    DOSSIER = "dossier", _("Inburgeringsdossier (werkdossier en uitvoering)")
    PIP = "pip", _("Vastgestelde PIP (beschikking) met brieven")


class Grondslag(models.TextChoices):
    """AVG art. 6 lid 1 (and art. 9 lid 2 for special categories) grounds."""

    WETTELIJKE_PLICHT = "c", _("Wettelijke verplichting (AVG art. 6 lid 1 sub c)")
    PUBLIEKE_TAAK = "e", _("Taak van algemeen belang / openbaar gezag (AVG art. 6 lid 1 sub e)")
    TOESTEMMING = "a", _("Toestemming (AVG art. 6 lid 1 sub a)")
