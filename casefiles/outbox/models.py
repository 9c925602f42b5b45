"""The outbox table: one row per side effect (a letter to render, an e-mail, later a
message to DUO), written in the same transaction as the data it belongs to.

Rows hold ids only (``payload``), never personal data: the functioneel beheerder sees
them in the admin with their error."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Wacht op verzending")
    DISPATCHED = "dispatched", _("Doorgegeven aan de achtergrondverwerking")
    RUNNING = "running", _("Wordt uitgevoerd")
    DONE = "done", _("Klaar")
    FAILED = "failed", _("Mislukt (wacht op beheer)")


OPEN_STATUSES = (OutboxStatus.PENDING, OutboxStatus.DISPATCHED, OutboxStatus.RUNNING)


def _default_dedup_key() -> str:
    return f"uniek:{uuid.uuid4().hex}"


class OutboxJob(models.Model):
    """A side effect waiting to happen (transactional outbox). The relay hands due
    rows to Celery; the task runs the handler registered for ``kind`` with
    ``payload`` as keyword arguments and marks the row done in the handler's own
    transaction. ``dedup_key`` is unique: enqueueing the same key twice is a no-op."""

    kind = models.CharField(_("soort"), max_length=60, db_index=True)
    payload = models.JSONField(_("gegevens (alleen id's)"), default=dict)
    dedup_key = models.CharField(
        _("ontdubbelsleutel"), max_length=200, unique=True, default=_default_dedup_key
    )
    status = models.CharField(
        _("status"), max_length=12, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    max_attempts = models.PositiveSmallIntegerField(_("maximum aantal pogingen"), default=8)
    next_attempt_at = models.DateTimeField(_("volgende poging"), default=timezone.now)
    dispatched_at = models.DateTimeField(_("doorgegeven op"), null=True, blank=True)
    started_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    done_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    last_error = models.CharField(
        _("laatste fout"),
        max_length=300,
        blank=True,
        help_text=_("Soort fout en plaats in de code; nooit persoonsgegevens."),
    )
    gemeente = models.ForeignKey(
        "casefiles.Gemeente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeente"),
    )
    dossier_id = models.PositiveBigIntegerField(_("dossier-id"), null=True, blank=True)

    class Meta:
        verbose_name = _("achtergrondtaak")
        verbose_name_plural = _("achtergrondtaken")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_status_due"),
        ]
        permissions = [("retry_outboxjob", _("Mislukte achtergrondtaken opnieuw proberen"))]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.get_status_display()})"
