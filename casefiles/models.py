"""The core of the product: gemeenten, staff, the inburgeraar and their dossier,
contact moments, tasks, documents, the timeline and the access log.

Every other app hangs its records on :class:`Dossier`.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import rules
from .choices import (
    AccessAction,
    ActiviteitSoort,
    ContactSoort,
    Contractsoort,
    DocumentSoort,
    Doelgroep,
    DossierStatus,
    FeitenBron,
    Geslacht,
    GezinslidRelatie,
    LadderBron,
    LeerplichtStatus,
    Leerroute,
    MBEindreden,
    MBIntensiteit,
    Niveau,
    Overdracht,
    PartnerSoort,
    PlichtBron,
    PlichtEindeReden,
    PlichtGrond,
    Regime,
    TaakBron,
    TaakStatus,
    UitstroomSoort,
    VerwijzingStatus,
    VveStatus,
)
from .locking import LockVersionField


def validate_bsn(value: str) -> None:
    if not rules.bsn_is_valid(value):
        raise ValidationError(
            _("Dit is geen geldig BSN: een BSN heeft 9 cijfers en moet voldoen aan de elfproef."),
            code="invalid_bsn",
        )


def validate_iban(value: str) -> None:
    from stdnum import iban

    if value and not iban.is_valid(value):
        raise ValidationError(
            _("Dit is geen geldig IBAN (controleer de tekens en het controlegetal)."),
            code="invalid_iban",
        )


def private_storage():
    return storages["private"]


class Gemeente(models.Model):
    """A municipality that runs the regie. Its letterhead feeds every letter; its
    policy settings are the *configurable* values of DESIGN.md §2."""

    naam = models.CharField(_("naam"), max_length=100, unique=True)
    cbs_code = models.CharField(
        _("CBS-code"),
        max_length=4,
        unique=True,
        validators=[RegexValidator(r"^\d{4}$", _("De CBS-gemeentecode heeft 4 cijfers."))],
        help_text=_("Gemeentecode van het CBS, bijvoorbeeld 1690 voor De Wolden."),
    )
    oin = models.CharField(
        _("OIN"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^\d{20}$", _("Een OIN heeft 20 cijfers."))],
        help_text=_("Organisatie-identificatienummer (Logius), bron-OIN naar DUO."),
    )
    # Letterhead
    afdeling = models.CharField(
        _("afdeling"), max_length=100, blank=True, default="Team Inburgering"
    )
    postadres = models.CharField(_("postadres"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    plaats = models.CharField(_("plaats"), max_length=80, blank=True)
    telefoon = models.CharField(_("telefoon"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    ondertekenaar = models.CharField(
        _("ondertekenaar"),
        max_length=120,
        blank=True,
        help_text=_("Naam en functie onder beschikkingen, bijv. 'namens het college, ...'."),
    )
    # Payments (ontzorgen): the debtor account of SEPA credit transfers
    rekeninghouder = models.CharField(_("rekeninghouder"), max_length=70, blank=True)
    iban = models.CharField(_("IBAN"), max_length=34, blank=True, validators=[validate_iban])
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    # Policy (configurable per gemeente)
    pip_op_tijd_doel = models.PositiveSmallIntegerField(
        _("doel PIP op tijd (%)"),
        default=95,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Streefpercentage PIP's vastgesteld binnen de wettelijke termijn."),
    )
    mb_maanden = models.PositiveSmallIntegerField(
        _("duur maatschappelijke begeleiding (maanden)"),
        default=18,
        help_text=_("Geplande duur; De Wolden streeft naar 18 maanden."),
    )
    voortgangsgesprek_maanden = models.CharField(
        _("voortgangsgesprekken in maanden na vaststelling"),
        max_length=50,
        default="3,6,12",
        validators=[RegexValidator(r"^\d+(,\d+)*$", _("Geef maanden op als 3,6,12."))],
    )
    voortgangsgesprek_interval = models.PositiveSmallIntegerField(
        _("daarna elke … maanden"),
        default=6,
    )
    herinnering_dagen = models.PositiveSmallIntegerField(
        _("herinnering … dagen vooraf"),
        default=7,
    )
    onderwijsroute_max_leeftijd = models.PositiveSmallIntegerField(
        _("richtleeftijd onderwijsroute (jonger dan)"),
        default=28,
    )
    boete_zonder_waarschuwing = models.BooleanField(
        _("boete zonder voorafgaande waarschuwing toegestaan"),
        default=False,
    )

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam

    @property
    def voortgangsgesprek_maanden_lijst(self) -> list[int]:
        return [int(m) for m in self.voortgangsgesprek_maanden.split(",") if m]


class StaffProfile(models.Model):
    """Links a user to the gemeenten they work for. Record access is scoped by it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profiel",
        verbose_name=_("gebruiker"),
    )
    gemeenten = models.ManyToManyField(
        Gemeente, related_name="medewerkers", verbose_name=_("gemeenten"), blank=True
    )
    functie = models.CharField(_("functie"), max_length=100, blank=True)
    telefoon = models.CharField(_("telefoon"), max_length=20, blank=True)
    oidc_sub = models.CharField(
        _("SSO-kenmerk"),
        max_length=255,
        blank=True,
        editable=False,
        help_text=_("Het vaste kenmerk (sub) van dit account bij de identity provider."),
    )

    class Meta:
        verbose_name = _("medewerkerprofiel")
        verbose_name_plural = _("medewerkerprofielen")

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()


