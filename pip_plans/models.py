"""The PIP (Persoonlijk Plan Inburgering en Participatie, Wi 2021 art. 15) as a
numbered series of versions per dossier, its goals, its letters, the
voortgangsgesprekken and handhaving.

A vastgestelde version is a beschikking: its content never changes. That is
guarded on every path: ``save()``/``delete()`` here, the QuerySet's ``update()``
and ``delete()``, the admin, the forms and services, and on PostgreSQL a trigger
(migration 0002). Only the post-decision facts in :data:`NA_BESLUIT_VELDEN` may
still be filled in or changed.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casefiles.choices import Leerroute, Levensdomein, MBIntensiteit
from casefiles.locking import LockVersionField
from casefiles.models import GemeenteVanDossier, private_storage

from . import rules
from .choices import (
    Alfabetisering,
    DoelUitkomst,
    GesprekStatus,
    HandhavingSoort,
    HerinneringSoort,
    HerinneringStatus,
    NiveauPip,
    Verplichting,
    VersieStatus,
    WijzigingReden,
)

NA_BESLUIT_VELDEN = frozenset(
    {
        "status",
        "ondertekend_op",
        "bekendgemaakt_op",
        "ingetrokken_op",
        "ingetrokken_reden",
        "ingetrokken_door",
    }
)
"""Columns of a vastgestelde version that may still change: the facts that happen
after the decision (signed by the inburgeraar, bekendgemaakt, withdrawn). Everything
else is the content of the beschikking and is frozen. The PostgreSQL trigger
(migration 0002) uses the same list."""

IMMUTABLE_MESSAGE = (
    "Een vastgestelde PIP is een beschikking en kan niet worden gewijzigd of verwijderd. "
    "Maak een nieuwe versie met 'Wijzigen'."
)


class PipImmutableError(ValidationError):
    """Raised when something tries to change or delete a vastgestelde version."""

    def __init__(self, message: str = IMMUTABLE_MESSAGE):
        super().__init__(message, code="immutable")


class PipVersieQuerySet(models.QuerySet):
    """Bulk writes cannot bypass immutability: ``update()`` of content fields and
    ``delete()`` refuse when any matched row is no longer a concept."""

    def update(self, **kwargs):
        if set(kwargs) - NA_BESLUIT_VELDEN and self.exclude(status=VersieStatus.CONCEPT).exists():
            raise PipImmutableError()
        terug_naar_concept = kwargs.get("status") == VersieStatus.CONCEPT
        if terug_naar_concept and self.exclude(status=VersieStatus.CONCEPT).exists():
            raise PipImmutableError()
        return super().update(**kwargs)

    def delete(self):
        if self.exclude(status=VersieStatus.CONCEPT).exists():
            raise PipImmutableError()
        return super().delete()

    def vastgesteld(self):
        return self.filter(status=VersieStatus.VASTGESTELD)


class PipVersie(models.Model):
    """One version of a dossier's PIP. Numbered 1, 2, … per dossier; a later version
    points to the one it replaces (``vervangt``). The current PIP is the vastgestelde
    version with the highest number."""

    lock_version = LockVersionField()

    dossier = models.ForeignKey(
        "casefiles.Dossier",
        on_delete=models.PROTECT,
        related_name="pip_versies",
        verbose_name=_("dossier"),
    )
    nummer = models.PositiveSmallIntegerField(_("versienummer"))
    status = models.CharField(
        _("status"), max_length=12, choices=VersieStatus.choices, default=VersieStatus.CONCEPT
    )
    reden = models.CharField(
        _("reden"),
        max_length=12,
        choices=WijzigingReden.choices,
        default=WijzigingReden.INITIEEL,
    )
    reden_toelichting = models.TextField(
        _("toelichting op de wijziging"),
        blank=True,
        help_text=_("Waarom verandert het PIP? Komt in de brief."),
    )
    vervangt = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vervangen_door",
        verbose_name=_("vervangt versie"),
    )
    dagtekening = models.DateField(
        _("dagtekening"),
        null=True,
        blank=True,
        help_text=_("De datum van de beschikking. De eerste PIP start de inburgeringstermijn."),
    )
    leerroute = models.CharField(
        _("leerroute"), max_length=10, choices=Leerroute.choices, blank=True
    )
    niveau = models.CharField(
        _("niveau"),
        max_length=2,
        choices=NiveauPip.choices,
        blank=True,
        help_text=_("A2 of B1. Leeg bij de Z-route."),
    )
    geschatte_intensiteit_b1 = models.PositiveSmallIntegerField(
        _("geschatte intensiteit B1-route (uren)"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(rules.B1_INTENSITEIT_MIN),
            MaxValueValidator(rules.B1_INTENSITEIT_MAX),
        ],
        help_text=_("Alleen bij de B1-route voor asielstatushouders (DUO)."),
    )
    alfabetisering = models.CharField(
        _("alfabetiseringsonderwijs"),
        max_length=3,
        choices=Alfabetisering.choices,
        default=Alfabetisering.NVT,
    )
    mag_opleiding_afmaken = models.BooleanField(
        _("mag huidige opleiding eerst afmaken"),
        default=False,
        help_text=_("DUO indicatorMagOpleidingAfmaken."),
    )
    aanbieder = models.ForeignKey(
        "leerroutes.Aanbieder",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pip_versies",
        verbose_name=_("taalaanbieder"),
    )
    pvt_uren = models.PositiveSmallIntegerField(
        _("uren participatieverklaringstraject"),
        null=True,
        blank=True,
        default=rules.PVT_MIN_UREN,
    )
    pvt_afspraken = models.TextField(_("afspraken PVT"), blank=True)
    map_uren = models.PositiveSmallIntegerField(_("uren MAP"), null=True, blank=True)
    map_afspraken = models.TextField(
        _("afspraken MAP"), blank=True, help_text=_("Niet in de onderwijsroute.")
    )
    mb_duur_maanden = models.PositiveSmallIntegerField(
        _("duur maatschappelijke begeleiding (maanden)"),
        null=True,
        blank=True,
        help_text=_("Alleen voor asielstatushouders en nareizigers."),
    )
    mb_intensiteit = models.CharField(
        _("intensiteit maatschappelijke begeleiding"),
        max_length=10,
        choices=MBIntensiteit.choices,
        blank=True,
    )
    ontzorgen = models.BooleanField(
        _("financieel ontzorgen"),
        default=False,
        help_text=_("Asielstatushouders met bijstand: de gemeente betaalt de vaste lasten."),
    )
    ontzorgen_afspraken = models.TextField(_("afspraken ontzorgen"), blank=True)
    participatiewet = models.TextField(
        _("verplichtingen Participatiewet"),
        blank=True,
        help_text=_("Verplicht als de persoon bijstand krijgt."),
    )
    motivatie = models.TextField(
        _("motivatie van de leerroute"),
        blank=True,
        help_text=_("Waarom deze route: leerbaarheidstoets, advies aanbieder, intake."),
    )
    ondertekend_op = models.DateField(_("ondertekend door inburgeraar op"), null=True, blank=True)
    bekendgemaakt_op = models.DateField(_("bekendgemaakt (verzonden) op"), null=True, blank=True)
    vastgesteld_op = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgesteld door"),
    )
    ingetrokken_op = models.DateField(_("ingetrokken op"), null=True, blank=True)
    ingetrokken_reden = models.TextField(_("reden intrekking"), blank=True)
    ingetrokken_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingetrokken door"),
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    history = HistoricalRecords(verbose_name=_("historie PIP-versie"))

    objects = PipVersieQuerySet.as_manager()

    class Meta:
        verbose_name = _("PIP-versie")
        verbose_name_plural = _("PIP-versies")
        ordering = ["dossier", "-nummer"]
        permissions = [("vaststellen_pipversie", _("PIP vaststellen (beschikking)"))]
        indexes = [
            models.Index(
                fields=["dagtekening"],
                condition=Q(vastgesteld_op__isnull=False),
                name="pip_vastgesteld_dagtekening",
            ),
            models.Index(fields=["dossier", "status"], name="pip_dossier_status"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "nummer"], name="pip_versie_nummer_uniek"),
            models.UniqueConstraint(
                fields=["dossier"],
                condition=Q(status="concept"),
                name="pip_een_concept_per_dossier",
            ),
            models.CheckConstraint(
                condition=Q(status="concept")
                | Q(dagtekening__isnull=False, vastgesteld_op__isnull=False),
                name="pip_vastgesteld_heeft_dagtekening",
            ),
            models.CheckConstraint(
                condition=Q(status="concept")
                | (~Q(leerroute="onderwijs", niveau="A2") & ~Q(leerroute="z", niveau="B1")),
                name="pip_vastgesteld_niveau_past_bij_route",
            ),
            models.CheckConstraint(
                condition=Q(ingetrokken_op__isnull=True) | Q(status="ingetrokken"),
                name="pip_ingetrokken_op_alleen_bij_intrekking",
            ),
        ]

    def __str__(self) -> str:
        return f"PIP versie {self.nummer} ({self.get_status_display().lower()})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values().first()
            if stored and stored["status"] != VersieStatus.CONCEPT:
                self._guard_frozen(stored, kwargs.get("update_fields"))
        super().save(*args, **kwargs)

    def _guard_frozen(self, stored: dict, update_fields) -> None:
        for f in self._meta.concrete_fields:
            if f.attname in NA_BESLUIT_VELDEN or f.name in NA_BESLUIT_VELDEN:
                continue
            if update_fields is not None and f.name not in update_fields:
                continue
            if getattr(self, f.attname) != stored[f.attname]:
                raise PipImmutableError()
        if self.status == VersieStatus.CONCEPT:
            raise PipImmutableError()
        if stored["status"] == VersieStatus.INGETROKKEN and self.status != stored["status"]:
            raise PipImmutableError()

    def delete(self, *args, **kwargs):
        stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
        if stored and stored != VersieStatus.CONCEPT:
            raise PipImmutableError()
        return super().delete(*args, **kwargs)

    @property
    def is_concept(self) -> bool:
        return self.status == VersieStatus.CONCEPT


class PipDoelQuerySet(models.QuerySet):
    def update(self, **kwargs):
        if self.exclude(versie__status=VersieStatus.CONCEPT).exists():
            raise PipImmutableError()
        return super().update(**kwargs)

    def delete(self):
        if self.exclude(versie__status=VersieStatus.CONCEPT).exists():
            raise PipImmutableError()
        return super().delete()


class PipDoel(models.Model):
    """A goal in one life domain of a PIP version, with actions, who does what and a
    target date. Frozen together with its version."""

    versie = models.ForeignKey(
        PipVersie, on_delete=models.CASCADE, related_name="doelen", verbose_name=_("PIP-versie")
    )
    levensdomein = models.CharField(_("levensdomein"), max_length=15, choices=Levensdomein.choices)
    doel = models.CharField(_("doel"), max_length=300)
    acties = models.TextField(_("acties"), blank=True)
    wie = models.CharField(
        _("wie doet wat"),
        max_length=300,
        blank=True,
        help_text=_(
            "Bijvoorbeeld: inburgeraar zoekt vrijwilligerswerk, werkcoach belt de aanbieder."
        ),
    )
    streefdatum = models.DateField(_("streefdatum"), null=True, blank=True)
    partner = models.ForeignKey(
        "casefiles.Ketenpartner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ketenpartner"),
        help_text=_(
            "De ketenpartner die aan dit doel werkt. Met toestemming gedeeld, ziet die "
            "partner dit doel en schrijft de voortgang erbij."
        ),
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    history = HistoricalRecords(verbose_name=_("historie PIP-doel"))

    objects = PipDoelQuerySet.as_manager()

    class Meta:
        verbose_name = _("PIP-doel")
        verbose_name_plural = _("PIP-doelen")
        ordering = ["versie", "volgorde", "id"]

    def __str__(self) -> str:
        return self.doel

    def save(self, *args, **kwargs):
        if self._versie_status(self.versie_id) not in (None, VersieStatus.CONCEPT):
            raise PipImmutableError()
        if self.pk is not None:
            old = type(self).objects.filter(pk=self.pk).values_list("versie_id", flat=True).first()
            if old and old != self.versie_id and self._versie_status(old) != VersieStatus.CONCEPT:
                raise PipImmutableError()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._versie_status(self.versie_id) not in (None, VersieStatus.CONCEPT):
            raise PipImmutableError()
        return super().delete(*args, **kwargs)

    @staticmethod
    def _versie_status(versie_id) -> str | None:
        return PipVersie.objects.filter(pk=versie_id).values_list("status", flat=True).first()


def brief_upload_to(instance: PipBrief, filename: str) -> str:
    # No personal data in the stored name: dossier id, version number, content hash.
    return (
        f"pip/{instance.versie.dossier_id}/pip-v{instance.versie.nummer}-"
        f"{instance.inhoud_hash[:12]}.pdf"
    )


class PipBrief(models.Model):
    """The beschikking letter of a vastgestelde version as a PDF in private storage.
    Generating it again with the same content (``inhoud_hash``: SHA-256 of the
    rendered letter) makes no new file."""

    versie = models.ForeignKey(
        PipVersie, on_delete=models.PROTECT, related_name="brieven", verbose_name=_("PIP-versie")
    )
    bestand = models.FileField(_("bestand"), storage=private_storage, upload_to=brief_upload_to)
    inhoud_hash = models.CharField(
        _("inhoud (SHA-256)"), max_length=64, help_text=_("Hash van de opgemaakte brief.")
    )
    sha256 = models.CharField(_("SHA-256 van het bestand"), max_length=64)
    grootte = models.PositiveIntegerField(_("grootte (bytes)"))
    paginas = models.PositiveSmallIntegerField(_("aantal pagina's"), default=1)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("PIP-brief")
        verbose_name_plural = _("PIP-brieven")
        ordering = ["-aangemaakt_op", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["versie", "inhoud_hash"], name="pip_brief_uniek_per_inhoud"
            ),
        ]

    def __str__(self) -> str:
        return f"Beschikking PIP versie {self.versie.nummer}"

    @property
    def bestandsnaam(self) -> str:
        return f"beschikking-pip-dossier-{self.versie.dossier_id}-v{self.versie.nummer}.pdf"


class Voortgangsgesprek(GemeenteVanDossier):
    """A planned (and later held) voortgangsgesprek about the PIP."""

    dossier = models.ForeignKey(
        "casefiles.Dossier",
        on_delete=models.CASCADE,
        related_name="voortgangsgesprekken",
        verbose_name=_("dossier"),
    )
    pip_versie = models.ForeignKey(
        PipVersie,
        on_delete=models.PROTECT,
        related_name="gesprekken",
        verbose_name=_("PIP-versie"),
        help_text=_("De PIP-versie die gold toen het gesprek werd gepland of gehouden."),
    )
    gepland_op = models.DateField(_("gepland op"))
    status = models.CharField(
        _("status"), max_length=10, choices=GesprekStatus.choices, default=GesprekStatus.GEPLAND
    )
    gehouden_op = models.DateField(_("gehouden op"), null=True, blank=True)
    gevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gevoerd door"),
    )
    aanwezigen = models.CharField(_("andere aanwezigen"), max_length=300, blank=True)
    tolk = models.BooleanField(_("tolk ingezet"), default=False)
    tolk_taal = models.CharField(_("taal tolk"), max_length=100, blank=True)
    notities = models.TextField(_("notities"), blank=True)
    vervolgstappen = models.TextField(_("vervolgstappen"), blank=True)
    pip_wijziging = models.ForeignKey(
        PipVersie,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="gestart_in_gesprek",
        verbose_name=_("gestarte PIP-wijziging"),
    )
    herplan_reden = models.CharField(_("reden herplanning"), max_length=300, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("voortgangsgesprek")
        verbose_name_plural = _("voortgangsgesprekken")
        ordering = ["gepland_op", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="gehouden") | Q(gehouden_op__isnull=False),
                name="gesprek_gehouden_heeft_datum",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "gepland_op"]),
            # the dashboard's gesprekken of the selected gemeenten in the period as an
            # index-only scan (monitoring)
            models.Index(
                fields=["gemeente", "gepland_op"],
                include=["status", "gehouden_op", "id"],
                name="gesprek_gemeente_gepland_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"Voortgangsgesprek {self.gepland_op:%d-%m-%Y}"

    @property
    def taak_sleutel(self) -> str:
        return f"voortgangsgesprek:{self.pk}"

    def clean(self) -> None:
        if self.tolk and not self.tolk_taal:
            raise ValidationError({"tolk_taal": _("Geef aan in welke taal getolkt is.")})


class GesprekDoelUitkomst(models.Model):
    """The outcome for one PIP goal in a voortgangsgesprek."""

    gesprek = models.ForeignKey(
        Voortgangsgesprek,
        on_delete=models.CASCADE,
        related_name="uitkomsten",
        verbose_name=_("gesprek"),
    )
    doel = models.ForeignKey(
        PipDoel, on_delete=models.PROTECT, related_name="uitkomsten", verbose_name=_("doel")
    )
    uitkomst = models.CharField(_("uitkomst"), max_length=10, choices=DoelUitkomst.choices)
    toelichting = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("uitkomst per doel")
        verbose_name_plural = _("uitkomsten per doel")
        constraints = [
            models.UniqueConstraint(fields=["gesprek", "doel"], name="gesprek_uitkomst_per_doel"),
        ]

    def __str__(self) -> str:
        return self.get_uitkomst_display()


class Herinnering(models.Model):
    """A reminder about a gesprek, sent at most once per (gesprek, soort): the row is
    inserted (claimed) in its own transaction before sending; only the inserter
    sends. See services.herinneringen_versturen for the delivery guarantee."""

    gesprek = models.ForeignKey(
        Voortgangsgesprek,
        on_delete=models.CASCADE,
        related_name="herinneringen",
        verbose_name=_("gesprek"),
    )
    soort = models.CharField(_("soort"), max_length=10, choices=HerinneringSoort.choices)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=HerinneringStatus.choices,
        default=HerinneringStatus.GECLAIMD,
    )
    claim = models.CharField(_("claimsleutel"), max_length=32)
    geclaimd_op = models.DateTimeField(_("geclaimd op"), default=timezone.now)
    verstuurd_op = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=1)
    verzendingen = models.PositiveSmallIntegerField(
        _("aantal verzonden e-mails"),
        default=0,
        help_text=_("Telt elke echte verzending; hoort 1 te zijn."),
    )

    class Meta:
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        constraints = [
            models.UniqueConstraint(
                fields=["gesprek", "soort"], name="herinnering_een_per_gesprek_en_soort"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} ({self.get_status_display().lower()})"


class Handhaving(GemeenteVanDossier):
    """A waarschuwing or bestuurlijke boete for breaking an obligation of the PIP."""

    dossier = models.ForeignKey(
        "casefiles.Dossier",
        on_delete=models.CASCADE,
        related_name="handhavingen",
        verbose_name=_("dossier"),
    )
    soort = models.CharField(_("soort"), max_length=12, choices=HandhavingSoort.choices)
    verplichting = models.CharField(
        _("geschonden verplichting"), max_length=20, choices=Verplichting.choices
    )
    pip_versie = models.ForeignKey(
        PipVersie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="handhavingen",
        verbose_name=_("PIP-versie"),
    )
    reden = models.TextField(_("reden"), help_text=_("Wat is er gebeurd en wat is afgesproken?"))
    datum_overtreding = models.DateField(_("datum overtreding"), null=True, blank=True)
    datum = models.DateField(_("datum besluit"))
    bedrag = models.DecimalField(
        _("bedrag"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(rules.BOETE_MAX)],
    )
    bekendgemaakt_op = models.DateField(_("bekendgemaakt op"), null=True, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    history = HistoricalRecords(verbose_name=_("historie handhaving"))

    class Meta:
        verbose_name = _("handhaving")
        verbose_name_plural = _("handhaving")
        ordering = ["-datum", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(soort="waarschuwing", bedrag__isnull=True)
                | Q(soort="boete", bedrag__gt=0, bedrag__lte=rules.BOETE_MAX),
                name="handhaving_bedrag_past_bij_soort",
            ),
        ]

    def __str__(self) -> str:
        return self.get_soort_display()


class DoelVoortgang(models.Model):
    """Progress on a PIP goal, written by the ketenpartner named in it (issue 18) —
    next to the frozen goal, never changing it."""

    doel = models.ForeignKey(
        PipDoel, on_delete=models.PROTECT, related_name="voortgang", verbose_name=_("doel")
    )
    partner = models.ForeignKey(
        "casefiles.Ketenpartner",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ketenpartner"),
    )
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("geschreven door"),
    )
    datum = models.DateField(_("datum"))
    tekst = models.TextField(_("voortgang"))
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("voortgang op een PIP-doel")
        verbose_name_plural = _("voortgang op PIP-doelen")
        ordering = ["-datum", "-id"]

    def __str__(self) -> str:
        return f"Voortgang {self.datum:%d-%m-%Y}"
