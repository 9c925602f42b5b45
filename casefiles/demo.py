"""Demo data: two gemeenten, one user per role and a team per gemeente, ~60
inburgeraars in every doelgroep and stage. Idempotent: running it again adds nothing.

Other apps add their own demo records in ``<app>/demo.py`` with a function
``seed_demo(*, actor_for, stdout)`` that is called after this one (in the order
of INSTALLED_APPS); ``actor_for(gemeente)`` returns that gemeente's werkcoach.
BSNs are fictional: the 9999xxxxx range that RvIG reserves for testing,
filtered on the elfproef.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from . import rules, services
from .choices import ContactSoort, Doelgroep, DossierStatus, Geslacht, Rol
from .models import Dossier, Gemeente, StaffProfile, Team

DEMO_PASSWORD = "Inburgering-demo-2026"  # noqa: S105  (printed by make run; dev only)

GEMEENTEN = [
    {
        "naam": "De Wolden",
        "cbs_code": "1690",
        "oin": "00000001001234567000",
        "slug": "dewolden",
        "postadres": "Postbus 20",
        "postcode": "7920AA",
        "plaats": "Zuidwolde",
        "telefoon": "0528 37 86 86",
        "email": "inburgering@dewolden.nl",
        "website": "https://www.dewolden.nl",
        "iban": "NL91ABNA0417164300",
        "bic": "ABNANL2A",
        "rekeninghouder": "Gemeente De Wolden",
        "ondertekenaar": "namens het college van burgemeester en wethouders, J. de Vries, "
        "teamleider Inburgering",
    },
    {
        "naam": "Dalfsen",
        "cbs_code": "0148",
        "oin": "00000001001234568000",
        "slug": "dalfsen",
        "postadres": "Postbus 35",
        "postcode": "7720AA",
        "plaats": "Dalfsen",
        "telefoon": "14 0529",
        "email": "inburgering@dalfsen.nl",
        "website": "https://www.dalfsen.nl",
        "iban": "NL02RABO0123456789",
        "bic": "RABONL2U",
        "rekeninghouder": "Gemeente Dalfsen",
        "ondertekenaar": "namens het college van burgemeester en wethouders, A. Bakker, "
        "coördinator Inburgering",
    },
]

ROLLEN = [
    (Rol.WERKCOACH, "werkcoach", "Werkcoach", False),
    (Rol.CONSULENT, "consulent", "Consulent MB", False),
    (Rol.TEAMLEIDER, "teamleider", "Teamleider", False),
    (Rol.BELEID, "beleid", "Beleidsmedewerker", True),
    (Rol.BEHEER, "beheer", "Functioneel beheerder", True),
    # issue 18: a coach of VluchtelingenWerk (ketenpartner), sees shared dossiers only
    (Rol.KETENPARTNER, "partner", "Coach VluchtelingenWerk", False),
    # issue 17: answers inzage and correction requests (AVG), no case work
    (Rol.PRIVACY, "privacy", "Privacyfunctionaris", False),
]

VOORNAMEN = {
    Geslacht.MAN: [
        "Ahmad",
        "Yonas",
        "Mohammed",
        "Omar",
        "Dawit",
        "Samir",
        "Rami",
        "Tesfay",
        "Hassan",
        "Bilal",
        "Oleksandr",
        "Kerem",
        "Luis",
        "Amanuel",
    ],
    Geslacht.VROUW: [
        "Fatima",
        "Amira",
        "Selam",
        "Nour",
        "Leila",
        "Hanna",
        "Rahel",
        "Sara",
        "Yasmin",
        "Mariam",
        "Olena",
        "Aylin",
        "Lucia",
        "Senait",
    ],
}
ACHTERNAMEN = [
    "Al-Hassan",
    "Tesfamariam",
    "Haddad",
    "Osman",
    "Kebede",
    "Rahimi",
    "Yusuf",
    "Ghebremedhin",
    "Khalil",
    "Mansour",
    "Abdi",
    "Haile",
    "Nasser",
    "Darwish",
    "Berhane",
    "Sultani",
    "Amini",
    "Okafor",
    "Mengistu",
    "Saleh",
]
LANDEN = [
    ("Syrië", "Syrisch", "Arabisch"),
    ("Eritrea", "Eritrees", "Tigrinya"),
    ("Afghanistan", "Afghaans", "Dari"),
    ("Turkije", "Turks", "Turks"),
    ("Jemen", "Jemenitisch", "Arabisch"),
    ("Marokko", "Marokkaans", "Arabisch"),
    ("Somalië", "Somalisch", "Somalisch"),
    ("Colombia", "Colombiaans", "Spaans"),
]
STAGES = [
    DossierStatus.AANGEMELD,
    DossierStatus.INTAKE,
    DossierStatus.PIP,
    DossierStatus.UITVOERING,
    DossierStatus.UITVOERING,
    DossierStatus.AFGEROND,
]
PATHS = {
    DossierStatus.AANGEMELD: [],
    DossierStatus.INTAKE: [DossierStatus.INTAKE],
    DossierStatus.PIP: [DossierStatus.INTAKE, DossierStatus.PIP],
    DossierStatus.UITVOERING: [DossierStatus.INTAKE, DossierStatus.PIP, DossierStatus.UITVOERING],
    DossierStatus.AFGEROND: [
        DossierStatus.INTAKE,
        DossierStatus.PIP,
        DossierStatus.UITVOERING,
        DossierStatus.AFGEROND,
    ],
}


def fictional_bsns(count: int, *, start: int = 999_900_000) -> list[str]:
    """The first ``count`` numbers from ``start`` up that pass the elfproef."""
    found: list[str] = []
    n = start
    while len(found) < count:
        candidate = f"{n:09d}"
        if rules.bsn_is_valid(candidate):
            found.append(candidate)
        n += 1
    return found


def demo_user(gemeente_slug: str, role_slug: str):
    return get_user_model().objects.get(username=f"{role_slug}.{gemeente_slug}")


@transaction.atomic
def seed(stdout=None, per_gemeente: int = 30) -> dict[str, int]:
    rng = random.Random(2026)  # noqa: S311  (demo data, not security)
    today = timezone.localdate()
    created = {"gemeenten": 0, "gebruikers": 0, "dossiers": 0}
    bsns = iter(fictional_bsns(per_gemeente * len(GEMEENTEN)))
    for g in GEMEENTEN:
        data = {k: v for k, v in g.items() if k != "slug"}
        gemeente, was_created = Gemeente.objects.get_or_create(
            cbs_code=g["cbs_code"], defaults=data
        )
        created["gemeenten"] += int(was_created)
        users = {}
        for role, slug, label, is_staff in ROLLEN:
            user, was_created = get_user_model().objects.get_or_create(
                username=f"{slug}.{g['slug']}",
                defaults={
                    "first_name": label,
                    "last_name": g["naam"],
                    "is_staff": is_staff,
                    "email": f"{slug}.{g['slug']}@example.invalid",
                },
            )
            if was_created:
                user.set_password(DEMO_PASSWORD)
                user.save()
                created["gebruikers"] += 1
            user.groups.add(Group.objects.get(name=role))
            profiel, _ = StaffProfile.objects.get_or_create(user=user, defaults={"functie": label})
            profiel.gemeenten.add(gemeente)
            users[slug] = user
        # one team per gemeente: its teamleider assigns the dossiers (issue 12)
        team, _ = Team.objects.get_or_create(gemeente=gemeente, naam="Team Inburgering")
        team.leden.add(users["werkcoach"], users["consulent"], users["teamleider"])
        for i in range(per_gemeente):
            bsn = next(bsns)
            if Dossier.objects.filter(gemeente=gemeente, inburgeraar__bsn=bsn).exists():
                continue
            _seed_person(rng, today, gemeente, users, bsn, i)
            created["dossiers"] += 1
    # issue 18: first steps, a ketenpartner with a shared dossier, family, volunteers,
    # other costs (casefiles/demo_rond_plan.py; idempotent)
    from . import demo_rond_plan

    demo_rond_plan.seed(
        users_per_gemeente={
            Gemeente.objects.get(cbs_code=g["cbs_code"]): demo_rond_plan.demo_users(g["slug"])
            for g in GEMEENTEN
        },
        stdout=stdout,
    )
    if stdout is not None:
        stdout.write(
            f"Demo: {created['gemeenten']} gemeenten, {created['gebruikers']} "
            f"gebruikers, {created['dossiers']} dossiers aangemaakt."
        )
    return created


def demo_dossiers():
    """The dossiers the demo made (first doelgroep period with bron "demo"). The
    other apps' demo seeders only ever add to these, so re-running ``make run``
    never changes a dossier a user made, even in a demo gemeente."""
    from .models import DoelgroepPeriode

    return Dossier.objects.filter(
        pk__in=DoelgroepPeriode.objects.filter(bron="demo").values("dossier_id")
    )


def _seed_person(rng, today: date, gemeente, users, bsn: str, i: int) -> Dossier:
    doelgroep = [
        Doelgroep.ASIELSTATUSHOUDER,
        Doelgroep.ASIELSTATUSHOUDER,
        Doelgroep.NAREIZIGER,
        Doelgroep.GEZINSMIGRANT,
        Doelgroep.OVERIGE_MIGRANT,
    ][i % 5]
    stage = STAGES[i % len(STAGES)]
    geslacht = Geslacht.MAN if i % 2 else Geslacht.VROUW
    land, nationaliteit, taal = LANDEN[i % len(LANDEN)]
    # Later stages started longer ago.
    months_ago = {
        DossierStatus.AANGEMELD: 1,
        DossierStatus.INTAKE: 2,
        DossierStatus.PIP: 3,
        DossierStatus.UITVOERING: 14,
        DossierStatus.AFGEROND: 34,
    }[stage]
    vestiging = today - timedelta(days=months_ago * 30 + rng.randint(0, 25))
    koppeling = vestiging - timedelta(days=rng.randint(20, 90))
    asiel = rules.is_asiel(doelgroep)
    persoon = {
        "bsn": bsn,
        "v_nummer": f"{rng.randint(10**9, 10**10 - 1)}" if asiel else "",
        "voornamen": rng.choice(VOORNAMEN[geslacht]),
        "achternaam": ACHTERNAMEN[(i * 7) % len(ACHTERNAMEN)],
        "geboortedatum": date(
            today.year - rng.randint(19, 55), rng.randint(1, 12), rng.randint(1, 28)
        ),
        "geslacht": geslacht,
        "land_van_herkomst": land,
        "nationaliteit": nationaliteit,
        "moedertaal": taal,
        "tolk_nodig": i % 3 == 0,
        "tolk_taal": taal if i % 3 == 0 else "",
        "straat": "Dorpsstraat",
        "huisnummer": str(i + 1),
        "postcode": "7921AB",
        "woonplaats": gemeente.plaats,
    }
    actor = users["werkcoach"]
    datums = {
        "datum_start_plicht": vestiging if asiel else vestiging - timedelta(days=10),
        "datum_duo_melding": vestiging + timedelta(days=rng.randint(0, 10)),
        "datum_koppeling": koppeling if asiel else None,
        "datum_vestiging": vestiging,
        "datum_verblijfsvergunning": koppeling - timedelta(days=30) if asiel else None,
        "datum_start_bijstand": vestiging if asiel and i % 4 != 3 else None,
    }
    dossier = services.dossier_create(
        actor=actor,
        gemeente=gemeente,
        persoon=persoon,
        doelgroep=doelgroep,
        datums=datums,
        azc="AZC Zweeloo" if asiel else "",
        bron="demo",
    )
    # the teamleider assigns; every tenth new aanmelding is left for the demo of it
    if not (stage == DossierStatus.AANGEMELD and i % 12 == 0):
        services.dossier_assign(
            actor=users["teamleider"],
            dossier=dossier,
            werkcoach=users["werkcoach"],
            consulent=users["consulent"] if asiel else None,
        )
    for status in PATHS[stage]:
        services.dossier_change_status(actor=actor, dossier=dossier, status=status)
    services.contactmoment_create(
        actor=actor,
        dossier=dossier,
        onderwerp="Kennismaking",
        soort=ContactSoort.GESPREK if i % 2 else ContactSoort.HUISBEZOEK,
        datum=timezone.make_aware(
            timezone.datetime.combine(
                vestiging + timedelta(days=7), timezone.datetime.min.time().replace(hour=10)
            )
        ),
        verslag="Kennismaking en uitleg over de inburgering.",
        tolk_ingezet=i % 3 == 0,
    )
    if stage in rules.ACTIVE_STATUSES and i % 2 == 0:
        services.taak_create(
            actor=actor,
            dossier=dossier,
            titel="Documenten opvragen",
            deadline=today + timedelta(days=rng.randint(-5, 20)),
        )
    if i % 6 == 0:
        dossier.inburgeraar.gezinsleden.create(
            relatie="kind",
            naam=f"{persoon['voornamen'][:1]}. {persoon['achternaam']} jr.",
            geboortedatum=date(today.year - rng.randint(1, 15), 5, 1),
        )
    return dossier
