"""Choice lists of the leerroutes app. Labels are Dutch (the user interface language)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Erkenning(models.TextChoices):
    BLIK_OP_WERK = "bow", _("Blik op Werk-keurmerk")
    TAALSCHAKEL = "tst", _("Erkende taalschakelinstelling")


class TrajectStatus(models.TextChoices):
    """Where a leerroute trajectory at the provider stands."""

    AANGEMELD = "aangemeld", _("Aangemeld")
    WACHTLIJST = "wachtlijst", _("Wachtlijst")
    GESTART = "gestart", _("Gestart")
    ONDERBROKEN = "onderbroken", _("Onderbroken")
    AFGEROND = "afgerond", _("Afgerond")
    GESTOPT = "gestopt", _("Gestopt")


class UrenSoort(models.TextChoices):
    """Kinds of hours. Language+KNM at the provider are the course hours of the
    leerroute (DUO: ParticipatieAlsTaalles); the brede-intake language hours are a
    separate DUO count; participation hours count for the Z-route."""

    TAAL_KNM = "taal_knm", _("Taal en KNM bij de aanbieder")
    INTAKE_TAAL = "intake_taal", _("Taal tijdens de brede intake")
    PARTICIPATIE = "participatie", _("Participatie (Z-route)")
    MAP = "map", _("MAP")
    PVT = "pvt", _("PVT")
    TAALSTAGE_WERK = "taalstage_werk", _("Taalstage / werk")


class UrenBron(models.TextChoices):
    HANDMATIG = "handmatig", _("Handmatig")
    IMPORT = "import", _("Import aanbieder")
    DEMO = "demo", _("Demo")


class ExamenOnderdeel(models.TextChoices):
    LEZEN = "lezen", _("Lezen")
    LUISTEREN = "luisteren", _("Luisteren")
    SCHRIJVEN = "schrijven", _("Schrijven")
    SPREKEN = "spreken", _("Spreken")
    KNM = "knm", _("KNM")


class ExamenResultaat(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    BEHAALD = "behaald", _("Behaald")
    NIET_BEHAALD = "niet_behaald", _("Niet behaald")


class MapPvtStatus(models.TextChoices):
    AANGEMELD = "aangemeld", _("Aangemeld")
    GESTART = "gestart", _("Gestart")
    AFGEROND = "afgerond", _("Afgerond")
    GESTOPT = "gestopt", _("Gestopt")


class Verwijtbaar(models.TextChoices):
    """DUO's 'Verwijtbaar (Ja/Nee)' with the MAP eindgesprek and PVT signing date."""

    NIET_GELEVERD = "", _("Niet van toepassing")
    JA = "ja", _("Ja")
    NEE = "nee", _("Nee")
