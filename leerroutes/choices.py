from django.db import models
from django.utils.translation import gettext_lazy as _


class Erkenning(models.TextChoices):
    BLIK_OP_WERK = "bow", _("Blik op Werk-keurmerk")
    TAALSCHAKEL = "tst", _("Erkende taalschakelinstelling")
