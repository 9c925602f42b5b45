"""Contract test: every request our client sends (every message kind, its path,
headers and body) validated against DUO's published OpenAPI files (duo/spec.py reads
../shared/duo-m2m/API)."""

from __future__ import annotations

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from duo import conf, spec
from duo.client import DuoClient
from duo.models import BerichtSoort, DuoBericht, DuoContactpersoon
from duo.outbound import bouw
from leerroutes.models import MapInschrijving, PvtInschrijving, Traject
from tests.leerroutes.factories import AanbiederFactory, TrajectFactory, UrenFactory
from tests.pip_plans.factories import vastgestelde_pip

pytestmark = pytest.mark.skipif(not spec.available(), reason="DUO's spec directory is absent")


def _bericht(world, soort, object_id=None, dossier=True):
    return DuoBericht.objects.create(
        gemeente=world.gemeente,
        dossier=world.dossier if dossier else None,
        soort=soort,
        methode="-",
        api="-",
        object_id=object_id,
        dedup_key=uuid.uuid4().hex,
    )


def _check(world, bericht):
    verzoek = bouw(bericht)
    api = conf.api_for_path(verzoek.pad)
    headers = DuoClient(world.gemeente).headers(verzoek.pad, str(uuid.uuid4()))
    errors = spec.validate_request(api, verzoek.methode, verzoek.pad, verzoek.body, headers)
    assert errors == [], (bericht.soort, errors)
    return verzoek


def test_every_message_kind_is_valid_against_duos_spec(world, werkcoach_contactgegevens, duo_aan):
    today = timezone.localdate()
    versie = vastgestelde_pip(world.dossier, world.werkcoach, geschatte_intensiteit_b1=900)
    DuoContactpersoon.objects.create(
        gemeente=world.gemeente, medewerker=world.werkcoach, duo_id=4711
    )
    m = MapInschrijving.objects.create(
        dossier=world.dossier, datum_eindgesprek=today, verwijtbaar=""
    )
    p = PvtInschrijving.objects.create(dossier=world.dossier, datum_ondertekening=today)
    aanbieder = AanbiederFactory(duo_code="1234567890")
    traject = Traject.objects.filter(dossier=world.dossier).first() or TrajectFactory(
        dossier=world.dossier
    )
    Traject.objects.filter(pk=traject.pk).update(
        aanbieder=aanbieder,
        datum_aanbod=today,
        datum_start=today + timedelta(days=7),
        z_afgerond_op=today,
    )
    for soort in ("taal_knm", "intake_taal", "participatie"):
        UrenFactory(dossier=world.dossier, soort=soort, aanwezig=Decimal("12.5"))

    seen = {}
    for soort, object_id, met_dossier in [
        (BerichtSoort.PIP, versie.pk, True),
        (BerichtSoort.CP_REGISTREREN, world.werkcoach.pk, False),
        (BerichtSoort.CP_KOPPELEN, world.werkcoach.pk, True),
        (BerichtSoort.CP_ONTKOPPELEN, world.werkcoach.pk, True),
        (BerichtSoort.MAP, m.pk, True),
        (BerichtSoort.PVT, p.pk, True),
        (BerichtSoort.ZROUTE, traject.pk, True),
        (BerichtSoort.UREN_TAAL, None, True),
        (BerichtSoort.UREN_INTAKE, None, True),
        (BerichtSoort.UREN_PARTICIPATIE, None, True),
        (BerichtSoort.AANBOD, traject.pk, True),
    ]:
        seen[soort] = _check(world, _bericht(world, soort, object_id, met_dossier))

    pip_body = seen[BerichtSoort.PIP].body
    assert pip_body["dagtekeningPip"] == versie.dagtekening.isoformat()
    assert (pip_body["leerroute"], pip_body["niveau"]) == ("B", "B1")
    assert pip_body["geschatteIntensiteitB1Route"] == 900
    assert seen[BerichtSoort.UREN_TAAL].body == {"uren": 12}
    assert seen[BerichtSoort.CP_KOPPELEN].pad.startswith("/contactpersonen/4711/personen/")


def test_pip_delete_is_a_valid_request(world, duo_aan):
    vastgestelde_pip(world.dossier, world.werkcoach)
    _check(world, _bericht(world, BerichtSoort.PIP_VERWIJDEREN))


def test_the_spec_check_can_fail(world, duo_aan):
    """The contract test is not vacuous: a body DUO's schema refuses is reported."""
    path = "/personen/123456782/PIP"
    headers = DuoClient(world.gemeente).headers(path, str(uuid.uuid4()))
    errors = spec.validate_request("PIP", "POST", path, {"leerroute": "X"}, headers)
    assert errors
    assert (
        spec.validate_request(
            "PIP", "POST", path, {"dagtekeningPip": "2026-01-01", "leerroute": "B"}, {}
        )
        != []
    )


def test_headers_carry_both_oins_a_uuid_and_the_api_version(world, duo_aan):
    bericht_id = str(uuid.uuid4())
    h = DuoClient(world.gemeente).headers("/personen/123456782/PIP", bericht_id)
    assert h["bron"] == world.gemeente.oin
    assert h["doel"] == duo_aan.DUO_OIN
    assert h["berichtId"] == bericht_id
    assert h["API-Version"] == spec.api_version("PIP")
