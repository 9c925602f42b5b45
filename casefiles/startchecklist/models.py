"""The first-steps checklist: the gemeente's list (reference data) and the steps of
one dossier. Imported by ``casefiles.models``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from casefiles.choices import StartstapStatus


class StartstapSjabloon(models.Model):
    """One step of a gemeente's checklist for the first weeks (reference data the
    functioneel beheerder keeps in the admin, for its own gemeente)."""

    gemeente = models.ForeignKey(
        "casefiles.Gemeente",
        on_delete=models.CASCADE,
        related_name="startstap_sjablonen",
        verbose_name=_("gemeente"),
    )
    code = models.SlugField(_("code"), max_length=40)
    naam = models.CharField(_("naam"), max_length=120)
    toelichting = models.CharField(_("toelichting"), max_length=300, blank=True)
    termijn_weken = models.PositiveSmallIntegerField(
        _("klaar binnen (weken)"),
        default=4,
        help_text=_("Aantal weken na de vestiging waarin deze stap geregeld moet zijn."),
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=100)
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("stap van de startchecklist")
        verbose_name_plural = _("startchecklist (eerste stappen)")
        ordering = ["gemeente", "volgorde", "naam"]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "code"], name="startstapsjabloon_uniek"),
        ]

    def __str__(self) -> str:
        return self.naam


class Startstap(models.Model):
    """One step of a dossier's first-steps checklist: status, date and who."""

    dossier = models.ForeignKey(
        "casefiles.Dossier",
        on_delete=models.CASCADE,
        related_name="startstappen",
        verbose_name=_("dossier"),
    )
    code = models.SlugField(_("code"), max_length=40)
    naam = models.CharField(_("naam"), max_length=120)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=100)
    deadline = models.DateField(_("klaar op"))
    status = models.CharField(
        _("status"), max_length=10, choices=StartstapStatus.choices, default=StartstapStatus.OPEN
    )
    datum = models.DateField(_("geregeld op"), null=True, blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    toelichting = models.CharField(_("toelichting"), max_length=300, blank=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("eerste stap")
        verbose_name_plural = _("eerste stappen")
        ordering = ["volgorde", "id"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "code"], name="startstap_uniek_per_dossier"),
            models.CheckConstraint(
                condition=~Q(status=StartstapStatus.GEREGELD) | Q(datum__isnull=False),
                name="startstap_geregeld_heeft_datum",
            ),
        ]

    def __str__(self) -> str:
        return self.naam
