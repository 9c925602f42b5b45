"""Models of inzage and correction requests. Imported by privacy.models."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from casefiles.models import Document, Dossier, Gemeente, Inburgeraar, private_storage

from .choices import CorrectieOnderdeel, CorrectieStatus, InzageStatus

__all__ = ["CorrectieVerzoek", "InzageVerzoek"]


def inzage_upload_to(instance: InzageVerzoek, filename: str) -> str:
    """A random name: the file name says nothing about the person."""
    return f"privacy/inzage/{uuid.uuid4().hex}.zip"


class InzageVerzoek(models.Model):
    """A request of an inburgeraar to see everything the gemeente holds about them
    (AVG art. 15) in a readable PDF and a machine-readable JSON (art. 20).

    The export is made in the background (outbox kind ``privacy.inzage``) and kept in
    private storage as one ZIP file until the requester downloads it once; then the
    file is deleted and only this row (ids, dates, counts) remains."""

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    inburgeraar = models.ForeignKey(
        Inburgeraar,
        on_delete=models.SET_NULL,
        null=True,
        related_name="inzageverzoeken",
        verbose_name=_("inburgeraar"),
        help_text=_("Leeg nadat de persoonsgegevens zijn geanonimiseerd."),
    )
    ontvangen_op = models.DateField(
        _("ontvangen op"),
        help_text=_("De dag waarop de gemeente het verzoek ontving; de termijn telt vanaf hier."),
    )
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("aangevraagd door"),
    )
    aangevraagd_op = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=20, choices=InzageStatus.choices, default=InzageStatus.WACHTRIJ
    )
    dossier_ids = models.JSONField(
        _("dossiers"), default=list, help_text=_("Ids van de dossiers in de export.")
    )
    samenvatting = models.JSONField(
        _("samenvatting"),
        default=dict,
        blank=True,
        help_text=_("Aantal gegevens per onderdeel (geen inhoud)."),
    )
    bestand = models.FileField(
        _("bestand"), storage=private_storage, upload_to=inzage_upload_to, blank=True
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    grootte = models.PositiveIntegerField(_("grootte (bytes)"), null=True, blank=True)
    gereed_op = models.DateTimeField(_("klaar op"), null=True, blank=True)
    gedownload_op = models.DateTimeField(_("gedownload op"), null=True, blank=True)

    class Meta:
        verbose_name = _("inzageverzoek")
        verbose_name_plural = _("inzageverzoeken")
        ordering = ["-aangevraagd_op", "-pk"]

    def __str__(self) -> str:
        return f"Inzageverzoek {self.pk}"


class CorrectieVerzoek(models.Model):
    """A request of an inburgeraar to correct data in their dossier (AVG art. 16),
    registered on the dossier. The correction itself is made on the part's own edit
    screen through its service; the change that resolved the request is recorded by its
    history row (django-simple-history), so the request shows before and after. The
    decision goes to the person as a B1 letter (outbox ``privacy.correctie_brief``)."""

    dossier = models.ForeignKey(
        Dossier,
        on_delete=models.CASCADE,
        related_name="correctieverzoeken",
        verbose_name=_("dossier"),
    )
    onderdeel = models.CharField(_("onderdeel"), max_length=30, choices=CorrectieOnderdeel.choices)
    verzoek = models.TextField(
        _("wat vraagt de inburgeraar?"),
        help_text=_("Welke gegevens kloppen niet, en wat moet het volgens de inburgeraar zijn?"),
    )
    ontvangen_op = models.DateField(_("ontvangen op"))
    beslistermijn = models.DateField(
        _("beslissen vóór"), help_text=_("Eén maand na ontvangst (AVG artikel 12, lid 3).")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CorrectieStatus.choices, default=CorrectieStatus.OPEN
    )
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("geregistreerd door"),
    )
    geregistreerd_op = models.DateTimeField(_("geregistreerd op"), auto_now_add=True)
    besluit_op = models.DateField(_("besluit op"), null=True, blank=True)
    besluit_toelichting = models.TextField(
        _("toelichting bij het besluit"),
        blank=True,
        help_text=_("Komt in de brief aan de inburgeraar: korte zinnen, B1."),
    )
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besloten door"),
    )
    wijziging_model = models.CharField(
        _("historietabel van de wijziging"), max_length=100, blank=True
    )
    wijziging_history_id = models.PositiveBigIntegerField(
        _("historieregel van de wijziging"), null=True, blank=True
    )
    brief = models.ForeignKey(
        Document,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("brief aan de inburgeraar"),
    )

    class Meta:
        verbose_name = _("correctieverzoek")
        verbose_name_plural = _("correctieverzoeken")
        ordering = ["-ontvangen_op", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="open")
                | (models.Q(besluit_op__isnull=False) & ~models.Q(besluit_toelichting="")),
                name="correctie_besluit_heeft_datum_en_toelichting",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="gecorrigeerd")
                | models.Q(wijziging_history_id__isnull=False),
                name="correctie_gecorrigeerd_heeft_wijziging",
            ),
        ]

    def __str__(self) -> str:
        return f"Correctieverzoek {self.pk}"
