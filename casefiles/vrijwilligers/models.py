"""The register of volunteers and their matches with inburgeraars. Imported by
``casefiles.models``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casefiles.choices import VrijwilligerSoort


class Vrijwilliger(models.Model):
    """A volunteer (taalmaatje, buddy, …) in a gemeente's register, with the date of
    the VOG and the training followed."""

    gemeente = models.ForeignKey(
        "casefiles.Gemeente",
        on_delete=models.PROTECT,
        related_name="vrijwilligers",
        verbose_name=_("gemeente"),
    )
    naam = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    telefoon = models.CharField(_("telefoon"), max_length=20, blank=True)
    soort = models.CharField(
        _("soort"), max_length=20, choices=VrijwilligerSoort.choices, default="taalmaatje"
    )
    organisatie = models.ForeignKey(
        "casefiles.Ketenpartner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vrijwilligers",
        verbose_name=_("organisatie"),
        help_text=_("Bijvoorbeeld VluchtelingenWerk of het taalhuis."),
    )
    talen = models.CharField(_("talen"), max_length=200, blank=True)
    vog_datum = models.DateField(
        _("datum VOG"),
        null=True,
        blank=True,
        help_text=_("Afgiftedatum van de Verklaring Omtrent het Gedrag."),
    )
    training = models.CharField(
        _("training"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: training taalmaatje (Het Begint met Taal)."),
    )
    training_datum = models.DateField(_("training afgerond op"), null=True, blank=True)
    actief = models.BooleanField(_("actief"), default=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    history = HistoricalRecords(verbose_name=_("historie vrijwilliger"))

    class Meta:
        verbose_name = _("vrijwilliger")
        verbose_name_plural = _("vrijwilligers")
        ordering = ["naam", "id"]

    def __str__(self) -> str:
        return self.naam


class Koppeling(models.Model):
    """A volunteer matched to an inburgeraar, with start and end."""

    vrijwilliger = models.ForeignKey(
        Vrijwilliger,
        on_delete=models.PROTECT,
        related_name="koppelingen",
        verbose_name=_("vrijwilliger"),
    )
    dossier = models.ForeignKey(
        "casefiles.Dossier",
        on_delete=models.CASCADE,
        related_name="vrijwilliger_koppelingen",
        verbose_name=_("dossier"),
    )
    soort = models.CharField(_("soort"), max_length=20, choices=VrijwilligerSoort.choices)
    doel = models.CharField(
        _("doel"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld: wekelijks Nederlands oefenen."),
    )
    start = models.DateField(_("start"))
    eind = models.DateField(_("einde"), null=True, blank=True)
    gekoppeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("gekoppeld door"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("koppeling met een vrijwilliger")
        verbose_name_plural = _("koppelingen met vrijwilligers")
        ordering = ["-start", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(eind__isnull=True) | Q(eind__gte=F("start")),
                name="koppeling_eind_na_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vrijwilliger} ({self.get_soort_display()})"

    @property
    def is_actief(self) -> bool:
        return self.eind is None


class VrijwilligerSignaal(models.Model):
    """Something a volunteer noticed ("problemen worden gesignaleerd"), recorded in the
    dossier; it reaches the consulent as a task."""

    koppeling = models.ForeignKey(
        Koppeling, on_delete=models.CASCADE, related_name="signalen", verbose_name=_("koppeling")
    )
    datum = models.DateField(_("datum"))
    omschrijving = models.TextField(_("wat is er gesignaleerd"))
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    taak = models.ForeignKey(
        "casefiles.Taak",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("taak"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("signaal van een vrijwilliger")
        verbose_name_plural = _("signalen van vrijwilligers")
        ordering = ["-datum", "-id"]

    def __str__(self) -> str:
        return f"Signaal {self.datum:%d-%m-%Y}"
