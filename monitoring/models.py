"""Monitoring keeps only aggregates: the quarterly snapshots of the indicator table
(so past quarters stay as they were reported) and the yearly budget tables. It
never stores anything about a person."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from casefiles.choices import Budgetsoort, Leerroute


class SnapshotDefinitiefError(Exception):
    """A snapshot row of a closed quarter is never changed or removed."""


class IndicatorSnapshotQuerySet(models.QuerySet):
    def update(self, **kwargs):
        if self.filter(definitief=True).exists():
            raise SnapshotDefinitiefError("Een afgesloten kwartaal wordt nooit herberekend.")
        return super().update(**kwargs)

    def delete(self):
        if self.filter(definitief=True).exists():
            raise SnapshotDefinitiefError("Een afgesloten kwartaal wordt nooit verwijderd.")
        return super().delete()


class IndicatorSnapshot(models.Model):
    """One figure of the indicator table for one gemeente and one quarter, as the
    nightly job computed it. While the quarter runs the row is refreshed every night;
    from the first night after the quarter it is ``definitief`` and never changes."""

    gemeente = models.ForeignKey(
        "casefiles.Gemeente",
        on_delete=models.PROTECT,
        related_name="indicator_snapshots",
        verbose_name=_("gemeente"),
    )
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    kwartaal = models.PositiveSmallIntegerField(
        _("kwartaal"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    sleutel = models.CharField(
        _("indicator"), max_length=80, help_text=_("Sleutel van de indicator en categorie.")
    )
    waarde = models.DecimalField(_("waarde"), max_digits=14, decimal_places=2, null=True)
    n = models.PositiveIntegerField(
        _("aantal waarop de waarde rust"),
        null=True,
        help_text=_("Kleinste telling achter de waarde; onder de 5 wordt '<5' getoond."),
    )
    definitief = models.BooleanField(
        _("definitief"), default=False, help_text=_("Afgesloten kwartaal: wijzigt nooit meer.")
    )
    berekend_op = models.DateTimeField(_("berekend op"))

    objects = IndicatorSnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicatorstand per kwartaal")
        verbose_name_plural = _("indicatorstanden per kwartaal")
        ordering = ["gemeente", "jaar", "kwartaal", "sleutel"]
        permissions = [("view_dashboard", _("Beleidsdashboard bekijken en exporteren"))]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "jaar", "kwartaal", "sleutel"],
                name="snapshot_uniek_per_kwartaal",
            ),
            models.CheckConstraint(
                condition=models.Q(kwartaal__gte=1, kwartaal__lte=4),
                name="snapshot_kwartaal_1_tot_4",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sleutel} {self.jaar}-K{self.kwartaal}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            was_definitief = (
                type(self).objects.filter(pk=self.pk).values_list("definitief", flat=True).first()
            )
            if was_definitief:
                raise SnapshotDefinitiefError("Een afgesloten kwartaal wordt nooit herberekend.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.definitief:
            raise SnapshotDefinitiefError("Een afgesloten kwartaal wordt nooit verwijderd.")
        return super().delete(*args, **kwargs)


class BudgetRegel(models.Model):
    """The budget of one gemeente for one leerroute in one year, and the price per
    traject it was based on (DESIGN.md §2 'money': budgets per year are configurable
    tables). Maintained in the admin by the beleidsmedewerker."""

    gemeente = models.ForeignKey(
        "casefiles.Gemeente",
        on_delete=models.CASCADE,
        related_name="budgetregels",
        verbose_name=_("gemeente"),
    )
    jaar = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2022), MaxValueValidator(2100)]
    )
    leerroute = models.CharField(_("leerroute"), max_length=10, choices=Leerroute.choices)
    budget = models.DecimalField(
        _("budget (€)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_("Beschikbaar bedrag voor deze leerroute in dit jaar."),
    )
    prijs_per_traject = models.DecimalField(
        _("prijs per traject (€)"),
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_(
            "Gemiddelde prijs per traject (Divosa: ± € 10.000, onderwijsroute ≥ € 17.000). "
            "Gebruikt voor trajecten zonder vastgelegde kosten."
        ),
    )

    class Meta:
        verbose_name = _("budgetregel")
        verbose_name_plural = _("budgettabel")
        ordering = ["gemeente", "-jaar", "leerroute"]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "jaar", "leerroute"], name="budget_uniek_per_jaar_en_route"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente} {self.jaar} {self.get_leerroute_display()}"

    @property
    def begroot_aantal(self) -> int:
        """How many trajecten the budget pays for at the price per traject."""
        if not self.prijs_per_traject:
            return 0
        return int(self.budget // self.prijs_per_traject)


class KostenBudget(models.Model):
    """The budget of one gemeente for one kind of other costs in one year (issue 18):
    the participatiebudget, the uitvoeringskosten inburgering, the Rijk's per-person
    contribution (e.g. € 12.713 per asielstatushouder, settled afterwards: enter the
    amount times the persons of the year). Maintained in the admin by the
    beleidsmedewerker; the dashboard shows the other costs (casefiles.Kostenpost)
    against it."""

    gemeente = models.ForeignKey(
        "casefiles.Gemeente",
        on_delete=models.CASCADE,
        related_name="kostenbudgetten",
        verbose_name=_("gemeente"),
    )
    jaar = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2022), MaxValueValidator(2100)]
    )
    budget = models.CharField(_("budget"), max_length=20, choices=Budgetsoort.choices)
    bedrag = models.DecimalField(
        _("bedrag (€)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    toelichting = models.CharField(
        _("toelichting"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld: 25 statushouders × € 12.713 (rijksbijdrage)."),
    )

    class Meta:
        verbose_name = _("budget overige kosten")
        verbose_name_plural = _("budgetten overige kosten")
        ordering = ["gemeente", "-jaar", "budget"]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "jaar", "budget"], name="kostenbudget_uniek_per_jaar"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente} {self.jaar} {self.get_budget_display()}"
