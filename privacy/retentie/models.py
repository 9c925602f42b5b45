"""Models of retention periods, the anonymisation record and the verwerkingsregister.
Imported by privacy.models."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import rules
from .choices import Bewaarsoort, Grondslag

__all__ = ["Anonimisering", "Bewaartermijn", "Verwerking"]


class Bewaartermijn(models.Model):
    """The retention period of one kind of record in one gemeente (reference data,
    kept by the functioneel beheerder of that gemeente in the admin). Without a row the
    default of :data:`privacy.retentie.rules.STANDAARD_TERMIJNEN` applies; its source
    is named there and in docs/privacy.md."""

    gemeente = models.ForeignKey(
        "casefiles.Gemeente",
        on_delete=models.CASCADE,
        related_name="bewaartermijnen",
        verbose_name=_("gemeente"),
    )
    soort = models.CharField(_("soort gegevens"), max_length=20, choices=Bewaarsoort.choices)
    jaren = models.PositiveSmallIntegerField(
        _("bewaartermijn (jaren)"),
        validators=[MinValueValidator(rules.MIN_JAREN), MaxValueValidator(rules.MAX_JAREN)],
        help_text=_(
            "Aantal jaren na de einddatum van het dossier. Daarna worden de gegevens "
            "geanonimiseerd; de cijfers voor het dashboard blijven."
        ),
    )
    bron = models.CharField(
        _("bron"),
        max_length=300,
        help_text=_(
            "Waarop de termijn berust: de selectielijst (categorie), de wet of een besluit "
            "van de gemeente (gemeentelijk beleid)."
        ),
    )
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("bewaartermijn")
        verbose_name_plural = _("bewaartermijnen")
        ordering = ["gemeente__naam", "soort"]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "soort"],
                name="bewaartermijn_een_per_soort_per_gemeente",
                violation_error_message=_(
                    "Voor deze gemeente is al een bewaartermijn voor deze soort gegevens "
                    "vastgelegd."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(jaren__gte=rules.MIN_JAREN, jaren__lte=rules.MAX_JAREN),
                name="bewaartermijn_jaren_binnen_grenzen",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente}: {self.get_soort_display()} {self.jaren} jaar"


class Anonimisering(models.Model):
    """That the records of one kind of one dossier (or a person record) were
    anonymised, and when. Ids only. The unique constraint makes the job idempotent: a
    second run finds nothing left to do."""

    soort = models.CharField(_("soort"), max_length=20)
    dossier_id = models.IntegerField(_("dossier-id"), null=True, blank=True)
    inburgeraar_id = models.IntegerField(_("inburgeraar-id"), null=True, blank=True)
    gemeente_id = models.IntegerField(_("gemeente-id"))
    uitgevoerd_op = models.DateTimeField(_("uitgevoerd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("anonimisering")
        verbose_name_plural = _("anonimiseringen")
        ordering = ["-uitgevoerd_op", "-id"]
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(
                fields=["soort", "dossier_id"],
                condition=models.Q(dossier_id__isnull=False),
                name="anonimisering_een_per_soort_per_dossier",
            ),
            models.UniqueConstraint(
                fields=["inburgeraar_id"],
                condition=models.Q(inburgeraar_id__isnull=False),
                name="anonimisering_een_per_persoon",
            ),
        ]
        indexes = [models.Index(fields=["dossier_id", "soort"])]

    def __str__(self) -> str:
        if self.dossier_id:
            return f"{self.soort} dossier {self.dossier_id}"
        return f"persoon {self.inburgeraar_id}"


class Verwerking(models.Model):
    """One processing of personal data the product performs, for the register of
    processing activities (AVG art. 30 lid 1). The product's processings are filled in
    by a data migration; the gemeente (the controller) exports them into its own
    register. Linked to the retention kinds and to the access log's purpose values."""

    naam = models.CharField(_("naam"), max_length=150, unique=True)
    doel = models.TextField(_("doel van de verwerking"), help_text=_("AVG art. 30 lid 1 sub b."))
    grondslag = models.CharField(
        _("grondslag (AVG art. 6)"), max_length=2, choices=Grondslag.choices
    )
    wettelijke_basis = models.TextField(
        _("wettelijke basis"),
        help_text=_("Artikelen van de Wet inburgering 2021, het Besluit, de Participatiewet."),
    )
    bijzondere_gegevens = models.TextField(
        _("bijzondere persoonsgegevens en uitzondering (AVG art. 9/10)"), blank=True
    )
    categorieen_betrokkenen = models.TextField(_("categorieën betrokkenen"))
    categorieen_gegevens = models.TextField(_("categorieën persoonsgegevens"))
    ontvangers = models.TextField(
        _("ontvangers"), help_text=_("DUO, aanbieders, ketenpartners, bank, …")
    )
    doorgifte_buiten_eer = models.CharField(
        _("doorgifte buiten de EER"), max_length=200, default="Geen"
    )
    bewaarsoort = models.CharField(
        _("bewaartermijn volgens"),
        max_length=20,
        choices=Bewaarsoort.choices,
        blank=True,
        help_text=_(
            "De bewaartermijn van deze soort gegevens (per gemeente in te stellen bij "
            "Bewaartermijnen). Leeg: zie de toelichting."
        ),
    )
    bewaartermijn_toelichting = models.CharField(
        _("toelichting bewaartermijn"), max_length=300, blank=True
    )
    toegangslog_doelen = models.JSONField(
        _("doelen in het toegangslog"),
        default=list,
        blank=True,
        help_text=_(
            "De waarden van het veld 'doel' in het toegangslog die bij deze verwerking horen "
            "(leeg doel = gewone dossierbehandeling)."
        ),
    )
    toegangslog_onderdelen = models.JSONField(
        _("onderdelen in het toegangslog"),
        default=list,
        blank=True,
        help_text=_("Voorvoegsels van 'onderdeel' in het toegangslog, bijv. 'intake.'."),
    )
    beveiliging = models.TextField(_("beveiligingsmaatregelen (AVG art. 32)"), blank=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("verwerking (register art. 30)")
        verbose_name_plural = _("verwerkingsregister (art. 30)")
        ordering = ["volgorde", "naam"]

    def __str__(self) -> str:
        return self.naam
