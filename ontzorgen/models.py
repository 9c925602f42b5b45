"""Financieel ontzorgen (Participatiewet art. 56a): the plan, its fixed costs,
the monthly payments made out of the bijstand, and the SEPA batches that carry them
to the bank."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casefiles.locking import LockVersionField
from casefiles.models import Dossier, Gemeente, GemeenteVanDossier, Ketenpartner, validate_iban

from . import rules

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise
from .choices import BatchStatus, BetalingStatus, TrainingStatus, Uitvoerder


class VasteLastSoort(models.Model):
    """A type of fixed cost the gemeente pays on behalf of the inburgeraar
    (reference data). National types (no gemeente: huur, energie, zorgverzekering)
    are a superuser's; a functioneel beheerder adds and maintains the types of its
    own gemeente, which only that gemeente sees (issue 12)."""

    gemeente = models.ForeignKey(
        "casefiles.Gemeente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vastelastsoorten",
        verbose_name=_("gemeente"),
        help_text=_("Leeg: landelijke soort voor alle gemeenten."),
    )
    code = models.SlugField(_("code"), max_length=40, unique=True)
    naam = models.CharField(_("naam"), max_length=80)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=100)
    actief = models.BooleanField(
        _("actief"), default=True, help_text=_("Alleen actieve soorten zijn te kiezen.")
    )

    class Meta:
        verbose_name = _("soort vaste last")
        verbose_name_plural = _("soorten vaste lasten")
        ordering = ["volgorde", "naam"]

    def __str__(self) -> str:
        return self.naam


class Ontzorgingsplan(GemeenteVanDossier):
    """The plan of financieel ontzorgen of one dossier: from the start of bijstand
    for at least six months, then step by step handed back (afbouw)."""

    lock_version = LockVersionField()

    dossier = models.OneToOneField(
        Dossier,
        on_delete=models.CASCADE,
        related_name="ontzorgingsplan",
        verbose_name=_("dossier"),
    )
    start = models.DateField(_("start"), help_text=_("De start van de bijstand (Pw art. 56a)."))
    geplande_eind = models.DateField(
        _("gepland einde"),
        help_text=_(
            "Eerste dag waarop de gemeente niet meer betaalt; minimaal 6 maanden na de start."
        ),
    )
    verlenging_reden = models.TextField(
        _("reden verlenging"),
        blank=True,
        help_text=_("Verplicht wanneer het plan langer loopt dan de minimale 6 maanden."),
    )
    eind = models.DateField(_("werkelijk einde"), null=True, blank=True)
    uitvoerder = models.CharField(
        _("uitvoering door"), max_length=15, choices=Uitvoerder.choices, default=Uitvoerder.INTERN
    )
    budgetbeheer_partner = models.ForeignKey(
        Ketenpartner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("budgetbeheerpartner"),
    )
    machtiging_ontvangen_op = models.DateField(
        _("machtiging ontvangen op"),
        null=True,
        blank=True,
        help_text=_("Datum waarop de getekende machtiging binnenkwam."),
    )
    training_cursus = models.CharField(
        _("training financiële zelfredzaamheid"),
        max_length=200,
        blank=True,
        help_text=_("Naam van de cursus of training, bijvoorbeeld 'Geldzaken op orde'."),
    )
    training_status = models.CharField(
        _("status training"),
        max_length=15,
        choices=TrainingStatus.choices,
        default=TrainingStatus.NIET_GESTART,
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    history = HistoricalRecords(verbose_name=_("historie ontzorgingsplan"))

    class Meta:
        verbose_name = _("ontzorgingsplan")
        verbose_name_plural = _("ontzorgingsplannen")
        ordering = ["-start", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(geplande_eind__gt=F("start")), name="ontzorgen_plan_eind_na_start"
            ),
            models.CheckConstraint(
                condition=Q(eind__isnull=True) | Q(eind__gte=F("start")),
                name="ontzorgen_plan_werkelijk_eind_na_start",
            ),
        ]

    def __str__(self) -> str:
        return f"Ontzorgingsplan vanaf {self.start:%d-%m-%Y}"

    @property
    def einddatum(self):
        """The day payments stop: the actual end when ended, else the planned end."""
        return self.eind or self.geplande_eind

    @property
    def is_verlengd(self) -> bool:
        return self.geplande_eind > rules.minimum_eind(self.start)

    def clean(self) -> None:
        errors: dict[str, StrOrPromise] = {}
        if self.start and self.geplande_eind:
            if not rules.eind_is_toegestaan(self.start, self.geplande_eind):
                errors["geplande_eind"] = _(
                    "Het geplande einde ligt minimaal 6 maanden na de start "
                    "(Participatiewet art. 56a): op of na %(d)s."
                ) % {"d": rules.minimum_eind(self.start).strftime("%d-%m-%Y")}
            elif self.is_verlengd and not self.verlenging_reden.strip():
                errors["verlenging_reden"] = _(
                    "Geef een reden op: het plan loopt langer dan de minimale 6 maanden."
                )
        if self.eind and self.start and self.eind < self.start:
            errors["eind"] = _("Het einde kan niet voor de start liggen.")
        if self.uitvoerder == Uitvoerder.BUDGETBEHEER and not self.budgetbeheer_partner_id:
            errors["budgetbeheer_partner"] = _("Kies de partner die het budgetbeheer uitvoert.")
        if errors:
            raise ValidationError(errors)


class VasteLast(models.Model):
    """One fixed cost the gemeente pays each month: to whom, how much, on which day,
    and from which month the inburgeraar pays it himself (afbouw)."""

    lock_version = LockVersionField()

    plan = models.ForeignKey(
        Ontzorgingsplan,
        on_delete=models.CASCADE,
        related_name="vaste_lasten",
        verbose_name=_("ontzorgingsplan"),
    )
    soort = models.ForeignKey(
        VasteLastSoort, on_delete=models.PROTECT, related_name="+", verbose_name=_("soort")
    )
    crediteur_naam = models.CharField(
        _("naam ontvanger"), max_length=70, help_text=_("Bijvoorbeeld de woningcorporatie.")
    )
    iban = models.CharField(
        _("IBAN ontvanger"),
        max_length=34,
        validators=[validate_iban],
        help_text=_("Bijvoorbeeld NL91ABNA0417164300."),
    )
    betalingskenmerk = models.CharField(
        _("betalingskenmerk"),
        max_length=140,
        help_text=_("Klant- of contractnummer dat de ontvanger vraagt."),
    )
    bedrag = models.DecimalField(
        _("bedrag per maand (€)"),
        max_digits=9,
        decimal_places=2,
        help_text=_("Bijvoorbeeld 654,20."),
    )
    betaaldag = models.PositiveSmallIntegerField(
        _("betaaldag"),
        default=1,
        validators=[
            MinValueValidator(rules.BETAALDAG_MIN),
            MaxValueValidator(rules.BETAALDAG_MAX),
        ],
        help_text=_("Dag van de maand (1 tot en met 28)."),
    )
    start = models.DateField(_("start"))
    eind = models.DateField(_("einde"), null=True, blank=True)
    afbouw_maand = models.DateField(
        _("zelf betalen vanaf"),
        null=True,
        blank=True,
        help_text=_("De maand vanaf wanneer de inburgeraar deze last zelf betaalt (afbouw)."),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    history = HistoricalRecords(verbose_name=_("historie vaste last"))

    class Meta:
        verbose_name = _("vaste last")
        verbose_name_plural = _("vaste lasten")
        ordering = ["soort__volgorde", "start", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(bedrag__gt=0), name="ontzorgen_bedrag_positief"),
            models.CheckConstraint(
                condition=Q(betaaldag__gte=1, betaaldag__lte=28),
                name="ontzorgen_betaaldag_1_tot_28",
            ),
            models.CheckConstraint(
                condition=Q(eind__isnull=True) | Q(eind__gte=F("start")),
                name="ontzorgen_last_eind_na_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.soort} — {self.crediteur_naam}"

    def save(self, *args, **kwargs):
        if self.afbouw_maand:
            self.afbouw_maand = rules.maand_start(self.afbouw_maand)
        self.iban = self.iban.replace(" ", "").upper()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        errors = {}
        if self.bedrag is not None and self.bedrag <= 0:
            errors["bedrag"] = _("Het bedrag moet groter zijn dan € 0,00.")
        if self.eind and self.start and self.eind < self.start:
            errors["eind"] = _("Het einde kan niet voor de start liggen.")
        if errors:
            raise ValidationError(errors)


class Batch(models.Model):
    """A SEPA Credit Transfer file (pain.001.001.03): the planned payments of one
    gemeente with one execution date, as sent to the bank."""

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="betaalbatches", verbose_name=_("gemeente")
    )
    uitvoerdatum = models.DateField(_("uitvoerdatum"))
    status = models.CharField(
        _("status"), max_length=15, choices=BatchStatus.choices, default=BatchStatus.GEEXPORTEERD
    )
    msg_id = models.CharField(_("bericht-id"), max_length=35, unique=True)
    aantal = models.PositiveIntegerField(_("aantal betalingen"))
    totaal = models.DecimalField(_("totaalbedrag (€)"), max_digits=12, decimal_places=2)
    xml = models.TextField(_("SEPA-bestand"), editable=False)
    geexporteerd_op = models.DateTimeField(_("geëxporteerd op"), auto_now_add=True)
    geexporteerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("geëxporteerd door"),
    )
    betaald_op = models.DateField(_("betaald op"), null=True, blank=True)

    class Meta:
        verbose_name = _("betaalbatch")
        verbose_name_plural = _("betaalbatches")
        ordering = ["-uitvoerdatum", "-id"]
        permissions = [("export_batch", _("Betaalbestanden (SEPA) exporteren en downloaden"))]

    def __str__(self) -> str:
        return f"Batch {self.pk} ({self.uitvoerdatum:%d-%m-%Y})"

    @property
    def bestandsnaam(self) -> str:
        """The download name: the batch id only, never personal data."""
        return f"sepa-batch-{self.pk}.xml"


class Betaling(models.Model):
    """One payment of one fixed cost for one month. Created by the monthly run;
    creditor, IBAN, amount and reference are copied (frozen) at creation, so a later
    change of the line does not change a payment that already exists."""

    vaste_last = models.ForeignKey(
        VasteLast, on_delete=models.PROTECT, related_name="betalingen", verbose_name=_("vaste last")
    )
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    maand = models.DateField(_("maand"), help_text=_("Eerste dag van de maand."))
    uitvoerdatum = models.DateField(_("uitvoerdatum"))
    crediteur_naam = models.CharField(_("naam ontvanger"), max_length=70)
    iban = models.CharField(_("IBAN ontvanger"), max_length=34)
    betalingskenmerk = models.CharField(_("betalingskenmerk"), max_length=140)
    bedrag = models.DecimalField(_("bedrag (€)"), max_digits=9, decimal_places=2)
    status = models.CharField(
        _("status"), max_length=15, choices=BetalingStatus.choices, default=BetalingStatus.GEPLAND
    )
    batch = models.ForeignKey(
        Batch,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="betalingen",
        verbose_name=_("batch"),
    )
    reden = models.CharField(
        _("reden"), max_length=300, blank=True, help_text=_("Bij mislukt of gestorneerd.")
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("betaling")
        verbose_name_plural = _("betalingen")
        ordering = ["maand", "vaste_last_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["vaste_last", "maand"], name="ontzorgen_een_betaling_per_last_per_maand"
            ),
            models.CheckConstraint(
                condition=Q(bedrag__gt=0), name="ontzorgen_betaling_bedrag_positief"
            ),
        ]
        indexes = [
            models.Index(fields=["gemeente", "status", "uitvoerdatum"]),
            models.Index(fields=["maand", "status"]),
            # the overview's page of this month's payments in order: walk the index and
            # stop after one page, for any number of gemeenten (issue 16)
            models.Index(fields=["maand", "uitvoerdatum", "id"], name="betaling_maand_uitvoer"),
        ]

    def __str__(self) -> str:
        return f"Betaling {self.pk} ({self.maand:%m-%Y})"

    @property
    def end_to_end_id(self) -> str:
        """The SEPA EndToEndId: our payment id, nothing personal."""
        return f"ONTZ-{self.pk}"


# --- withholding from the bijstand (issue 18) -----------------------------------------------


class Inhoudingsopdracht(models.Model):
    """An instruction to the benefits administration (uitkeringsadministratie): per
    person, the amounts the gemeente paid to creditors on their behalf, to be withheld
    from the bijstand ("verrekend met de bijstandsuitkering") — otherwise the gemeente
    pays twice. One per gemeente and month (``volgnummer`` 1); lines paid later get an
    aanvulling (``volgnummer`` 2, 3, …). Every paid payment is on exactly one
    instruction: at most one by the unique key of :class:`InhoudingsRegel`, at least
    one checked by :func:`ontzorgen.inhouding.aansluiting`."""

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    maand = models.DateField(_("maand"), help_text=_("Eerste dag van de maand van inhouding."))
    volgnummer = models.PositiveSmallIntegerField(
        _("volgnummer"),
        default=1,
        help_text=_("1 = de opdracht van de maand; 2 en verder = aanvulling."),
    )
    aantal_personen = models.PositiveIntegerField(_("aantal personen"))
    aantal_regels = models.PositiveIntegerField(_("aantal betalingen"))
    totaal = models.DecimalField(_("totaal (€)"), max_digits=12, decimal_places=2)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )

    class Meta:
        verbose_name = _("inhoudingsopdracht")
        verbose_name_plural = _("inhoudingsopdrachten")
        ordering = ["-maand", "-volgnummer", "-id"]
        permissions = [("export_inhouding", _("Inhoudingsopdrachten exporteren (CSV, PDF)"))]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "maand", "volgnummer"], name="inhouding_uniek_per_maand"
            ),
            models.CheckConstraint(condition=Q(totaal__gt=0), name="inhouding_totaal_positief"),
        ]

    def __str__(self) -> str:
        return f"Inhoudingsopdracht {self.maand:%m-%Y} ({self.volgnummer})"

    @property
    def bestandsnaam(self) -> str:
        """Download name without personal data."""
        return f"inhouding-{self.gemeente.cbs_code}-{self.maand:%Y-%m}-{self.volgnummer}"


class InhoudingsRegel(models.Model):
    """One paid payment on one instruction. ``betaling`` is unique: a payment is on
    at most one instruction (the database refuses a second)."""

    opdracht = models.ForeignKey(
        Inhoudingsopdracht,
        on_delete=models.CASCADE,
        related_name="regels",
        verbose_name=_("inhoudingsopdracht"),
    )
    betaling = models.OneToOneField(
        Betaling,
        on_delete=models.PROTECT,
        related_name="inhoudingsregel",
        verbose_name=_("betaling"),
    )
    dossier = models.ForeignKey(
        Dossier, on_delete=models.PROTECT, related_name="+", verbose_name=_("dossier")
    )
    bedrag = models.DecimalField(_("bedrag (€)"), max_digits=9, decimal_places=2)

    class Meta:
        verbose_name = _("inhoudingsregel")
        verbose_name_plural = _("inhoudingsregels")
        ordering = ["dossier_id", "betaling_id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bedrag__gt=0), name="inhoudingsregel_bedrag_positief"
            ),
        ]

    def __str__(self) -> str:
        return f"Regel {self.pk}"
