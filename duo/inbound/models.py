"""Models of what DUO sends us (notifications). Imported by duo.models."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import NotificatieStatus

__all__ = ["Notificatie", "NotificatieStatus"]


class Notificatie(models.Model):
    """One notification DUO posted to ``POST /notificaties`` (DUO Notificatie API
    1.8): a gebeurtenis (SS101, SS139, …) about one person, for one gemeente (the
    ``doel`` OIN). Stored once per ``berichtId`` (unique): a repeat is answered
    without being processed again. Processing runs in the background through the
    outbox (kind ``duo.notificatie``) and fetches what the event points to from DUO.

    The BSN is kept only while it is needed to ask DUO (received, failed, no
    dossier yet): a processed notification points to its dossier and keeps no BSN,
    and a refused one never kept it."""

    bericht_id = models.UUIDField(
        _("bericht-id"), unique=True, help_text=_("DUO's berichtId (header): uniek per bericht.")
    )
    gemeente = models.ForeignKey(
        "casefiles.Gemeente",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gemeente"),
        help_text=_("De gemeente van het doel-OIN."),
    )
    gebeurtenis_id = models.CharField(
        _("gebeurtenis"), max_length=6, help_text=_("DUO's gebeurtenisId, bijv. SS139.")
    )
    registratie_moment = models.DateTimeField(
        _("geregistreerd bij DUO op"), help_text=_("DUO registratieDatumTijd.")
    )
    bsn = models.CharField(_("BSN"), max_length=9, blank=True)
    v_nummer = models.CharField(_("V-nummer"), max_length=10, blank=True)
    dossier = models.ForeignKey(
        "casefiles.Dossier",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dossier"),
    )
    status = models.CharField(
        _("status"),
        max_length=15,
        choices=NotificatieStatus.choices,
        default=NotificatieStatus.ONTVANGEN,
    )
    resultaat = models.CharField(
        _("resultaat"),
        max_length=300,
        blank=True,
        help_text=_("Wat de verwerking deed, in het Nederlands; nooit persoonsgegevens."),
    )
    ontvangen_op = models.DateTimeField(_("ontvangen op"), auto_now_add=True)
    verwerkt_op = models.DateTimeField(_("verwerkt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("notificatie van DUO")
        verbose_name_plural = _("notificaties van DUO")
        ordering = ["-ontvangen_op", "-id"]
        indexes = [
            models.Index(fields=["gemeente", "status"], name="duo_notificatie_gem_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="geweigerd")
                | (models.Q(bsn="") & models.Q(v_nummer="")),
                name="duo_notificatie_geweigerd_zonder_persoon",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gebeurtenis_id} #{self.pk} ({self.get_status_display()})"
