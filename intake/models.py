"""The brede intake (Wi art. 14): one or more per dossier, each with sections that
are saved on their own. Health is special-category data (AVG art. 9) and lives in
its own one-to-one model so no queryset of the other sections can carry it."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casefiles.choices import Leerroute, Levensdomein, Niveau
from casefiles.locking import LockVersionField
from casefiles.models import Dossier

from .choices import (
    Alfabetisering,
    DigitaleVaardigheid,
    IntakeLocatie,
    IntakeStatus,
    LbtUitslag,
    Opleidingsniveau,
    Schulden,
)


def _niveau_field(label):
    return models.CharField(label, max_length=2, choices=Niveau.choices, blank=True)


class BredeIntake(models.Model):
    """One brede intake of a dossier. Earlier intakes stay readable; the latest
    afgeronde one feeds the PIP. Fields are grouped per section (see
    ``intake.forms.SECTIES``)."""

    lock_version = LockVersionField()

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="intakes", verbose_name=_("dossier")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=IntakeStatus.choices, default=IntakeStatus.GEPLAND
    )
    datum = models.DateField(
        _("startdatum"),
        help_text=_("Mag voor de vestiging liggen: de intake kan al in het AZC beginnen."),
    )
    afgerond_op = models.DateField(_("afgerond op"), null=True, blank=True)
    locatie = models.CharField(
        _("locatie"),
        max_length=15,
        choices=IntakeLocatie.choices,
        default=IntakeLocatie.GEMEENTEHUIS,
    )
    locatie_toelichting = models.CharField(_("toelichting locatie"), max_length=200, blank=True)
    tolk_ingezet = models.BooleanField(_("tolk ingezet"), default=False)
    tolk_taal = models.CharField(_("taal van de tolk"), max_length=100, blank=True)
    uren = models.DecimalField(
        _("bestede uren"),
        max_digits=5,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(0), MaxValueValidator(200)],
        help_text=_(
            "Uren van de brede intake. Ze tellen mee als participatie-uren in de Z-route "
            "(Bi art. 3.14) en worden later aan DUO doorgegeven."
        ),
    )
    uitgevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uitgevoerd door"),
    )
    info_derden_opgevraagd_op = models.DateField(
        _("informatie van derden opgevraagd op"),
        null=True,
        blank=True,
        help_text=_(
            "Alleen invullen als u voor het PIP op informatie van anderen wacht "
            "(bijvoorbeeld een diplomawaardering of een verslag van een hulpverlener)."
        ),
    )
    info_derden_ontvangen_op = models.DateField(
        _("informatie van derden ontvangen op"),
        null=True,
        blank=True,
        help_text=_("De PIP-termijn wordt dan 2 weken na ontvangst (Bi art. 5.3)."),
    )
    info_derden_omschrijving = models.CharField(
        _("welke informatie"),
        max_length=200,
        blank=True,
        help_text=_("Kort, zonder medische details."),
    )
    # Leerbaarheidstoets
    lbt_datum = models.DateField(_("datum leerbaarheidstoets"), null=True, blank=True)
    lbt_uitslag = models.CharField(
        _("uitslag leerbaarheidstoets"),
        max_length=15,
        choices=LbtUitslag.choices,
        blank=True,
        help_text=_("Zoals DUO de uitslag doorgeeft."),
    )
    # Opleiding en alfabetisering
    opleiding_niveau = models.CharField(
        _("hoogst gevolgde opleiding"), max_length=15, choices=Opleidingsniveau.choices, blank=True
    )
    opleiding_jaren = models.PositiveSmallIntegerField(
        _("jaren onderwijs"), null=True, blank=True, validators=[MaxValueValidator(30)]
    )
    opleiding_land = models.CharField(_("land van de opleiding"), max_length=100, blank=True)
    diplomas = models.TextField(_("diploma's en certificaten"), blank=True)
    waardering_aangevraagd = models.BooleanField(
        _("diplomawaardering aangevraagd"),
        default=False,
        help_text=_("Bij IDW/Nuffic of SBB."),
    )
    waardering_resultaat = models.CharField(
        _("resultaat diplomawaardering"), max_length=200, blank=True
    )
    alfabetisering = models.CharField(
        _("alfabetisering"),
        max_length=15,
        choices=Alfabetisering.choices,
        blank=True,
        help_text=_("Bepaalt DUO's indicator alfabetiseringsonderwijs (A, AA of n.v.t.)."),
    )
    beoogde_opleiding = models.CharField(
        _("studiewens"),
        max_length=200,
        blank=True,
        help_text=_("Welke opleiding wil de persoon volgen (mbo-2 of hoger)? Leeg als geen."),
    )
    # Werk: see Werkervaring
    # Talen
    nl_lezen = _niveau_field(_("Nederlands lezen"))
    nl_luisteren = _niveau_field(_("Nederlands luisteren"))
    nl_schrijven = _niveau_field(_("Nederlands schrijven"))
    nl_spreken = _niveau_field(_("Nederlands spreken"))
    andere_talen = models.CharField(
        _("andere talen"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld: Arabisch (moedertaal), Engels (redelijk)."),
    )
    # Motivatie en competenties
    motivatie = models.TextField(_("motivatie"), blank=True)
    interesses = models.TextField(_("interesses"), blank=True)
    competenties = models.TextField(_("competenties"), blank=True)
    werknemersvaardigheden = models.TextField(_("werknemersvaardigheden"), blank=True)
    digitale_vaardigheden = models.CharField(
        _("digitale vaardigheden"), max_length=10, choices=DigitaleVaardigheid.choices, blank=True
    )
    # Persoonlijke situatie
    gezinssituatie = models.TextField(_("gezinssituatie"), blank=True)
    kinderopvang_nodig = models.BooleanField(_("kinderopvang nodig"), default=False)
    kinderopvang_toelichting = models.CharField(
        _("toelichting kinderopvang"), max_length=300, blank=True
    )
    rijbewijs = models.BooleanField(_("heeft een (Nederlands) rijbewijs"), default=False)
    fiets = models.BooleanField(_("kan fietsen en heeft een fiets"), default=False)
    ov_beperkt = models.BooleanField(
        _("openbaar vervoer slecht bereikbaar"),
        default=False,
        help_text=_("Bijvoorbeeld geen bus in de buurt of alleen op werkdagen."),
    )
    mobiliteit_toelichting = models.CharField(
        _("toelichting mobiliteit"), max_length=300, blank=True
    )
    huisvesting = models.TextField(_("huisvesting"), blank=True)
    # Financiën
    schulden = models.CharField(_("schulden"), max_length=10, choices=Schulden.choices, blank=True)
    signaal_ontzorgen = models.BooleanField(
        _("signaal: ontzorgen of budgetondersteuning nodig"), default=False
    )
    financien_toelichting = models.TextField(_("toelichting financiën"), blank=True)
    # Sociaal netwerk
    sociaal_netwerk = models.TextField(_("sociaal netwerk"), blank=True)
    # Participatieladder
    participatieladder = models.PositiveSmallIntegerField(
        _("trede participatieladder"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
        help_text=_(
            "1 geïsoleerd, 2 sociale contacten buiten de deur, 3 deelname georganiseerde "
            "activiteiten, 4 onbetaald werk, 5 betaald werk met ondersteuning, 6 betaald werk."
        ),
    )
    # Advies en keuze
    advies_route = models.CharField(
        _("advies leerroute"),
        max_length=10,
        choices=Leerroute.choices,
        blank=True,
        help_text=_("Het advies zoals het gold op het moment van de keuze."),
    )
    advies_redenen = models.JSONField(_("redenen advies"), default=list, blank=True)
    gekozen_route = models.CharField(
        _("gekozen leerroute"), max_length=10, choices=Leerroute.choices, blank=True
    )
    gekozen_niveau = models.CharField(
        _("gekozen taalniveau"), max_length=2, choices=Niveau.choices, blank=True
    )
    keuze_motivatie = models.TextField(_("motivering van de keuze"), blank=True)
    afwijking_reden = models.TextField(
        _("reden om af te wijken van het advies"),
        blank=True,
        help_text=_("Verplicht als de gekozen leerroute afwijkt van het advies."),
    )
    keuze_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("keuze vastgelegd door"),
    )
    keuze_op = models.DateTimeField(_("keuze vastgelegd op"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    history = HistoricalRecords(verbose_name=_("historie brede intake"))

    class Meta:
        verbose_name = _("brede intake")
        verbose_name_plural = _("brede intakes")
        ordering = ["-datum", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(afgerond_op__isnull=True) | Q(afgerond_op__gte=F("datum")),
                name="intake_afgerond_na_start",
            ),
            models.CheckConstraint(
                condition=Q(status="afgerond", afgerond_op__isnull=False) | ~Q(status="afgerond"),
                name="intake_afgerond_heeft_datum",
            ),
            models.CheckConstraint(
                condition=Q(participatieladder__isnull=True)
                | Q(participatieladder__gte=1, participatieladder__lte=6),
                name="intake_ladder_1_tot_6",
            ),
            models.CheckConstraint(
                condition=Q(info_derden_ontvangen_op__isnull=True)
                | Q(info_derden_opgevraagd_op__isnull=False),
                name="intake_info_ontvangen_vereist_opgevraagd",
            ),
            models.CheckConstraint(condition=Q(uren__gte=0), name="intake_uren_niet_negatief"),
        ]
        indexes = [models.Index(fields=["dossier", "status"])]

    def __str__(self) -> str:
        return f"Brede intake {self.datum:%d-%m-%Y}"

    @property
    def nl_niveaus(self) -> list[tuple[str, str]]:
        return [
            (str(_("lezen")), self.nl_lezen),
            (str(_("luisteren")), self.nl_luisteren),
            (str(_("schrijven")), self.nl_schrijven),
            (str(_("spreken")), self.nl_spreken),
        ]

    def clean(self) -> None:
        errors = {}
        if self.tolk_ingezet and not self.tolk_taal:
            errors["tolk_taal"] = _("Geef aan in welke taal de tolk vertaalde.")
        if self.info_derden_ontvangen_op and not self.info_derden_opgevraagd_op:
            errors["info_derden_opgevraagd_op"] = _("Vul in wanneer de informatie is opgevraagd.")
        elif (
            self.info_derden_ontvangen_op
            and self.info_derden_opgevraagd_op
            and self.info_derden_ontvangen_op < self.info_derden_opgevraagd_op
        ):
            errors["info_derden_ontvangen_op"] = _(
                "De informatie kan niet eerder ontvangen zijn dan opgevraagd."
            )
        if self.afgerond_op and self.datum and self.afgerond_op < self.datum:
            errors["afgerond_op"] = _("De intake kan niet eerder afgerond zijn dan gestart.")
        if self.lbt_datum and not self.lbt_uitslag:
            errors["lbt_uitslag"] = _("Vul de uitslag in die DUO heeft doorgegeven.")
        if errors:
            raise ValidationError(errors)


class Werkervaring(models.Model):
    """One line of the work history."""

    intake = models.ForeignKey(
        BredeIntake, on_delete=models.CASCADE, related_name="werkervaring", verbose_name=_("intake")
    )
    beroep = models.CharField(_("beroep of functie"), max_length=200)
    jaren = models.DecimalField(
        _("aantal jaren"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(60)],
    )
    land = models.CharField(_("land"), max_length=100)
    toelichting = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("werkervaring")
        verbose_name_plural = _("werkervaring")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(jaren__gt=0), name="werkervaring_jaren_positief"),
        ]

    def __str__(self) -> str:
        return self.beroep


class LevensdomeinScore(models.Model):
    """Score and notes on one of the five life domains used in Drenthe; they become
    the goal sections of the PIP. Scores follow the zelfredzaamheidsmatrix (1–5)."""

    intake = models.ForeignKey(
        BredeIntake,
        on_delete=models.CASCADE,
        related_name="levensdomeinen",
        verbose_name=_("intake"),
    )
    domein = models.CharField(_("levensdomein"), max_length=15, choices=Levensdomein.choices)
    score = models.PositiveSmallIntegerField(
        _("score"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_(
            "1 acute problematiek, 2 niet zelfredzaam, 3 beperkt zelfredzaam, "
            "4 voldoende zelfredzaam, 5 volledig zelfredzaam."
        ),
    )
    toelichting = models.TextField(
        _("toelichting"),
        blank=True,
        help_text=_("Geen medische gegevens: die horen in het onderdeel gezondheid."),
    )

    class Meta:
        verbose_name = _("score levensdomein")
        verbose_name_plural = _("scores levensdomeinen")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["intake", "domein"], name="levensdomein_uniek"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5),
                name="levensdomein_score_1_tot_5",
            ),
        ]

    def __str__(self) -> str:
        return self.get_domein_display()


class IntakeGezondheid(models.Model):
    """Physical and mental health — special-category data (AVG art. 9). Only the
    assigned werkcoach and consulent see it; every read is logged with a purpose.
    Never in lists, exports, the dashboard, timeline titles or the intake summary."""

    lock_version = LockVersionField()

    intake = models.OneToOneField(
        BredeIntake, on_delete=models.CASCADE, related_name="gezondheid", verbose_name=_("intake")
    )
    lichamelijk = models.TextField(_("lichamelijke gezondheid"), blank=True)
    psychisch = models.TextField(_("psychische gezondheid"), blank=True)
    in_behandeling = models.BooleanField(_("in behandeling bij een zorgverlener"), default=False)
    gevolgen = models.TextField(
        _("gevolgen voor leren en participeren"),
        blank=True,
        help_text=_("Bijvoorbeeld: kan maximaal 2 dagdelen per week lessen volgen."),
    )
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )

    class Meta:
        verbose_name = _("gezondheid (bijzonder persoonsgegeven)")
        verbose_name_plural = _("gezondheid (bijzondere persoonsgegevens)")

    def __str__(self) -> str:
        return f"Gezondheid bij intake {self.intake_id}"
