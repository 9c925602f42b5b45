"""python manage.py generate_synthetic --dossiers N --gemeenten G"""

from __future__ import annotations

import json
import random
import time

from django.core.management.base import BaseCommand, CommandError

from monitoring import synthetic


class Command(BaseCommand):
    help = (
        "Maakt N fictieve dossiers verdeeld over G synthetische gemeenten (CBS-code 9001 e.v.) "
        "met alle stadia, leerroutes, uren en uitkomsten. Dossiers worden via de services "
        "aangemaakt (dossier_create, dossier_change_status); de vele onderliggende regels "
        "(PIP-versies, trajecten, uren, activiteiten, uitstroom, gesprekken, begeleiding, "
        "ontzorgen, handhaving) worden per batch in bulk geschreven, omdat de services per "
        "regel (PDF-beschikkingen, betaalruns) voor 100.000 dossiers uren zouden duren. "
        "BSN's uit de reeks 8xxxxxxxx (elfproef), nooit die van de demo. Telt op bij wat er al is."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dossiers", type=int, required=True)
        parser.add_argument("--gemeenten", type=int, default=2)
        parser.add_argument("--batch", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--bulk",
            action="store_true",
            help="Ook de dossiers zelf in bulk schrijven (zonder tijdlijn en toegangslog); "
            "voor benchmarks met 100.000 dossiers.",
        )

    def handle(self, *args, **opts):
        n, g = opts["dossiers"], opts["gemeenten"]
        if n < 1 or g < 1:
            raise CommandError("Geef minstens 1 dossier en 1 gemeente op.")
        rng = random.Random(opts["seed"])  # noqa: S311 (synthetic data, not security)
        env = synthetic.omgeving(g)
        bsns = synthetic.synthetic_bsns(synthetic.volgende_bsn_prefix())
        begin = time.perf_counter()
        gemaakt = 0
        while gemaakt < n:
            t0 = time.perf_counter()
            aantal = min(opts["batch"], n - gemaakt)
            synthetic.batch_maken(env, aantal, bsns, rng, bulk=opts["bulk"])
            gemaakt += aantal
            per_1000 = (time.perf_counter() - t0) / aantal * 1000
            self.stderr.write(f"{gemaakt}/{n} dossiers ({per_1000:.2f} s per 1.000)")
        duur = time.perf_counter() - begin
        self.stdout.write(
            json.dumps(
                {
                    "dossiers": n,
                    "gemeenten": g,
                    "modus": "bulk" if opts["bulk"] else "services",
                    "seconden": round(duur, 1),
                    "seconden_per_1000": round(duur / n * 1000, 2),
                }
            )
        )
