"""python manage.py drill [--long] [--only NAME ...]

Runs the fault drills of every app (``<app>/drills.py``) against real processes: a
private redis-server, Celery workers and beat, gunicorn, and the configured
PostgreSQL database. Prints per drill what it expected and what it found (lost,
duplicated). ``make drill`` runs the long versions on their own database."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from casefiles.drills import collected_drills


class Command(BaseCommand):
    help = "Storingsoefeningen: Redis weg, kill -9, verbinding weg; verwacht tegen gevonden."

    def add_arguments(self, parser):
        parser.add_argument("--long", action="store_true", help="de lange versies")
        parser.add_argument("--only", nargs="+", default=None, help="alleen deze oefeningen")

    def handle(self, *args, long, only, **options):
        if connection.vendor != "postgresql":
            raise CommandError("De oefeningen hebben PostgreSQL nodig (DATABASE_URL).")
        drills = collected_drills()
        if only:
            unknown = set(only) - set(drills)
            if unknown:
                raise CommandError(f"Onbekende oefening(en): {', '.join(sorted(unknown))}")
            drills = {k: v for k, v in drills.items() if k in only}
        failed = 0
        for name, fn in drills.items():
            self.stdout.write(f"== {name} ({'lang' if long else 'kort'})")
            start = time.monotonic()
            result = fn(long=long)
            self.stdout.write(f"{result.line()} [{time.monotonic() - start:.0f} s]")
            failed += not result.ok
        if failed:
            raise CommandError(f"{failed} oefening(en) niet in orde.")
        self.stdout.write("Alle oefeningen: 0 kwijt, 0 dubbel.")
