"""Models of inzage and correction requests. Imported by privacy.models."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from casefiles.models import Gemeente, Inburgeraar, private_storage

from .choices import InzageStatus

__all__ = ["InzageVerzoek"]


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
