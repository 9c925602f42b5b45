"""Edges of the retention job: one gemeente's run never touches another's dossiers; a
person who returns after anonymisation can be registered again; the placeholder is not
a BSN; the job's access-log rows hold ids only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from casefiles import rules
from casefiles import services as cf_services
from casefiles.choices import Rol
from casefiles.models import AccessLog, Contactmoment, Inburgeraar
from privacy.retentie import services
from tests.factories import DossierFactory, GemeenteFactory, staff

T0 = datetime(2022, 9, 1, 9, 0, tzinfo=UTC)
LATER = datetime(2028, 9, 15, 9, 0, tzinfo=UTC)


@pytest.fixture
def twee_gemeenten(db):
    with time_machine.travel(T0, tick=False):
        a, b = GemeenteFactory(), GemeenteFactory()
        da = DossierFactory(gemeente=a, status="afgerond")
        db_ = DossierFactory(gemeente=b, status="afgerond")
        for d in (da, db_):
            Contactmoment.objects.create(dossier=d, onderwerp="Gesprek", verslag="vertrouwelijk")
    return a, b, da, db_


def test_run_voor_een_gemeente_raakt_de_andere_niet(twee_gemeenten):
    a, b, da, db_ = twee_gemeenten
    bsn_b = db_.inburgeraar.bsn
    with time_machine.travel(LATER, tick=False):
        verslag = services.retentie_uitvoeren(gemeente_ids=[a.pk])
    assert verslag.dossiers["dossier"] == {a.pk: [da.pk]}
    assert Contactmoment.objects.get(dossier=db_).verslag == "vertrouwelijk"
    assert Inburgeraar.objects.get(pk=db_.inburgeraar_id).bsn == bsn_b
    assert Contactmoment.objects.get(dossier=da).verslag == ""


def test_wie_terugkomt_kan_opnieuw_worden_ingeschreven(twee_gemeenten):
    a, b, da, db_ = twee_gemeenten
    bsn = da.inburgeraar.bsn
    with time_machine.travel(LATER, tick=False):
        services.retentie_uitvoeren(gemeente_ids=[a.pk])
        persoon = Inburgeraar.objects.get(pk=da.inburgeraar_id)
        assert persoon.bsn == f"X{persoon.pk:08d}"
        assert not rules.bsn_is_valid(persoon.bsn)
        assert persoon.achternaam == "Geanonimiseerd" and persoon.geboortedatum is None
        beheer = staff(Rol.BEHEER, a)
        nieuw = cf_services.dossier_create(
            actor=beheer,
            gemeente=a,
            persoon={"bsn": bsn, "achternaam": "Terug", "geboortedatum": None},
            doelgroep="gezinsmigrant",
        )
    assert nieuw.inburgeraar_id != da.inburgeraar_id


def test_toegangslog_van_de_taak_alleen_ids(twee_gemeenten):
    a, b, da, db_ = twee_gemeenten
    with time_machine.travel(LATER, tick=False):
        services.retentie_uitvoeren()
    rijen = AccessLog.objects.filter(onderdeel__startswith="privacy.anonimiseren.")
    assert {(r.dossier_id, r.onderdeel) for r in rijen} == {
        (da.pk, "privacy.anonimiseren.dossier"),
        (da.pk, "privacy.anonimiseren.pip"),
        (db_.pk, "privacy.anonimiseren.dossier"),
        (db_.pk, "privacy.anonimiseren.pip"),
    }
    assert {r.user_id for r in rijen} == {services.SYSTEEM_USER_ID}
    assert {r.doel for r in rijen} == {services.DOEL}


def test_heropend_na_selectie_blijft_onaangeroerd(twee_gemeenten):
    """The chunk locks its dossiers and re-checks: a dossier reopened after it was
    selected (another user, at the same moment) is not anonymised."""
    a, b, da, db_ = twee_gemeenten
    with time_machine.travel(LATER, tick=False):
        ids = list(services.kandidaten(gemeente_id=a.pk, soort="dossier", vandaag=LATER.date()))
        assert ids == [da.pk]
        werkcoach = staff(Rol.WERKCOACH, a)
        cf_services.dossier_change_status(actor=werkcoach, dossier=da, status="uitvoering")
        bestanden, gedaan = services._anonimiseer_chunk(
            soort="dossier", gemeente_id=a.pk, ids=ids, actor=None
        )
    assert gedaan == []
    assert Contactmoment.objects.get(dossier=da).verslag == "vertrouwelijk"
    assert not AccessLog.objects.filter(onderdeel__startswith="privacy.").exists()


def test_chunk_van_een_andere_gemeente_doet_niets(twee_gemeenten):
    """Ids of another gemeente's dossiers passed to a gemeente's chunk are ignored."""
    a, b, da, db_ = twee_gemeenten
    with time_machine.travel(LATER, tick=False):
        _, gedaan = services._anonimiseer_chunk(
            soort="dossier", gemeente_id=a.pk, ids=[db_.pk], actor=None
        )
    assert gedaan == []
    assert Contactmoment.objects.get(dossier=db_).verslag == "vertrouwelijk"


def test_formulier_van_voor_de_anonimisering_wordt_geweigerd(twee_gemeenten):
    """Two writers on one record: a form opened before the job (the person's phone
    number) cannot write the removed data back; optimistic locking refuses it."""
    from casefiles.locking import EditConflict, token_for

    a, b, da, db_ = twee_gemeenten
    persoon = Inburgeraar.objects.get(pk=da.inburgeraar_id)
    Inburgeraar.objects.filter(pk=persoon.pk).update(telefoon="0612345678")
    persoon.refresh_from_db()
    token = token_for(persoon, ["telefoon"])
    with time_machine.travel(LATER, tick=False):
        services.retentie_uitvoeren(gemeente_ids=[a.pk])
        werkcoach = staff(Rol.WERKCOACH, a)
        with pytest.raises(EditConflict):
            cf_services.inburgeraar_update(
                actor=werkcoach, dossier=da, bewerkversie=token, telefoon="0612345678"
            )
    assert Inburgeraar.objects.get(pk=persoon.pk).telefoon == ""


def test_termijn_loopt_vanaf_het_afsluiten_niet_vanaf_een_latere_wijziging(db):
    from casefiles.models import Dossier

    gemeente = GemeenteFactory()
    werkcoach = staff(Rol.WERKCOACH, gemeente)
    with time_machine.travel(T0, tick=False):
        d = DossierFactory(gemeente=gemeente, status="uitvoering")
        cf_services.dossier_change_status(actor=werkcoach, dossier=d, status="afgerond")
    with time_machine.travel(T0.replace(year=2024), tick=False):
        Dossier.objects.get(pk=d.pk).save()  # a later change of the closed dossier

    def kandidaten(moment):
        with time_machine.travel(moment, tick=False):
            return list(
                services.kandidaten(gemeente_id=gemeente.pk, soort="dossier", vandaag=moment.date())
            )

    assert kandidaten(T0.replace(year=2027) - timedelta(days=1)) == []
    assert kandidaten(T0.replace(year=2027)) == [d.pk]


def test_commando_met_gemeente_en_datum(twee_gemeenten):
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    a, b, da, db_ = twee_gemeenten
    out = StringIO()
    call_command("retentie", "--gemeente", a.cbs_code, "--datum", "2028-09-15", stdout=out)
    tekst = out.getvalue()
    assert f"gemeente {a.cbs_code}: 1 — ids {da.pk}" in tekst
    assert str(db_.pk) not in tekst.split("Personen")[0].split("ids", 1)[1].split("\n")[0]
    assert da.inburgeraar.bsn not in tekst and da.inburgeraar.achternaam not in tekst
    assert Contactmoment.objects.get(dossier=da).verslag == ""
    assert Contactmoment.objects.get(dossier=db_).verslag == "vertrouwelijk"
    with pytest.raises(CommandError, match="Onbekende gemeente"):
        call_command("retentie", "--gemeente", "0000", stdout=StringIO())
    with pytest.raises(CommandError, match="JJJJ-MM-DD"):
        call_command("retentie", "--datum", "15-09-2028", stdout=StringIO())
