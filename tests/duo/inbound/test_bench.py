"""The benchmark command measures and leaves nothing behind."""

from io import StringIO

import pytest
from django.core.management import call_command

from casefiles.models import Dossier, Gemeente
from duo.inbound.models import Notificatie

pytestmark = pytest.mark.django_db


def test_duo_bench_ontvangen_rolls_everything_back():
    out = StringIO()
    call_command("duo_bench_ontvangen", "--aantal", "3", stdout=out)
    text = out.getvalue()
    assert "3 verwerkt met de fake DUO" in text and "(3 verwerkt;" in text
    assert "Alles teruggedraaid." in text
    assert not Gemeente.objects.filter(cbs_code="9999").exists()
    assert not Notificatie.objects.exists()
    assert not Dossier.objects.exists()
