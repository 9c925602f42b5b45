"""Choice lists of inzage and correction requests."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InzageStatus(models.TextChoices):
    WACHTRIJ = "wachtrij", _("Wordt gemaakt")
    GEREED = "gereed", _("Klaar om te downloaden")
    GEDOWNLOAD = "gedownload", _("Gedownload (bestand verwijderd)")
    MISLUKT = "mislukt", _("Mislukt")


class CorrectieStatus(models.TextChoices):
    OPEN = "open", _("Open")
    GECORRIGEERD = "gecorrigeerd", _("Gecorrigeerd")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class CorrectieOnderdeel(models.TextChoices):
    """Which part of the dossier the person wants corrected (each has an edit screen
    and a history table, privacy.inzage.correctie.ONDERDELEN)."""

    PERSOON = "persoon", _("Persoonsgegevens (naam, adres, contact)")
    DOSSIER = "dossier", _("Gegevens van het dossier (data, doelgroep)")
    FEITEN = "inburgeringsfeiten", _("Inburgeringsfeiten (termijn, eerdere PIP)")
    INTAKE = "intake", _("Brede intake")
    PIP = "pip", _("PIP")
    HANDHAVING = "handhaving", _("Waarschuwing of boete")
