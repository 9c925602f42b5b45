"""python manage.py uren_volgorde_herbouwen"""

from __future__ import annotations

import json
import time

from django.core.management.base import BaseCommand
from django.db import transaction

from leerroutes import urensamenvatting, urenvolgorde


class Command(BaseCommand):
    help = (
        "Herbouwt de afgeleide volgorde van de urenregistraties (vorige_aanwezig_start) "
        "waarmee het dashboard personen met uren telt. Normaal houdt elke wijziging die "
        "bij; draai dit na een import buiten de applicatie om of bij twijfel. Wijzigt "
        "alleen wat afwijkt; veilig om te herhalen. Controleert daarna de urensamenvatting "
        "van het dashboard tegen de urenregistraties en herbouwt die als ze afwijkt."
    )

    def add_arguments(self, parser):
        parser.add_argument("--per", type=int, default=20000, help="Dossier-ids per statement.")

    def handle(self, *args, **opts):
        t0 = time.perf_counter()
        with transaction.atomic():
            veranderd = urenvolgorde.alles_herbouwen(per=opts["per"])
        afwijkend = urensamenvatting.verschillen()
        if afwijkend:
            urensamenvatting.herbouwen()
        else:
            urensamenvatting.compacteren()
        self.stdout.write(
            json.dumps(
                {
                    "gewijzigde_rijen": veranderd,
                    "samenvatting_afwijkende_sleutels": afwijkend,
                    "seconden": round(time.perf_counter() - t0, 2),
                }
            )
        )
