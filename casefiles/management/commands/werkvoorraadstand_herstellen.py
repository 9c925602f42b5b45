"""python manage.py werkvoorraadstand_herstellen

Recompute the WerkvoorraadStand (first open deadline, open tasks) of every dossier
from its tasks. The database keeps it by triggers (casefiles 0021); this is for after
something bypassed them — a restore with ``--disable-triggers``, rows written with
triggers switched off — since the werkvoorraad lists a dossier only with its stand.
Safe to run at any time: it writes only rows that differ."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from casefiles.models import Dossier, WerkvoorraadStand

SQLITE = """
INSERT OR REPLACE INTO casefiles_werkvoorraadstand (dossier_id, volgende_deadline, open_taken)
SELECT d.id,
  (SELECT MIN(deadline) FROM casefiles_taak WHERE dossier_id = d.id AND status = 'open'),
  (SELECT COUNT(*) FROM casefiles_taak WHERE dossier_id = d.id AND status = 'open')
FROM casefiles_dossier d
"""


class Command(BaseCommand):
    help = "Herbereken de werkvoorraadstand (eerste open deadline, open taken) van elk dossier."

    def handle(self, *args, **opts):
        with transaction.atomic(), connection.cursor() as c:
            if connection.vendor == "postgresql":
                c.execute(
                    "SELECT casefiles_werkvoorraadstand_herbereken("
                    "ARRAY(SELECT id FROM casefiles_dossier))"
                )
                c.execute(
                    "DELETE FROM casefiles_werkvoorraadstand s WHERE NOT EXISTS "
                    "(SELECT 1 FROM casefiles_dossier d WHERE d.id = s.dossier_id)"
                )
            else:
                c.execute(SQLITE)
                c.execute(
                    "DELETE FROM casefiles_werkvoorraadstand WHERE dossier_id NOT IN "
                    "(SELECT id FROM casefiles_dossier)"
                )
        self.stdout.write(
            f"Werkvoorraadstand herberekend: {WerkvoorraadStand.objects.count()} standen "
            f"voor {Dossier.objects.count()} dossiers."
        )
