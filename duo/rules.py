"""DUO's business rules for what a gemeente sends (DUO M2M README, "Het aanleveren van
een PIP", "Het verwijderen van een PIP", "Inburgeringsaanbod", MAP, PVT), as pure
functions over plain values. No ORM, no I/O.

Each function returns every :class:`Overtreding` at once (empty: DUO will accept the
message as far as its published rules go). The messages are the Dutch texts shown to
the werkcoach at the moment of the decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

DUO_PIP = "DUO M2M README, Het aanleveren van een PIP"
DUO_PIP_VERWIJDEREN = "DUO M2M README, Het verwijderen van een PIP"
DUO_AANBOD = "DUO M2M README, Inburgeringsaanbod"

LEERROUTE_CODE: dict[str, str] = {"b1": "B", "onderwijs": "O", "z": "Z"}
"""Our leerroute values → DUO's ``Leerroute`` enum (PIP API: B, O, Z)."""

INTENSITEIT_MIN = 1
INTENSITEIT_MAX = 9999
"""``geschatteIntensiteitB1Route``: minimum 1, maximum 9999 (PIP API schema)."""


@dataclass(frozen=True)
class Overtreding:
    """One of DUO's rules that a message breaks: a code for tests, the Dutch message
    for the werkcoach, and the rule's source."""

    code: str
    bericht: str
    regel: str


def _d(x: date) -> str:
    maanden = (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    )
    return f"{x.day} {maanden[x.month - 1]} {x.year}"


def leerroute_code(leerroute: str) -> str:
    """DUO's code for our leerroute ('' when unknown)."""
    return LEERROUTE_CODE.get(leerroute, "")


def niveau_na_duo(leerroute: str, niveau: str) -> str:
    """The niveau DUO registers: 'Als het Niveau niet wordt aangeleverd in het
    verzoekbericht dan wordt Niveau B1 vastgesteld als er sprake is van de B1-route of
    onderwijsroute' (DUO_PIP, Niveau)."""
    if niveau:
        return niveau
    return "B1" if leerroute_code(leerroute) in ("B", "O") else ""


def pip_aanleveren(
    *,
    dagtekening: date,
    leerroute: str,
    niveau: str,
    geschatte_intensiteit: int | None,
    is_asiel: bool,
    start_plicht: date | None,
    vestiging: date | None,
    dagtekening_initieel: date | None,
    dagtekening_actueel: date | None,
    eerste_pip_persoon: bool,
) -> list[Overtreding]:
    """DUO registers a PIP only when (DUO_PIP):

    Datum dagtekening
    - not before the start of the inburgeringsplicht;
    - for a changed PIP: not before the dagtekening of the initial PIP, nor before the
      dagtekening of the current PIP;
    - not before the vestiging of the inburgeraar in the gemeente.

    Niveau
    - A2 not with the onderwijsroute; B1 not with the Z-route;
    - A2 not with the B1-route when this is the first PIP for the person in any
      gemeente (checked on the niveau DUO would register, B1 when empty).

    Geschatte intensiteit B1-route
    - only with the B1-route and for asielmigranten (and between 1 and 9999)."""
    o: list[Overtreding] = []
    route = leerroute_code(leerroute)
    if not route:
        o.append(Overtreding("leerroute", "Een PIP voor DUO heeft een leerroute.", DUO_PIP))
    if start_plicht and dagtekening < start_plicht:
        o.append(
            Overtreding(
                "voor_start_plicht",
                f"DUO weigert deze PIP: de dagtekening ligt voor de start van de "
                f"inburgeringsplicht ({_d(start_plicht)}).",
                DUO_PIP,
            )
        )
    for code, label, vorige in (
        ("voor_initiele_pip", "de eerste PIP", dagtekening_initieel),
        ("voor_actuele_pip", "de huidige PIP", dagtekening_actueel),
    ):
        if vorige and dagtekening < vorige:
            o.append(
                Overtreding(
                    code,
                    f"DUO weigert deze PIP: de dagtekening ligt voor de dagtekening van "
                    f"{label} ({_d(vorige)}).",
                    DUO_PIP,
                )
            )
    if vestiging and dagtekening < vestiging:
        o.append(
            Overtreding(
                "voor_vestiging",
                f"DUO weigert deze PIP: de dagtekening ligt voor de vestiging in de gemeente "
                f"({_d(vestiging)}).",
                DUO_PIP,
            )
        )
    registered = niveau_na_duo(leerroute, niveau)
    if route == "O" and registered == "A2":
        o.append(
            Overtreding(
                "a2_onderwijs",
                "DUO weigert deze PIP: niveau A2 kan niet samen met de onderwijsroute.",
                DUO_PIP,
            )
        )
    if route == "Z" and registered == "B1":
        o.append(
            Overtreding(
                "b1_z", "DUO weigert deze PIP: niveau B1 kan niet samen met de Z-route.", DUO_PIP
            )
        )
    if route == "B" and registered == "A2" and eerste_pip_persoon:
        o.append(
            Overtreding(
                "a2_eerste_b1",
                "DUO weigert deze PIP: in de eerste PIP van een persoon (in welke gemeente "
                "ook) kan niveau A2 niet samen met de B1-route.",
                DUO_PIP,
            )
        )
    if geschatte_intensiteit is not None:
        if route != "B" or not is_asiel:
            o.append(
                Overtreding(
                    "intensiteit",
                    "DUO weigert deze PIP: de geschatte intensiteit van de B1-route mag alleen "
                    "worden doorgegeven bij de B1-route van een asielstatushouder.",
                    DUO_PIP,
                )
            )
        elif not INTENSITEIT_MIN <= geschatte_intensiteit <= INTENSITEIT_MAX:
            o.append(
                Overtreding(
                    "intensiteit_bereik",
                    "DUO weigert deze PIP: de geschatte intensiteit ligt tussen 1 en 9999 uur.",
                    DUO_PIP,
                )
            )
    return o


