"""Choice lists of the brede intake. Labels are Dutch (the user interface language)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IntakeStatus(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    LOPEND = "lopend", _("Lopend")
    AFGEROND = "afgerond", _("Afgerond")


class IntakeLocatie(models.TextChoices):
    AZC = "azc", _("In het AZC")
    GEMEENTEHUIS = "gemeentehuis", _("Gemeentehuis / kantoor")
    HUISBEZOEK = "huisbezoek", _("Huisbezoek")
    VIDEO = "video", _("Videobellen")
    ANDERS = "anders", _("Elders")


class LbtUitslag(models.TextChoices):
    """The outcome of DUO's leerbaarheidstoets, as DUO reports it
    (Leerbaarheidstoets API, ``LeerbaarheidstoetsResultaat``), plus "not taken"."""

    HAALBAAR = "haalbaar", _("B1-route haalbaar")
    NIET_HAALBAAR = "niet_haalbaar", _("B1-route niet haalbaar")
    ONBEKEND = "onbekend", _("Onbekend")
    NIET_AFGENOMEN = "niet_afgenomen", _("Niet afgenomen / overgeslagen")


class Alfabetisering(models.TextChoices):
    """Literacy. Maps to DUO's ``indicatorAlfabetiseringsonderwijs`` (A / AA / NVT)
    in :data:`intake.rules.DUO_ALFABETISERING`."""

    GEALFABETISEERD = "gealfabetiseerd", _("Gealfabetiseerd (Latijns schrift)")
    ANDERS = "anders", _("Anders-gealfabetiseerd (ander schrift)")
    ANALFABEET = "analfabeet", _("Analfabeet")


class Opleidingsniveau(models.TextChoices):
    """Highest education followed, in the terms of the country of origin. The order
    matters: :data:`intake.rules.OPLEIDING_RANG` ranks them."""

    GEEN = "geen", _("Geen of nauwelijks onderwijs")
    BASIS = "basis", _("Basisonderwijs (lagere school)")
    VO_ONDERBOUW = "vo_onderbouw", _("Voortgezet onderwijs, niet afgerond")
    VO = "vo", _("Voortgezet onderwijs afgerond")
    BEROEPS = "beroeps", _("Beroepsopleiding (mbo-niveau)")
    HBO = "hbo", _("Hoger beroepsonderwijs / bachelor")
    WO = "wo", _("Universiteit (master of hoger)")


class DigitaleVaardigheid(models.TextChoices):
    GEEN = "geen", _("Geen: gebruikt geen computer of smartphone-apps")
    BASIS = "basis", _("Basis: smartphone, berichten, video")
    REDELIJK = "redelijk", _("Redelijk: e-mail, formulieren, DigiD met hulp")
    GOED = "goed", _("Goed: zelfstandig online, ook DigiD en Mijn DUO")


class Schulden(models.TextChoices):
    GEEN = "geen", _("Geen schulden")
    GEREGELD = "geregeld", _("Schulden met een regeling")
    ZORGELIJK = "zorgelijk", _("Problematische schulden")
    ONBEKEND = "onbekend", _("Onbekend")


class DoelInzage(models.TextChoices):
    """Purpose of a look at the health section (logged with every read)."""

    INTAKE = "intake", _("Brede intake afnemen of aanvullen")
    PIP = "pip", _("PIP opstellen of wijzigen")
    VOORTGANG = "voortgang", _("Voortgangsgesprek voorbereiden")
    ONTHEFFING = "ontheffing", _("Ontheffing of medisch advies beoordelen")
    AFDRUK = "afdruk", _("Afdruk voor het dossier")
