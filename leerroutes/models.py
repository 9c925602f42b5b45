"""Language providers and everything recorded about a leerroute at a provider."""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casefiles.choices import Leerroute, Niveau
from casefiles.locking import LockVersionField
from casefiles.models import GemeenteVanDossier

from .choices import (
    Erkenning,
    ExamenOnderdeel,
    ExamenResultaat,
    MapPvtStatus,
    TrajectStatus,
    UrenBron,
    UrenSoort,
    Verwijtbaar,
)


class Aanbieder(models.Model):
    """A language provider the gemeente buys leerroutes from (maintained in the admin)."""

    naam = models.CharField(_("naam"), max_length=200, unique=True)
    erkenning = models.CharField(
        _("erkenning"), max_length=3, choices=Erkenning.choices, default=Erkenning.BLIK_OP_WERK
    )
    duo_code = models.CharField(
        _("DUO-instellingscode"),
        max_length=10,
        unique=True,
        help_text=_("Code waaronder DUO de instelling kent."),
    )
    gemeenten = models.ManyToManyField(
        "casefiles.Gemeente", related_name="aanbieders", verbose_name=_("gemeenten"), blank=True
    )
    contract_start = models.DateField(_("contract vanaf"), null=True, blank=True)
    contract_eind = models.DateField(_("contract tot"), null=True, blank=True)
    locaties = models.CharField(_("locaties"), max_length=300, blank=True)
    biedt_b1 = models.BooleanField(_("biedt B1-route"), default=True)
    biedt_onderwijs = models.BooleanField(_("biedt onderwijsroute"), default=False)
    biedt_z = models.BooleanField(_("biedt Z-route"), default=True)
    biedt_map = models.BooleanField(_("biedt MAP"), default=True)
    biedt_pvt = models.BooleanField(_("biedt PVT"), default=True)
    prijs_b1 = models.DecimalField(
        _("prijs B1-route"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    prijs_onderwijs = models.DecimalField(
        _("prijs onderwijsroute"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    prijs_z = models.DecimalField(
        _("prijs Z-route"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    prijs_map = models.DecimalField(
        _("prijs MAP"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    prijs_pvt = models.DecimalField(
        _("prijs PVT"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    map_startmaanden = models.CharField(
        _("startmaanden MAP-carrousel"),
        max_length=40,
        default="2,6,10",
        help_text=_("Maandnummers, standaard februari, juni en oktober: 2,6,10."),
    )
    contactpersonen = models.TextField(_("contactpersonen"), blank=True)

    class Meta:
        verbose_name = _("taalaanbieder")
        verbose_name_plural = _("taalaanbieders")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam

    @property
    def startmaanden(self) -> list[int]:
        """The MAP carousel start months as numbers (invalid parts are ignored)."""
        return sorted(
            {int(m) for m in self.map_startmaanden.split(",") if m.strip().isdigit()}
            & set(range(1, 13))
        )

    def biedt_route(self, route: str) -> bool:
        biedt: dict[str, bool] = {
            Leerroute.B1: self.biedt_b1,
            Leerroute.ONDERWIJS: self.biedt_onderwijs,
            Leerroute.Z: self.biedt_z,
        }
        return biedt.get(route, False)

    def prijs_route(self, route: str) -> Decimal | None:
        prijzen: dict[str, Decimal | None] = {
            Leerroute.B1: self.prijs_b1,
            Leerroute.ONDERWIJS: self.prijs_onderwijs,
            Leerroute.Z: self.prijs_z,
        }
        return prijzen.get(route)


# --- the trajectory and what is recorded about it ------------------------------------

HOURS_FIELD: dict[str, Any] = {
    "max_digits": 6,
    "decimal_places": 1,
    "validators": [MinValueValidator(0)],
}
EINDSTATUSSEN = [TrajectStatus.AFGEROND, TrajectStatus.GESTOPT]


class Traject(GemeenteVanDossier):
    """One leerroute at one provider for one dossier, following the vastgestelde PIP's
    route, level and provider. A change of route (schakelen) closes this trajectory
    and starts a new one that points back to it: history is kept."""

    lock_version = LockVersionField()

    dossier = models.ForeignKey(
        "casefiles.Dossier",
        on_delete=models.CASCADE,
        related_name="trajecten",
        verbose_name=_("dossier"),
    )
    route = models.CharField(_("leerroute"), max_length=10, choices=Leerroute.choices)
    niveau = models.CharField(_("niveau"), max_length=2, choices=Niveau.choices)
    aanbieder = models.ForeignKey(
        Aanbieder,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="trajecten",
        verbose_name=_("taalaanbieder"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=TrajectStatus.choices, default=TrajectStatus.AANGEMELD
    )
    onderbreking_reden = models.CharField(
        _("reden onderbreking of stop"),
        max_length=300,
        blank=True,
        help_text=_("Verplicht bij een onderbroken traject."),
    )
    datum_aanmelding = models.DateField(_("aangemeld op"))
    datum_start = models.DateField(_("gestart op"), null=True, blank=True)
    datum_eind = models.DateField(_("afgerond of gestopt op"), null=True, blank=True)
    vorige = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="volgende",
        verbose_name=_("vorig traject (schakelen)"),
    )
    pip_versie_id = models.PositiveIntegerField(
        _("PIP-versie"),
        null=True,
        blank=True,
        help_text=_("De laatst gevolgde vastgestelde PIP-versie (id)."),
    )
    pip_dagtekening = models.DateField(_("dagtekening PIP"), null=True, blank=True)
    afgeschaalde_onderdelen = models.JSONField(
        _("afgeschaalde onderdelen"),
        default=list,
        blank=True,
        help_text=_("Examenonderdelen die via een nieuwe PIP naar A2 zijn afgeschaald."),
    )
    # DUO inburgeringsaanbod
    datum_aanbod = models.DateField(
        _("datum inburgeringsaanbod"),
        null=True,
        blank=True,
        help_text=_(
            "Inschrijfdatum bij de aanbieder; bij B1- en Z-route ook de start van de lessen."
        ),
    )
    aanvang_taalschakeltraject = models.DateField(
        _("aanvang taalschakeltraject"), null=True, blank=True
    )
    einde_cursus = models.DateField(_("einde cursus"), null=True, blank=True)
    # Z-route
    z_eindgesprek = models.DateField(_("datum eindgesprek Z-route"), null=True, blank=True)
    z_afgerond_op = models.DateField(_("Z-route afgerond op"), null=True, blank=True)
    kosten = models.DecimalField(
        _("kosten voor de gemeente"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Uit de prijs van de aanbieder bij aanmelding."),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    history = HistoricalRecords(verbose_name=_("historie traject"))

    class Meta:
        verbose_name = _("leerroutetraject")
        verbose_name_plural = _("leerroutetrajecten")
        ordering = ["-datum_aanmelding", "-id"]
        permissions = [("import_voortgang", _("Voortgang van aanbieders importeren"))]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier"],
                condition=~Q(status__in=EINDSTATUSSEN),
                name="traject_een_lopend_per_dossier",
            ),
            models.CheckConstraint(
                condition=~Q(status=TrajectStatus.ONDERBROKEN) | ~Q(onderbreking_reden=""),
                name="traject_onderbroken_heeft_reden",
            ),
            models.CheckConstraint(
                condition=Q(datum_eind__isnull=True)
                | Q(datum_start__isnull=True)
                | Q(datum_eind__gte=F("datum_start")),
                name="traject_eind_na_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_route_display()} ({self.get_status_display()})"

    @property
    def is_lopend(self) -> bool:
        return self.status not in EINDSTATUSSEN

    def clean(self) -> None:
        if self.status == TrajectStatus.ONDERBROKEN and not self.onderbreking_reden:
            raise ValidationError(
                {"onderbreking_reden": _("Geef de reden van de onderbreking op.")}
            )
        if self.datum_start and self.datum_eind and self.datum_eind < self.datum_start:
            raise ValidationError({"datum_eind": _("Het einde kan niet voor de start liggen.")})


class Urenregistratie(GemeenteVanDossier):
    """Hours of one kind in one period: attended and absent (excused or not).
    Natural key: dossier, provider, kind and period — re-importing changes nothing."""

    dossier = models.ForeignKey(
        "casefiles.Dossier",
        on_delete=models.CASCADE,
        related_name="uren",
        verbose_name=_("dossier"),
    )
    traject = models.ForeignKey(
        Traject,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="uren",
        verbose_name=_("traject"),
    )
    aanbieder = models.ForeignKey(
        Aanbieder,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="uren",
        verbose_name=_("aanbieder"),
    )
    soort = models.CharField(_("soort uren"), max_length=20, choices=UrenSoort.choices)
    periode_start = models.DateField(_("periode vanaf"))
    periode_eind = models.DateField(_("periode tot en met"))
    aanwezig = models.DecimalField(_("uren aanwezig"), default=0, **HOURS_FIELD)
    afwezig_geoorloofd = models.DecimalField(
        _("uren afwezig (geoorloofd)"), default=0, **HOURS_FIELD
    )
    afwezig_ongeoorloofd = models.DecimalField(
        _("uren afwezig (ongeoorloofd)"), default=0, **HOURS_FIELD
    )
    bron = models.CharField(
        _("bron"), max_length=10, choices=UrenBron.choices, default=UrenBron.HANDMATIG
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geregistreerd door"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    vorige_aanwezig_start = models.DateField(
        _("begin vorige periode met aanwezige uren"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "Afgeleid: het begin van de vorige registratie van dit dossier in dezelfde "
            "urengroep met aanwezige uren (leeg voor de eerste); bijgehouden bij elke "
            "wijziging, voor het dashboard."
        ),
    )
    """Per-dossier rollup for the dashboard's "uren per persoon" (issue 16): for a row
    with attended hours, the periode_start of the previous such row of the same dossier
    and hour group (leerroutes.rules.UREN_GROEPEN), ordered by (periode_start, id);
    NULL for the first (and for rows without attended hours). A row with hours in a
    period [van, tot] whose predecessor starts before ``van`` is the person's first row
    in the period, so persons with hours are counted in one pass without grouping every
    row per person. Kept up to date by :func:`leerroutes.urenvolgorde.bijwerken` on every
    save and delete (signals, leerroutes.apps) and by bulk writers;
    ``manage.py uren_volgorde_herbouwen`` rebuilds it."""

    class Meta:
        verbose_name = _("urenregistratie")
        verbose_name_plural = _("urenregistraties")
        ordering = ["-periode_start", "soort", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(periode_eind__gte=F("periode_start")), name="uren_periode_eind_na_start"
            ),
            models.CheckConstraint(
                condition=Q(
                    aanwezig__gte=0, afwezig_geoorloofd__gte=0, afwezig_ongeoorloofd__gte=0
                ),
                name="uren_niet_negatief",
            ),
            models.UniqueConstraint(
                fields=["dossier", "aanbieder", "soort", "periode_start", "periode_eind"],
                condition=Q(aanbieder__isnull=False),
                name="uren_uniek_per_aanbieder_periode",
            ),
            models.UniqueConstraint(
                fields=["dossier", "soort", "periode_start", "periode_eind"],
                condition=Q(aanbieder__isnull=True),
                name="uren_uniek_per_periode_zonder_aanbieder",
            ),
        ]
        indexes = [
            models.Index(fields=["dossier", "soort"]),
            # covering: the dashboard's hours per person of the selected gemeenten
            # (the record's copy of the dossier's gemeente) as an index-only scan, one
            # pass without grouping per person (vorige_aanwezig_start)
            models.Index(
                fields=["gemeente", "periode_start"],
                include=["soort", "aanwezig", "vorige_aanwezig_start"],
                name="uren_gemeente_periode_volg_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.periode_start:%d-%m-%Y}"

    @property
    def totaal(self):
        return self.aanwezig + self.afwezig_geoorloofd + self.afwezig_ongeoorloofd

    def clean(self) -> None:
        if self.periode_start and self.periode_eind and self.periode_eind < self.periode_start:
            raise ValidationError(
                {"periode_eind": _("Het einde van de periode kan niet voor het begin liggen.")}
            )


class UrenSamenvatting(models.Model):
    """The dashboard's "uren per persoon" summed per (gemeente, soort, periode_start,
    vorige_aanwezig_start) instead of read row by row (issue 16): tens of thousands of
    summary rows in place of every hour row of the period (343 000 a year at 100 000
    dossiers). No personal data: counts and sums per gemeente, no dossier.

    **Kept by the database, append-only.** Triggers on ``leerroutes_urenregistratie``
    (migration 0009; PostgreSQL statement-level with transition tables, SQLite
    row-level) add a *delta row* for every write: plus the new rows' contribution,
    minus the old rows'. Inserting never updates an existing summary row, so two
    imports of the same gemeente at the same time never wait for each other or
    deadlock on a hot counter row. A key's figures are the SUM of its rows;
    :func:`leerroutes.urensamenvatting.compacteren` (nightly, and after bulk writes)
    folds the delta rows into one row per key. ``manage.py uren_volgorde_herbouwen``
    checks it against the hour rows and rebuilds it when it differs."""

    gemeente = models.ForeignKey(
        "casefiles.Gemeente",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        verbose_name=_("gemeente"),
    )
    soort = models.CharField(_("soort uren"), max_length=20, choices=UrenSoort.choices)
    periode_start = models.DateField(_("periode vanaf"))
    vorige_aanwezig_start = models.DateField(_("begin vorige periode"), null=True)
    uren = models.DecimalField(_("uren aanwezig (som)"), max_digits=14, decimal_places=1)
    rijen = models.IntegerField(_("registraties met aanwezige uren"))

    class Meta:
        verbose_name = _("urensamenvatting")
        verbose_name_plural = _("urensamenvattingen")
        default_permissions = ()
        indexes = [
            # the dashboard's one read: the selected gemeenten and the period, index-only
            models.Index(
                fields=["gemeente", "periode_start"],
                include=["soort", "vorige_aanwezig_start", "uren", "rijen"],
                name="urensam_gemeente_periode_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.soort} {self.periode_start:%d-%m-%Y}"


class Examen(models.Model):
    """One exam attempt for one part (lezen, luisteren, schrijven, spreken, KNM)."""

    dossier = models.ForeignKey(
        "casefiles.Dossier",
        on_delete=models.CASCADE,
        related_name="examens",
        verbose_name=_("dossier"),
    )
    traject = models.ForeignKey(
        Traject,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="examens",
        verbose_name=_("traject"),
    )
    onderdeel = models.CharField(_("onderdeel"), max_length=10, choices=ExamenOnderdeel.choices)
    niveau = models.CharField(
        _("niveau"),
        max_length=2,
        choices=Niveau.choices,
        blank=True,
        help_text=_("Niet bij KNM."),
    )
    datum = models.DateField(_("examendatum"))
    resultaat = models.CharField(
        _("resultaat"),
        max_length=15,
        choices=ExamenResultaat.choices,
        default=ExamenResultaat.GEPLAND,
    )
    poging = models.PositiveSmallIntegerField(
        _("poging"), default=1, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    kosten_inburgeraar = models.DecimalField(
        _("kosten voor de inburgeraar"),
        max_digits=7,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    bron = models.CharField(
        _("bron"), max_length=10, choices=UrenBron.choices, default=UrenBron.HANDMATIG
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("examen")
        verbose_name_plural = _("examens")
        ordering = ["-datum", "onderdeel", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "onderdeel", "datum"], name="examen_uniek_per_onderdeel_datum"
            ),
            models.CheckConstraint(condition=Q(poging__gte=1), name="examen_poging_vanaf_1"),
        ]

    def __str__(self) -> str:
        return f"{self.get_onderdeel_display()} {self.niveau}".strip()

    def clean(self) -> None:
        if self.onderdeel != ExamenOnderdeel.KNM and not self.niveau:
            raise ValidationError({"niveau": _("Kies het niveau van het examen.")})


class ModuleInschrijving(models.Model):
    """What MAP and PVT enrolments share: status, start, hours, DUO's "verwijtbaar"
    indication and the cost for the gemeente."""

    lock_version = LockVersionField()

    status = models.CharField(
        _("status"), max_length=10, choices=MapPvtStatus.choices, default=MapPvtStatus.AANGEMELD
    )
    uren = models.DecimalField(_("gevolgde uren"), default=0, **HOURS_FIELD)
    verwijtbaar = models.CharField(
        _("verwijtbaar (DUO)"),
        max_length=3,
        choices=Verwijtbaar.choices,
        blank=True,
        default="",
        help_text=_("Alleen bij overschrijding van de inburgeringstermijn."),
    )
    kosten = models.DecimalField(
        _("kosten voor de gemeente"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-aangemaakt_op", "-id"]


class MapInschrijving(ModuleInschrijving):
    """Enrolment in the Module Arbeidsmarkt en Participatie (B1- and Z-route only)."""

    dossier = models.ForeignKey(
        "casefiles.Dossier",
        on_delete=models.CASCADE,
        related_name="map_inschrijvingen",
        verbose_name=_("dossier"),
    )
    aanbieder = models.ForeignKey(
        Aanbieder,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="map_inschrijvingen",
        verbose_name=_("aanbieder"),
    )
    cohort_start = models.DateField(
        _("start cohort"),
        null=True,
        blank=True,
        help_text=_("Startdatum van de MAP-carrousel waarin de inburgeraar meedoet."),
    )
    datum_eindgesprek = models.DateField(_("datum eindgesprek"), null=True, blank=True)
    resultaat = models.CharField(_("resultaat eindgesprek"), max_length=300, blank=True)

    class Meta(ModuleInschrijving.Meta):
        verbose_name = _("MAP-inschrijving")
        verbose_name_plural = _("MAP-inschrijvingen")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier"],
                condition=~Q(status=MapPvtStatus.GESTOPT),
                name="map_een_per_dossier",
            ),
        ]

    def __str__(self) -> str:
        return f"MAP ({self.get_status_display()})"


class PvtInschrijving(ModuleInschrijving):
    """Enrolment in the Participatieverklaringstraject: ≥ 12 hours, ending with signing
    the participatieverklaring within the termijn (Bi art. 3.1)."""

    dossier = models.ForeignKey(
        "casefiles.Dossier",
        on_delete=models.CASCADE,
        related_name="pvt_inschrijvingen",
        verbose_name=_("dossier"),
    )
    aanbieder = models.ForeignKey(
        Aanbieder,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pvt_inschrijvingen",
        verbose_name=_("aanbieder"),
    )
    start = models.DateField(_("start"), null=True, blank=True)
    datum_ondertekening = models.DateField(
        _("participatieverklaring ondertekend op"), null=True, blank=True
    )

    class Meta(ModuleInschrijving.Meta):
        verbose_name = _("PVT-inschrijving")
        verbose_name_plural = _("PVT-inschrijvingen")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier"],
                condition=~Q(status=MapPvtStatus.GESTOPT),
                name="pvt_een_per_dossier",
            ),
        ]

    def __str__(self) -> str:
        return f"PVT ({self.get_status_display()})"
