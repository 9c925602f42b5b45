import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from casefiles import selectors
from tests.factories import DossierFactory

pytestmark = pytest.mark.django_db


def test_user_sees_only_dossiers_of_their_gemeenten(world):
    visible = set(selectors.dossier_list(user=world.werkcoach))
    assert world.dossier in visible and world.dossier_elders not in visible
    assert set(selectors.dossier_list(user=world.werkcoach_elders)) == {world.dossier_elders}


def test_user_working_for_two_gemeenten_sees_both(world):
    world.werkcoach.profiel.gemeenten.add(world.andere_gemeente)
    world.werkcoach._gemeente_ids = None
    del world.werkcoach._gemeente_ids
    assert set(selectors.dossier_list(user=world.werkcoach)) == {
        world.dossier,
        world.dossier_elders,
    }


def test_beleidsmedewerker_sees_no_dossier_at_all(world):
    assert not selectors.dossier_list(user=world.beleid).exists()
    with pytest.raises(Http404):
        selectors.dossier_get(user=world.beleid, pk=world.dossier.pk)


def test_anonymous_sees_nothing(world):
    assert not selectors.dossier_list(user=AnonymousUser()).exists()


def test_dossier_get_other_gemeente_is_404(world):
    with pytest.raises(Http404):
        selectors.dossier_get(user=world.werkcoach, pk=world.dossier_elders.pk)


def test_werkvoorraad_mine_vs_all_and_search(world):
    mine = DossierFactory(
        gemeente=world.gemeente,
        werkcoach=world.werkcoach,
        inburgeraar__achternaam="Zewdiberhane",
        inburgeraar__v_nummer="1234567890",
    )
    colleague = DossierFactory(gemeente=world.gemeente, werkcoach=world.werkcoach2)
    mijn = set(selectors.werkvoorraad_dossiers(user=world.werkcoach))
    assert mine in mijn and colleague not in mijn
    alle = set(selectors.werkvoorraad_dossiers(user=world.werkcoach, alleen_mijn=False))
    assert {mine, colleague, world.dossier} <= alle and world.dossier_elders not in alle
    by_name = list(
        selectors.werkvoorraad_dossiers(user=world.werkcoach, alleen_mijn=False, zoek="zewdi")
    )
    assert by_name == [mine]
    by_bsn = list(
        selectors.werkvoorraad_dossiers(
            user=world.werkcoach, alleen_mijn=False, zoek=mine.inburgeraar.bsn
        )
    )
    assert by_bsn == [mine]
    by_v = list(
        selectors.werkvoorraad_dossiers(user=world.werkcoach, alleen_mijn=False, zoek="1234567890")
    )
    assert by_v == [mine]
    # searching never crosses the gemeente boundary
    assert not selectors.werkvoorraad_dossiers(
        user=world.werkcoach, alleen_mijn=False, zoek=world.dossier_elders.inburgeraar.bsn
    ).exists()
