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
    # issue 18
    KETENPARTNER = "ketenpartner", _("Ketenpartner")
    GEZIN = "gezin", _("Gezin")
    VRIJWILLIGER = "vrijwilliger", _("Signaal van een vrijwilliger")
    STARTCHECKLIST = "startchecklist", _("Eerste stappen")


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
    """The roles. Each is a Django group (created by a data migration, kept in step
    with the declared permissions after every migrate)."""

    WERKCOACH = "werkcoach", _("Werkcoach")
    CONSULENT = "consulent_mb", _("Consulent maatschappelijke begeleiding")
    TEAMLEIDER = "teamleider", _("Teamleider")
    BELEID = "beleidsmedewerker", _("Beleidsmedewerker")
    BEHEER = "functioneel_beheerder", _("Functioneel beheerder")
    # staff of a partner organisation (issue 18): only dossiers shared with it on
    # the inburgeraar's consent, only the shared parts (casefiles.partners)
    KETENPARTNER = "ketenpartner", _("Ketenpartner")
    # issue 17: answers the AVG requests of inburgeraars (inzage, correctie); no case
    # work, so no werkvoorraad, dossier page or caseload (privacy/permissions.py)
    PRIVACY = "privacy", _("Privacyfunctionaris")


class SecuritySoort(models.TextChoices):
    """What a row of the security log records (never a password or a BSN)."""

    LOGIN = "login", _("Ingelogd")
    LOGIN_MISLUKT = "login_mislukt", _("Inloggen mislukt")
    LOGOUT = "logout", _("Uitgelogd")
    UITGELOGD_INACTIEF = "inactief", _("Automatisch uitgelogd (inactief)")
    GEBLOKKEERD = "geblokkeerd", _("Account tijdelijk geblokkeerd")
    RESET_AANGEVRAAGD = "reset_aangevraagd", _("Wachtwoordherstel aangevraagd")
    RESET_VOLTOOID = "reset_voltooid", _("Wachtwoord hersteld")
    WACHTWOORD_GEWIJZIGD = "wachtwoord_gewijzigd", _("Wachtwoord gewijzigd")
    ROL_GEWIJZIGD = "rol_gewijzigd", _("Rollen gewijzigd")
    GEMEENTEN_GEWIJZIGD = "gemeenten_gewijzigd", _("Gemeenten gewijzigd")
    ACCOUNT_AANGEMAAKT = "account_aangemaakt", _("Account aangemaakt")
    ACCOUNT_GEWIJZIGD = "account_gewijzigd", _("Account gewijzigd")
    OTP_INGESTELD = "otp_ingesteld", _("Tweestapsverificatie ingesteld")
    OTP_GELUKT = "otp_gelukt", _("Tweede factor geverifieerd")
    OTP_MISLUKT = "otp_mislukt", _("Tweede factor onjuist")
    SSO_LOGIN = "sso_login", _("Ingelogd via single sign-on")


# --- shared vocabulary of the whole product -------------------------------------


class Leerroute(models.TextChoices):
    """The three leerroutes of the Wi 2021 (art. 7–9)."""

    B1 = "b1", _("B1-route")
    ONDERWIJS = "onderwijs", _("Onderwijsroute")
    Z = "z", _("Z-route")


class Niveau(models.TextChoices):
    """Taalniveau of a PIP / exam (ERK). DUO: A2 never with the onderwijsroute,
    B1 never with the Z-route."""

    A0 = "A0", _("A0")
    A1 = "A1", _("A1")
    A2 = "A2", _("A2")
    B1 = "B1", _("B1")
    B2 = "B2", _("B2")


class Levensdomein(models.TextChoices):
    """The five life domains used in Drenthe; they become the goal sections of the PIP."""

    FINANCIEN = "financien", _("Financiën op orde")
    WELBEVINDEN = "welbevinden", _("Lichamelijk en psychisch welbevinden")
    TAAL = "taal", _("Taal en samenleving")
    WERK = "werk", _("(Betaald) werk / meedoen")
    ONTMOETEN = "ontmoeten", _("Ontmoeten en integratie")


class ActiviteitSoort(models.TextChoices):
    TAALSTAGE = "taalstage", _("Taalstage")
    VRIJWILLIGERSWERK = "vrijwilligerswerk", _("Vrijwilligerswerk")
    WERKERVARINGSPLEK = "werkervaringsplek", _("Werkervaringsplek")
    SOCIALE_ACTIVERING = "sociale_activering", _("Sociale activering")
    BETAALD_WERK = "betaald_werk", _("Betaald werk")
    OPLEIDING = "opleiding", _("Opleiding")
    TAALMAATJE = "taalmaatje", _("Taalmaatje")
    KOFFIE_EN_TAAL = "koffie_en_taal", _("Koffie en Taal / informeel taalaanbod")
    OVERIG = "overig", _("Overig")


