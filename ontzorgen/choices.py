"""Choice lists of ontzorgen. Labels are Dutch (the user interface language)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Uitvoerder(models.TextChoices):
    """Who carries out the payments."""

    INTERN = "intern", _("Gemeente (intern)")
    BUDGETBEHEER = "budgetbeheer", _("Budgetbeheer door een partner")


class TrainingStatus(models.TextChoices):
    NIET_GESTART = "niet_gestart", _("Nog niet gestart")
    AANGEMELD = "aangemeld", _("Aangemeld")
    BEZIG = "bezig", _("Bezig")
    AFGEROND = "afgerond", _("Afgerond")
    NIET_NODIG = "niet_nodig", _("Niet nodig")


class BetalingStatus(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    GEEXPORTEERD = "geexporteerd", _("Geëxporteerd")
    BETAALD = "betaald", _("Betaald")
    MISLUKT = "mislukt", _("Mislukt")
    GESTORNEERD = "gestorneerd", _("Gestorneerd")


class BatchStatus(models.TextChoices):
    GEEXPORTEERD = "geexporteerd", _("Geëxporteerd")
    BETAALD = "betaald", _("Betaald")
