"""DUO's business rules, as the fake DUO enforces them.

Every rule comes from DUO's README (``shared/duo-m2m/README.md``, cited by line) or,
where marked, from a description in the OpenAPI file. A rule is a predicate over
(person, requesting gemeente, request body, today) that says the request VIOLATES it,
plus the Dutch ``fouttekst`` DUO answers with (HTTP 403 with ``[{"fouttekst": ...}]``,
as the spec's 403 responses carry; since Inburgeringsaanbod 1.1.0 "Foutmeldingen worden
nu alleen teruggeven als een HTTP403").

Interpretations where DUO's text is ambiguous are written next to the rule and in
docs/duo-fake.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta

from .store import Person, as_date

SCOPE_SOURCE = "README.md:18-27"


@dataclass(frozen=True)
class Ctx:
    """What a rule sees."""

    person: Person
    gemeentecode: str  # of the requesting gemeente (from its bron-OIN)
    body: dict[str, Any]
    today: date
    instellingen: dict[str, dict[str, Any]]
    instellingsnummer: str | None = None
    # the person ever had a PIP delivered (any gemeente, deleted ones included)
    eerste_pip: bool = False


@dataclass(frozen=True)
class Rule:
    id: str
    operation: str  # "POST /personen/{bsn}/PIP" etc.
    source: str  # README.md:<line> or the spec file
    fouttekst: str
    violated: Callable[[Ctx], bool]

    def check(self, ctx: Ctx) -> str | None:
        return self.fouttekst if self.violated(ctx) else None


def _d(ctx: Ctx, name: str) -> date | None:
    return as_date(ctx.body.get(name))


# --- PIP ------------------------------------------------

PIP_POST = "POST /personen/{bsn}/PIP"
PIP_DELETE = "DELETE /personen/{bsn}/PIP"


def _pip_before_plicht(ctx: Ctx) -> bool:
    start = ctx.person.plicht_start
    dag = _d(ctx, "dagtekeningPip")
    return bool(start and dag and dag < start)


def _pip_before_earlier_pip(ctx: Ctx) -> bool:
    dag = _d(ctx, "dagtekeningPip")
    if not dag:
        return False
    earlier = [p for p in (ctx.person.initiele_pip, ctx.person.actuele_pip) if p]
    return any(dag < p.dagtekening for p in earlier)


def _pip_before_vestiging(ctx: Ctx) -> bool:
    # The vestiging "bij de gemeente": only known for the gemeente the person lives in
    # (or is coupled to by COA).
    if ctx.person.verantwoordelijke_gemeente != ctx.gemeentecode:
        return False
    vestiging = ctx.person.vestigingsdatum
    dag = _d(ctx, "dagtekeningPip")
    return bool(vestiging and dag and dag < vestiging)


def _route_niveau(route: str, niveau: str) -> Callable[[Ctx], bool]:
    return lambda ctx: ctx.body.get("leerroute") == route and ctx.body.get("niveau") == niveau


def _a2_b1route_first_pip(ctx: Ctx) -> bool:
    return ctx.eerste_pip and ctx.body.get("leerroute") == "B" and ctx.body.get("niveau") == "A2"


def _intensiteit_not_allowed(ctx: Ctx) -> bool:
    if ctx.body.get("geschatteIntensiteitB1Route") is None:
        return False
    return ctx.body.get("leerroute") != "B" or not ctx.person.is_asiel


def _delete_termijn_vastgesteld(ctx: Ctx) -> bool:
    return ctx.person.termijn_vastgesteld


def _delete_cursusuren(ctx: Ctx) -> bool:
    return bool(ctx.person.aanbod) and ctx.person.cursusdeelnameuren > 0


def _delete_not_own(ctx: Ctx) -> bool:
    pip = ctx.person.actuele_pip
    return pip is not None and pip.gemeentecode != ctx.gemeentecode


# --- Inburgeringsaanbod ------------------------------------------------

AANBOD_POST = "POST /personen/{bsn}/Inburgeringsaanbod/{instellingsnummer}"

AANBOD_DATES = (
    "datumInburgeringsaanbod",
    "verwachteStartdatumOpleiding",
    "verwachteEinddatumOpleiding",
)


def _aanbod_no_pip(ctx: Ctx) -> bool:
    return ctx.person.actuele_pip is None


def _aanbod_instelling_unknown(ctx: Ctx) -> bool:
    inst = ctx.instellingen.get(ctx.instellingsnummer or "")
    if inst is None:
        return True
    pip = ctx.person.actuele_pip
    if pip is not None and pip.leerroute == "O":
        return not (inst.get("indicatieTstKeurmerk") or inst.get("indicatieBowKeurmerk"))
    return not inst.get("indicatieBowKeurmerk")


def _aanbod_before_pip(ctx: Ctx) -> bool:
    pip = ctx.person.actuele_pip
    if pip is None:
        return False
    return any((d := _d(ctx, name)) is not None and d < pip.dagtekening for name in AANBOD_DATES)


def _aanbod_start_order(ctx: Ctx) -> bool:
    # README names 'datumAanvangTaalschakeltraject' and 'datumEindeCursus', fields the
    # OpenAPI file does not have; they are read as verwachteStartdatumOpleiding and
    # verwachteEinddatumOpleiding. "Aanvang ligt niet voor einde" read literally would
    # forbid every course that ends after it starts, so the rule is taken as its
    # evident intent: the course does not start before the aanbod, nor end before it starts.
    start = _d(ctx, "verwachteStartdatumOpleiding")
    einde = _d(ctx, "verwachteEinddatumOpleiding")
    aanbod = _d(ctx, "datumInburgeringsaanbod")
    return bool((start and aanbod and start < aanbod) or (start and einde and einde < start))


def _aanbod_outside_termijn(ctx: Ctx) -> bool:
    p = ctx.person
    if not p.termijn_vastgesteld:
        return False
    for name in ("verwachteStartdatumOpleiding", "verwachteEinddatumOpleiding"):
        d = _d(ctx, name)
        if d is None:
            continue
        if (p.termijn_start and d < p.termijn_start) or (p.termijn_eind and d > p.termijn_eind):
            return True
    return False


# --- MAP and PVT (same rules, own field) -------------------------------------------------


def _resultaat(ctx: Ctx, kind: str):
    return ctx.person.map if kind == "map" else ctx.person.pvt


def _field(kind: str) -> str:
    return "datumEindgesprekMap" if kind == "map" else "datumOndertekeningPvt"


def _mp_wijziging_not_own(kind: str) -> Callable[[Ctx], bool]:
    def check(ctx: Ctx) -> bool:
        current = _resultaat(ctx, kind)
        return current is not None and current.gemeentecode != ctx.gemeentecode

    return check


def _mp_no_own_pip(ctx: Ctx) -> bool:
    pip = ctx.person.actuele_pip
    return pip is None or pip.gemeentecode != ctx.gemeentecode


def _mp_zroute_voldaan(ctx: Ctx) -> bool:
    pip = ctx.person.actuele_pip
    return (
        ctx.person.reden_geen_plicht == "Inburgeringsplicht voldaan"
        and pip is not None
        and pip.leerroute == "Z"
    )


def _mp_before_termijn(kind: str) -> Callable[[Ctx], bool]:
    def check(ctx: Ctx) -> bool:
        d = _d(ctx, _field(kind))
        start = ctx.person.termijn_start
        return bool(d and start and d < start)

    return check


def _mp_after_zroute(kind: str) -> Callable[[Ctx], bool]:
    def check(ctx: Ctx) -> bool:
        d = _d(ctx, _field(kind))
        z = ctx.person.zroute_afgerond
        return bool(d and z and d > z)

    return check


def _mp_future(kind: str) -> Callable[[Ctx], bool]:
    def check(ctx: Ctx) -> bool:
        d = _d(ctx, _field(kind))
        return bool(d and d > ctx.today)

    return check


def _mp_intrekken_zroute(kind: str) -> Callable[[Ctx], bool]:
    def check(ctx: Ctx) -> bool:
        return _d(ctx, _field(kind)) is None and ctx.person.zroute_afgerond is not None

    return check


def _mp_no_verwijtbaar_overschreden(ctx: Ctx) -> bool:
    return ctx.body.get("verwijtbaar") is None and ctx.person.termijn_overschreden(ctx.today)


def _mp_verwijtbaar_before_einde(kind: str) -> Callable[[Ctx], bool]:
    def check(ctx: Ctx) -> bool:
        d = _d(ctx, _field(kind))
        eind = ctx.person.termijn_eind
        return bool(ctx.body.get("verwijtbaar") is not None and d and eind and d < eind)

    return check


def _mp_nee_not_within_two_months(ctx: Ctx) -> bool:
    # "binnen twee maanden valt": the termijn ends no later than two months from today
    # (an end already passed counts as within).
    if ctx.body.get("verwijtbaar") != "Nee":
        return False
    eind = ctx.person.termijn_eind
    return eind is None or eind > ctx.today + relativedelta(months=2)


def _mp_ja_not_overschreden(ctx: Ctx) -> bool:
    return ctx.body.get("verwijtbaar") == "Ja" and not ctx.person.termijn_overschreden(ctx.today)


def _mp_rules(kind: str, line0: int) -> list[Rule]:
    """The eleven MAP (README.md:106-116) or PVT (README.md:122-132) rules."""
    op = f"PUT /personen/{{bsn}}/{kind}"
    label = "datum eindgesprek MAP" if kind == "map" else "datum ondertekening PVT"
    up = kind.upper()
    return [
        Rule(
            f"{up}-1",
            op,
            f"README.md:{line0}",
            f"Een wijziging van de {label} is alleen mogelijk als uw gemeente deze eerder "
            "heeft geleverd.",
            _mp_wijziging_not_own(kind),
        ),
        Rule(
            f"{up}-2",
            op,
            f"README.md:{line0 + 1}",
            "Uw gemeente heeft geen actuele PIP voor deze inburgeringsplichtige.",
            _mp_no_own_pip,
        ),
        Rule(
            f"{up}-3",
            op,
            f"README.md:{line0 + 2}",
            "De inburgeringsplicht is al voldaan via de Z-route.",
            _mp_zroute_voldaan,
        ),
        Rule(
            f"{up}-4",
            op,
            f"README.md:{line0 + 3}",
            f"De {label} ligt voor de startdatum van de inburgeringstermijn.",
            _mp_before_termijn(kind),
        ),
        Rule(
            f"{up}-5",
            op,
            f"README.md:{line0 + 4}",
            f"De {label} ligt na de datum afronding Z-route.",
            _mp_after_zroute(kind),
        ),
        Rule(
            f"{up}-6",
            op,
            f"README.md:{line0 + 5}",
            f"De {label} ligt in de toekomst.",
            _mp_future(kind),
        ),
        Rule(
            f"{up}-7",
            op,
            f"README.md:{line0 + 6}",
            f"De {label} kan niet worden ingetrokken: de datum afronding Z-route is geregistreerd.",
            _mp_intrekken_zroute(kind),
        ),
        Rule(
            f"{up}-8",
            op,
            f"README.md:{line0 + 7}",
            "De inburgeringstermijn is overschreden: geef aan of dit verwijtbaar is (Ja/Nee).",
            _mp_no_verwijtbaar_overschreden,
        ),
        Rule(
            f"{up}-9",
            op,
            f"README.md:{line0 + 8}",
            f"Verwijtbaar mag niet worden geleverd: de {label} ligt voor de einddatum van "
            "de inburgeringstermijn.",
            _mp_verwijtbaar_before_einde(kind),
        ),
        Rule(
            f"{up}-10",
            op,
            f"README.md:{line0 + 9}",
            "Verwijtbaar 'Nee' mag alleen als de einddatum van de inburgeringstermijn "
            "binnen twee maanden valt.",
            _mp_nee_not_within_two_months,
        ),
        Rule(
            f"{up}-11",
            op,
            f"README.md:{line0 + 10}",
            "Verwijtbaar 'Ja' mag alleen bij een overschrijding van de inburgeringstermijn.",
            _mp_ja_not_overschreden,
        ),
    ]


# --- Gevolgde uren ------------------------------------------------


def _uren_participatie_not_asiel(ctx: Ctx) -> bool:
    return not ctx.person.is_asiel


# --- the catalogue ------------------------------------------------

RULES: list[Rule] = [
    Rule(
        "PIP-1",
        PIP_POST,
        "README.md:65",
        "De datum dagtekening ligt voor de start van de inburgeringsplicht.",
        _pip_before_plicht,
    ),
    Rule(
        "PIP-2",
        PIP_POST,
        "README.md:66",
        "De datum dagtekening ligt voor de dagtekening van het initiële of het actuele PIP.",
        _pip_before_earlier_pip,
    ),
    Rule(
        "PIP-3",
        PIP_POST,
        "README.md:67",
        "De datum dagtekening ligt voor de vestiging van de inburgeraar bij de gemeente.",
        _pip_before_vestiging,
    ),
    Rule(
        "PIP-4",
        PIP_POST,
        "README.md:70",
        "Niveau A2 mag niet in combinatie met de onderwijsroute.",
        _route_niveau("O", "A2"),
    ),
    Rule(
        "PIP-5",
        PIP_POST,
        "README.md:71",
        "Niveau B1 mag niet in combinatie met de Z-route.",
        _route_niveau("Z", "B1"),
    ),
    Rule(
        "PIP-6",
        PIP_POST,
        "README.md:72",
        "Niveau A2 mag niet in combinatie met de B1-route bij het eerste PIP van de persoon.",
        _a2_b1route_first_pip,
    ),
    Rule(
        "PIP-8",
        PIP_POST,
        "README.md:76",
        "Geschatte intensiteit B1-route mag alleen bij de B1-route en bij een asielmigrant.",
        _intensiteit_not_allowed,
    ),
    Rule(
        "PIP-9",
        PIP_DELETE,
        "README.md:80",
        "Het PIP kan niet worden verwijderd: de inburgeringstermijn is al vastgesteld.",
        _delete_termijn_vastgesteld,
    ),
    Rule(
        "PIP-10",
        PIP_DELETE,
        "README.md:81",
        "Het PIP kan niet worden verwijderd: er zijn al cursusdeelname-uren bij het "
        "actuele inburgeringsaanbod geregistreerd.",
        _delete_cursusuren,
    ),
    # Not in DUO's README: the fake's reading of "het actuele PIP verwijderen" (only the
    # gemeente whose PIP it is).
    Rule(
        "PIP-11",
        PIP_DELETE,
        "PIP/openapi.yml (DELETE: 'het actuele PIP')",
        "Het actuele PIP is niet door uw gemeente vastgesteld.",
        _delete_not_own,
    ),
    Rule(
        "AANBOD-1",
        AANBOD_POST,
        "README.md:95",
        "Een inburgeringsaanbod kan alleen voor een asielmigrant worden geregistreerd.",
        lambda ctx: not ctx.person.is_asiel,
    ),
    Rule("AANBOD-2", AANBOD_POST, "README.md:96", "De persoon heeft geen PIP.", _aanbod_no_pip),
    Rule(
        "AANBOD-3",
        AANBOD_POST,
        "README.md:97",
        "De opleidingsinstelling is bij DUO niet bekend als BoW-gekeurmerkte instelling "
        "(of, bij de onderwijsroute, als erkende taalschakelinstelling).",
        _aanbod_instelling_unknown,
    ),
    Rule(
        "AANBOD-4",
        AANBOD_POST,
        "README.md:98",
        "Een datum van het inburgeringsaanbod ligt voor de dagtekening van het actuele PIP.",
        _aanbod_before_pip,
    ),
    Rule(
        "AANBOD-5",
        AANBOD_POST,
        "README.md:99",
        "De startdatum van de opleiding ligt voor de datum inburgeringsaanbod of na de "
        "einddatum van de opleiding.",
        _aanbod_start_order,
    ),
    Rule(
        "AANBOD-6",
        AANBOD_POST,
        "README.md:100",
        "De start- of einddatum van de opleiding ligt buiten de inburgeringstermijn.",
        _aanbod_outside_termijn,
    ),
    *_mp_rules("map", 106),
    *_mp_rules("pvt", 122),
    Rule(
        "UREN-1",
        "PUT /personen/{bsn}/uren/participatieactiviteiten",
        "GevolgdeUren/openapi.yml (participatieactiviteiten: 'Z-Route van de Asielstatushouder')",
        "Uren participatieactiviteiten kunnen alleen voor een asielstatushouder worden geleverd.",
        _uren_participatie_not_asiel,
    ),
]

# Not a refusal but what DUO records (README.md:73): without niveau, B1 for the B1-route
# and the onderwijsroute.
DEFAULT_NIVEAU_SOURCE = "README.md:73"


def default_niveau(pip: dict[str, Any]) -> dict[str, Any]:
    """The PIP as DUO registers it: niveau B1 when omitted on the B- or O-route."""
    if not pip.get("niveau") and pip.get("leerroute") in ("B", "O"):
        return {**pip, "niveau": "B1"}
    return dict(pip)


def rules_for(operation: str) -> list[Rule]:
    return [r for r in RULES if r.operation == operation]


def check(operation: str, ctx: Ctx) -> list[str]:
    """The foutteksten of every rule of ``operation`` that the request violates."""
    return [text for rule in rules_for(operation) if (text := rule.check(ctx))]
