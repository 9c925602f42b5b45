"""python manage.py pip_bench_brief [--versie ID] [--runs N]

Measures the render time of a PIP beschikking (HTML + WeasyPrint), cold and warm.
A benchmark command, not a test: it writes nothing to the database."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string

from casefiles.pdf import render_html_to_pdf
from pip_plans.choices import VersieStatus
from pip_plans.models import PipVersie
from pip_plans.services import BRIEF_TEMPLATE, brief_context


class Command(BaseCommand):
    help = "Meet de rendertijd van een PIP-beschikking (koud en warm)."

    def add_arguments(self, parser):
        parser.add_argument("--versie", type=int, help="id van een vastgestelde PIP-versie")
        parser.add_argument("--runs", type=int, default=5)

    def handle(self, *args, **options):
        qs = PipVersie.objects.exclude(status=VersieStatus.CONCEPT)
        versie = qs.filter(pk=options["versie"]).first() if options["versie"] else qs.first()
        if versie is None:
            raise CommandError("Geen vastgestelde PIP gevonden (draai eerst seed_demo).")
        tijden = []
        for _ in range(options["runs"] + 1):
            start = time.perf_counter()
            html = render_to_string(BRIEF_TEMPLATE, brief_context(versie))
            pdf = render_html_to_pdf(html)
            tijden.append(time.perf_counter() - start)
        warm = sorted(tijden[1:])
        self.stdout.write(
            f"PIP-versie {versie.pk}: {len(pdf)} bytes; koud {tijden[0] * 1000:.0f} ms; "
            f"warm mediaan {warm[len(warm) // 2] * 1000:.0f} ms, max {warm[-1] * 1000:.0f} ms"
        )
