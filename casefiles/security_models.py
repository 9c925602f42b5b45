"""Access-control models of the core: teams (the teamleider's caseload) and the
security log. Imported at the end of ``casefiles/models.py``.

A **team** is a plain grouping of staff within one gemeente — what a gemeente with
more than one team (e.g. "Team Statushouders" and "Team Gezinsmigranten", or a
team per region) needs to give each teamleider its own caseload. Membership is
kept by the functioneel beheerder in the admin. A teamleider sees and assigns the
dossiers whose werkcoach or consulent is a member of one of its teams, plus the
unassigned dossiers of the team's gemeente (new aanmeldingen to distribute).

The **security log** records logins, failures, logouts, lock-outs, password resets
and changes, second-factor events and role changes: ids, the kind of event, the
IP address and the request id — never a password, a BSN or what someone typed in
the username field (an unknown username is kept only as a keyed hash, so repeated
attempts on one name can be correlated without storing it).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import SecuritySoort


class Team(models.Model):
    """A team of staff within one gemeente; its teamleider(s) assign its caseload."""

    gemeente = models.ForeignKey(
        "casefiles.Gemeente",
        on_delete=models.PROTECT,
        related_name="teams",
        verbose_name=_("gemeente"),
    )
    naam = models.CharField(_("naam"), max_length=100)
    leden = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="teams",
        blank=True,
        verbose_name=_("leden"),
        help_text=_(
            "Werkcoaches, consulenten en teamleiders van dit team. Alleen medewerkers "
            "van de gemeente van het team."
        ),
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["gemeente__naam", "naam"]
        permissions = [("view_caseload", _("Caseload van het team inzien en toewijzen"))]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "naam"], name="team_naam_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.gemeente})"


class SecurityEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Het beveiligingslog is alleen-toevoegen.")

    def delete(self):
        raise PermissionError("Het beveiligingslog is alleen-toevoegen.")


class SecurityEvent(models.Model):
    """One security event (append-only; the application's database role may only
    INSERT and SELECT)."""

    moment = models.DateTimeField(_("moment"), default=timezone.now, db_index=True)
    soort = models.CharField(_("soort"), max_length=25, choices=SecuritySoort.choices)
    user_id = models.IntegerField(
        _("gebruiker-id"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Het account waar het om gaat (leeg bij een onbekende gebruikersnaam)."),
    )
    actor_id = models.IntegerField(
        _("door gebruiker-id"),
        null=True,
        blank=True,
        help_text=_("Wie de wijziging deed, als dat iemand anders is (bijv. de beheerder)."),
    )
    naam_hash = models.CharField(
        _("hash van de gebruikersnaam"),
        max_length=16,
        blank=True,
        help_text=_("Alleen bij een onbekende gebruikersnaam: een sleutel-hash, nooit de naam."),
    )
    ip_adres = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    request_id = models.CharField(_("request-id"), max_length=36, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects = SecurityEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("beveiligingsgebeurtenis")
        verbose_name_plural = _("beveiligingslog")
        ordering = ["-moment", "-id"]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.moment:%Y-%m-%d %H:%M} {self.get_soort_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Het beveiligingslog is alleen-toevoegen.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Het beveiligingslog is alleen-toevoegen.")
