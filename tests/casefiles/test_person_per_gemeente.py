"""A person record per gemeente (issue 12, item 2).

The same BSN in two gemeenten is two records. Creating a dossier, importing a file
or filling in the dossier form in one gemeente never reads, changes or reveals the
other gemeente's record. Existing shared records are split by migration 0009, with
their history and household members."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from casefiles import services
from casefiles.importers import run_import
from casefiles.models import Dossier, Inburgeraar
from tests.factories import DossierFactory

PERSOON = {"bsn": "111222333", "achternaam": "Haddad", "voornamen": "Amira"}


@pytest.fixture
def elders(world):
    """The BSN is known in the other gemeente, with its own data."""
    return DossierFactory(
        gemeente=world.andere_gemeente,
        inburgeraar__bsn=PERSOON["bsn"],
        inburgeraar__achternaam="Geheim-Elders",
        inburgeraar__voornamen="Niet-Tonen",
        inburgeraar__geboortedatum=date(1970, 1, 2),
        inburgeraar__telefoon="0612345678",
    )


def test_create_with_a_bsn_known_elsewhere_makes_a_separate_record(world, elders):
    dossier = services.dossier_create(
        actor=world.werkcoach,
        gemeente=world.gemeente,
        persoon=PERSOON,
        doelgroep="gezinsmigrant",
    )
    assert dossier.inburgeraar.pk != elders.inburgeraar.pk
    assert dossier.inburgeraar.gemeente == world.gemeente
    assert (dossier.inburgeraar.achternaam, dossier.inburgeraar.geboortedatum) == ("Haddad", None)
    elders.inburgeraar.refresh_from_db()
    assert elders.inburgeraar.achternaam == "Geheim-Elders"  # untouched


def test_dossier_form_reveals_nothing_about_the_other_gemeente(client, world, elders):
    client.force_login(world.werkcoach)
    response = client.post(
        reverse("casefiles:dossier_nieuw"),
        {
            "persoon-bsn": PERSOON["bsn"],
            "persoon-achternaam": "Haddad",
            "persoon-geslacht": "V",
            "dossier-gemeente": world.gemeente.pk,
            "dossier-doelgroep": "gezinsmigrant",
        },
        follow=True,
    )
    html = response.content.decode()
    assert response.status_code == 200
    for geheim in ("Geheim-Elders", "Niet-Tonen", "0612345678", "Dalfsen", "bestaat al"):
        assert geheim not in html
    dossier = world.gemeente.dossiers.get(inburgeraar__bsn=PERSOON["bsn"])
    assert dossier.werkcoach is None  # a werkcoach does not assign itself
    # the same BSN again in the own gemeente: that the own gemeente knows it may be said
    response = client.post(
        reverse("casefiles:dossier_nieuw"),
        {
            "persoon-bsn": PERSOON["bsn"],
            "persoon-achternaam": "Haddad",
            "persoon-geslacht": "V",
            "dossier-gemeente": world.gemeente.pk,
            "dossier-doelgroep": "gezinsmigrant",
        },
    )
    assert "bestaat al een dossier voor deze persoon in deze gemeente" in response.content.decode()
    assert "Geheim-Elders" not in response.content.decode()


def test_edit_form_with_a_bsn_known_elsewhere_is_accepted_and_reveals_nothing(
    client, world, elders
):
    client.force_login(world.werkcoach)
    url = reverse("casefiles:dossier_bewerken", kwargs={"dossier_pk": world.dossier.pk})
    persoon = world.dossier.inburgeraar
    response = client.post(
        url,
        {
            "persoon-bsn": PERSOON["bsn"],
            "persoon-achternaam": persoon.achternaam,
            "persoon-geslacht": persoon.geslacht,
        },
    )
    assert response.status_code == 302
    persoon.refresh_from_db()
    assert persoon.bsn == PERSOON["bsn"] and persoon.pk != elders.inburgeraar.pk


def test_import_with_a_bsn_known_elsewhere_reveals_nothing(world, elders):
    content = (
        f"bsn;achternaam;voornamen;doelgroep\n{PERSOON['bsn']};Haddad;Amira;gezinsmigrant\n"
    ).encode()
    result = run_import(actor=world.werkcoach, gemeente=world.gemeente, content=content)
    assert result.created == 1 and not result.errors
    nieuw = Dossier.objects.get(gemeente=world.gemeente, inburgeraar__bsn=PERSOON["bsn"])
    assert nieuw.inburgeraar.achternaam == "Haddad"
    assert nieuw.inburgeraar.pk != elders.inburgeraar.pk
    # and the other way round: the same file in the other gemeente reports only what
    # that gemeente itself knows
    result = run_import(
        actor=world.werkcoach_elders, gemeente=world.andere_gemeente, content=content
    )
    texts = " ".join(r for e in result.errors for r in e.reasons)
    assert "in deze gemeente" in texts and "Haddad" not in texts


def test_search_finds_only_the_own_gemeentes_record(client, world, elders):
    client.force_login(world.werkcoach)
    client.post(reverse("casefiles:werkvoorraad"), {"zoek": PERSOON["bsn"]})
    html = client.get(reverse("casefiles:werkvoorraad")).content.decode()
    assert "Geheim-Elders" not in html


def test_bsn_is_unique_within_a_gemeente(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Inburgeraar.objects.create(
            gemeente=world.gemeente, bsn=world.dossier.inburgeraar.bsn, achternaam="Dubbel"
        )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="composite key on PostgreSQL")
def test_a_dossier_cannot_carry_another_gemeentes_record(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Dossier.objects.filter(pk=world.dossier.pk).update(
            inburgeraar=world.dossier_elders.inburgeraar
        )
        with connection.cursor() as c:
            c.execute("SET CONSTRAINTS ALL IMMEDIATE")


# --- the migration ---------------------------------------------------------------------------

BEFORE = [("casefiles", "0008_dossier_vestiging_index")]


@pytest.mark.django_db(transaction=True)
def test_migration_splits_shared_records_with_history_and_household():
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    try:
        old = executor.loader.project_state(BEFORE).apps
        Gemeente = old.get_model("casefiles", "Gemeente")
        Persoon = old.get_model("casefiles", "Inburgeraar")
        Historie = old.get_model("casefiles", "HistoricalInburgeraar")
        OudDossier = old.get_model("casefiles", "Dossier")
        Gezinslid = old.get_model("casefiles", "Gezinslid")
        wolden = Gemeente.objects.create(naam="De Wolden", cbs_code="1690")
        dalfsen = Gemeente.objects.create(naam="Dalfsen", cbs_code="0148")
        gedeeld = Persoon.objects.create(bsn="111222333", achternaam="Haddad", voornamen="Amira")
        alleen = Persoon.objects.create(bsn="100000009", achternaam="Osman")
        wees = Persoon.objects.create(bsn="100000010", achternaam="Zonder-Dossier")
        for i, naam in enumerate(["Hadad", "Haddad"]):
            Historie.objects.create(
                id=gedeeld.pk,
                bsn="111222333",
                achternaam=naam,
                history_date=f"2026-01-0{i + 1}T10:00:00Z",
                history_type="+" if i == 0 else "~",
            )
        Gezinslid.objects.create(
            inburgeraar=gedeeld, relatie="kind", naam="Sami", geboortedatum="2020-01-01"
        )
        d1 = OudDossier.objects.create(
            gemeente=wolden, inburgeraar=gedeeld, doelgroep="gezinsmigrant"
        )
        d2 = OudDossier.objects.create(
            gemeente=dalfsen, inburgeraar=gedeeld, doelgroep="gezinsmigrant"
        )
        d3 = OudDossier.objects.create(
            gemeente=dalfsen, inburgeraar=alleen, doelgroep="gezinsmigrant"
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(leaves)

    eerste, tweede, derde = (Dossier.objects.get(pk=d.pk) for d in (d1, d2, d3))
    assert eerste.inburgeraar_id == gedeeld.pk and eerste.inburgeraar.gemeente_id == wolden.pk
    kopie = tweede.inburgeraar
    assert kopie.pk != gedeeld.pk and kopie.gemeente_id == dalfsen.pk
    assert (kopie.bsn, kopie.achternaam, kopie.voornamen) == ("111222333", "Haddad", "Amira")
    assert derde.inburgeraar_id == alleen.pk and derde.inburgeraar.gemeente_id == dalfsen.pk
    assert not Inburgeraar.objects.filter(pk=wees.pk).exists()
    # each record has its own household and its own history
    assert list(kopie.gezinsleden.values_list("naam", flat=True)) == ["Sami"]
    assert list(eerste.inburgeraar.gezinsleden.values_list("naam", flat=True)) == ["Sami"]
    for persoon, gemeente in ((eerste.inburgeraar, wolden), (kopie, dalfsen)):
        historie = list(persoon.history.order_by("history_date"))
        assert [h.achternaam for h in historie] == ["Hadad", "Haddad"]
        assert {h.gemeente_id for h in historie} == {gemeente.pk}
