"""python manage.py grant_app_role ROLE [--create] — run as the database OWNER
(the role that runs migrate): give the application's PostgreSQL role what it needs
and no more. Normal rights (SELECT, INSERT, UPDATE, DELETE) on every table, but
only INSERT and SELECT on the access log and the security log, so the application
can append to them and never change or remove a row. Sequences: USAGE, SELECT.
Tables created later by migrate get the same rights (ALTER DEFAULT PRIVILEGES);
``migrate`` re-applies the grants when DB_APP_ROLE is set.

``--create`` creates the role (LOGIN) when it does not exist, with the password
from the environment variable named by ``--password-env`` (default
DB_APP_PASSWORD; without it the role gets no password, e.g. for peer/trust auth).
"""

from __future__ import annotations

import os

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from casefiles.security_db import grant_app_role


class Command(BaseCommand):
    help = "Geeft de databaserol van de applicatie haar rechten (uit te voeren als eigenaar)."

    def add_arguments(self, parser):
        parser.add_argument("role", nargs="?", help="Naam van de rol (standaard DB_APP_ROLE).")
        parser.add_argument("--create", action="store_true", help="Maak de rol als die ontbreekt.")
        parser.add_argument("--password-env", default="DB_APP_PASSWORD")

    def handle(self, *args, **options):
        from django.conf import settings

        if connection.vendor != "postgresql":
            raise CommandError("Alleen voor PostgreSQL.")
        role = options["role"] or settings.DB_APP_ROLE
        if not role:
            raise CommandError("Geef de rol op, of zet DB_APP_ROLE.")
        password = os.environ.get(options["password_env"], "")
        grant_app_role(role, create=options["create"], password=password or None)
        self.stdout.write(f"Rol {role}: rechten gezet (logs alleen INSERT en SELECT).")
