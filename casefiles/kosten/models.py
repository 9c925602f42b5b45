"""Other costs of a dossier. Imported by ``casefiles.models``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from casefiles.choices import Budgetsoort, KostenSoort
from casefiles.models import GemeenteVanDossier


class Kostenpost(GemeenteVanDossier):
    """One cost made for an inburgeraar beyond the leerroute (a travel allowance, an
    interpreter, childcare during lessons, materials), charged to one budget. Carries
    its dossier's gemeente so the dashboard sums per gemeente without a join."""

    dossier = models.ForeignKey(
        "casefiles.Dossier",
        on_delete=models.CASCADE,
        related_name="kostenposten",
        verbose_name=_("dossier"),
    )
    soort = models.CharField(_("soort kosten"), max_length=15, choices=KostenSoort.choices)
    budget = models.CharField(_("ten laste van"), max_length=20, choices=Budgetsoort.choices)
    datum = models.DateField(_("datum"))
    bedrag = models.DecimalField(_("bedrag (€)"), max_digits=9, decimal_places=2)
    omschrijving = models.CharField(_("omschrijving"), max_length=300, blank=True)
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("kostenpost")
        verbose_name_plural = _("kostenposten")
        ordering = ["-datum", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(bedrag__gt=0), name="kostenpost_bedrag_positief"),
        ]
        indexes = [
            # the dashboard's spend per budget in a period (monitoring)
            models.Index(
                fields=["gemeente", "datum"],
                include=["budget", "bedrag"],
                name="kostenpost_dashboard",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.datum:%d-%m-%Y}"