class Contractsoort(models.TextChoices):
    GEEN = "", _("n.v.t.")
    TIJDELIJK = "tijdelijk", _("Tijdelijk contract")
    VAST = "vast", _("Vast contract")
    UITZEND = "uitzend", _("Uitzendwerk")
    OPROEP = "oproep", _("Oproep / nulurencontract")
    ZZP = "zzp", _("Zelfstandige")


class UitstroomSoort(models.TextChoices):
    BETAALD_WERK_VOLTIJD = "werk_voltijd", _("Betaald werk (voltijd)")
    BETAALD_WERK_DEELTIJD = "werk_deeltijd", _("Betaald werk (deeltijd)")
    EIGEN_BEDRIJF = "eigen_bedrijf", _("Eigen bedrijf")
    REGULIERE_OPLEIDING = "opleiding", _("Reguliere opleiding")
    MAATSCHAPPELIJK_ACTIEF = "maatschappelijk_actief", _("Maatschappelijk actief")
    VERHUISD = "verhuisd", _("Verhuisd")


class LadderBron(models.TextChoices):
    INTAKE = "intake", _("Brede intake")
    VOORTGANGSGESPREK = "voortgangsgesprek", _("Voortgangsgesprek")
    HANDMATIG = "handmatig", _("Handmatig")


class MBOnderwerp(models.TextChoices):
    WONEN = "wonen", _("Wonen")
    ZORG = "zorg", _("Zorg")
    WERK = "werk", _("Werk")
    INKOMEN = "inkomen", _("Inkomen")
    VERZEKERINGEN = "verzekeringen", _("Verzekeringen")
    ONDERWIJS = "onderwijs", _("Onderwijs")
    LOKALE_OMGEVING = "lokale_omgeving", _("Lokale omgeving")


class MBIntensiteit(models.TextChoices):
    HOOG = "hoog", _("Hoog (wekelijks)")
    MIDDEN = "midden", _("Midden (tweewekelijks)")
    LAAG = "laag", _("Laag (maandelijks)")


class MBEindreden(models.TextChoices):
    AFGEROND = "afgerond", _("Doelen bereikt")
    TERMIJN = "termijn", _("Geplande duur verstreken")
    VERHUISD = "verhuisd", _("Verhuisd")
    GEWEIGERD = "geweigerd", _("Wil geen begeleiding meer")
    OVERIG = "overig", _("Overig")


class Overdracht(models.TextChoices):
    GEEN = "geen", _("Geen overdracht nodig")
    WELZIJN = "welzijn", _("Welzijnswerk")
    MAATSCHAPPELIJK_WERK = "maatschappelijk_werk", _("Maatschappelijk werk")
    WIJKTEAM = "wijkteam", _("Sociaal wijkteam")
    VLUCHTELINGENWERK = "vluchtelingenwerk", _("VluchtelingenWerk")
    OVERIG = "overig", _("Overig")


class PartnerSoort(models.TextChoices):
    WELZIJN = "welzijn", _("Welzijn")
    MAATSCHAPPELIJK_WERK = "maatschappelijk_werk", _("Maatschappelijk werk")
    VLUCHTELINGENWERK = "vluchtelingenwerk", _("VluchtelingenWerk")
    SCHULDHULP = "schuldhulp", _("Schuldhulpverlening / budgetbeheer")
    GEZONDHEID = "gezondheid", _("Gezondheid (huisarts, GGD, GGZ)")
    WERK = "werk", _("Werk en re-integratie")
    ONDERWIJS = "onderwijs", _("Onderwijs")
    SPORT_CULTUUR = "sport_cultuur", _("Sport en cultuur")
    OVERIG = "overig", _("Overig")


class VerwijzingStatus(models.TextChoices):
    AANGEMELD = "aangemeld", _("Aangemeld")
    IN_BEHANDELING = "in_behandeling", _("In behandeling")
    AFGEROND = "afgerond", _("Afgerond")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
    GESTOPT = "gestopt", _("Gestopt")


class FeitenBron(models.TextChoices):
    """Where the person-level facts that cross gemeenten come from."""

    VORIGE_GEMEENTE = "vorige_gemeente", _("Overdracht door de vorige gemeente")
    DUO = "duo", _("DUO (bericht of portaal)")


class PlichtEindeReden(models.TextChoices):
    """Why the person has no inburgeringsplicht (any more): DUO's
    ``RedenGeenInburgeringsplicht`` (Inburgeringsplicht API) plus reaching the AOW age
    (DUO event SS110)."""

    ONTHEFFING = "ontheffing", _("Volledige ontheffing")
    VRIJSTELLING = "vrijstelling", _("Volledige vrijstelling")
    TIJDELIJKE_VRIJSTELLING = "tijdelijke_vrijstelling", _("Tijdelijke vrijstelling")
    VOLDAAN = "voldaan", _("Inburgeringsplicht voldaan")
    VERBLIJFSDOEL = "verblijfsdoel", _("Verblijfsdoel gewijzigd")
    VERTREK = "vertrek", _("Vertrek uit Nederland langer dan een jaar")
    OVERLIJDEN = "overlijden", _("Overlijden")
    AOW = "aow", _("AOW-leeftijd bereikt")
    OVERIG = "overig", _("Overig")


