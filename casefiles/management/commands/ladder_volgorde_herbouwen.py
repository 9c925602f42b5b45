"""python manage.py ladder_volgorde_herbouwen"""

from __future__ import annotations

import json
import time

from django.core.management.base import BaseCommand
from django.db import transaction

from casefiles.participatie import laddervolgorde


class Command(BaseCommand):
    help = (
        "Herbouwt de afgeleide volgorde van de participatieladdermetingen (volgende_datum, "
        "eerste_intake) waarmee het dashboard de trede bij de intake en aan het einde van "
        "de periode telt. Normaal houdt elke wijziging die bij; draai dit na een import "
        "buiten de applicatie om of bij twijfel. Wijzigt alleen wat afwijkt; veilig om te "
        "herhalen."
    )

    def add_arguments(self, parser):
        parser.add_argument("--per", type=int, default=20000, help="Dossier-ids per statement.")

    def handle(self, *args, **opts):
        t0 = time.perf_counter()
        with transaction.atomic():
            veranderd = laddervolgorde.alles_herbouwen(per=opts["per"])
        self.stdout.write(
            json.dumps(
                {"gewijzigde_rijen": veranderd, "seconden": round(time.perf_counter() - t0, 2)}
            )
        )
