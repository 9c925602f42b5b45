"""Retention and anonymisation (issue 17, items 3 and 5): dossiers built through the
services with every kind of data, the job run years later, then the whole database
scanned (every table, historical ones included, found by introspection)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casefiles import accesslog
from casefiles.choices import Rol
from casefiles.models import Contactmoment, Dossier, Inburgeraar
from pip_plans.models import PipBrief, PipVersie
from privacy.models import Anonimisering, Bewaartermijn
from privacy.retentie import services
from privacy.retentie.choices import Bewaarsoort
from tests.factories import DossierFactory, GemeenteFactory, staff

from . import builders
from .builders import Persoon

pytestmark = pytest.mark.django_db(transaction=False)

T0 = datetime(2022, 9, 1, 9, 0, tzinfo=UTC)
IDS_ONLY = {"casefiles_accesslog", "casefiles_outboxjob"}
"""Tables that hold ids and fixed texts of the code only (purposes, job kinds, payloads
of ids): their new texts are not the dossier's free text. They are still scanned for
the BSN, the names and the birth date."""


def jaren_later(n: int, dagen: int = 14) -> datetime:
    return T0.replace(year=T0.year + n) + timedelta(days=dagen)


def dashboard(gemeente) -> list[tuple]:
    from monitoring.indicators import Filters, bereken

    f = Filters(gemeente_ids=(gemeente.pk,), van=date(2021, 1, 1), tot=date(2026, 12, 31))
    return [(r.sleutel, r.waarde, r.n) for r in bereken(f, parallel=False)]


class Wereld:
    def __init__(self):
        from leerroutes.models import Aanbieder
        from ontzorgen import demo as ontzorgen_demo

        self.gemeente = GemeenteFactory(naam="Retentiedorp")
        self.werkcoach = staff(Rol.WERKCOACH, self.gemeente)
        self.consulent = staff(Rol.CONSULENT, self.gemeente)
        self.beheer = staff(Rol.BEHEER, self.gemeente)
        self.aanbieder = Aanbieder.objects.create(naam="Taalhuis Retentie", duo_code="T99901")
        self.aanbieder.gemeenten.add(self.gemeente)
        self.partners = ontzorgen_demo._partners(self.gemeente)

    def bouw(self, p: Persoon, i: int):
        return builders.bouw_dossier(
            self.gemeente,
            self.werkcoach,
            self.consulent,
            self.beheer,
            self.aanbieder,
            self.partners,
            p,
            i,
        )


def persoon(merk: str, n: int, geboren: date) -> Persoon:
    return Persoon(
        merk=merk,
        bsn=builders.geldig_bsn(271_828_000 + n * 1000),
        voornamen=f"{merk}voornaam",
        achternaam=f"{merk}achternaam",
        geboortedatum=geboren,
    )


@pytest.fixture
def opzet(db):
    """At T0: a dossier still running (Lopend), one closed three years later
    (Binnen, still in its period when the job runs), and the dossier whose period will
    have passed (Weg), built last so that every text it brings is known."""
    with time_machine.travel(T0, tick=False):
        w = Wereld()
        lopend = persoon("Lopendzz", 1, date(1985, 4, 3))
        binnen = persoon("Binnenzz", 2, date(1983, 7, 21))
        w.bouw(lopend, 2)
        w.bouw(binnen, 3)
        voor = builders.teksten()
        weg = persoon("Wegzz", 3, date(1979, 2, 13))
        w.bouw(weg, 1)
        builders.sluit(weg.dossier, w.werkcoach)
        nieuw = {
            t
            for t, tabellen in builders.teksten_per_tabel().items()
            if t not in voor and tabellen - IDS_ONLY
        }
    with time_machine.travel(T0.replace(year=T0.year + 3), tick=False):
        # afgerond, not beëindigd: its timeline line differs from the target's
        builders.sluit(binnen.dossier, w.werkcoach, status="afgerond")
    return w, lopend, binnen, weg, nieuw


def test_volledig_dossier_is_na_de_termijn_weg_uit_elke_tabel(opzet):
    w, lopend, binnen, weg, nieuw = opzet
    assert nieuw, "the target dossier must have brought free text of its own"
    # the letter exists, the document exists: there is something to delete
    assert len(weg.bestanden) >= 2
    private = storages["private"]
    assert all(private.exists(n) for n in weg.bestanden)
    # before the job every needle is found (the scan can fail)
    assert builders.scan(weg.naalden(), [weg.geboortedatum])
    with time_machine.travel(jaren_later(6), tick=False):
        cijfers_voor = dashboard(w.gemeente)
        assert accesslog.verify().ok
        verslag = services.retentie_uitvoeren()
        assert verslag.dossiers[Bewaarsoort.DOSSIER] == {w.gemeente.pk: [weg.dossier.pk]}
        assert verslag.dossiers[Bewaarsoort.PIP] == {w.gemeente.pk: [weg.dossier.pk]}
        assert verslag.personen == {w.gemeente.pk: [weg.dossier.inburgeraar_id]}

        hits = builders.scan(weg.naalden() + sorted(nieuw), [weg.geboortedatum])
        assert hits == [], hits
        assert not any(private.exists(n) for n in weg.bestanden)
        assert accesslog.verify().ok
        assert dashboard(w.gemeente) == cijfers_voor

        # the dossiers within their period are untouched
        for p in (lopend, binnen):
            assert builders.scan([p.bsn, p.achternaam, p.merk], [p.geboortedatum])
            assert all(private.exists(n) for n in p.bestanden)
            assert not Anonimisering.objects.filter(dossier_id=p.dossier.pk).exists()

        # idempotent: a second run finds nothing and changes nothing
        stand = builders.dump()
        tweede = services.retentie_uitvoeren()
        assert tweede.dossiers == {} and tweede.personen == {}
        assert builders.dump() == stand


def test_dry_run_meldt_ids_en_verandert_niets(opzet):
    w, lopend, binnen, weg, _ = opzet
    with time_machine.travel(jaren_later(6), tick=False):
        stand = builders.dump()
        out = StringIO()
        call_command("retentie", "--dry-run", stdout=out)
        tekst = out.getvalue()
        assert builders.dump() == stand
        assert f"ids {weg.dossier.pk}" in tekst
        assert "1 dossier(s) zou anonimiseren" in tekst
        for p in (weg, lopend, binnen):
            assert p.bsn not in tekst and p.achternaam not in tekst
        assert str(lopend.dossier.pk) not in tekst.split("ids", 1)[1].split("\n")[0]


def test_vastgestelde_pip_blijft_tot_haar_eigen_termijn_voorbij_is(opzet):
    w, lopend, binnen, weg, nieuw = opzet
    Bewaartermijn.objects.create(
        gemeente=w.gemeente, soort=Bewaarsoort.PIP, jaren=10, bron="besluit college (test)"
    )
    vastgesteld = PipVersie.objects.filter(dossier=weg.dossier).exclude(status="concept")
    pip_voor = list(vastgesteld.values("motivatie", "pvt_afspraken"))
    assert pip_voor and pip_voor[0]["motivatie"]
    brieven = list(
        PipBrief.objects.filter(versie__dossier=weg.dossier).values_list("bestand", flat=True)
    )
    assert brieven
    private = storages["private"]
    with time_machine.travel(jaren_later(6), tick=False):
        verslag = services.retentie_uitvoeren()
        assert Bewaarsoort.PIP not in verslag.dossiers
        # the rest of the dossier is gone, the beschikking and the person stay
        assert Contactmoment.objects.get(dossier=weg.dossier).verslag == ""
        assert list(vastgesteld.values("motivatie", "pvt_afspraken")) == pip_voor
        assert all(private.exists(b) for b in brieven)
        assert Inburgeraar.objects.get(pk=weg.dossier.inburgeraar_id).bsn == weg.bsn
    with time_machine.travel(jaren_later(11), tick=False):
        verslag = services.retentie_uitvoeren()
        assert verslag.dossiers[Bewaarsoort.PIP] == {w.gemeente.pk: [weg.dossier.pk]}
        assert not any(private.exists(b) for b in brieven)
        hits = builders.scan(weg.naalden() + sorted(nieuw), [weg.geboortedatum])
        assert hits == [], hits
        assert accesslog.verify().ok


def test_chunk_kost_een_vast_aantal_statements(db):
    """Set-based: anonymising 1 or 4 dossiers in a chunk costs the same statements."""
    gemeente = GemeenteFactory()
    werkcoach = staff(Rol.WERKCOACH, gemeente)

    def maak(n):
        ids = []
        for k in range(n):
            d = DossierFactory(gemeente=gemeente, status="beeindigd")
            Contactmoment.objects.create(dossier=d, onderwerp=f"o{k}", verslag="tekst tekst")
            ids.append(d.pk)
        return ids

    with time_machine.travel(T0, tick=False):
        een, vier = maak(1), maak(4)
    counts = []
    with time_machine.travel(jaren_later(6), tick=False):
        for ids in (een, vier):
            with CaptureQueriesContext(connection) as ctx:
                services._anonimiseer_chunk(
                    soort=Bewaarsoort.DOSSIER, gemeente_id=gemeente.pk, ids=ids, actor=werkcoach
                )
            counts.append(len(ctx))
    assert counts[0] == counts[1]
    assert Contactmoment.objects.filter(dossier_id__in=een + vier, verslag="").count() == 5


def test_open_dossier_en_termijn_van_de_gemeente(db):
    """An open dossier never goes, however old; a gemeente's own period counts."""
    gemeente = GemeenteFactory()
    with time_machine.travel(T0, tick=False):
        open_ = DossierFactory(gemeente=gemeente, status="uitvoering")
        dicht = DossierFactory(gemeente=gemeente, status="afgerond")
        Dossier.objects.filter(pk=open_.pk).update(status="uitvoering")
    Bewaartermijn.objects.create(gemeente=gemeente, soort="dossier", jaren=8, bron="beleid")
    with time_machine.travel(jaren_later(6), tick=False):
        assert (
            list(
                services.kandidaten(gemeente_id=gemeente.pk, soort="dossier", vandaag=date.today())
            )
            == []
        )
    with time_machine.travel(jaren_later(8), tick=False):
        assert list(
            services.kandidaten(gemeente_id=gemeente.pk, soort="dossier", vandaag=date.today())
        ) == [dicht.pk]
