"""Models of the DUO koppeling. What we send lives here; what DUO sends us lives in
duo.inbound.models (imported below so that Django sees one app)."""

import re

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .inbound.models import *  # noqa: F403


class BerichtSoort(models.TextChoices):
    """What a message to DUO does (one DUO API operation each)."""

    PIP = "pip", _("PIP registreren")
    PIP_VERWIJDEREN = "pip_verwijderen", _("PIP verwijderen")
    CP_REGISTREREN = "cp_registreren", _("Contactpersoon registreren")
    CP_KOPPELEN = "cp_koppelen", _("Contactpersoon koppelen")
    CP_ONTKOPPELEN = "cp_ontkoppelen", _("Contactpersoon ontkoppelen")
    CP_WIJZIGEN = "cp_wijzigen", _("Gegevens contactpersoon wijzigen")
    MAP = "map", _("Eindgesprek MAP")
    PVT = "pvt", _("Ondertekening PVT")
    ZROUTE = "zroute", _("Afronding Z-route")
    UREN_TAAL = "uren_taal", _("Gevolgde uren taalles en KNM")
    UREN_INTAKE = "uren_intake", _("Uren taalles en KNM brede intake")
    UREN_PARTICIPATIE = "uren_participatie", _("Uren participatieactiviteiten")
    AANBOD = "aanbod", _("Inburgeringsaanbod")


class BerichtStatus(models.TextChoices):
    WACHT = "wacht", _("Wacht op verzending")
    VERZONDEN = "verzonden", _("Verzonden naar DUO")
    GEWEIGERD = "geweigerd", _("Geweigerd door DUO")
    ONGELDIG = "ongeldig", _("Niet verzonden: voldoet niet aan de regels van DUO")
    VERVALLEN = "vervallen", _("Vervallen (niet meer nodig)")


_BSN_RE = re.compile(r"(?<!\d)\d{9}(?!\d)")


def zonder_bsn(tekst: str) -> str:
    """DUO's error texts are functional messages; should one ever quote a BSN (nine
    digits), it is masked before the text is stored."""
    return _BSN_RE.sub("•••••••••", tekst or "")


class DuoBericht(models.Model):
    """One message to DUO: what (``soort`` + ``object_id``: ids only), for which dossier,
    its outbox job, and DUO's answer (HTTP status and DUO's reason). The body is built
    from the current data when the message is sent, so it is not stored (it holds the
    BSN in DUO's path)."""

    gemeente = models.ForeignKey(
        "casefiles.Gemeente",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gemeente"),
    )
    dossier = models.ForeignKey(
        "casefiles.Dossier",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="duo_berichten",
        verbose_name=_("dossier"),
    )
    soort = models.CharField(_("soort"), max_length=20, choices=BerichtSoort.choices)
    methode = models.CharField(_("methode"), max_length=6)
    api = models.CharField(_("DUO-API"), max_length=30)
    object_id = models.PositiveBigIntegerField(
        _("object-id"),
        null=True,
        blank=True,
        help_text=_("Id van wat verzonden wordt (PIP-versie, traject, inschrijving, medewerker)."),
    )
    dedup_key = models.CharField(_("ontdubbelsleutel"), max_length=120, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=BerichtStatus.choices, default=BerichtStatus.WACHT
    )
    outbox_job = models.ForeignKey(
        "casefiles.OutboxJob",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("achtergrondtaak"),
    )
    http_status = models.PositiveSmallIntegerField(_("HTTP-status van DUO"), null=True, blank=True)
    reden = models.TextField(
        _("reden"),
        blank=True,
        help_text=_("De foutmelding van DUO of de regel van DUO waaraan het bericht niet voldoet."),
    )
    bericht_id = models.CharField(_("berichtId"), max_length=36, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    verzonden_op = models.DateTimeField(_("beantwoord op"), null=True, blank=True)

    class Meta:
        verbose_name = _("bericht aan DUO")
        verbose_name_plural = _("berichten aan DUO")
        ordering = ["-aangemaakt_op", "-id"]
        indexes = [
            models.Index(fields=["dossier", "soort"], name="duobericht_dossier_soort"),
            models.Index(fields=["gemeente", "status"], name="duobericht_gemeente_status"),
        ]
        permissions = [("retry_duobericht", _("Berichten aan DUO opnieuw versturen"))]

    def __str__(self) -> str:
        return f"DUO {self.get_soort_display()} #{self.pk} ({self.get_status_display()})"

    @property
    def mislukt(self) -> bool:
        """Waiting, but the outbox gave up (DUO unreachable after every attempt)."""
        job = self.outbox_job
        return self.status == BerichtStatus.WACHT and job is not None and job.status == "failed"

    @property
    def status_tekst(self) -> str:
        if self.mislukt:
            return str(_("Niet verzonden: DUO was niet bereikbaar"))
        return str(self.get_status_display())


class DuoContactpersoon(models.Model):
    """A werkcoach registered at DUO as contactpersoon of a gemeente, with the id DUO
    gave it (Contactpersoon API). One per gemeente and medewerker."""

    gemeente = models.ForeignKey(
        "casefiles.Gemeente", on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("medewerker"),
    )
    duo_id = models.PositiveIntegerField(_("id bij DUO"), null=True, blank=True)
    geregistreerd_op = models.DateTimeField(_("geregistreerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("contactpersoon bij DUO")
        verbose_name_plural = _("contactpersonen bij DUO")
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "medewerker"], name="duo_contactpersoon_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"contactpersoon {self.medewerker_id} ({self.duo_id or '-'})"
