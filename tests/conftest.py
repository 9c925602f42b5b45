"""Shared fixtures: a small world of two gemeenten with one user per role, and a
dossier in the first gemeente assigned to its werkcoach and consulent."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from casefiles.choices import Rol
from tests.factories import DossierFactory, GemeenteFactory, staff


@dataclass
class World:
    gemeente: object
    andere_gemeente: object
    werkcoach: object
    werkcoach2: object
    consulent: object
    beleid: object
    beheer: object
    werkcoach_elders: object
    consulent_elders: object
    dossier: object
    dossier_elders: object


@pytest.fixture
def world(db) -> World:
    gemeente = GemeenteFactory(naam="De Wolden", cbs_code="1690")
    andere = GemeenteFactory(naam="Dalfsen", cbs_code="0148")
    werkcoach = staff(Rol.WERKCOACH, gemeente, username="wc", first_name="Wendy")
    werkcoach2 = staff(Rol.WERKCOACH, gemeente, username="wc2", first_name="Willem")
    consulent = staff(Rol.CONSULENT, gemeente, username="cmb", first_name="Carla")
    beleid = staff(Rol.BELEID, gemeente, username="beleid", is_staff=True)
    beheer = staff(Rol.BEHEER, gemeente, username="beheer", is_staff=True)
    werkcoach_elders = staff(Rol.WERKCOACH, andere, username="wc_elders")
    consulent_elders = staff(Rol.CONSULENT, andere, username="cmb_elders")
    dossier = DossierFactory(gemeente=gemeente, werkcoach=werkcoach, consulent=consulent)
    dossier_elders = DossierFactory(
        gemeente=andere, werkcoach=werkcoach_elders, consulent=consulent_elders
    )
    return World(
        gemeente,
        andere,
        werkcoach,
        werkcoach2,
        consulent,
        beleid,
        beheer,
        werkcoach_elders,
        consulent_elders,
        dossier,
        dossier_elders,
    )
