"""How DUO's values translate into ours. Pure functions, no ORM, no I/O. Sources:
DUO's OpenAPI files (../shared/duo-m2m/API) and Gebeurtenissen.md."""

from __future__ import annotations

from casefiles.choices import Doelgroep, Leerroute, PlichtEindeReden
from intake.choices import LbtUitslag
from leerroutes.choices import ExamenOnderdeel, ExamenResultaat

GEBEURTENISSEN: dict[str, str] = {
    "SS101": "Persoon is inburgeringsplichtig",
    "SS128": "Persoon is inburgeringsplichtig, bereikt AOW-leeftijd binnen 6 maanden",
    "SS139": "Persoon is inburgeringsplichtig, termijn van 10 weken voor de leerroute gestart",
    "SS129": "Tijdelijke vrijstelling ingetrokken, nog geen leerroute bekend",
    "SS120": "Inburgeringsplichtige in gemeente gevestigd zonder PIP",
    "SS121": "Inburgeringsplichtige in gemeente gevestigd met PIP vorige gemeente",
    "SS124": "Doelgroep van asielstatushouder naar gezinsmigrant en overige migrant gewijzigd",
    "SS125": "Doelgroep van gezinsmigrant en overige migrant naar asielstatushouder gewijzigd",
    "SS109": "Tijdelijke vrijstelling toegekend",
    "SS110": "Inburgeringsplicht ingetrokken",
    "SS111": "Persoon is overleden",
    "SS106": "Diploma behaald",
    "SS107": "Gehele vrijstelling toegekend",
    "SS108": "Gehele ontheffing toegekend",
    "SS137": "Persoon is aangemeld voor de leerbaarheidstoets",
    "SS131": "Leerbaarheidstoets is afgenomen en resultaat is bekend",
    "SS102": "Inburgeringstermijn gestart",
    "SS199": "Uitslag examen bekend",
    "SS103": "Termijn ambtshalve verlengd",
    "SS104": "Termijn op verzoek verlengd",
    "SS130": "Tijdelijke vrijstelling ingetrokken, PIP al bekend",
    "SS113": "Verzoek verlenging afgewezen",
    "SS114": "Verzoek gehele vrijstelling afgewezen",
    "SS115": "Verzoek tijdelijke vrijstelling afgewezen",
    "SS116": "Verzoek gedeeltelijke vrijstelling afgewezen",
    "SS117": "Verzoek gedeeltelijke vrijstelling toegekend",
    "SS118": "Verzoek ontheffing afgewezen",
    "SS119": "Verzoek gedeeltelijke ontheffing toegekend",
}
"""DUO's events and their description. Source: Gebeurtenissen/Gebeurtenissen.md."""

PIP_KLOK = frozenset({"SS101", "SS128", "SS139", "SS129", "SS120"})
"""Events whose date starts the 10-week PIP clock (Bi art. 5.3: 10 weeks after DUO's
notice; the clock counts from the later of that notice and the vestiging, see
intake.rules.pip_klok_start). SS139 may come again when the person leaves the COA:
the later notice then counts."""

TERMIJN = frozenset({"SS102", "SS103", "SS104", "SS130"})
PLICHT_EINDE = frozenset({"SS106", "SS107", "SS108", "SS109", "SS110", "SS111"})
ALLEEN_TIJDLIJN = frozenset(
    {"SS137", "SS113", "SS114", "SS115", "SS116", "SS117", "SS118", "SS119"}
)
"""Events we show in the timeline without changing the dossier: requests DUO
decided (SS113–SS119) and the LBT registration (SS137)."""


def doelgroep(indeling: str | None, gedetailleerd: str | None) -> str | None:
    """Our doelgroep from DUO's ``Doelgroepindeling`` and ``GedetailleerdeDoelgroep``:
    Asielstatushouder → asielstatushouder; "Gezinsmigrant en overige migrant" →
    gezinsmigrant for a gezinshereniger/-vormer, otherwise overige migrant. None
    when DUO gives no indeling. Source: DUO Inburgeringsplicht API (Doelgroep)."""
    if indeling == "Asielstatushouder":
        return Doelgroep.ASIELSTATUSHOUDER
    if indeling == "Gezinsmigrant en overige migrant":
        if gedetailleerd and gedetailleerd.startswith(("Gezinshereniger", "Gezinsvormer")):
            return Doelgroep.GEZINSMIGRANT
        return Doelgroep.OVERIGE_MIGRANT
    return None


REDEN_GEEN_PLICHT: dict[str, str] = {
    "Volledige ontheffing": PlichtEindeReden.ONTHEFFING,
    "Volledige vrijstelling": PlichtEindeReden.VRIJSTELLING,
    "Inburgeringsplicht voldaan": PlichtEindeReden.VOLDAAN,
    "Verblijfsdoel gewijzigd": PlichtEindeReden.VERBLIJFSDOEL,
    "Vertrek uit Nederland langer dan een jaar": PlichtEindeReden.VERTREK,
    "Overlijden": PlichtEindeReden.OVERLIJDEN,
    "Overig": PlichtEindeReden.OVERIG,
    "Tijdelijke vrijstelling": PlichtEindeReden.TIJDELIJKE_VRIJSTELLING,
}
"""DUO ``RedenGeenInburgeringsplicht`` → our reason (casefiles PlichtEindeReden)."""

REDEN_PER_GEBEURTENIS: dict[str, str] = {
    "SS106": PlichtEindeReden.VOLDAAN,
    "SS107": PlichtEindeReden.VRIJSTELLING,
    "SS108": PlichtEindeReden.ONTHEFFING,
    "SS109": PlichtEindeReden.TIJDELIJKE_VRIJSTELLING,
    "SS111": PlichtEindeReden.OVERLIJDEN,
    "SS110": PlichtEindeReden.OVERIG,
}
"""The reason when DUO's plicht gives none (Gebeurtenissen.md)."""


def plicht_einde_reden(gebeurtenis: str, reden_geen: str | None) -> str:
    if reden_geen:
        return REDEN_GEEN_PLICHT[reden_geen]
    return REDEN_PER_GEBEURTENIS.get(gebeurtenis, PlichtEindeReden.OVERIG)


LBT_UITSLAG: dict[str, str] = {
    "B1-route haalbaar": LbtUitslag.HAALBAAR,
    "B1-route niet haalbaar": LbtUitslag.NIET_HAALBAAR,
    "Onbekend": LbtUitslag.ONBEKEND,
}
"""DUO ``LeerbaarheidstoetsResultaat`` → intake LbtUitslag."""

EXAMEN_ONDERDEEL: dict[str, str] = {
    "LE": ExamenOnderdeel.LEZEN,
    "LU": ExamenOnderdeel.LUISTEREN,
    "SC": ExamenOnderdeel.SCHRIJVEN,
    "SP": ExamenOnderdeel.SPREKEN,
    "KNM": ExamenOnderdeel.KNM,
}
EXAMEN_RESULTAAT: dict[str, str] = {
    "Geslaagd": ExamenResultaat.BEHAALD,
    "Gezakt": ExamenResultaat.NIET_BEHAALD,
}
"""DUO ``ExamenresultaatWI2021``; "Geen" (absent, afgemeld, …) is no result and is
not recorded as an attempt with an outcome."""

LEERROUTE: dict[str, str] = {"B": Leerroute.B1, "O": Leerroute.ONDERWIJS, "Z": Leerroute.Z}
"""DUO PIP ``Leerroute`` (B, O, Z) → ours."""