class PlichtGrond(models.TextChoices):
    """DUO's ground of an ontheffing (``OntheffingsgrondInburgering``) or a
    vrijstelling (``RedenVrijstellingInburgeringsplicht``)."""

    BIO = "BIO", _("Ontheffing: bijzondere individuele omstandigheden")
    MED = "MED", _("Ontheffing: medisch")
    AVI = "AVI", _("Vrijstelling: aantoonbaar voldoende ingeburgerd (Bi art. 2.3)")
    DIP = "DIP", _("Vrijstelling: vrijstellend diploma (DUO-register)")
    DOC = "DOC", _("Vrijstelling: vrijstellend document (door DUO beoordeeld)")
    GED = "GED", _("Gedeeltelijke vrijstelling")
    INB = "INB", _("Vrijstelling: inburgeringsdiploma Wi 2013 (B1)")
    INS = "INS", _("Tijdelijke vrijstelling: bewijs van inschrijving")
    OPL = "OPL", _("Tijdelijke vrijstelling: vervolgopleiding (ambtshalve)")


class PlichtBron(models.TextChoices):
    """How DUO's decision reached the gemeente."""

    DUO_GEBEURTENIS = "duo_gebeurtenis", _("Gebeurtenis/notificatie van DUO")
    DUO_BRIEF = "duo_brief", _("Besluit of brief van DUO")
    DUO_PORTAAL = "duo_portaal", _("Portaal van DUO (raadpleging)")


# --- issue 18: partners, family, volunteers, first steps, other costs ----------------


class DeelOnderdeel(models.TextChoices):
    """The parts of a dossier a gemeente can share with a ketenpartner. Health
    (intake), handhaving and payments (ontzorgen) are never among them."""

    BEGELEIDING = "begeleiding", _("Maatschappelijke begeleiding")
    PIP_DOELEN = "pip_doelen", _("PIP-doelen waarin de partner genoemd is")
    VERWIJZINGEN = "verwijzingen", _("Verwijzingen naar de partner")
    CONTACTMOMENTEN = "contactmomenten", _("Contactmomenten van de partner")


class ToestemmingVorm(models.TextChoices):
    SCHRIFTELIJK = "schriftelijk", _("Schriftelijk (getekend formulier)")
    MONDELING = "mondeling", _("Mondeling (vastgelegd in een gesprek)")
    DIGITAAL = "digitaal", _("Digitaal")


class VveStatus(models.TextChoices):
    GEEN = "geen", _("Geen")
    VVE = "vve", _("Voorschoolse educatie (VVE)")
    PEUTEROPVANG = "peuteropvang", _("Peuteropvang (zonder VVE-indicatie)")
    KINDEROPVANG = "kinderopvang", _("Kinderdagverblijf / kinderopvang")
    WACHTLIJST = "wachtlijst", _("Aangemeld / wachtlijst")


class LeerplichtStatus(models.TextChoices):
    NVT = "nvt", _("Niet (meer) leerplichtig")
    INGESCHREVEN = "ingeschreven", _("Ingeschreven op een school")
    NIET_INGESCHREVEN = "niet_ingeschreven", _("Leerplichtig, niet ingeschreven")
    VRIJSTELLING = "vrijstelling", _("Vrijstelling")


class VrijwilligerSoort(models.TextChoices):
    TAALMAATJE = "taalmaatje", _("Taalmaatje")
    BUDDY = "buddy", _("Buddy / maatje")
    THUISADMINISTRATIE = "thuisadministratie", _("Thuisadministratie")
    OVERIG = "overig", _("Overig")


class StartstapStatus(models.TextChoices):
    OPEN = "open", _("Nog te regelen")
    BEZIG = "bezig", _("Bezig")
    GEREGELD = "geregeld", _("Geregeld")
    NVT = "nvt", _("Niet nodig")


class KostenSoort(models.TextChoices):
    REISKOSTEN = "reiskosten", _("Reiskosten")
    TOLK = "tolk", _("Tolk")
    KINDEROPVANG = "kinderopvang", _("Kinderopvang tijdens de lessen")
    MATERIAAL = "materiaal", _("Lesmateriaal")
    OVERIG = "overig", _("Overig")


class Budgetsoort(models.TextChoices):
    """Where other costs are paid from."""

    PARTICIPATIEBUDGET = "participatiebudget", _("Participatiebudget")
    UITVOERINGSKOSTEN = "uitvoeringskosten", _("Uitvoeringskosten inburgering")
    RIJKSBIJDRAGE = "rijksbijdrage", _("Rijksbijdrage per persoon (maatschappelijke begeleiding)")