def pip_verwijderen(
    *, termijn_vastgesteld: bool, cursusuren_geregistreerd: bool
) -> list[Overtreding]:
    """DUO deletes a PIP only when (DUO_PIP_VERWIJDEREN): the inburgeringstermijn has
    not been set yet, and no course hours related to the current inburgeringsaanbod
    have been registered."""
    o: list[Overtreding] = []
    if termijn_vastgesteld:
        o.append(
            Overtreding(
                "termijn_vastgesteld",
                "DUO verwijdert deze PIP niet: de inburgeringstermijn is al vastgesteld.",
                DUO_PIP_VERWIJDEREN,
            )
        )
    if cursusuren_geregistreerd:
        o.append(
            Overtreding(
                "cursusuren",
                "DUO verwijdert deze PIP niet: er zijn al cursusuren geregistreerd.",
                DUO_PIP_VERWIJDEREN,
            )
        )
    return o


def inburgeringsaanbod(
    *,
    is_asiel: bool,
    heeft_pip: bool,
    instellingsnummer: str,
    dagtekening_pip: date | None,
    datum_aanbod: date | None,
    verwachte_start: date | None,
    verwachte_eind: date | None,
    aanvang_taalschakeltraject: date | None,
    einde_cursus: date | None,
    termijn_start: date | None,
    termijn_eind: date | None,
) -> list[Overtreding]:
    """DUO registers an inburgeringsaanbod only when (DUO_AANBOD): it is for an
    asielmigrant; the person has a PIP; the instelling is known to DUO (we check that
    an instellingsnummer of 10 characters is present; DUO checks the keurmerk);
    none of its dates lies before the dagtekening of the current PIP; the
    'datumAanvangTaalschakeltraject' does not lie before the 'datumEindeCursus' or the
    'datumInburgeringsaanbod'; those two dates do not lie outside the termijn."""
    o: list[Overtreding] = []
    if not is_asiel:
        o.append(
            Overtreding(
                "niet_asiel",
                "Een inburgeringsaanbod gaat alleen naar DUO voor asielstatushouders.",
                DUO_AANBOD,
            )
        )
    if not heeft_pip:
        o.append(
            Overtreding(
                "geen_pip", "DUO registreert een inburgeringsaanbod pas na een PIP.", DUO_AANBOD
            )
        )
    if len(instellingsnummer or "") != 10:  # noqa: PLR2004 (schema: length 10)
        o.append(
            Overtreding(
                "instelling",
                "De aanbieder heeft geen instellingsnummer van DUO (10 tekens).",
                DUO_AANBOD,
            )
        )
    if dagtekening_pip:
        for veld, x in (
            ("datum inburgeringsaanbod", datum_aanbod),
            ("verwachte startdatum", verwachte_start),
            ("verwachte einddatum", verwachte_eind),
        ):
            if x and x < dagtekening_pip:
                o.append(
                    Overtreding(
                        "voor_pip",
                        f"De {veld} ligt voor de dagtekening van de huidige PIP "
                        f"({_d(dagtekening_pip)}).",
                        DUO_AANBOD,
                    )
                )
    if aanvang_taalschakeltraject:
        for veld, x in (("einde cursus", einde_cursus), ("datum inburgeringsaanbod", datum_aanbod)):
            if x and aanvang_taalschakeltraject < x:
                o.append(
                    Overtreding(
                        "taalschakel_te_vroeg",
                        f"De aanvang van het taalschakeltraject ligt voor de {veld}.",
                        DUO_AANBOD,
                    )
                )
    for veld, x in (
        ("aanvang van het taalschakeltraject", aanvang_taalschakeltraject),
        ("einde cursus", einde_cursus),
    ):
        if x and ((termijn_start and x < termijn_start) or (termijn_eind and x > termijn_eind)):
            o.append(
                Overtreding(
                    "buiten_termijn",
                    f"Het {veld} ligt buiten de inburgeringstermijn."
                    if veld == "einde cursus"
                    else f"De {veld} ligt buiten de inburgeringstermijn.",
                    DUO_AANBOD,
                )
            )
    return o