class Inburgeraar(models.Model):
    """A person with (possibly) an inburgeringsplicht, as known to ONE gemeente.
    Personal data: shown only in their dossier, never in logs or URLs.

    The record belongs to the gemeente whose dossier it carries (DESIGN §5): the same
    BSN in two gemeenten is two records, so nothing one gemeente types or sees ever
    reaches another, and no lookup by BSN crosses a gemeente. The BSN is unique per
    gemeente (``inburgeraar_bsn_uniek_per_gemeente``)."""

    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        related_name="inburgeraars",
        verbose_name=_("gemeente"),
        help_text=_("De gemeente van wier dossier deze persoonsgegevens zijn."),
    )
    lock_version = LockVersionField()
    bsn = models.CharField(
        _("BSN"),
        max_length=9,
        validators=[validate_bsn],
        help_text=_("Burgerservicenummer, 9 cijfers (elfproef)."),
    )
    v_nummer = models.CharField(
        _("V-nummer"),
        max_length=10,
        blank=True,
        validators=[RegexValidator(r"^\d{10}$", _("Een V-nummer heeft 10 cijfers."))],
        help_text=_("Vreemdelingennummer van de IND/COA."),
    )
    voornamen = models.CharField(_("voornamen"), max_length=200, blank=True)
    tussenvoegsel = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    achternaam = models.CharField(_("achternaam"), max_length=200)
    geboortedatum = models.DateField(_("geboortedatum"), null=True, blank=True)
    geslacht = models.CharField(
        _("geslacht"), max_length=1, choices=Geslacht.choices, default=Geslacht.ONBEKEND
    )
    land_van_herkomst = models.CharField(_("land van herkomst"), max_length=100, blank=True)
    nationaliteit = models.CharField(_("nationaliteit"), max_length=100, blank=True)
    moedertaal = models.CharField(_("moedertaal"), max_length=100, blank=True)
    tolk_nodig = models.BooleanField(_("tolk nodig"), default=False)
    tolk_taal = models.CharField(_("taal tolk"), max_length=100, blank=True)
    straat = models.CharField(_("straat"), max_length=200, blank=True)
    huisnummer = models.CharField(_("huisnummer"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    woonplaats = models.CharField(_("woonplaats"), max_length=100, blank=True)
    telefoon = models.CharField(_("telefoon"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    history = HistoricalRecords(verbose_name=_("historie inburgeraar"))

    class Meta:
        verbose_name = _("inburgeraar")
        verbose_name_plural = _("inburgeraars")
        indexes = [models.Index(fields=["achternaam"]), models.Index(fields=["v_nummer"])]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "bsn"],
                name="inburgeraar_bsn_uniek_per_gemeente",
                violation_error_message=_(
                    "Er is in deze gemeente al een persoon met dit BSN geregistreerd."
                ),
            ),
            # (gemeente, id): target of the dossier's composite key (gemeente_id,
            # inburgeraar_id) on PostgreSQL, so a dossier never carries a person
            # record of another gemeente (casefiles 0009)
            models.UniqueConstraint(
                fields=["gemeente", "id"], name="inburgeraar_gemeente_id_uniek"
            ),
        ]

    def __str__(self) -> str:
        return self.volledige_naam

    @property
    def volledige_naam(self) -> str:
        return " ".join(p for p in (self.voornamen, self.tussenvoegsel, self.achternaam) if p)

    @property
    def bsn_gemaskeerd(self) -> str:
        return rules.mask_bsn(self.bsn)

    def leeftijd(self, op: date | None = None) -> int | None:
        if not self.geboortedatum:
            return None
        op = op or timezone.localdate()
        g = self.geboortedatum
        return op.year - g.year - ((op.month, op.day) < (g.month, g.day))

    def clean(self) -> None:
        errors = {}
        if self.tolk_nodig and not self.tolk_taal:
            errors["tolk_taal"] = _("Geef aan in welke taal een tolk nodig is.")
        if self.geboortedatum and self.geboortedatum > timezone.localdate():
            errors["geboortedatum"] = _("Een geboortedatum kan niet in de toekomst liggen.")
        if errors:
            raise ValidationError(errors)


class Gezinslid(models.Model):
    """A household member: partner, child (with birth date) or an expected nareiziger."""

    inburgeraar = models.ForeignKey(
        Inburgeraar,
        on_delete=models.CASCADE,
        related_name="gezinsleden",
        verbose_name=_("inburgeraar"),
    )
    relatie = models.CharField(_("relatie"), max_length=20, choices=GezinslidRelatie.choices)
    naam = models.CharField(_("naam"), max_length=200)
    geboortedatum = models.DateField(_("geboortedatum"), null=True, blank=True)
    verwachte_aankomst = models.DateField(
        _("verwachte aankomst"),
        null=True,
        blank=True,
        help_text=_("Voor nareizigers: wanneer worden zij verwacht?"),
    )
    woont_in_huishouden = models.BooleanField(_("woont in het huishouden"), default=True)
    # issue 18: the whole family plays a role in the plan
    rol_in_plan = models.CharField(
        _("rol in het plan"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld: partner volgt ook de inburgering; oudste dochter tolkt."),
    )
    eigen_dossier = models.ForeignKey(
        "casefiles.Dossier",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("eigen dossier"),
        help_text=_(
            "Het eigen inburgeringsdossier van de partner in deze gemeente, als dat er is."
        ),
    )
    school = models.CharField(
        _("school"), max_length=150, blank=True, help_text=_("Naam van de school van het kind.")
    )
    vve_status = models.CharField(
        _("VVE / kinderopvang"), max_length=15, choices=VveStatus.choices, default=VveStatus.GEEN
    )
    leerplicht_status = models.CharField(
        _("leerplicht"), max_length=20, choices=LeerplichtStatus.choices, blank=True
    )

    class Meta:
        verbose_name = _("gezinslid")
        verbose_name_plural = _("gezinsleden")
        ordering = ["relatie", "geboortedatum"]

    def __str__(self) -> str:
        return f"{self.get_relatie_display()}: {self.naam}"

    def clean(self) -> None:
        if self.relatie == GezinslidRelatie.KIND and not self.geboortedatum:
            raise ValidationError({"geboortedatum": _("Vul de geboortedatum van het kind in.")})
        if self.geboortedatum and self.geboortedatum > timezone.localdate():
            raise ValidationError(
                {"geboortedatum": _("Een geboortedatum kan niet in de toekomst liggen.")}
            )


class Dossier(models.Model):
    """One inburgeraar in one gemeente: the file every other record hangs on."""

    lock_version = LockVersionField()

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("gemeente")
    )
    inburgeraar = models.ForeignKey(
        Inburgeraar,
        on_delete=models.PROTECT,
        related_name="dossiers",
        verbose_name=_("inburgeraar"),
    )
    regime = models.CharField(
        _("regime"),
        max_length=6,
        choices=Regime.choices,
        default=Regime.WI2021,
        editable=False,
        help_text=_("Afgeleid van de start van de inburgeringsplicht."),
    )
    doelgroep = models.CharField(
        _("doelgroep"),
        max_length=20,
        choices=Doelgroep.choices,
        help_text=_("De huidige doelgroep; de historie staat in de doelgroepperiodes."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=DossierStatus.choices, default=DossierStatus.AANGEMELD
    )
    # Key dates
    datum_start_plicht = models.DateField(_("start inburgeringsplicht"), null=True, blank=True)
    datum_duo_melding = models.DateField(
        _("datum melding DUO"),
        null=True,
        blank=True,
        help_text=_("Datum van DUO's bericht dat de PIP-termijn loopt (gebeurtenis SS139)."),
    )
    datum_koppeling = models.DateField(_("datum koppeling COA"), null=True, blank=True)
    azc = models.CharField(_("AZC"), max_length=100, blank=True)
    datum_vestiging = models.DateField(
        _("datum vestiging (inschrijving BRP)"),
        null=True,
        blank=True,
    )
    datum_verblijfsvergunning = models.DateField(
        _("datum verblijfsvergunning"), null=True, blank=True
    )
    datum_start_bijstand = models.DateField(_("start bijstand"), null=True, blank=True)
    termijn_start = models.DateField(
        _("start inburgeringstermijn"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Dag na de dagtekening van de eerste PIP (Wi art. 11)."),
    )
    termijn_eind = models.DateField(
        _("einde inburgeringstermijn"),
        null=True,
        blank=True,
        help_text=_(
            "Laatste dag van de termijn: drie jaar na de start min één dag, of de "
            "einddatum die DUO (na verlenging) doorgeeft min één dag (DUO geeft hem exclusief)."
        ),
    )
    datum_plicht_voldaan = models.DateField(
        _("inburgeringsplicht voldaan op"), null=True, blank=True
    )
    werkcoach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dossiers_als_werkcoach",
        verbose_name=_("werkcoach"),
    )
    consulent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dossiers_als_consulent",
        verbose_name=_("consulent maatschappelijke begeleiding"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    history = HistoricalRecords(verbose_name=_("historie dossier"))

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-aangemaakt_op"]
        permissions = [
            ("import_aanmeldingen", _("Aanmeldingen importeren")),
            ("assign_dossier", _("Dossiers toewijzen")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "inburgeraar"], name="dossier_een_per_persoon_per_gemeente"
            ),
            models.CheckConstraint(
                condition=Q(termijn_eind__isnull=True) | Q(termijn_start__isnull=False),
                name="dossier_termijn_eind_vereist_start",
            ),
            # (gemeente, id): the target of the composite foreign keys of the records
            # that copy the dossier's gemeente (GemeenteVanDossier), and the population
            # of the policy dashboard as an index-only scan (monitoring)
            models.UniqueConstraint(fields=["gemeente", "id"], name="dossier_gemeente_id_uniek"),
        ]
        indexes = [
            # (gemeente, status) lookups, and the dashboard's counts per status,
            # doelgroep and regime as a streaming GROUP BY over an index-only scan
            models.Index(
                fields=["gemeente", "status", "doelgroep", "regime"],
                name="dossier_gemeente_status_idx",
            ),
            # the dashboard's instroom per quarter: the dossiers whose instroom date
            # (koppeling, else vestiging, else start plicht) lies in the period, as an
            # index-only range scan (monitoring.indicators.dossiers._instroom)
            models.Index(
                F("gemeente"),
                Coalesce("datum_koppeling", "datum_vestiging", "datum_start_plicht"),
                include=["datum_koppeling", "datum_vestiging", "datum_start_plicht"],
                name="dossier_gemeente_instroom_idx",
            ),
            models.Index(fields=["werkcoach", "status"]),
            models.Index(fields=["gemeente", "termijn_start"]),
            models.Index(fields=["gemeente", "datum_plicht_voldaan"]),
            # the dashboard's "6 months after vestiging" in a period (monitoring)
            models.Index(fields=["gemeente", "datum_vestiging"], name="dossier_gemeente_vestiging"),
        ]

    def __str__(self) -> str:
        return f"Dossier {self.pk}"

    def save(self, *args, **kwargs):
        self.regime = rules.regime_for(self.datum_start_plicht)
        super().save(*args, **kwargs)

    @property
    def is_asiel(self) -> bool:
        return rules.is_asiel(self.doelgroep)

    @property
    def is_actief(self) -> bool:
        return self.status in rules.ACTIVE_STATUSES

    def clean(self) -> None:
        errors = {}
        if (
            self.datum_vestiging
            and self.datum_koppeling
            and self.datum_vestiging < self.datum_koppeling
        ):
            errors["datum_vestiging"] = _("De vestiging kan niet voor de koppeling liggen.")
        if self.termijn_eind and not self.termijn_start:
            errors["termijn_eind"] = _(
                "De inburgeringstermijn begint pas met de eerste vastgestelde PIP."
            )
        elif self.termijn_eind and self.termijn_start and self.termijn_eind <= self.termijn_start:
            errors["termijn_eind"] = _("Het einde van de termijn moet na de start liggen.")
        if errors:
            raise ValidationError(errors)


class DoelgroepPeriode(models.Model):
    """The doelgroep as a dated history (DUO events SS124/SS125 can change it)."""

    dossier = models.ForeignKey(
        Dossier,
        on_delete=models.CASCADE,
        related_name="doelgroep_periodes",
        verbose_name=_("dossier"),
    )
    doelgroep = models.CharField(_("doelgroep"), max_length=20, choices=Doelgroep.choices)
    gedetailleerde_doelgroep = models.CharField(
        _("gedetailleerde doelgroep (DUO)"),
        max_length=50,
        blank=True,
    )
    geldig_vanaf = models.DateField(_("geldig vanaf"))
    bron = models.CharField(
        _("bron"),
        max_length=100,
        blank=True,
        help_text=_("Bijvoorbeeld 'aanmelding', 'DUO SS124' of 'handmatig'."),
    )
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("doelgroepperiode")
        verbose_name_plural = _("doelgroepperiodes")
        ordering = ["-geldig_vanaf", "-id"]

    def __str__(self) -> str:
        return f"{self.get_doelgroep_display()} vanaf {self.geldig_vanaf:%d-%m-%Y}"


class Inburgeringsfeiten(models.Model):
    """Facts about the *person* that cross gemeenten, recorded on this dossier:
    the very first PIP in any gemeente, the inburgeringstermijn as DUO knows it and
    the current leerroute and level. A person who moved brings them along: the new
    gemeente keeps the termijn that started after the first PIP (Wi art. 11 lid 2–3)
    and the leerroute. Entered by hand from the previous gemeente's data now; the DUO
    koppeling fills the same fields from DUO's APIs (field names follow them:
    PIP ``dagtekeningPip``/``leerroute``/``niveau``, Inburgeringstermijn
    ``startdatum``/``einddatum``). Never shared between dossiers: each gemeente keeps
    its own copy (DESIGN.md §5)."""

    dossier = models.OneToOneField(
        Dossier,
        on_delete=models.CASCADE,
        related_name="inburgeringsfeiten",
        verbose_name=_("dossier"),
    )
    bron = models.CharField(
        _("bron"), max_length=20, choices=FeitenBron.choices, default=FeitenBron.VORIGE_GEMEENTE
    )
    vorige_gemeentecode = models.CharField(
        _("gemeentecode vorige gemeente"),
        max_length=4,
        blank=True,
        validators=[RegexValidator(r"^\d{4}$", _("De gemeentecode heeft 4 cijfers."))],
        help_text=_("CBS-code van de gemeente van de vorige PIP (DUO Gemeente.gemeentecode)."),
    )
    eerste_pip_dagtekening = models.DateField(
        _("dagtekening eerste PIP (in welke gemeente ook)"),
        null=True,
        blank=True,
        help_text=_("De allereerste PIP van deze persoon (DUO PIP.dagtekeningPip)."),
    )
    eerste_pip_leerroute = models.CharField(
        _("leerroute eerste PIP"), max_length=10, choices=Leerroute.choices, blank=True
    )
    termijn_startdatum = models.DateField(
        _("start inburgeringstermijn volgens DUO"),
        null=True,
        blank=True,
        help_text=_(
            "DUO Inburgeringstermijn.startdatum: de dag na de dagtekening van de eerste PIP."
        ),
    )
    termijn_einddatum = models.DateField(
        _("einddatum inburgeringstermijn volgens DUO"),
        null=True,
        blank=True,
        help_text=_(
            "DUO Inburgeringstermijn.einddatum. Let op: DUO geeft de einddatum exclusief "
            "(de termijn loopt tot en met de dag ervoor), ook na verlenging."
        ),
    )
    huidige_leerroute = models.CharField(
        _("huidige leerroute"),
        max_length=10,
        choices=Leerroute.choices,
        blank=True,
        help_text=_("De leerroute van de actuele PIP (DUO PIP.leerroute)."),
    )
    huidig_niveau = models.CharField(
        _("huidig niveau"),
        max_length=2,
        choices=[(Niveau.A2, "A2"), (Niveau.B1, "B1")],
        blank=True,
        help_text=_("Het niveau van de actuele PIP (DUO PIP.niveau, A2 of B1)."),
    )
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    history = HistoricalRecords(verbose_name=_("historie inburgeringsfeiten"))

    class Meta:
        verbose_name = _("inburgeringsfeiten van de persoon")
        verbose_name_plural = _("inburgeringsfeiten van personen")
        constraints = [
            models.CheckConstraint(
                condition=Q(termijn_einddatum__isnull=True)
                | Q(
                    termijn_startdatum__isnull=False, termijn_einddatum__gt=F("termijn_startdatum")
                ),
                name="feiten_termijn_eind_na_start",
            ),
            models.CheckConstraint(
                condition=Q(termijn_startdatum__isnull=True)
                | Q(eerste_pip_dagtekening__isnull=True)
                | Q(termijn_startdatum__gt=F("eerste_pip_dagtekening")),
                name="feiten_termijn_na_eerste_pip",
            ),
        ]

    def __str__(self) -> str:
        return f"Inburgeringsfeiten dossier {self.dossier_id}"

    @property
    def eerdere_pip(self) -> bool:
        """The person had a PIP before this dossier (in another gemeente)."""
        return self.eerste_pip_dagtekening is not None

    def clean(self) -> None:
        errors = {}
        if self.termijn_einddatum and not self.termijn_startdatum:
            errors["termijn_startdatum"] = _("Vul ook de start van de termijn in.")
        elif (
            self.termijn_einddatum
            and self.termijn_startdatum
            and self.termijn_einddatum <= self.termijn_startdatum
        ):
            errors["termijn_einddatum"] = _("De einddatum moet na de start van de termijn liggen.")
        if (
            self.termijn_startdatum
            and self.eerste_pip_dagtekening
            and self.termijn_startdatum <= self.eerste_pip_dagtekening
        ):
            errors["termijn_startdatum"] = _(
                "De termijn begint pas na de dagtekening van de eerste PIP (Wi art. 11)."
            )
        if self.eerste_pip_leerroute and not self.eerste_pip_dagtekening:
            errors["eerste_pip_dagtekening"] = _("Vul de dagtekening van de eerste PIP in.")
        if self.huidig_niveau == Niveau.B1 and self.huidige_leerroute == Leerroute.Z:
            errors["huidig_niveau"] = _("Niveau B1 kan niet samen met de Z-route (regel van DUO).")
        if self.huidig_niveau == Niveau.A2 and self.huidige_leerroute == Leerroute.ONDERWIJS:
            errors["huidig_niveau"] = _(
                "Niveau A2 kan niet samen met de onderwijsroute (regel van DUO)."
            )
        if errors:
            raise ValidationError(errors)


class PlichtEinde(models.Model):
    """DUO's decision that the person has no inburgeringsplicht (any more): a
    volledige ontheffing or vrijstelling, a tijdelijke vrijstelling, voldaan,
    vertrek, overlijden, AOW, … DUO decides (Wi art. 3–6); the gemeente records the
    decision as a dated, sourced fact. Field names follow DUO's Ontheffing,
    Vrijstelling and Inburgeringsplicht APIs (``datumOordeel``, ``grond``/``reden``,
    ``einddatum``). The ground may be medical: it is never put in a timeline line."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="plicht_eindes", verbose_name=_("dossier")
    )
    reden = models.CharField(_("reden"), max_length=25, choices=PlichtEindeReden.choices)
    grond = models.CharField(
        _("grond (DUO)"),
        max_length=3,
        choices=PlichtGrond.choices,
        blank=True,
        help_text=_("Bij een ontheffing of vrijstelling: de grond die DUO noemt."),
    )
    datum_oordeel = models.DateField(
        _("datum besluit DUO"),
        help_text=_("De datum van DUO's besluit (DUO datumOordeel)."),
    )
    einddatum_plicht = models.DateField(
        _("laatste dag van de inburgeringsplicht"),
        help_text=_(
            "Vanaf de dag erna is er geen plicht meer (DUO Inburgeringsplicht.einddatum, "
            "inclusief)."
        ),
    )
    einddatum_vrijstelling = models.DateField(
        _("einde tijdelijke vrijstelling"),
        null=True,
        blank=True,
        help_text=_("Alleen bij een tijdelijke vrijstelling: tot en met deze dag."),
    )
    bron = models.CharField(_("bron"), max_length=20, choices=PlichtBron.choices)
    kenmerk = models.CharField(
        _("kenmerk"),
        max_length=60,
        blank=True,
        help_text=_("Kenmerk van de brief of de gebeurteniscode (bijv. SS108). Geen namen of BSN."),
    )
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    history = HistoricalRecords(verbose_name=_("historie einde plicht"))

    class Meta:
        verbose_name = _("einde inburgeringsplicht (besluit DUO)")
        verbose_name_plural = _("einde inburgeringsplicht (besluiten DUO)")
        ordering = ["-einddatum_plicht", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(einddatum_vrijstelling__isnull=True)
                | Q(
                    reden="tijdelijke_vrijstelling",
                    einddatum_vrijstelling__gt=F("einddatum_plicht"),
                ),
                name="plicht_einde_vrijstelling_na_einde",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_reden_display()} per {self.einddatum_plicht:%d-%m-%Y}"


class Contactmoment(models.Model):
    """A contact with the inburgeraar or about them (partner, provider)."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="contactmomenten", verbose_name=_("dossier")
    )
    datum = models.DateTimeField(_("datum en tijd"), default=timezone.now)
    soort = models.CharField(
        _("soort"), max_length=20, choices=ContactSoort.choices, default=ContactSoort.GESPREK
    )
    onderwerp = models.CharField(_("onderwerp"), max_length=200)
    verslag = models.TextField(_("verslag"), blank=True)
    tolk_ingezet = models.BooleanField(_("tolk ingezet"), default=False)
    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("medewerker"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")
        ordering = ["-datum"]

    def __str__(self) -> str:
        return self.onderwerp


class Taak(models.Model):
    """A task with a due date in someone's werkvoorraad. Tasks from rules (the PIP
    clock, gesprekken, payments) carry a ``sleutel`` so the service that owns them
    can keep exactly one task per source in step when dates change."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="taken", verbose_name=_("dossier")
    )
    titel = models.CharField(_("titel"), max_length=200)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    bron = models.CharField(
        _("bron"), max_length=20, choices=TaakBron.choices, default=TaakBron.HANDMATIG
    )
    sleutel = models.CharField(
        _("sleutel"),
        max_length=100,
        blank=True,
        help_text=_("Technische sleutel van de bron, uniek per dossier (leeg bij handmatig)."),
    )
    deadline = models.DateField(_("uiterste datum"))
    toegewezen_aan = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="taken",
        verbose_name=_("toegewezen aan"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=TaakStatus.choices, default=TaakStatus.OPEN
    )
    afgerond_op = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    afgerond_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgerond door"),
    )
    vervallen_bij_sluiting = models.BooleanField(
        _("vervallen bij afsluiten"),
        default=False,
        help_text=_(
            "Deze taak verviel omdat het dossier werd afgesloten; heropenen van het dossier "
            "zet haar weer open."
        ),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("taak")
        verbose_name_plural = _("taken")
        ordering = ["deadline", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "sleutel"],
                condition=~Q(sleutel=""),
                name="taak_unieke_sleutel_per_dossier",
            ),
            models.CheckConstraint(
                condition=Q(status="afgerond", afgerond_op__isnull=False) | ~Q(status="afgerond"),
                name="taak_afgerond_heeft_datum",
            ),
        ]
        indexes = [
            models.Index(fields=["toegewezen_aan", "status", "deadline"]),
            models.Index(fields=["dossier", "status", "deadline"]),
            # lists of one kind of open task across a region (the ontzorgen overview's
            # evaluations), without reading every task (issue 16)
            models.Index(fields=["bron", "status", "deadline"], name="taak_bron_status_deadline"),
        ]

    def __str__(self) -> str:
        return self.titel

    def is_te_laat(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status == TaakStatus.OPEN and self.deadline < today

    @property
    def afronden_via_bron(self) -> bool:
        """Deadline tasks of the law end when their source is done (the PIP is
        vastgesteld, the voortgangsgesprek recorded), never by a click on the task."""
        return self.bron in (TaakBron.PIP_DEADLINE, TaakBron.VOORTGANGSGESPREK)

    def dagen_over(self, today: date | None = None) -> int:
        return rules.days_left(self.deadline, today or timezone.localdate())


class WerkvoorraadStand(models.Model):
    """Per dossier: the deadline of its first open task and its number of open tasks,
    kept by the DATABASE (triggers on casefiles_taak and casefiles_dossier, migration
    casefiles 0020) whatever writes the tasks: services, bulk_create in the nightly
    jobs, a queryset update. The werkvoorraad sorts on it through an index, so a page
    costs the same for 200 dossiers as for 50 000 (issue 16). Never written by the
    application; read-only derived data."""

    dossier = models.OneToOneField(
        Dossier,
        primary_key=True,
        # the triggers remove the row with the dossier; no FK, so that Django's delete
        # of a dossier and the task triggers never trip over each other
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="werkvoorraadstand",
    )
    volgende_deadline = models.DateField(null=True)
    open_taken = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("werkvoorraadstand")
        verbose_name_plural = _("werkvoorraadstanden")
        # and on PostgreSQL (volgende_deadline DESC NULLS LAST, dossier) for "-deadline"
        # (migration casefiles 0023; SQLite cannot index NULLS LAST)
        indexes = [
            models.Index(fields=["volgende_deadline", "dossier"], name="werkvoorraadstand_deadline")
        ]

    def __str__(self) -> str:
        return f"Stand van dossier {self.dossier_id}"


class Gebeurtenis(models.Model):
    """One line in the dossier's timeline ("what happened"). Written by services;
    holds a short title only, never special-category content."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="gebeurtenissen", verbose_name=_("dossier")
    )
    moment = models.DateTimeField(_("moment"), default=timezone.now)
    soort = models.CharField(_("soort"), max_length=40)
    titel = models.CharField(_("titel"), max_length=300)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("gebeurtenissen")
        ordering = ["-moment", "-id"]
        indexes = [models.Index(fields=["dossier", "-moment"])]

    def __str__(self) -> str:
        return self.titel


ALLOWED_DOCUMENT_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".txt": "text/plain",
}


