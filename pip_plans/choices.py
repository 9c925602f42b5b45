"""Choice lists of the PIP app. Labels are Dutch (the user interface language)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VersieStatus(models.TextChoices):
    """The life of one PIP version: a concept is edited freely; once vastgesteld it
    is a beschikking and never changes; it can only be withdrawn (ingetrokken)."""

    CONCEPT = "concept", _("Concept")
    VASTGESTELD = "vastgesteld", _("Vastgesteld")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


class WijzigingReden(models.TextChoices):
    """Why a PIP version exists (DESIGN.md §2 'PIP changes')."""

    INITIEEL = "initieel", _("Eerste PIP")
    SCHAKELEN = "schakelen", _("Schakelen naar een andere leerroute")
    AFSCHALEN = "afschalen", _("Afschalen van B1 naar A2")
    VERHUIZING = "verhuizing", _("Verhuizing naar deze gemeente")
    WIJZIGING = "wijziging", _("Andere wijziging")


class NiveauPip(models.TextChoices):
    """DUO NiveauPip: the minimum level of the language exams (A2 or B1)."""

    A2 = "A2", _("A2")
    B1 = "B1", _("B1")


class Alfabetisering(models.TextChoices):
    """DUO indicatorAlfabetiseringsonderwijs."""

    A = "A", _("Onderwijs voor analfabeet")
    AA = "AA", _("Onderwijs voor anders-gealfabetiseerde")
    NVT = "NVT", _("Niet van toepassing")


class GesprekStatus(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    GEHOUDEN = "gehouden", _("Gehouden")
    VERVALLEN = "vervallen", _("Vervallen")


class DoelUitkomst(models.TextChoices):
    """Outcome per goal in a voortgangsgesprek."""

    OP_KOERS = "op_koers", _("Op koers")
    AANDACHT = "aandacht", _("Aandacht nodig")
    BIJSTUREN = "bijsturen", _("Bijsturen")


class HerinneringSoort(models.TextChoices):
    VOORAF = "vooraf", _("Herinnering vooraf")
    TE_LAAT = "te_laat", _("Gesprek te laat")


class HerinneringStatus(models.TextChoices):
    GECLAIMD = "geclaimd", _("Geclaimd (wordt verstuurd)")
    VERSTUURD = "verstuurd", _("Verstuurd")


class HandhavingSoort(models.TextChoices):
    WAARSCHUWING = "waarschuwing", _("Waarschuwing")
    BOETE = "boete", _("Bestuurlijke boete")


class Verplichting(models.TextChoices):
    """The PIP obligation that was broken (what a handhaving record is about)."""

    BREDE_INTAKE = "brede_intake", _("Niet verschenen bij de brede intake")
    PIP_MEEWERKEN = "pip_meewerken", _("Niet meegewerkt aan het opstellen van het PIP")
    LEERROUTE = "leerroute", _("Leerroute niet gevolgd (aanwezigheid)")
    PVT = "pvt", _("Participatieverklaringstraject niet gevolgd")
    MAP = "map", _("Module Arbeidsmarkt en Participatie niet gevolgd")
    VOORTGANGSGESPREK = "voortgangsgesprek", _("Niet verschenen bij een voortgangsgesprek")
    OVERIG = "overig", _("Andere afspraak uit het PIP")
