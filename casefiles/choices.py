"""Choice lists of the core app. Labels are Dutch (the user interface language)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Geslacht(models.TextChoices):
    MAN = "M", _("Man")
    VROUW = "V", _("Vrouw")
    ONBEKEND = "X", _("X / onbekend")


class Doelgroep(models.TextChoices):
    ASIELSTATUSHOUDER = "asielstatushouder", _("Asielstatushouder")
    NAREIZIGER = "nareiziger", _("Nareiziger")
    GEZINSMIGRANT = "gezinsmigrant", _("Gezinsmigrant")
    OVERIGE_MIGRANT = "overige_migrant", _("Overige migrant")


class Regime(models.TextChoices):
    WI2021 = "WI2021", _("Wet inburgering 2021")
    WI2013 = "WI2013", _("Wet inburgering 2013 (ondertussengroep)")


class DossierStatus(models.TextChoices):
    AANGEMELD = "aangemeld", _("Aangemeld")
    INTAKE = "intake", _("Brede intake")
    PIP = "pip", _("PIP in voorbereiding")
    UITVOERING = "uitvoering", _("In uitvoering")
    AFGEROND = "afgerond", _("Afgerond")
    VERHUISD = "verhuisd", _("Verhuisd")
    BEEINDIGD = "beeindigd", _("Beëindigd")


class GezinslidRelatie(models.TextChoices):
    PARTNER = "partner", _("Partner")
    KIND = "kind", _("Kind")
    NAREIZIGER = "nareiziger", _("Nareiziger (verwacht)")
    OVERIG = "overig", _("Overig gezinslid")


class ContactSoort(models.TextChoices):
    GESPREK = "gesprek", _("Gesprek op kantoor")
    HUISBEZOEK = "huisbezoek", _("Huisbezoek")
    TELEFOON = "telefoon", _("Telefoon")
    VIDEO = "video", _("Videobellen")
    EMAIL = "email", _("E-mail")
    BRIEF = "brief", _("Brief")
    OVERLEG = "overleg", _("Overleg met ketenpartner")


class TaakStatus(models.TextChoices):
    OPEN = "open", _("Open")
    AFGEROND = "afgerond", _("Afgerond")
    VERVALLEN = "vervallen", _("Vervallen")


class TaakBron(models.TextChoices):
    """Where a task came from. Deadline tasks of the law carry the source that keeps
    them in step (the PIP clock, a voortgangsgesprek, …)."""

    HANDMATIG = "handmatig", _("Handmatig")
    PIP_DEADLINE = "pip_deadline", _("PIP-termijn (10 weken)")
    INTAKE = "intake", _("Brede intake")
    PIP = "pip", _("PIP")
    VOORTGANGSGESPREK = "voortgangsgesprek", _("Voortgangsgesprek")
    LEERROUTE = "leerroute", _("Leerroute")
    MAP = "map", _("MAP")
    PVT = "pvt", _("PVT")
    TERMIJN = "termijn", _("Inburgeringstermijn")
    ONTZORGEN = "ontzorgen", _("Ontzorgen")
    BETALING = "betaling", _("Betaling")
    BEGELEIDING = "begeleiding", _("Maatschappelijke begeleiding")
    HANDHAVING = "handhaving", _("Handhaving")
    IMPORT = "import", _("Import")


class DocumentSoort(models.TextChoices):
    ID = "identiteit", _("Identiteitsbewijs / verblijfsdocument")
    DIPLOMA = "diploma", _("Diploma of waardering")
    BESCHIKKING = "beschikking", _("Beschikking")
    BRIEF = "brief", _("Brief")
    VERSLAG = "verslag", _("Verslag")
    MACHTIGING = "machtiging", _("Machtiging")
    OVERIG = "overig", _("Overig")


class AccessAction(models.TextChoices):
    VIEW = "view", _("Bekijken")
    CREATE = "create", _("Aanmaken")
    UPDATE = "update", _("Wijzigen")
    EXPORT = "export", _("Exporteren")
    PRINT = "print", _("Afdrukken")
    DELETE = "delete", _("Verwijderen")


class Rol(models.TextChoices):
    """The four roles. Each is a Django group (created by a data migration)."""

    WERKCOACH = "werkcoach", _("Werkcoach")
    CONSULENT = "consulent_mb", _("Consulent maatschappelijke begeleiding")
    BELEID = "beleidsmedewerker", _("Beleidsmedewerker")
    BEHEER = "functioneel_beheerder", _("Functioneel beheerder")
