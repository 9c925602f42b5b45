"""Issue 11 through the services: 'Z-route afgerond' only with the hours of the
person's doelgroep on that date and a held eindgesprek; begeleiding, ontzorgen and the
MAP/PVT boete follow the doelgroep on their own date (dated history, DUO SS124/SS125)."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from casefiles import services as core
from casefiles.begeleiding import services as mb
from casefiles.models import Dossier
from leerroutes import selectors, services
from leerroutes.choices import UrenSoort
from leerroutes.models import Urenregistratie
from ontzorgen import services as ontzorgen
from tests.leerroutes.factories import TrajectFactory

pytestmark = pytest.mark.django_db
D = date
TODAY = D(2026, 11, 22)


def _uren(d, soort, aantal, maand):
    Urenregistratie.objects.create(
        dossier=d,
        soort=soort,
        periode_start=D(2026, maand, 1),
        periode_eind=D(2026, maand, 28),
        aanwezig=Decimal(aantal),
    )


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("doelgroep", "taal", "participatie", "ok", "bron"),
    [
        ("gezinsmigrant", 800, 0, True, "Bi 3.14: 800 uur taal/KNM"),
        ("gezinsmigrant", 400, 400, False, "Bi 3.14: participatie telt niet (issue 11)"),
        ("asielstatushouder", 800, 799, False, "Bi 3.14: ook 800 participatie"),
        ("asielstatushouder", 800, 800, True, "Bi 3.14: 800 + 800"),
    ],
)
def test_z_afgerond_needs_the_hours_of_the_doelgroep(
    world, doelgroep, taal, participatie, ok, bron
):
    d = world.dossier
    Dossier.objects.filter(pk=d.pk).update(doelgroep=doelgroep)
    d.doelgroep_periodes.update(doelgroep=doelgroep)
    d.refresh_from_db()
    t = TrajectFactory(dossier=d, route="z", niveau="A2")
    _uren(d, UrenSoort.TAAL_KNM, taal, 3)
    if participatie:
        _uren(d, UrenSoort.PARTICIPATIE, participatie, 4)
    if ok:
        services.traject_bijwerken(
            actor=world.werkcoach,
            traject=t,
            z_eindgesprek=D(2026, 11, 1),
            z_afgerond_op=D(2026, 11, 2),
        )
    else:
        with pytest.raises(ValidationError) as exc:
            services.traject_bijwerken(
                actor=world.werkcoach,
                traject=t,
                z_eindgesprek=D(2026, 11, 1),
                z_afgerond_op=D(2026, 11, 2),
            )
        assert "z_afgerond_op" in exc.value.message_dict, bron


@time_machine.travel(TODAY, tick=False)
def test_z_afgerond_not_before_the_eindgesprek(world):
    d = world.dossier
    t = TrajectFactory(dossier=d, route="z", niveau="A2")
    _uren(d, UrenSoort.TAAL_KNM, 800, 3)
    _uren(d, UrenSoort.PARTICIPATIE, 800, 4)
    with pytest.raises(ValidationError) as exc:
        services.traject_bijwerken(
            actor=world.werkcoach,
            traject=t,
            z_eindgesprek=D(2026, 11, 3),
            z_afgerond_op=D(2026, 11, 2),
        )
    assert "eindgesprek" in exc.value.message_dict["z_afgerond_op"][0]


@time_machine.travel(TODAY, tick=False)
def test_map_date_not_after_the_z_route_was_afgerond(world):
    d = world.dossier
    Dossier.objects.filter(pk=d.pk).update(
        termijn_start=D(2025, 1, 1), termijn_eind=D(2027, 12, 31)
    )
    d.refresh_from_db()
    t = TrajectFactory(dossier=d, route="z", niveau="A2")
    _uren(d, UrenSoort.TAAL_KNM, 800, 3)
    _uren(d, UrenSoort.PARTICIPATIE, 800, 4)
    services.traject_bijwerken(
        actor=world.werkcoach, traject=t, z_eindgesprek=D(2026, 11, 1), z_afgerond_op=D(2026, 11, 2)
    )
    with pytest.raises(ValidationError) as exc:
        services.map_opslaan(
            actor=world.werkcoach,
            dossier=d,
            aanbieder=None,
            status="gestart",
            cohort_start=None,
            uren=Decimal(10),
            datum_eindgesprek=D(2026, 11, 3),
        )
    assert "afronding van de Z-route" in " ".join(exc.value.message_dict["datum_eindgesprek"])


@time_machine.travel(TODAY, tick=False)
def test_begeleiding_follows_the_doelgroep_on_its_start_date(world):
    d = world.dossier  # asielstatushouder since 1 January 2025
    core.dossier_change_doelgroep(
        actor=world.werkcoach,
        dossier=d,
        doelgroep="asielstatushouder",
        geldig_vanaf=D(2025, 1, 1),
        bron="DUO raadpleging",
    )
    core.dossier_change_doelgroep(
        actor=world.werkcoach,
        dossier=d,
        doelgroep="gezinsmigrant",
        geldig_vanaf=D(2026, 10, 1),
        bron="DUO SS124",
    )
    with pytest.raises(ValidationError):
        mb.begeleiding_start(actor=world.consulent, dossier=d, start=D(2026, 10, 1))
    # started while still asielstatushouder (Wi art. 13): allowed
    mb.begeleiding_start(actor=world.consulent, dossier=d, start=D(2026, 9, 30))


@time_machine.travel(TODAY, tick=False)
def test_ontzorgen_follows_the_doelgroep_on_the_start_of_bijstand(world):
    d = world.dossier
    core.dossier_change_doelgroep(
        actor=world.werkcoach,
        dossier=d,
        doelgroep="asielstatushouder",
        geldig_vanaf=D(2025, 1, 1),
        bron="DUO raadpleging",
    )
    Dossier.objects.filter(pk=d.pk).update(datum_start_bijstand=D(2026, 10, 15))
    d.refresh_from_db()
    core.dossier_change_doelgroep(
        actor=world.werkcoach,
        dossier=d,
        doelgroep="gezinsmigrant",
        geldig_vanaf=D(2026, 10, 1),
        bron="DUO SS124",
    )
    with pytest.raises(ValidationError):
        ontzorgen.plan_create(actor=world.consulent, dossier=d)


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("bron", "doelgroep", "veld"),
    [
        ("DUO SS124", "asielstatushouder", "doelgroep"),
        ("DUO SS125", "gezinsmigrant", "doelgroep"),
    ],
)
def test_doelgroep_change_matches_duo_event(world, bron, doelgroep, veld):
    with pytest.raises(ValidationError) as exc:
        core.dossier_change_doelgroep(
            actor=world.werkcoach,
            dossier=world.dossier,
            doelgroep=doelgroep,
            geldig_vanaf=D(2026, 10, 1),
            bron=bron,
        )
    assert veld in exc.value.message_dict


@time_machine.travel(TODAY, tick=False)
def test_duo_boete_follows_the_doelgroep_on_the_termijn_end(world):
    """RvS 9-7-2025: no MAP/PVT boete for asielstatushouders — on the last day of the
    termijn the person was asielstatushouder; later SS124 does not change that."""
    d = world.dossier
    core.dossier_change_doelgroep(
        actor=world.werkcoach,
        dossier=d,
        doelgroep="asielstatushouder",
        geldig_vanaf=D(2023, 1, 1),
        bron="DUO raadpleging",
    )
    Dossier.objects.filter(pk=d.pk).update(termijn_start=D(2023, 6, 1), termijn_eind=D(2026, 5, 31))
    d.refresh_from_db()
    TrajectFactory(dossier=d, route="b1")
    services.pvt_opslaan(
        actor=world.werkcoach,
        dossier=d,
        aanbieder=None,
        status="gestart",
        start=D(2026, 1, 1),
        uren=Decimal(12),
        datum_ondertekening=D(2026, 6, 10),
        verwijtbaar="ja",
    )
    core.dossier_change_doelgroep(
        actor=world.werkcoach,
        dossier=d,
        doelgroep="gezinsmigrant",
        geldig_vanaf=D(2026, 7, 1),
        bron="DUO SS124",
    )
    assert "Geen DUO-boete" in selectors.leerroute_overzicht(dossier=d).boete_pvt
    core.dossier_change_doelgroep(
        actor=world.werkcoach,
        dossier=d,
        doelgroep="gezinsmigrant",
        geldig_vanaf=D(2026, 5, 1),
        bron="handmatig",
    )
    assert "€ 340" in selectors.leerroute_overzicht(dossier=d).boete_pvt
