"""Data for drills, made in bulk (a drill of 3 000 payments must not spend minutes on
setup). Fictitious people only; BSNs pass the elfproef and are unused."""

from __future__ import annotations

import secrets
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from casefiles import rules
from casefiles.choices import Doelgroep, DossierStatus
from casefiles.models import Dossier, Gemeente, Inburgeraar, StaffProfile


def gemeente() -> Gemeente:
    used = set(Gemeente.objects.values_list("cbs_code", flat=True))
    code = next(f"{n:04d}" for n in range(9999, 0, -1) if f"{n:04d}" not in used)
    return Gemeente.objects.create(
        naam=f"Oefengemeente {code}",
        cbs_code=code,
        iban="NL91ABNA0417164300",
        bic="ABNANL2A",
        rekeninghouder=f"Oefengemeente {code}",
    )


def medewerker(gemeente: Gemeente, rol: str, *, username: str | None = None):
    User = get_user_model()
    user = User.objects.create_user(
        username=username or f"oefen-{rol}-{gemeente.cbs_code}-{secrets.token_hex(3)}",
        email=f"oefen-{gemeente.cbs_code}@example.invalid",
        first_name="Oefen",
        last_name=rol,
    )
    user.groups.add(Group.objects.get_or_create(name=rol)[0])
    profiel, _ = StaffProfile.objects.get_or_create(user=user)
    profiel.gemeenten.add(gemeente)
    return user


def _bsns(n: int) -> list[str]:
    used = set(Inburgeraar.objects.values_list("bsn", flat=True))
    out: list[str] = []
    candidate = 200_000_000 + secrets.randbelow(700_000_000)
    while len(out) < n:
        candidate += 1
        s = f"{candidate:09d}"
        if s not in used and rules.bsn_is_valid(s):
            out.append(s)
    return out


def dossiers(
    gemeente: Gemeente,
    n: int,
    *,
    werkcoach=None,
    status: str = DossierStatus.AANGEMELD,
    **fields,
) -> list[Dossier]:
    """``n`` dossiers of asielstatushouders, in three statements."""
    today = timezone.localdate()
    personen = Inburgeraar.objects.bulk_create(
        [
            Inburgeraar(
                gemeente=gemeente,
                bsn=bsn,
                voornamen="Oefen",
                achternaam=f"Persoon {i}",
                geslacht="X",
                # a postal address: the beschikking must be sendable (pip_plans)
                straat="Oefenstraat",
                huisnummer=str(i + 1),
                postcode="7921 AA",
                woonplaats="Zuidwolde",
            )
            for i, bsn in enumerate(_bsns(n))
        ]
    )
    start_plicht: date = fields.pop("datum_start_plicht", today - timedelta(days=40))
    objs = []
    for p in personen:
        d = Dossier(
            gemeente=gemeente,
            inburgeraar=p,
            doelgroep=Doelgroep.ASIELSTATUSHOUDER,
            status=status,
            werkcoach=werkcoach,
            datum_start_plicht=start_plicht,
            datum_vestiging=fields.get("datum_vestiging", today - timedelta(days=30)),
            datum_duo_melding=fields.get("datum_duo_melding", today - timedelta(days=30)),
            **{
                k: v for k, v in fields.items() if k not in ("datum_vestiging", "datum_duo_melding")
            },
        )
        d.regime = rules.regime_for(d.datum_start_plicht)
        objs.append(d)
    return Dossier.objects.bulk_create(objs)
