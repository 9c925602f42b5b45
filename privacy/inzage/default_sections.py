"""The built-in sections of the inzage export: every kind of record the apps
casefiles (with its parts), intake, pip_plans, leerroutes, ontzorgen and privacy
hold about one inburgeraar. Imported once by :func:`sections.sections`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .sections import Bron, Record, exclude_model, records_of, register_section, veld


@dataclass(frozen=True)
class Deel:
    """One model of a section and how its rows are found: ``lookup`` is filtered
    with the dossier ids (``…__in``), or, starting with ``persoon:``, with the id of
    the person record."""

    label: str
    lookup: str
    exclude: tuple[str, ...] = ()
    bestand_map: str = ""

    @property
    def model(self):
        return apps.get_model(self.label)

    def records(self, bron: Bron) -> list[Record]:
        if self.lookup.startswith("persoon:"):
            flt = {self.lookup.removeprefix("persoon:"): bron.inburgeraar.pk}
        else:
            flt = {self.lookup: bron.dossier_ids}
        qs = self.model._default_manager.filter(**flt)
        return records_of(qs, exclude=self.exclude, bestand_map=self.bestand_map)


def _register(name: str, title, uitleg, delen: Iterable[Deel], volgorde: int) -> None:
    delen = tuple(delen)

    def collector(bron: Bron) -> list[Record]:
        out: list[Record] = []
        for deel in delen:
            out.extend(deel.records(bron))
        return out

    register_section(
        name,
        title,
        collector,
        uitleg=uitleg,
        models=[d.model for d in delen],
        volgorde=volgorde,
    )


def _toegang(bron: Bron) -> list[Record]:
    """Who looked at or changed the dossier, when and why (the access log)."""
    AccessLog = apps.get_model("casefiles", "AccessLog")
    Ketenpartner = apps.get_model("casefiles", "Ketenpartner")
    rows = list(AccessLog.objects.filter(dossier_id__in=bron.dossier_ids).order_by("seq"))
    users = {
        u.pk: (u.get_full_name() or u.get_username())
        for u in get_user_model().objects.filter(pk__in={r.user_id for r in rows})
    }
    partners = {
        p.pk: p.naam
        for p in Ketenpartner.objects.filter(
            pk__in={r.ketenpartner_id for r in rows if r.ketenpartner_id}
        )
    }
    acties = dict(AccessLog._meta.get_field("action").flatchoices)
    out = []
    for r in rows:
        rec = Record(soort="casefiles.accesslog", soort_label="Inzage of wijziging", id=r.pk)
        rec.velden = [
            veld("moment", "Moment", r.moment),
            veld("medewerker", "Medewerker", users.get(r.user_id, "")),
            veld("organisatie", "Organisatie", partners.get(r.ketenpartner_id, "")),
            veld("dossier", "Dossier", r.dossier_id, str(r.dossier_id)),
            veld("actie", "Wat", r.action, str(acties.get(r.action, r.action))),
            veld(
                "onderdeel",
                "Onderdeel",
                r.onderdeel,
                r.onderdeel.replace("_", " ").replace(".", ": "),
            ),
            veld("doel", "Waarom", r.doel),
        ]
        out.append(rec)
    return out


_register(
    "persoon",
    _("Uw persoonsgegevens"),
    _("Dit zijn uw naam, adres en andere gegevens over u."),
    [Deel("casefiles.Inburgeraar", "persoon:pk")],
    10,
)
_register(
    "dossier",
    _("Uw dossier inburgering"),
    _("Dit zijn de gegevens over uw inburgeringsplicht: wanneer die begon en hoe lang die duurt."),
    [
        Deel("casefiles.Dossier", "pk__in"),
        Deel("casefiles.DoelgroepPeriode", "dossier_id__in"),
        Deel("casefiles.Inburgeringsfeiten", "dossier_id__in"),
        Deel("casefiles.PlichtEinde", "dossier_id__in"),
    ],
    20,
)
_register(
    "intake",
    _("Brede intake"),
    _("In de brede intake hebben wij met u gesproken over uw opleiding, werk, taal en leven."),
    [
        Deel("intake.BredeIntake", "dossier_id__in"),
        Deel("intake.Werkervaring", "intake__dossier_id__in"),
        Deel("intake.LevensdomeinScore", "intake__dossier_id__in"),
    ],
    30,
)
_register(
    "gezondheid",
    _("Uw gezondheid"),
    _(
        "Dit zijn gegevens over uw gezondheid. Deze gegevens zijn extra beschermd. "
        "Alleen uw eigen werkcoach en consulent kunnen ze zien."
    ),
    [Deel("intake.IntakeGezondheid", "intake__dossier_id__in")],
    35,
)
_register(
    "pip",
    _("Uw plan (PIP)"),
    _(
        "Dit zijn alle versies van uw Persoonlijk Plan Inburgering en Participatie, met de "
        "doelen. De brieven (besluiten) zitten als apart bestand bij deze export."
    ),
    [
        Deel("pip_plans.PipVersie", "dossier_id__in"),
        Deel("pip_plans.PipDoel", "versie__dossier_id__in"),
        Deel("pip_plans.DoelVoortgang", "doel__versie__dossier_id__in"),
        Deel("pip_plans.PipBrief", "versie__dossier_id__in", bestand_map="brieven"),
    ],
    40,
)
_register(
    "gesprekken",
    _("Gesprekken en contact"),
    _("Dit zijn de voortgangsgesprekken en andere contacten met u, met wat er is besproken."),
    [
        Deel("pip_plans.Voortgangsgesprek", "dossier_id__in"),
        Deel("pip_plans.GesprekDoelUitkomst", "gesprek__dossier_id__in"),
        Deel("pip_plans.Herinnering", "gesprek__dossier_id__in"),
        Deel("casefiles.Contactmoment", "dossier_id__in"),
    ],
    50,
)
_register(
    "handhaving",
    _("Waarschuwingen en boetes"),
    _("Dit zijn waarschuwingen en boetes die u van ons kreeg."),
    [Deel("pip_plans.Handhaving", "dossier_id__in")],
    60,
)
_register(
    "leerroute",
    _("Lessen, uren en examens"),
    _("Dit zijn uw lessen bij de taalschool, de uren dat u er was en uw examens."),
    [
        Deel("leerroutes.Traject", "dossier_id__in"),
        Deel("leerroutes.Urenregistratie", "dossier_id__in"),
        Deel("leerroutes.Examen", "dossier_id__in"),
        Deel("leerroutes.MapInschrijving", "dossier_id__in"),
        Deel("leerroutes.PvtInschrijving", "dossier_id__in"),
    ],
    70,
)
_register(
    "participatie",
    _("Werk, school en meedoen"),
    _("Dit zijn uw werk, vrijwilligerswerk, opleiding en hoe ver u bent met meedoen."),
    [
        Deel("casefiles.Activiteit", "dossier_id__in"),
        Deel("casefiles.Uitstroom", "dossier_id__in"),
        Deel("casefiles.ParticipatieladderMeting", "dossier_id__in"),
    ],
    80,
)
_register(
    "begeleiding",
    _("Begeleiding"),
    _(
        "Dit is de maatschappelijke begeleiding: de hulp bij wonen, zorg en geld. Ook staan "
        "hier de organisaties en vrijwilligers die u helpen."
    ),
    [
        Deel("casefiles.MaatschappelijkeBegeleiding", "dossier_id__in"),
        Deel("casefiles.Verwijzing", "dossier_id__in"),
        Deel("casefiles.PartnerMelding", "verwijzing__dossier_id__in"),
        Deel("casefiles.Koppeling", "dossier_id__in"),
        Deel("casefiles.VrijwilligerSignaal", "koppeling__dossier_id__in"),
    ],
    90,
)
_register(
    "gezin",
    _("Uw gezin"),
    _("Dit zijn de gegevens over uw gezin die in uw dossier staan."),
    [Deel("casefiles.Gezinslid", "persoon:inburgeraar_id")],
    95,
)
_register(
    "ontzorgen",
    _("Ontzorgen en betalingen"),
    _(
        "Dit zijn de vaste lasten die wij van uw bijstand voor u betalen, en alle "
        "betalingen die wij deden."
    ),
    [
        Deel("ontzorgen.Ontzorgingsplan", "dossier_id__in"),
        Deel("ontzorgen.VasteLast", "plan__dossier_id__in"),
        Deel("ontzorgen.Betaling", "vaste_last__plan__dossier_id__in"),
        Deel("ontzorgen.InhoudingsRegel", "dossier_id__in"),
    ],
    100,
)
_register(
    "kosten",
    _("Kosten"),
    _("Dit zijn kosten die de gemeente voor u maakte, bijvoorbeeld voor een tolk of reizen."),
    [Deel("casefiles.Kostenpost", "dossier_id__in")],
    105,
)
_register(
    "taken",
    _("Taken, eerste stappen en tijdlijn"),
    _("Dit zijn de taken van uw werkcoach en wat er in uw dossier is gebeurd."),
    [
        Deel("casefiles.Startstap", "dossier_id__in"),
        Deel("casefiles.Taak", "dossier_id__in"),
        Deel("casefiles.Gebeurtenis", "dossier_id__in"),
    ],
    108,
)
_register(
    "delen",
    _("Met wie wij uw gegevens delen"),
    _("U gaf toestemming om gegevens te delen met deze organisaties. Hier staat wat en hoe lang."),
    [Deel("casefiles.Deling", "dossier_id__in")],
    110,
)
_register(
    "documenten",
    _("Documenten"),
    _("Dit zijn de documenten in uw dossier. De bestanden zitten apart bij deze export."),
    [Deel("casefiles.Document", "dossier_id__in", bestand_map="documenten")],
    120,
)
register_section(
    "toegang",
    _("Wie uw dossier bekeek"),
    _toegang,
    uitleg=_(
        "Elke keer dat een medewerker uw dossier bekijkt of verandert, schrijven wij dat op. "
        "Hier staat wie dat deed, wanneer en waarom."
    ),
    models=[apps.get_model("casefiles", "AccessLog")],
    volgorde=130,
)
_register(
    "verzoeken",
    _("Uw verzoeken over uw gegevens"),
    _("Dit zijn de verzoeken die u deed om uw gegevens te zien of te verbeteren."),
    [
        Deel(
            "privacy.InzageVerzoek",
            "persoon:inburgeraar_id",
            exclude=("bestand", "sha256", "grootte", "samenvatting", "dossier_ids"),
        ),
        Deel(
            "privacy.CorrectieVerzoek",
            "dossier_id__in",
            exclude=("wijziging_model", "wijziging_history_id"),
        ),
    ],
    140,
)

exclude_model(
    "casefiles.OutboxJob",
    "Een taak in de wachtrij van het systeem: alleen nummers (ids), geen gegevens over u.",
)
