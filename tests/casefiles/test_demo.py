"""Item 9 of issue 15: re-running the demo (``make run``) never changes a dossier the
user made, not even one in a demo gemeente in a status the demo seeders fill."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from casefiles import services
from casefiles.choices import Doelgroep, DossierStatus
from casefiles.demo import demo_dossiers
from casefiles.models import Dossier, Gemeente


def _vingerafdruk(dossier: Dossier) -> dict:
    dossier.refresh_from_db()
    return {
        "status": dossier.status,
        "gewijzigd_op": dossier.gewijzigd_op,
        "intakes": dossier.intakes.count(),
        "pip": dossier.pip_versies.count(),
        "trajecten": dossier.trajecten.count(),
        "taken": dossier.taken.count(),
        "tijdlijn": dossier.gebeurtenissen.count(),
        "ontzorgen": hasattr(dossier, "ontzorgingsplan"),
        "begeleiding": dossier.begeleidingen.count(),
    }


@pytest.mark.django_db
def test_rerunning_the_demo_leaves_a_users_dossier_alone():
    uit = io.StringIO()
    call_command("seed_demo", stdout=uit)
    gemeente = Gemeente.objects.get(cbs_code="1690")
    gebruikers = get_user_model().objects
    werkcoach = gebruikers.get(username="werkcoach.dewolden")
    consulent = gebruikers.get(username="consulent.dewolden")
    # The teamleider assigns (issue 12: a werkcoach cannot assign itself).
    teamleider = gebruikers.get(username="teamleider.dewolden")
    # A user's own dossier in the demo gemeente, in statuses every seeder looks for.
    eigen = {}
    for status in (DossierStatus.INTAKE, DossierStatus.UITVOERING):
        d = services.dossier_create(
            actor=teamleider,
            gemeente=gemeente,
            persoon={
                "bsn": "123456782" if status == "intake" else "111222333",
                "achternaam": "Eigen",
            },
            doelgroep=Doelgroep.ASIELSTATUSHOUDER,
            werkcoach=werkcoach,
            consulent=consulent,
        )
        Dossier.objects.filter(pk=d.pk).update(status=status)
        eigen[status] = (d, _vingerafdruk(d))
    call_command("seed_demo", stdout=uit)
    for d, voor in eigen.values():
        assert _vingerafdruk(d) == voor
    assert not demo_dossiers().filter(pk__in=[d.pk for d, _ in eigen.values()]).exists()
    assert demo_dossiers().count() == 60