def document_upload_to(instance: Document, filename: str) -> str:
    # The stored name carries no personal data: dossier id and a random part.
    import uuid

    suffix = PurePath(filename).suffix.lower()
    return f"dossiers/{instance.dossier_id}/{uuid.uuid4().hex}{suffix}"


class Document(models.Model):
    """A file in the dossier, stored privately and served only through a
    permission-checked view."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="documenten", verbose_name=_("dossier")
    )
    titel = models.CharField(_("titel"), max_length=200)
    soort = models.CharField(
        _("soort"), max_length=20, choices=DocumentSoort.choices, default=DocumentSoort.OVERIG
    )
    bestand = models.FileField(_("bestand"), storage=private_storage, upload_to=document_upload_to)
    bestandsnaam = models.CharField(_("oorspronkelijke bestandsnaam"), max_length=255)
    content_type = models.CharField(_("bestandstype"), max_length=100)
    grootte = models.PositiveIntegerField(_("grootte (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    geupload_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("geüpload door"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["-aangemaakt_op"]

    def __str__(self) -> str:
        return self.titel

    @staticmethod
    def sha256_of(fileobj) -> str:
        h = hashlib.sha256()
        for chunk in fileobj.chunks():
            h.update(chunk)
        return h.hexdigest()


class AccessLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Het toegangslog is alleen-toevoegen.")

    def delete(self):
        raise PermissionError("Het toegangslog is alleen-toevoegen.")


class AccessLog(models.Model):
    """Append-only record of every read and write of a dossier: who, when, which
    dossier, what, why. Ids only — never personal data (no names, no BSN, no URL).

    Rows are written only through :func:`casefiles.accesslog.append`, which numbers
    them without gaps (``seq``) and chains them with an HMAC (``hash`` over
    ``prev_hash`` and the row), so that ``manage.py verify_accesslog`` finds a row
    deleted, altered or inserted behind the application's back. The application's
    database role may only INSERT and SELECT here (docs/casefiles.md, Security)."""

    moment = models.DateTimeField(_("moment"), default=timezone.now, db_index=True)
    user_id = models.IntegerField(_("gebruiker-id"), db_index=True)
    dossier_id = models.IntegerField(_("dossier-id"), null=True, db_index=True)
    gemeente_id = models.IntegerField(_("gemeente-id"), null=True)
    action = models.CharField(_("actie"), max_length=10, choices=AccessAction.choices)
    onderdeel = models.CharField(
        _("onderdeel"),
        max_length=60,
        help_text=_("Welk deel van het dossier, bijv. 'dossier.overzicht' of 'intake.gezondheid'."),
    )
    object_id = models.CharField(_("object-id"), max_length=40, blank=True)
    doel = models.CharField(
        _("doel"), max_length=200, blank=True, help_text=_("Waarom werd het dossier geraadpleegd?")
    )
    request_id = models.CharField(_("request-id"), max_length=36, blank=True)
    ketenpartner_id = models.IntegerField(
        _("ketenpartner-id"),
        null=True,
        blank=True,
        help_text=_("De organisatie namens wie een ketenpartner las of schreef (issue 18)."),
    )
    seq = models.BigIntegerField(
        _("volgnummer"), unique=True, help_text=_("Doorlopend nummer in de keten, zonder gaten.")
    )
    prev_hash = models.CharField(_("vorige hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("toegangslogregel")
        verbose_name_plural = _("toegangslog")
        ordering = ["-moment", "-id"]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.moment:%Y-%m-%d %H:%M} gebruiker {self.user_id} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Het toegangslog is alleen-toevoegen.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Het toegangslog is alleen-toevoegen.")


# --- participation and outcomes (used by everyone) ------------------------------------


class Activiteit(models.Model):
    """A participation activity next to (or after) the leerroute: taalstage,
    vrijwilligerswerk, werk, opleiding, informal language practice."""

    lock_version = LockVersionField()

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="activiteiten", verbose_name=_("dossier")
    )
    soort = models.CharField(_("soort"), max_length=20, choices=ActiviteitSoort.choices)
    organisatie = models.CharField(_("organisatie"), max_length=200, blank=True)
    omschrijving = models.CharField(_("omschrijving"), max_length=300, blank=True)
    start = models.DateField(_("start"))
    eind = models.DateField(_("einde"), null=True, blank=True)
    uren_per_week = models.DecimalField(
        _("uren per week"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )
    contract = models.CharField(
        _("contract"), max_length=10, choices=Contractsoort.choices, blank=True, default=""
    )
    opleidingsniveau = models.CharField(
        _("opleidingsniveau"),
        max_length=50,
        blank=True,
        help_text=_("Bij een opleiding: bijvoorbeeld mbo-2, mbo-4, hbo."),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["-start", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(eind__isnull=True) | Q(eind__gte=F("start")),
                name="activiteit_eind_na_start",
            ),
        ]

    def __str__(self) -> str:
        return self.get_soort_display()

    def clean(self) -> None:
        if self.eind and self.start and self.eind < self.start:
            raise ValidationError({"eind": _("Het einde kan niet voor de start liggen.")})


class GemeenteVanDossier(models.Model):
    """Abstract base for a record of a dossier that carries a copy of its dossier's
    gemeente (``gemeente``), so that counts per gemeente (the policy dashboard,
    monitoring) filter the record itself instead of joining every dossier.

    The copy cannot drift: a dossier never changes gemeente (a move ends the dossier
    and the new gemeente opens its own, DESIGN §4); :meth:`save` takes it from the
    dossier; and on PostgreSQL a composite foreign key (gemeente_id, dossier_id) →
    dossier (gemeente_id, id) refuses any row whose copy differs
    (:func:`casefiles.migration_ops.gemeente_van_dossier`). Code that writes these
    records with ``bulk_create`` sets ``gemeente_id`` itself (monitoring.synthetic)."""

    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        db_index=False,  # the dashboard's composite indexes start with it
        verbose_name=_("gemeente (van het dossier)"),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.gemeente_id is None and self.dossier_id is not None:  # type: ignore[attr-defined]
            self.gemeente_id = self.dossier.gemeente_id  # type: ignore[attr-defined]
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "gemeente"}
        super().save(*args, **kwargs)


class Uitstroom(GemeenteVanDossier):
    """An outcome: work, own business, regular education, maatschappelijk actief, moved."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="uitstroom", verbose_name=_("dossier")
    )
    soort = models.CharField(_("soort"), max_length=25, choices=UitstroomSoort.choices)
    datum = models.DateField(_("datum"))
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    toelichting = models.CharField(_("toelichting"), max_length=300, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("uitstroom")
        verbose_name_plural = _("uitstroom")
        ordering = ["-datum", "-id"]

    def __str__(self) -> str:
        return self.get_soort_display()


class ParticipatieladderMeting(GemeenteVanDossier):
    """A step on the participatieladder (1 isolement … 6 betaald werk) at a date."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="ladder_metingen", verbose_name=_("dossier")
    )
    datum = models.DateField(_("datum"))
    trede = models.PositiveSmallIntegerField(
        _("trede"),
        validators=[MinValueValidator(1), MaxValueValidator(6)],
        help_text=_(
            "1 geïsoleerd, 2 sociale contacten buiten de deur, 3 deelname "
            "georganiseerde activiteiten, 4 onbetaald werk, 5 betaald werk met "
            "ondersteuning, 6 betaald werk."
        ),
    )
    bron = models.CharField(
        _("bron"), max_length=20, choices=LadderBron.choices, default=LadderBron.HANDMATIG
    )
    # derived, for the dashboard (casefiles.participatie.laddervolgorde, kept on write)
    volgende_datum = models.DateField(
        _("datum volgende meting"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "Afgeleid: de datum van de volgende meting van dit dossier (leeg voor de "
            "laatste); bijgehouden bij elke wijziging, voor het dashboard."
        ),
    )
    eerste_intake = models.BooleanField(
        _("eerste intakemeting"),
        default=False,
        editable=False,
        help_text=_(
            "Afgeleid: de vroegste meting van dit dossier met bron intake; bijgehouden "
            "bij elke wijziging, voor het dashboard."
        ),
    )

    class Meta:
        verbose_name = _("participatieladdermeting")
        verbose_name_plural = _("participatieladdermetingen")
        ordering = ["-datum", "-id"]
        indexes = [
            models.Index(fields=["dossier", "datum"]),
            # the dashboard's ladder counts of the selected gemeenten in one flat pass
            # (index-only scan; casefiles.participatie.laddervolgorde)
            models.Index(
                fields=["gemeente"],
                include=["datum", "trede", "volgende_datum", "eerste_intake"],
                name="ladder_gemeente_volg_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(trede__gte=1, trede__lte=6), name="ladder_trede_1_tot_6"
            ),
        ]

    def __str__(self) -> str:
        return f"trede {self.trede}"


# --- maatschappelijke begeleiding, partners and referrals -------------------------------


class MaatschappelijkeBegeleiding(GemeenteVanDossier):
    """A trajectory of maatschappelijke begeleiding for an asielstatushouder or
    nareiziger (Wi art. 13): finite, ending in a warm handover."""

    lock_version = LockVersionField()

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="begeleidingen", verbose_name=_("dossier")
    )
    start = models.DateField(_("start"))
    geplande_eind = models.DateField(_("gepland einde"))
    consulent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consulent"),
    )
    vrijwilligers = models.CharField(_("betrokken vrijwilligers"), max_length=300, blank=True)
    intensiteit = models.CharField(
        _("intensiteit"), max_length=10, choices=MBIntensiteit.choices, default=MBIntensiteit.HOOG
    )
    onderwerpen = models.JSONField(
        _("besproken onderwerpen"),
        default=list,
        blank=True,
        help_text=_("Waarden uit MBOnderwerp: wonen, zorg, werk, inkomen, …"),
    )
    eind = models.DateField(_("werkelijk einde"), null=True, blank=True)
    eind_reden = models.CharField(
        _("reden einde"), max_length=15, choices=MBEindreden.choices, blank=True
    )
    overdracht = models.CharField(
        _("overdracht naar"), max_length=25, choices=Overdracht.choices, blank=True
    )
    overdracht_toelichting = models.TextField(_("toelichting overdracht"), blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    history = HistoricalRecords(verbose_name=_("historie begeleiding"))

    class Meta:
        verbose_name = _("maatschappelijke begeleiding")
        verbose_name_plural = _("maatschappelijke begeleidingen")
        ordering = ["-start", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(geplande_eind__gt=F("start")), name="mb_gepland_einde_na_start"
            ),
            models.CheckConstraint(
                condition=Q(eind__isnull=True) | Q(eind__gte=F("start")), name="mb_einde_na_start"
            ),
        ]

    def __str__(self) -> str:
        return f"Maatschappelijke begeleiding vanaf {self.start:%d-%m-%Y}"

    @property
    def is_actief(self) -> bool:
        return self.eind is None


class Ketenpartner(models.Model):
    """A partner organisation of the gemeente (reference data, admin)."""

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.CASCADE, related_name="partners", verbose_name=_("gemeente")
    )
    naam = models.CharField(_("naam"), max_length=200)
    soort = models.CharField(_("soort"), max_length=25, choices=PartnerSoort.choices)
    contactpersoon = models.CharField(_("contactpersoon"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    telefoon = models.CharField(_("telefoon"), max_length=20, blank=True)
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("ketenpartner")
        verbose_name_plural = _("ketenpartners")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "naam"], name="ketenpartner_uniek_per_gemeente"
            ),
        ]

    def __str__(self) -> str:
        return self.naam


class Verwijzing(models.Model):
    """A referral of the inburgeraar to a ketenpartner, with its status."""

    lock_version = LockVersionField()

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="verwijzingen", verbose_name=_("dossier")
    )
    partner = models.ForeignKey(
        Ketenpartner,
        on_delete=models.PROTECT,
        related_name="verwijzingen",
        verbose_name=_("ketenpartner"),
    )
    datum = models.DateField(_("datum"))
    reden = models.CharField(_("reden"), max_length=300)
    status = models.CharField(
        _("status"),
        max_length=15,
        choices=VerwijzingStatus.choices,
        default=VerwijzingStatus.AANGEMELD,
    )
    terugkoppeling = models.TextField(_("terugkoppeling"), blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("verwezen door"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("verwijzing")
        verbose_name_plural = _("verwijzingen")
        ordering = ["-datum", "-id"]

    def __str__(self) -> str:
        return f"Verwijzing naar {self.partner}"


# Access-control models kept in their own module (teams, the security log).
# The transactional outbox lives in its own module (casefiles/outbox/).
# Issue 18: partners, family, volunteers, first steps and other costs, each in its own
# part of casefiles (models imported here so they belong to the casefiles app).
from .kosten.models import Kostenpost  # noqa: E402,F401
from .outbox.models import OutboxJob  # noqa: E402,F401
from .partners.models import Deling, PartnerMedewerker, PartnerMelding  # noqa: E402,F401
from .security_models import SecurityEvent, Team  # noqa: E402,F401
from .startchecklist.models import Startstap, StartstapSjabloon  # noqa: E402,F401
from .vrijwilligers.models import Koppeling, Vrijwilliger, VrijwilligerSignaal  # noqa: E402,F401
