"""Item 7 of issue 15: small-number suppression with SECONDARY suppression, so a hidden
cell cannot be recomputed from the totals (today WI2021 33 beside a total of 34 would
reveal WI2013 = 1); targets compare like with like; the Oordeel column is never empty."""

from __future__ import annotations

import csv
import io
import itertools
import random
from datetime import date

import pytest
from django.urls import reverse

from monitoring import rules
from monitoring.indicators import REGISTRY, Filters, bereken
from tests.factories import DossierFactory

GRENS = rules.SUPPRESSIE_GRENS


@pytest.mark.parametrize(
    "aantallen, extra",
    [
        ([33, 1], {0}),  # the example of the issue: 33 + hidden 1 = total 34
        ([20, 30, 2, 10], {3}),  # hidden 2 and 10: together 12, two cells
        ([20, 30, 0, 0], set()),  # hidden zeros: the total reveals nobody
        ([20, 30, 0, 1], {0}),  # 0 + 1 hidden: 1 < 5, the smallest shown (20) too
        ([10, 10, 10], set()),  # nothing small, nothing hidden
        ([4, 4, 50], set()),  # two hidden cells that hold 8 together: enough
        ([None, 3, 9], {2}),  # a line without a figure does not count
        ([3], set()),  # a single cell has nothing to hide it behind
        ([1, 1, 1, 40, 6], {4}),  # 1+1+1 = 3 < 5: the smallest shown (6) goes too
    ],
)
def test_secundaire_onderdrukking_table(aantallen, extra):
    """Rows: statistical disclosure control, at least two hidden cells per line and
    the hidden cells together at least the threshold (DESIGN.md §2 'small numbers')."""
    assert rules.secundaire_onderdrukking(aantallen) == extra


def _af_te_leiden(aantallen: list[int], verborgen: set[int]) -> dict[int, int]:
    """What an attacker can recompute when the total (the sum of the line) is known:
    each hidden cell whose value is the only one consistent with the total and with
    every hidden cell being a non-negative count (a primary one below the threshold)."""
    totaal = sum(aantallen)
    rest = totaal - sum(n for i, n in enumerate(aantallen) if i not in verborgen)
    bereik = {i: range(0, (GRENS if aantallen[i] < GRENS else rest) + 1) for i in verborgen}
    volgorde = sorted(verborgen)
    mogelijk: dict[int, set[int]] = {i: set() for i in volgorde}
    for combinatie in itertools.product(*(bereik[i] for i in volgorde)):
        if sum(combinatie) == rest:
            for i, waarde in zip(volgorde, combinatie, strict=True):
                mogelijk[i].add(waarde)
    return {i: next(iter(w)) for i, w in mogelijk.items() if len(w) == 1}


def test_no_hidden_small_cell_can_be_recomputed_from_the_total():
    """Brute force over many lines: with the total known, no hidden cell below the
    threshold has a single possible value."""
    rng = random.Random(15)
    for _ in range(400):
        aantallen = [rng.choice([0, 1, 2, 3, 4, 6, 9, 15, 33]) for _ in range(rng.randint(2, 5))]
        verborgen = {i for i, n in enumerate(aantallen) if n < GRENS}
        verborgen |= rules.secundaire_onderdrukking(aantallen)
        # The persons to protect: hidden small counts of 1–4 (a 0 holds nobody).
        primair = {i for i, n in enumerate(aantallen) if 0 < n < GRENS}
        if not primair or len(aantallen) == 1:
            continue
        onthuld = _af_te_leiden(aantallen, verborgen)
        assert not (set(onthuld) & primair), (aantallen, sorted(verborgen), onthuld)


def test_without_secondary_suppression_the_attack_works():
    """The check above can fail: hiding only the small cell reveals it."""
    assert _af_te_leiden([33, 1], {1}) == {1: 1}


@pytest.fixture
def wi2013_een(world):
    DossierFactory.create_batch(33, gemeente=world.gemeente)
    DossierFactory(gemeente=world.gemeente, datum_start_plicht=date(2021, 6, 1))
    return Filters(gemeente_ids=(world.gemeente.pk,), van=date(2026, 1, 1), tot=date(2026, 12, 31))


def test_dashboard_hides_wi2021_beside_a_hidden_wi2013(world, wi2013_een):
    per = {r.sleutel: r for r in bereken(wi2013_een)}
    # The total is visible elsewhere: every doelgroep line of the same dossiers.
    totaal = 35  # the 34 above plus the world's own dossier
    assert per["inburgeraars_doelgroep.asielstatushouder"].weergave == str(totaal)
    wi2021, wi2013 = per["inburgeraars_regime.WI2021"], per["inburgeraars_regime.WI2013"]
    assert wi2013.weergave == "<5"
    assert wi2021.weergave == "×" and wi2021.secundair and wi2021.onderdrukt
    assert wi2021.exporteerbare_waarde == "×"


def test_exports_carry_the_secondary_suppression(client, world, wi2013_een):
    client.force_login(world.beleid)
    url = reverse("admin:monitoring_export", args=["csv"]) + "?van=2026-01-01&tot=2026-12-31"
    tekst = client.get(url).content.decode("utf-8-sig")
    rows = {r["sleutel"]: r for r in csv.DictReader(io.StringIO(tekst), delimiter=";")}
    assert rows["inburgeraars_regime.WI2021"]["waarde"] == "×"
    assert rows["inburgeraars_regime.WI2013"]["waarde"] == "<5"
    assert "34" not in {r["waarde"] for k, r in rows.items() if k.startswith("inburgeraars_regime")}


def test_targets_compare_like_with_like_and_oordeel_is_never_empty(world, wi2013_een):
    for rij in bereken(wi2013_een):
        if rij.doel is not None:
            assert rij.eenheid == rij.indicator.eenheid, rij.sleutel
        assert rij.oordeel, rij.sleutel
        if rij.koers in ("op_koers", "niet_op_koers"):
            assert rij.oordeel in ("Op koers", "Achter")


def test_every_summing_indicator_exists():
    assert set(REGISTRY) >= rules.OPTELLENDE_INDICATOREN
