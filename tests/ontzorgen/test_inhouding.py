"""The withholding instruction (issue 18 item 5): reconciled with the payments —
every paid payment on exactly one instruction — and its CSV and PDF."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from ontzorgen import inhouding
from ontzorgen.choices import BetalingStatus
from ontzorgen.models import Betaling, InhoudingsRegel
from tests.factories import DossierFactory
from tests.ontzorgen.factories import BetalingFactory, PlanFactory, VasteLastFactory, soort

JAN, FEB, MAR = date(2027, 1, 1), date(2027, 2, 1), date(2027, 3, 1)


def _plan(gemeente, achternaam):
    d = DossierFactory(
        gemeente=gemeente, datum_start_bijstand=JAN, inburgeraar__achternaam=achternaam
    )
    plan = PlanFactory(dossier=d)
    huur = VasteLastFactory(plan=plan, bedrag=Decimal("654.20"))
    zorg = VasteLastFactory(
        plan=plan,
        soort=soort("zorgverzekering"),
        crediteur_naam="Zilveren Kruis",
        bedrag=Decimal("148.95"),
    )
    return d, huur, zorg


def _pay(last, maand, status=BetalingStatus.BETAALD):
    return BetalingFactory(vaste_last=last, maand=maand, status=status)


@pytest.fixture
def betalingen(world):
    d1, h1, z1 = _plan(world.gemeente, "Haddad")
    d2, h2, z2 = _plan(world.gemeente, "Kebede")
    rows = {
        "h1_jan": _pay(h1, JAN),
        "z1_jan": _pay(z1, JAN),
        "h2_jan": _pay(h2, JAN),
        "z2_jan": _pay(z2, JAN, BetalingStatus.MISLUKT),  # bank refused: not paid
        "h1_feb": _pay(h1, FEB),
        "z1_feb": _pay(z1, FEB, BetalingStatus.GEEXPORTEERD),  # not yet confirmed
        "h2_mar": _pay(h2, MAR, BetalingStatus.GEPLAND),
    }
    _de, he, _ze = _plan(world.andere_gemeente, "Elders")
    rows["elders"] = _pay(he, JAN)
    return rows


def _paid(world):
    return Betaling.objects.filter(gemeente=world.gemeente, status=BetalingStatus.BETAALD)


def test_every_paid_payment_on_exactly_one_instruction(world, betalingen):
    jan = inhouding.inhouding_maken(actor=world.consulent, gemeente=world.gemeente, maand=JAN)
    assert set(jan.regels.values_list("betaling_id", flat=True)) == {
        betalingen[k].pk for k in ("h1_jan", "z1_jan", "h2_jan")
    }
    assert (jan.aantal_personen, jan.aantal_regels, jan.totaal) == (2, 3, Decimal("1457.35"))
    feb = inhouding.inhouding_maken(actor=world.consulent, gemeente=world.gemeente, maand=FEB)
    assert list(feb.regels.values_list("betaling_id", flat=True)) == [betalingen["h1_feb"].pk]
    # the exported payment is confirmed later: it goes on an aanvulling of February
    Betaling.objects.filter(pk=betalingen["z1_feb"].pk).update(status=BetalingStatus.BETAALD)
    aanvulling = inhouding.inhouding_maken(
        actor=world.consulent, gemeente=world.gemeente, maand=FEB
    )
    assert (aanvulling.maand, aanvulling.volgnummer, aanvulling.aantal_regels) == (FEB, 2, 1)
    # reconciled: each paid payment of the gemeente on exactly one instruction
    for b in _paid(world):
        assert InhoudingsRegel.objects.filter(betaling=b).count() == 1
    a = inhouding.aansluiting(gemeente_ids=[world.gemeente.pk])
    assert a.sluit and a.betaald_totaal == a.ingehouden_totaal
    # and nothing left: a new one is refused with a Dutch message
    with pytest.raises(ValidationError) as exc:
        inhouding.inhouding_maken(actor=world.consulent, gemeente=world.gemeente, maand=MAR)
    assert "geen betaalde betalingen" in exc.value.messages[0]
    # the other gemeente's payment is on none of ours
    assert not InhoudingsRegel.objects.filter(betaling=betalingen["elders"]).exists()


def test_reconciliation_reports_paid_but_not_withheld_and_storno_after_withholding(
    world, betalingen
):
    a = inhouding.aansluiting(gemeente_ids=[world.gemeente.pk])
    assert not a.sluit
    assert {b.pk for b in a.niet_ingehouden} == {
        betalingen[k].pk for k in ("h1_jan", "z1_jan", "h2_jan", "h1_feb")
    }
    inhouding.inhouding_maken(actor=world.consulent, gemeente=world.gemeente, maand=FEB)
    assert inhouding.aansluiting(gemeente_ids=[world.gemeente.pk]).sluit
    Betaling.objects.filter(pk=betalingen["h2_jan"].pk).update(status=BetalingStatus.GESTORNEERD)
    a = inhouding.aansluiting(gemeente_ids=[world.gemeente.pk])
    assert [b.pk for b in a.gestorneerd_ingehouden] == [betalingen["h2_jan"].pk]
    assert not a.sluit


def test_the_database_refuses_a_payment_on_two_instructions(world, betalingen):
    jan = inhouding.inhouding_maken(actor=world.consulent, gemeente=world.gemeente, maand=JAN)
    b = betalingen["h1_jan"]
    with pytest.raises(IntegrityError), transaction.atomic():
        InhoudingsRegel.objects.create(
            opdracht=jan, betaling=b, dossier=jan.regels.first().dossier, bedrag=b.bedrag
        )


def test_csv_per_line_with_the_persons_total(world, betalingen):
    jan = inhouding.inhouding_maken(actor=world.consulent, gemeente=world.gemeente, maand=JAN)
    raw = inhouding.als_csv(jan)
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert list(rows[0]) == inhouding.CSV_KOLOMMEN
    assert len(rows) == 3
    haddad = [r for r in rows if r["naam"].endswith("Haddad")]
    assert {r["bedrag"] for r in haddad} == {"654,20", "148,95"}
    assert {r["totaal_persoon"] for r in haddad} == {"803,15"}
    assert sum(Decimal(r["bedrag"].replace(",", ".")) for r in rows) == jan.totaal
    assert {r["bsn"] for r in rows} == {
        b.vaste_last.plan.dossier.inburgeraar.bsn for b in jan_betalingen(jan)
    }


def jan_betalingen(opdracht):
    return [
        r.betaling
        for r in opdracht.regels.select_related("betaling__vaste_last__plan__dossier__inburgeraar")
    ]


def test_pdf_is_a_real_pdf_with_each_person_and_the_total(world, betalingen, tmp_path):
    from pypdf import PdfReader

    jan = inhouding.inhouding_maken(actor=world.consulent, gemeente=world.gemeente, maand=JAN)
    pdf = inhouding.als_pdf(jan)
    assert pdf.startswith(b"%PDF")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Haddad" in text and "Kebede" in text
    assert "1.457,35" in text
    assert "803,15" in text
    if shutil.which("pdftoppm"):
        out = Path("test-artifacts")
        out.mkdir(exist_ok=True)
        (tmp_path / "i.pdf").write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", str(tmp_path / "i.pdf"), str(out / "inhouding")],
            check=True,
        )
        assert list(out.glob("inhouding-*.png"))


def test_downloads_log_every_person_as_export_and_carry_no_personal_data_in_the_name(
    client, world, betalingen
):
    from casefiles.models import AccessLog

    jan = inhouding.inhouding_maken(actor=world.consulent, gemeente=world.gemeente, maand=JAN)
    client.force_login(world.consulent)
    response = client.get(reverse("ontzorgen:inhouding_csv", kwargs={"opdracht_pk": jan.pk}))
    assert response.status_code == 200
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="inhouding-{world.gemeente.cbs_code}-2027-01-1.csv"'
    )
    rows = AccessLog.objects.filter(
        user_id=world.consulent.pk, action="export", onderdeel="ontzorgen.inhouding"
    )
    assert rows.count() == 2


def test_making_through_the_page_keeps_the_form_on_error(client, world):
    client.force_login(world.consulent)
    response = client.post(
        reverse("ontzorgen:inhouding_lijst"), {"gemeente": world.gemeente.pk, "maand": "2027-01"}
    )
    assert response.status_code == 200
    assert "geen betaalde betalingen" in response.content.decode()
    response = client.post(
        reverse("ontzorgen:inhouding_lijst"),
        {"gemeente": world.andere_gemeente.pk, "maand": "2027-01"},
    )
    assert "Selecteer een geldige keuze" in response.content.decode()
