"""Run the fake DUO: ``python manage.py duo_fake --port 8765 [--notify-url URL]``.

Dev and demo only (no TLS, no certificates). Point the application at it with
``DUO_BASE_URL=http://127.0.0.1:8765/v1``. See docs/duo-fake.md.
"""

from __future__ import annotations

import signal
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from duo import spec
from duo.fake import FakeDuo, FakeDuoServer
from duo.fake.demo import new_plichtigen, register_demo_gemeenten, seed_from_database


def default_notify_url() -> str:
    if getattr(settings, "DUO_FAKE_NOTIFY_URL", ""):
        return str(settings.DUO_FAKE_NOTIFY_URL)
    path = str(getattr(settings, "DUO_NOTIFICATIE_PATH", "duo/v1/notificaties")).strip("/")
    return f"{settings.SITE_URL.rstrip('/')}/{path}"


class Command(BaseCommand):
    help = "Start een lokale fake DUO die DUO's regels afdwingt (alleen ontwikkeling/demo)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=getattr(settings, "DUO_FAKE_PORT", 8765))
        parser.add_argument(
            "--notify-url",
            default=None,
            help="Waar notificaties heen gaan (standaard SITE_URL + DUO_NOTIFICATIE_PATH).",
        )
        parser.add_argument(
            "--no-seed", action="store_true", help="Niet vullen vanuit de database."
        )
        parser.add_argument(
            "--no-validate", action="store_true", help="Verzoeken niet tegen de spec toetsen."
        )

    def handle(self, *args, **options):
        # The fake serves what it knows over plain HTTP without authentication, and it
        # seeds itself with the database's BSNs: never against a production database.
        if not (settings.DEBUG or getattr(settings, "DEMO_MODE", False)):
            raise CommandError(
                "De fake DUO is alleen voor ontwikkeling en demo: zet DEBUG of DEMO_MODE "
                "(inburgering.settings.dev)."
            )
        fake = FakeDuo(
            duo_oin=getattr(settings, "DUO_OIN", "") or FakeDuo().duo_oin,
            notify_url=options["notify_url"] or default_notify_url(),
            validate=not options["no_validate"],
        )
        if not options["no_seed"]:
            try:
                counts = seed_from_database(fake)
            except DatabaseError as exc:
                register_demo_gemeenten(fake)
                self.stderr.write(
                    f"Database niet leesbaar ({exc.__class__.__name__}): alleen de "
                    "demogemeenten, geen personen."
                )
            else:
                self.stdout.write(
                    f"Fake DUO kent {counts['gemeenten']} gemeenten, {counts['personen']} "
                    f"personen met {counts['pips']} PIP's, en {counts['nieuw']} nieuwe "
                    "plichtigen (wachten op SS139)."
                )
        if spec.available():
            self.stdout.write(f"DUO-specificatie: {spec.spec_dir()}")
        else:
            self.stderr.write(
                f"DUO-specificatie niet gevonden in {spec.spec_dir()}: geen schemacontrole."
            )
        server = FakeDuoServer(fake, options["host"], options["port"])
        self.stdout.write(
            f"Fake DUO op {server.base_url} (notificaties naar {fake.notify_url}); "
            f"beheer op {server.url}/_fake/ (stoppen met Ctrl+C)"
        )
        if not options["no_seed"]:
            for bsn in new_plichtigen(fake):
                self.stdout.write(
                    f"  SS139 laten aankomen: curl -X POST {server.url}/_fake/notificaties "
                    f"-H 'Content-Type: application/json' "
                    f'-d \'{{"gebeurtenisId": "SS139", "bsn": "{bsn}"}}\''
                )
        # `make run` stops the fake with SIGTERM: leave as cleanly as on Ctrl+C
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            server.serve_forever()
        except (KeyboardInterrupt, SystemExit):
            pass
        finally:
            server.httpd.server_close()
            self.stdout.write("Fake DUO gestopt.")
