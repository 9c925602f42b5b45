"""Partner access: who works for which partner organisation, what a gemeente shares
with it on the inburgeraar's consent, and the notifications a partner receives.

Imported by ``casefiles.models`` so these models belong to the casefiles app."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casefiles.choices import DeelOnderdeel, ToestemmingVorm


class PartnerMedewerker(models.Model):
    """A user who works for a partner organisation (role *ketenpartner*). One user
    can work for the same organisation in several gemeenten (each gemeente keeps its
    own Ketenpartner record). Reference data of the functioneel beheerder."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="ketenpartner_accounts",
        verbose_name=_("gebruiker"),
    )
    partner = models.ForeignKey(
        "casefiles.Ketenpartner",
        on_delete=models.CASCADE,
        related_name="medewerkers",
        verbose_name=_("ketenpartner"),
    )

    class Meta:
        verbose_name = _("medewerker van een ketenpartner")
        verbose_name_plural = _("medewerkers van ketenpartners")
        constraints = [
            models.UniqueConstraint(fields=["user", "partner"], name="partnermedewerker_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.partner}"


class Deling(models.Model):
    """The gemeente shares parts of one dossier with one partner organisation, on the
    inburgeraar's recorded consent: what (``onderdelen``), with whom (``partner``),
    from/until (``geldig_van``/``geldig_tot``), and withdrawable (``ingetrokken_op``).
    A partner sees a dossier only while an active share exists (AVG art. 6/7: consent,
    specific, time-bound, withdrawable). Health, handhaving and payments are never
    among the parts (``DeelOnderdeel``)."""

    dossier = models.ForeignKey(
        "casefiles.Dossier",
        on_delete=models.CASCADE,
        related_name="delingen",
        verbose_name=_("dossier"),
    )
    partner = models.ForeignKey(
        "casefiles.Ketenpartner",
        on_delete=models.PROTECT,
        related_name="delingen",
        verbose_name=_("ketenpartner"),
    )
    onderdelen = models.JSONField(
        _("gedeelde onderdelen"),
        default=list,
        help_text=_("Waarden uit DeelOnderdeel: begeleiding, pip_doelen, verwijzingen, …"),
    )
    toestemming_datum = models.DateField(
        _("toestemming gegeven op"),
        help_text=_("De dag waarop de inburgeraar toestemming gaf."),
    )
    toestemming_vorm = models.CharField(
        _("vorm van de toestemming"), max_length=15, choices=ToestemmingVorm.choices
    )
    toestemming_toelichting = models.CharField(
        _("toelichting toestemming"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld: getekend formulier staat bij de documenten."),
    )
    geldig_van = models.DateField(_("gedeeld vanaf"))
    geldig_tot = models.DateField(_("gedeeld tot en met"))
    gedeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("gedeeld door"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    ingetrokken_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingetrokken door"),
    )
    intrekking_reden = models.CharField(_("reden intrekking"), max_length=300, blank=True)
    history = HistoricalRecords(verbose_name=_("historie deling"))

    class Meta:
        verbose_name = _("deling met een ketenpartner")
        verbose_name_plural = _("delingen met ketenpartners")
        ordering = ["-geldig_van", "-id"]
        permissions = [
            ("partner_portaal", _("Gedeelde dossiers bekijken en bijwerken (ketenpartner)")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(geldig_tot__gte=F("geldig_van")), name="deling_tot_na_van"
            ),
            models.CheckConstraint(
                condition=Q(toestemming_datum__lte=F("geldig_van")),
                name="deling_toestemming_voor_delen",
            ),
            models.UniqueConstraint(
                fields=["dossier", "partner"],
                condition=Q(ingetrokken_op__isnull=True),
                name="deling_een_lopende_per_partner",
            ),
        ]
        indexes = [models.Index(fields=["partner", "geldig_tot"])]

    def __str__(self) -> str:
        return f"Deling met {self.partner}"

    @property
    def is_ingetrokken(self) -> bool:
        return self.ingetrokken_op is not None

    def is_actief(self, op) -> bool:
        return not self.is_ingetrokken and self.geldig_van <= op <= self.geldig_tot

    def deelt(self, onderdeel: str) -> bool:
        return onderdeel in (self.onderdelen or [])

    @property
    def onderdelen_labels(self) -> list[str]:
        return [str(DeelOnderdeel(o).label) for o in self.onderdelen if o in DeelOnderdeel.values]


class PartnerMelding(models.Model):
    """A notification for every user of a partner organisation (a new referral).
    Holds no personal data: the partner opens the dossier only when it is shared.
    Until the transactional outbox exists this row is the notification; an e-mail
    will be sent through the outbox from it."""

    partner = models.ForeignKey(
        "casefiles.Ketenpartner",
        on_delete=models.CASCADE,
        related_name="meldingen",
        verbose_name=_("ketenpartner"),
    )
    verwijzing = models.ForeignKey(
        "casefiles.Verwijzing",
        on_delete=models.CASCADE,
        related_name="meldingen",
        verbose_name=_("verwijzing"),
    )
    titel = models.CharField(_("titel"), max_length=200)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gelezen_op = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    gelezen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gelezen door"),
    )

    class Meta:
        verbose_name = _("melding aan een ketenpartner")
        verbose_name_plural = _("meldingen aan ketenpartners")
        ordering = ["-aangemaakt_op", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["verwijzing", "partner"], name="partnermelding_een_per_verwijzing"
            ),
        ]

    def __str__(self) -> str:
        return self.titel
