"""Choice lists of the monitoring app. Labels are Dutch (the user interface language)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Eenheid(models.TextChoices):
    AANTAL = "aantal", _("aantal")
    PROCENT = "procent", _("%")
    DAGEN = "dagen", _("dagen")
    MAANDEN = "maanden", _("maanden")
    UREN = "uren", _("uren")
    EURO = "euro", _("euro")


class Richting(models.TextChoices):
    """How the realisation is judged against the target."""

    HOGER = "hoger", _("hoger is beter (minimaal het doel)")
    LAGER = "lager", _("lager is beter (hoogstens het doel)")
    RICHTWAARDE = "richtwaarde", _("dicht bij de richtwaarde")
    GEEN = "geen", _("geen doel")


class Koers(models.TextChoices):
    OP_KOERS = "op_koers", _("Op koers")
    NIET_OP_KOERS = "niet_op_koers", _("Achter")
    ONBEKEND = "onbekend", _("Geen oordeel")
