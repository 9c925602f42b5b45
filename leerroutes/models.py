"""Language providers and everything recorded about a leerroute at a provider."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import Erkenning


class Aanbieder(models.Model):
    """A language provider the gemeente buys leerroutes from (maintained in the admin)."""

    naam = models.CharField(_("naam"), max_length=200, unique=True)
    erkenning = models.CharField(
        _("erkenning"), max_length=3, choices=Erkenning.choices, default=Erkenning.BLIK_OP_WERK
    )
    duo_code = models.CharField(
        _("DUO-instellingscode"),
        max_length=10,
        unique=True,
        help_text=_("Code waaronder DUO de instelling kent."),
    )
    gemeenten = models.ManyToManyField(
        "casefiles.Gemeente", related_name="aanbieders", verbose_name=_("gemeenten"), blank=True
    )
    contract_start = models.DateField(_("contract vanaf"), null=True, blank=True)
    contract_eind = models.DateField(_("contract tot"), null=True, blank=True)
    locaties = models.CharField(_("locaties"), max_length=300, blank=True)
    biedt_b1 = models.BooleanField(_("biedt B1-route"), default=True)
    biedt_onderwijs = models.BooleanField(_("biedt onderwijsroute"), default=False)
    biedt_z = models.BooleanField(_("biedt Z-route"), default=True)
    biedt_map = models.BooleanField(_("biedt MAP"), default=True)
    biedt_pvt = models.BooleanField(_("biedt PVT"), default=True)
    prijs_b1 = models.DecimalField(
        _("prijs B1-route"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    prijs_onderwijs = models.DecimalField(
        _("prijs onderwijsroute"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    prijs_z = models.DecimalField(
        _("prijs Z-route"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    prijs_map = models.DecimalField(
        _("prijs MAP"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    prijs_pvt = models.DecimalField(
        _("prijs PVT"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    map_startmaanden = models.CharField(
        _("startmaanden MAP-carrousel"),
        max_length=40,
        default="2,6,10",
        help_text=_("Maandnummers, standaard februari, juni en oktober: 2,6,10."),
    )
    contactpersonen = models.TextField(_("contactpersonen"), blank=True)

    class Meta:
        verbose_name = _("taalaanbieder")
        verbose_name_plural = _("taalaanbieders")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam
