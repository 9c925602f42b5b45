"""The processings this product performs, for the verwerkingsregister (AVG art. 30).
Articles as cited in DESIGN.md §2 (Wi = Wet inburgering 2021, Bi = Besluit inburgering
2021, Pw = Participatiewet). The gemeente, as controller, reviews and exports them into
its own register (docs/privacy.md)."""

from django.db import migrations

BEVEILIGING = (
    "Toegang per gemeente en rol (selectors); bijzondere gegevens alleen voor de "
    "toegewezen werkcoach/consulent met doel; elke inzage en wijziging in het "
    "hash-geketende toegangslog (alleen id's); tweestapsverificatie; bestanden privé "
    "opgeslagen en alleen via gecontroleerde views; versleutelde verbinding."
)
PERSOON = (
    "BSN, V-nummer, naam, geboortedatum, geslacht, land van herkomst, nationaliteit, "
    "moedertaal en tolkbehoefte, adres, telefoon, e-mail"
)
INBURGERAARS = (
    "Inburgeringsplichtigen (asielstatushouders, nareizigers, gezinsmigranten en overige "
    "migranten) en hun gezinsleden"
)

VERWERKINGEN = [
    {
        "naam": "Aanmelding en dossiervoering inburgering",
        "doel": "De regie op de inburgering voeren: één dossier per inburgeraar met "
        "aanmelding (COA-koppeling, BRP-vestiging, import), status, termijnen, taken, "
        "contactmomenten, documenten en het gezin.",
        "grondslag": "e",
        "wettelijke_basis": "Wi art. 3–5 (inburgeringsplicht, vastgesteld door DUO); Wi art. "
        "11 (inburgeringstermijn); Wi art. 13 (doelgroep en taak van het college).",
        "bijzondere_gegevens": "BSN: gebruik op grond van de Wet algemene bepalingen BSN "
        "(wettelijke taak).",
        "categorieen_betrokkenen": INBURGERAARS,
        "categorieen_gegevens": PERSOON
        + "; verblijfs- en vestigingsdata; doelgroep; contactverslagen; documenten; "
        "gezinsleden (naam, geboortedatum, school, VVE).",
        "ontvangers": "DUO (gegevens over plicht en termijn, via de DUO-koppeling); "
        "ketenpartners alleen na vastgelegde toestemming en alleen de gedeelde onderdelen.",
        "bewaarsoort": "dossier",
        "toegangslog_doelen": [""],
        "toegangslog_onderdelen": ["dossier.", "werkvoorraad.", "contactmomenten", "kosten"],
        "volgorde": 10,
    },
    {
        "naam": "Brede intake, inclusief gezondheid",
        "doel": "De brede intake afnemen (leerbaarheid, opleiding, werk, persoonlijke "
        "omstandigheden inclusief gezondheid) en een leerroute adviseren.",
        "grondslag": "e",
        "wettelijke_basis": "Wi art. 14 (brede intake); Wi art. 15 (de PIP rust op de "
        "intake).",
        "bijzondere_gegevens": "Gezondheid (AVG art. 9): alleen voor zover nodig voor de "
        "brede intake en de PIP (AVG art. 9 lid 2 sub g, met de wettelijke taak van Wi art. "
        "14); zichtbaar alleen voor de toegewezen werkcoach/consulent, elke inzage met doel.",
        "categorieen_betrokkenen": INBURGERAARS,
        "categorieen_gegevens": "Opleiding en diploma's, werkervaring, talen, motivatie, "
        "gezinssituatie, huisvesting, financiën (signaal), sociaal netwerk, "
        "participatieladder, gezondheid (lichamelijk, psychisch, gevolgen).",
        "ontvangers": "Geen buiten de gemeente; de uitslag van de leerbaarheidstoets komt van "
        "DUO.",
        "bewaarsoort": "dossier",
        "toegangslog_doelen": [
            "",
            "Brede intake afnemen of aanvullen",
            "PIP opstellen of wijzigen",
            "Voortgangsgesprek voorbereiden",
            "Ontheffing of medisch advies beoordelen",
            "Afdruk voor het dossier",
        ],
        "toegangslog_onderdelen": ["intake."],
        "volgorde": 20,
    },
    {
        "naam": "PIP-beschikking, voortgang en handhaving",
        "doel": "Het Persoonlijk Plan Inburgering en Participatie vaststellen als "
        "beschikking, wijzigen, voortgangsgesprekken voeren en zo nodig handhaven.",
        "grondslag": "e",
        "wettelijke_basis": "Wi art. 15 (PIP); Bi art. 5.3 (termijn vaststelling PIP); Wi "
        "art. 11 (termijn start na de eerste PIP); Wi art. 17 en Bi art. 5.5 (afschalen); "
        "Wi: bestuurlijke boete van het college (met Awb titel 5.4).",
        "bijzondere_gegevens": "Kan gezondheid raken (ontheffing, belastbaarheid): zie brede "
        "intake.",
        "categorieen_betrokkenen": INBURGERAARS,
        "categorieen_gegevens": "Leerroute en niveau, afspraken PVT/MAP/ontzorgen/"
        "Participatiewet, doelen per levensdomein, gespreksverslagen, handhavingsbesluiten, "
        "brieven (PDF).",
        "ontvangers": "De inburgeraar (beschikking); DUO (PIP-gegevens via de "
        "DUO-koppeling); ketenpartners alleen doelen die op toestemming gedeeld zijn.",
        "bewaarsoort": "pip",
        "bewaartermijn_toelichting": "Concepten en gesprekken volgen de termijn van het "
        "dossier; vastgestelde versies en brieven hun eigen termijn.",
        "toegangslog_doelen": [""],
        "toegangslog_onderdelen": ["pip.", "pip_doelen"],
        "volgorde": 30,
    },
    {
        "naam": "Leerroute, uren, examens, PVT en MAP",
        "doel": "De leerroute inkopen en volgen: aanmelding bij de taalaanbieder, gevolgde "
        "uren, examens, Participatieverklaringstraject en Module Arbeidsmarkt en "
        "Participatie.",
        "grondslag": "e",
        "wettelijke_basis": "Wi art. 7–9 (leerroutes, PVT, MAP); Bi art. 3.1 (PVT); Bi art. "
        "3.14 (Z-route uren).",
        "categorieen_betrokkenen": INBURGERAARS,
        "categorieen_gegevens": "Leerroute, niveau, aanbieder, uren per periode, "
        "examenresultaten, MAP- en PVT-data.",
        "ontvangers": "Taalaanbieders (aanmelding, uren); DUO (aanbod, uren, MAP- en "
        "PVT-data via de DUO-koppeling).",
        "bewaarsoort": "dossier",
        "toegangslog_doelen": [""],
        "toegangslog_onderdelen": ["leerroutes."],
        "volgorde": 40,
    },
    {
        "naam": "Financieel ontzorgen",
        "doel": "De eerste zes maanden bijstand huur, energie/water en zorgverzekering "
        "rechtstreeks betalen (en afbouwen), met inhouding op de bijstand.",
        "grondslag": "c",
        "wettelijke_basis": "Pw art. 56a (ontzorgen asielstatushouders in de bijstand).",
        "categorieen_betrokkenen": "Asielstatushouders met bijstand; ontvangers van "
        "betalingen (verhuurder, energiebedrijf, zorgverzekeraar).",
        "categorieen_gegevens": "Vaste lasten, bedragen, IBAN en naam van de ontvanger, "
        "betalingskenmerk, betalingen en hun status, machtiging.",
        "ontvangers": "De bank (SEPA-betaalbestand); de uitkeringsadministratie "
        "(inhoudingsopdracht); een budgetbeheerder als die het uitvoert.",
        "bewaarsoort": "dossier",
        "bewaartermijn_toelichting": "Het SEPA-bestand wordt met het dossier geleegd; de "
        "financiële administratie van de bijstand zelf valt buiten dit product.",
        "toegangslog_doelen": [
            "",
            "SEPA-betaalbestand naar de bank",
            "inhoudingsopdracht naar de uitkeringsadministratie",
            "inhoudingsopdracht voor het dossier",
        ],
        "toegangslog_onderdelen": ["ontzorgen."],
        "volgorde": 50,
    },
    {
        "naam": "Maatschappelijke begeleiding, verwijzingen, ketenpartners en vrijwilligers",
        "doel": "Maatschappelijke begeleiding bieden, verwijzen naar ketenpartners, "
        "dossieronderdelen met een ketenpartner delen en vrijwilligers koppelen.",
        "grondslag": "e",
        "wettelijke_basis": "Wi art. 13 (maatschappelijke begeleiding voor "
        "asielstatushouders); delen met een ketenpartner alleen op toestemming (AVG art. 6 "
        "lid 1 sub a), vastgelegd per deling.",
        "categorieen_betrokkenen": INBURGERAARS + "; vrijwilligers; medewerkers van "
        "ketenpartners.",
        "categorieen_gegevens": "Begeleidingstraject, onderwerpen, verwijzingen en "
        "terugkoppeling, delingen met toestemming, signalen van vrijwilligers.",
        "ontvangers": "Ketenpartners (bijv. VluchtelingenWerk) voor de gedeelde onderdelen; "
        "vrijwilligers alleen wat voor de koppeling nodig is.",
        "bewaarsoort": "dossier",
        "toegangslog_doelen": ["", "gedeeld met ketenpartner op toestemming"],
        "toegangslog_onderdelen": [
            "begeleiding.",
            "begeleiding",
            "verwijzing",
            "partner.",
            "partners.",
            "vrijwilligers",
            "participatie.",
            "startchecklist",
        ],
        "volgorde": 60,
    },
    {
        "naam": "Beleidsinformatie en monitoring",
        "doel": "Indicatoren per gemeente, route en cohort voor raad en Rijk; alleen "
        "geaggregeerd, aantallen onder 5 onderdrukt.",
        "grondslag": "e",
        "wettelijke_basis": "Wi 2021 (regie van het college; verantwoording aan de raad).",
        "categorieen_betrokkenen": INBURGERAARS + " (alleen als aantallen).",
        "categorieen_gegevens": "Geen persoonsgegevens in de uitkomst: tellingen en "
        "percentages.",
        "ontvangers": "Gemeenteraad, Rijk (alleen aantallen).",
        "bewaartermijn_toelichting": "Aggregaten bevatten geen persoonsgegevens en blijven; "
        "ze overleven de anonimisering.",
        "toegangslog_doelen": [],
        "toegangslog_onderdelen": [],
        "volgorde": 70,
    },
    {
        "naam": "Toegangslog, beveiliging en noodtoegang",
        "doel": "Vastleggen wie welk dossier wanneer en waarom inzag of wijzigde; "
        "beveiligingsgebeurtenissen; noodtoegang van de beheerder.",
        "grondslag": "c",
        "wettelijke_basis": "AVG art. 5 lid 2 en art. 32 (verantwoording en beveiliging); "
        "BIO (Baseline Informatiebeveiliging Overheid).",
        "categorieen_betrokkenen": "Medewerkers van de gemeente en ketenpartners.",
        "categorieen_gegevens": "Gebruikers-id, dossier-id, moment, handeling, onderdeel, "
        "doel (vaste teksten). Geen namen of BSN.",
        "ontvangers": "Geen; de privacy officer bij een inzageverzoek.",
        "bewaartermijn_toelichting": "Blijft bewaard met alleen id's; de hashketen mag niet "
        "breken.",
        "toegangslog_doelen": ["noodtoegang beheer (superuser)"],
        "toegangslog_onderdelen": ["beheer.", "team."],
        "volgorde": 80,
    },
    {
        "naam": "Bewaren, anonimiseren en vernietigen",
        "doel": "Dossiers na de bewaartermijn anonimiseren; onbevestigde importbestanden na "
        "24 uur verwijderen.",
        "grondslag": "c",
        "wettelijke_basis": "Archiefwet 1995 met de Selectielijst gemeenten 2020 (resultaat "
        "8.1); AVG art. 5 lid 1 sub e en art. 17; Wi 2021 (bewaartermijn 5 jaar).",
        "categorieen_betrokkenen": INBURGERAARS,
        "categorieen_gegevens": "Alle gegevens van het dossier (worden verwijderd); "
        "dossier-id's in het verslag.",
        "ontvangers": "Geen.",
        "bewaarsoort": "dossier",
        "toegangslog_doelen": ["bewaartermijn verstreken (AVG art. 5 lid 1 sub e; Archiefwet)"],
        "toegangslog_onderdelen": ["privacy.anonimiseren."],
        "volgorde": 90,
    },
]


def vullen(apps, schema_editor):
    Verwerking = apps.get_model("privacy", "Verwerking")
    for v in VERWERKINGEN:
        waarden = {
            "beveiliging": BEVEILIGING,
            "doorgifte_buiten_eer": "Geen",
            "bijzondere_gegevens": "",
            "bewaarsoort": "",
            "bewaartermijn_toelichting": "",
            **v,
        }
        naam = waarden.pop("naam")
        Verwerking.objects.update_or_create(naam=naam, defaults=waarden)


def legen(apps, schema_editor):
    Verwerking = apps.get_model("privacy", "Verwerking")
    Verwerking.objects.filter(naam__in=[v["naam"] for v in VERWERKINGEN]).delete()


class Migration(migrations.Migration):
    dependencies = [("privacy", "0003_pip_anonimiseren")]

    operations = [migrations.RunPython(vullen, legen)]
