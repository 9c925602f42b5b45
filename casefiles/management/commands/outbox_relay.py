"""python manage.py outbox_relay [--once] [--interval SECONDS] [--inline] [--status]
[--retry ID ...]

For operators: hand waiting outbox jobs (letters, reminders, …) to the Celery workers,
as the beat relay does every few seconds. ``--inline`` runs them in this process
without Celery (last resort while Redis stays down). ``--status`` prints the number of
jobs per status and the failed ones (ids and error only). ``--retry`` puts failed
jobs back in the queue."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.db.models import Count

from casefiles import outbox
from casefiles.outbox.models import OutboxJob, OutboxStatus


class Command(BaseCommand):
    help = "Geeft wachtende achtergrondtaken (outbox) door aan de workers."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="één ronde en stoppen")
        parser.add_argument(
            "--interval", type=float, default=5.0, help="seconden tussen rondes (standaard 5)"
        )
        parser.add_argument(
            "--inline",
            action="store_true",
            help="voer de taken hier uit, zonder Celery (als Redis lang weg is)",
        )
        parser.add_argument("--status", action="store_true", help="toon de stand en stop")
        parser.add_argument(
            "--retry", type=int, nargs="+", metavar="ID", help="mislukte taken opnieuw proberen"
        )

    def handle(self, *args, once, interval, inline, status, retry, **options):
        if status:
            self._status()
            return
        if retry:
            n = outbox.retry(ids=retry)
            self.stdout.write(f"{n} taak/taken weer in de wachtrij.")
            return
        while True:
            if inline:
                counts = outbox.run_pending_here()
                self.stdout.write(f"uitgevoerd: {dict(sorted(counts.items()))}")
            else:
                n = outbox.relay()
                self.stdout.write(f"doorgegeven: {n}")
            if once:
                return
            time.sleep(interval)

    def _status(self) -> None:
        rows = OutboxJob.objects.values("status").annotate(n=Count("id")).order_by("status")
        for row in rows:
            self.stdout.write(f"{row['status']}: {row['n']}")
        for job in OutboxJob.objects.filter(status=OutboxStatus.FAILED).order_by("pk")[:100]:
            self.stdout.write(
                f"mislukt #{job.pk} {job.kind} gemeente={job.gemeente_id} "
                f"dossier={job.dossier_id} pogingen={job.attempts}: {job.last_error}"
            )
