"""Issue 11 through the services: a verhuizing keeps the person's termijn and
leerroute; schakelen B1 → Z; no plicht, no PIP, no deadline task, no gemeente boete;
DUO's ontheffing/vrijstelling closes the open legal deadlines. Time is frozen
(10 March 2026, conftest ``frozen``)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casefiles import services as core
from casefiles.choices import Regime, TaakStatus
from casefiles.models import Dossier, Gebeurtenis, Inburgeraar, Taak
from leerroutes.models import Traject
from pip_plans import services
from pip_plans.choices import GesprekStatus, VersieStatus
from pip_plans.models import PipVersie, Voortgangsgesprek
from tests.factories import DossierFactory
from tests.pip_plans.factories import PipDoelFactory, concept, vastgestelde_pip

D = date


def _feiten(d, actor, **extra):
    velden = {
        "bron": "vorige_gemeente",
        "vorige_gemeentecode": "0148",
        "eerste_pip_dagtekening": D(2025, 6, 1),
        "eerste_pip_leerroute": "b1",
        "termijn_startdatum": D(2025, 6, 2),
        "termijn_einddatum": D(2028, 6, 2),
        "huidige_leerroute": "b1",
        "huidig_niveau": "A2",
        **extra,
    }
    return core.inburgeringsfeiten_opslaan(actor=actor, dossier=d, **velden)


def test_verhuizing_keeps_the_persons_termijn_and_leerroute(frozen, world):
    d = world.dossier
    _feiten(d, world.werkcoach)
    d.refresh_from_db()
    # Wi art. 11 lid 2–3: DUO's termijn (einddatum exclusive → last day 1 June 2028)
    assert (d.termijn_start, d.termijn_eind) == (D(2025, 6, 2), D(2028, 6, 1))
    v = services.pip_concept_create(actor=world.werkcoach, dossier=d)
    # the draft already carries reason verhuizing and the route and level kept
    assert (v.reden, v.leerroute, v.niveau) == ("verhuizing", "b1", "A2")
    PipDoelFactory(versie=v)
    services.pip_vaststellen(actor=world.werkcoach, versie=v, dagtekening=D(2026, 3, 10))
    d.refresh_from_db()
    assert (d.termijn_start, d.termijn_eind) == (D(2025, 6, 2), D(2028, 6, 1))
    assert Traject.objects.get(dossier=d).niveau == "A2"


def test_verhuizing_with_another_route_is_refused_with_one_reason(frozen, world):
    d = world.dossier
    _feiten(d, world.werkcoach, huidig_niveau="B1")
    v = concept(d, reden="verhuizing", leerroute="z", niveau="A2")
    with pytest.raises(ValidationError) as exc:
        services.pip_vaststellen(actor=world.werkcoach, versie=v, dagtekening=D(2026, 3, 10))
    assert [e.code for e in exc.value.error_list] == ["verhuizing_andere_route"]


def test_first_pip_of_a_person_who_moved_without_data_starts_no_termijn_on_verhuizing(
    frozen, world
):
    v = concept(world.dossier, reden="verhuizing")
    with pytest.raises(ValidationError) as exc:
        services.pip_vaststellen(actor=world.werkcoach, versie=v, dagtekening=D(2026, 3, 10))
    assert [e.code for e in exc.value.error_list] == ["verhuizing_zonder_gegevens"]
    world.dossier.refresh_from_db()
    assert world.dossier.termijn_start is None


def test_schakelen_b1_to_z_at_a2_and_the_trajectory_follows(frozen, world):
    d = world.dossier
    vastgestelde_pip(d, world.werkcoach, dagtekening=D(2026, 3, 1))
    d.refresh_from_db()
    start = d.termijn_start
    nieuw = services.pip_wijzigen(actor=world.werkcoach, dossier=d, reden="schakelen")
    services.pip_concept_update(actor=world.werkcoach, versie=nieuw, leerroute="z", niveau="A2")
    services.pip_vaststellen(actor=world.werkcoach, versie=nieuw, dagtekening=D(2026, 3, 10))
    d.refresh_from_db()
    assert d.termijn_start == start
    trajecten = {t.route: t for t in Traject.objects.filter(dossier=d)}
    assert trajecten["b1"].status == "gestopt"
    assert (trajecten["z"].niveau, trajecten["z"].vorige_id) == ("A2", trajecten["b1"].pk)


def test_plicht_einde_closes_legal_deadlines_and_refuses_pip_and_boete(frozen, world):
    d = world.dossier
    assert Taak.objects.get(dossier=d, sleutel="pip_deadline").status == TaakStatus.OPEN
    core.plicht_einde_vastleggen(
        actor=world.werkcoach,
        dossier=d,
        reden="ontheffing",
        grond="MED",
        datum_oordeel=D(2026, 3, 5),
        einddatum_plicht=D(2026, 3, 5),
        bron="duo_brief",
        kenmerk="SS108",
    )
    assert Taak.objects.get(dossier=d, sleutel="pip_deadline").status == TaakStatus.VERVALLEN
    regel = Gebeurtenis.objects.filter(dossier=d, soort="plicht").get()
    assert "ontheffing" in regel.titel and "gesloten" in regel.titel
    assert "medisch" not in regel.titel.lower()  # the ground may be health data
    with pytest.raises(ValidationError) as exc:
        services.pip_concept_create(actor=world.werkcoach, dossier=d)
    assert exc.value.code == "einde_ontheffing"
    with pytest.raises(ValidationError) as exc:
        services.handhaving_create(
            actor=world.werkcoach,
            dossier=d,
            soort="boete",
            verplichting="brede_intake",
            reden="Niet verschenen",
            datum=D(2026, 3, 9),
            bedrag=Decimal(100),
        )
    assert "soort" in exc.value.message_dict
    # a decision before the plicht ended is still about a plicht: allowed
    services.handhaving_create(
        actor=world.werkcoach,
        dossier=d,
        soort="waarschuwing",
        verplichting="brede_intake",
        reden="Niet verschenen",
        datum=D(2026, 3, 4),
    )


def test_plicht_einde_lets_planned_gesprekken_lapse(frozen, world):
    d = world.dossier
    vastgestelde_pip(d, world.werkcoach, dagtekening=D(2026, 3, 1))
    assert Voortgangsgesprek.objects.filter(dossier=d, status=GesprekStatus.GEPLAND).exists()
    core.plicht_einde_vastleggen(
        actor=world.werkcoach,
        dossier=d,
        reden="vrijstelling",
        grond="DIP",
        datum_oordeel=D(2026, 3, 9),
        einddatum_plicht=D(2026, 3, 9),
        bron="duo_gebeurtenis",
    )
    assert not Voortgangsgesprek.objects.filter(dossier=d, status=GesprekStatus.GEPLAND).exists()
    with pytest.raises(ValidationError):
        services.pip_wijzigen(actor=world.werkcoach, dossier=d, reden="wijziging")


@pytest.mark.parametrize(
    ("velden", "veld"),
    [
        ({"reden": "ontheffing", "grond": "DIP"}, "grond"),
        ({"reden": "vertrek", "grond": "MED"}, "grond"),
        ({"reden": "vrijstelling", "grond": "DIP", "einddatum_plicht": D(2026, 3, 11)}, None),
        ({"reden": "vrijstelling", "grond": "DIP", "datum_oordeel": D(2026, 3, 11)}, None),
    ],
)
def test_plicht_einde_refuses_what_duo_cannot_have_decided(frozen, world, velden, veld):
    args = {
        "datum_oordeel": D(2026, 3, 1),
        "einddatum_plicht": D(2026, 3, 1),
        "bron": "duo_brief",
        **velden,
    }
    with pytest.raises(ValidationError) as exc:
        core.plicht_einde_vastleggen(actor=world.werkcoach, dossier=world.dossier, **args)
    if veld:
        assert veld in exc.value.message_dict


def test_aow_on_the_dagtekening_refuses_the_pip(frozen, world):
    d = world.dossier
    Inburgeraar.objects.filter(pk=d.inburgeraar_id).update(geboortedatum=D(1959, 3, 10))
    d.refresh_from_db()
    v = concept(d)
    with pytest.raises(ValidationError) as exc:
        services.pip_vaststellen(actor=world.werkcoach, versie=v, dagtekening=D(2026, 3, 10))
    assert [e.code for e in exc.value.error_list] == ["aow"]
    # the day before: still a plicht (Wi art. 3 lid 1)
    services.pip_vaststellen(actor=world.werkcoach, versie=v, dagtekening=D(2026, 3, 9))


def test_a_plicht_at_16_on_request_allows_a_pip(frozen, world):
    d = world.dossier
    Inburgeraar.objects.filter(pk=d.inburgeraar_id).update(geboortedatum=D(2009, 6, 1))
    d.refresh_from_db()
    v = vastgestelde_pip(d, world.werkcoach, dagtekening=D(2026, 3, 10))
    assert v.status == VersieStatus.VASTGESTELD


def test_wi2013_no_deadline_task_and_no_boete(frozen, world):
    d = DossierFactory(
        gemeente=world.gemeente,
        werkcoach=world.werkcoach,
        datum_start_plicht=D(2021, 6, 1),
        datum_vestiging=D(2021, 6, 1),
    )
    assert d.regime == Regime.WI2013
    assert not Taak.objects.filter(dossier=d, sleutel="pip_deadline", status="open").exists()
    with pytest.raises(ValidationError) as exc:
        services.handhaving_create(
            actor=world.werkcoach,
            dossier=d,
            soort="boete",
            verplichting="leerroute",
            reden="Niet naar school",
            datum=D(2026, 3, 9),
            bedrag=Decimal(200),
        )
    assert "DUO" in exc.value.message_dict["soort"][0]


# --- property: no sequence of PIP versions ever moves the termijn start -------------

STAP = st.tuples(
    st.sampled_from(["wijziging", "schakelen", "afschalen", "verhuizing"]),
    st.sampled_from([("b1", "B1"), ("b1", "A2"), ("z", "A2"), ("z", ""), ("onderwijs", "B1")]),
    st.integers(min_value=0, max_value=800),
    st.booleans(),
)


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    verhuisd=st.booleans(),
    eerste=st.integers(min_value=0, max_value=60),
    stappen=st.lists(STAP, min_size=1, max_size=4),
)
def test_no_sequence_of_pip_versions_moves_the_termijn_start(
    world, time_machine, verhuisd, eerste, stappen
):
    """Wi art. 11 lid 1–3: the termijn starts the day after the person's very first
    PIP; no later version (wijziging, schakelen, afschalen, a move, a withdrawal, a
    refused one) moves it — and a verhuizing-dossier never starts a new one."""
    time_machine.move_to(D(2026, 3, 10))
    d = DossierFactory(
        gemeente=world.gemeente,
        werkcoach=world.werkcoach,
        datum_start_plicht=D(2025, 1, 1),
        datum_vestiging=D(2025, 1, 1),
        datum_duo_melding=D(2025, 1, 1),
    )
    if verhuisd:
        _feiten(d, world.werkcoach, termijn_einddatum=None, huidig_niveau="B1")
    # a person who moved: the first PIP here follows the first PIP elsewhere (1 June 2025)
    eerste_dag = (D(2025, 7, 1) if verhuisd else D(2025, 1, 1)) + timedelta(days=eerste)
    time_machine.move_to(eerste_dag)
    v = concept(d, reden="verhuizing" if verhuisd else "initieel")
    services.pip_vaststellen(actor=world.werkcoach, versie=v, dagtekening=eerste_dag)
    d.refresh_from_db()
    verwacht = D(2025, 6, 2) if verhuisd else eerste_dag + timedelta(days=1)
    assert d.termijn_start == verwacht
    dag = eerste_dag
    for reden, (route, niveau), dagen, intrekken in stappen:
        dag = dag + timedelta(days=dagen)
        time_machine.move_to(dag)
        try:
            nieuw = services.pip_wijzigen(actor=world.werkcoach, dossier=d, reden=reden)
            services.pip_concept_update(
                actor=world.werkcoach,
                versie=nieuw,
                leerroute=route,
                niveau=niveau,
                geschatte_intensiteit_b1=None,
            )
            services.pip_vaststellen(actor=world.werkcoach, versie=nieuw, dagtekening=dag)
        except ValidationError:
            PipVersie.objects.filter(dossier=d, status=VersieStatus.CONCEPT).delete()
        if intrekken:
            huidig = services.huidige_versie(d)
            if huidig is not None and huidig.nummer > 1:
                services.pip_intrekken(actor=world.werkcoach, versie=huidig, reden="Bezwaar")
        assert Dossier.objects.get(pk=d.pk).termijn_start == verwacht
