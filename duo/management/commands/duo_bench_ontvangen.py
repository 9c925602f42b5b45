"""Benchmark of receiving DUO's notifications (docs/duo-ontvangen.md, "Figures"):

    python manage.py duo_bench_ontvangen --aantal 200

1. the endpoint: ``aantal`` SS139 notifications POSTed in process (Django's test
   client: the whole middleware stack, no network), then ``aantal`` repeats of the
   same berichtIds;
2. the processing: each stored notification's outbox job run here, reading from a
   fake DUO (duo.fake) over HTTP on 127.0.0.1 and creating the aanmelding.

Everything runs in ONE transaction that is rolled back at the end: the command
leaves nothing behind in the database it runs against."""

from __future__ import annotations

import json
import time
import uuid
from datetime import UTC, datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import Client, override_settings

BENCH_OIN = "00000001009999999000"
BENCH_CBS = "9999"


class _Terugdraaien(Exception):
    pass


def _bsns(n: int) -> list[str]:
    out, i = [], 200_000_000
    while len(out) < n:
        i += 1
        s = f"{i:09d}"
        if sum(int(c) * w for c, w in zip(s, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True)) % 11 == 0:
            out.append(s)
    return out


class Command(BaseCommand):
    help = "Meet het ontvangen en verwerken van DUO-notificaties (alles wordt teruggedraaid)."

    def add_arguments(self, parser):
        parser.add_argument("--aantal", type=int, default=200)

    def handle(self, *args, **options):
        n = options["aantal"]
        try:
            with transaction.atomic():
                self._run(n)
                raise _Terugdraaien
        except _Terugdraaien:
            self.stdout.write("Alles teruggedraaid.")

    def _run(self, n: int) -> None:
        from casefiles import outbox
        from casefiles.models import Gemeente
        from duo.fake import FakeDuo, serve
        from duo.inbound.models import Notificatie, NotificatieStatus

        duo_oin = getattr(settings, "DUO_OIN", "") or "00000001800866472000"
        Gemeente.objects.create(naam="Benchmarkgemeente", cbs_code=BENCH_CBS, oin=BENCH_OIN)
        fake = FakeDuo(gemeenten={BENCH_OIN: BENCH_CBS}, duo_oin=duo_oin)
        server = serve(fake)
        client = Client()
        bsns = _bsns(n)
        ids = [str(uuid.uuid4()) for _ in bsns]
        path = "/" + settings.DUO_NOTIFICATIE_PATH.strip("/")
        try:
            with override_settings(
                DUO_BASE_URL=server.base_url,
                DUO_OIN=duo_oin,
                DUO_NOTIFICATIE_BRON_OINS=[duo_oin],
                ALLOWED_HOSTS=["*"],
            ):
                for bsn in bsns:
                    fake.seed_person(bsn, gemeente=BENCH_CBS, doelgroep="asiel")

                def post(bsn: str, bericht_id: str) -> int:
                    body = {
                        "registratieDatumTijd": datetime.now(UTC).isoformat(timespec="seconds"),
                        "gebeurtenisId": "SS139",
                        "bsn": bsn,
                    }
                    return client.post(
                        path,
                        json.dumps(body),
                        content_type="application/json",
                        headers={"bron": duo_oin, "doel": BENCH_OIN, "berichtId": bericht_id},
                    ).status_code

                t0 = time.perf_counter()
                statussen = [post(b, i) for b, i in zip(bsns, ids, strict=True)]
                t1 = time.perf_counter()
                herhaald = [post(b, i) for b, i in zip(bsns, ids, strict=True)]
                t2 = time.perf_counter()
                uitkomst = outbox.run_pending_here(kinds=["duo.notificatie"])
                t3 = time.perf_counter()
                verwerkt = Notificatie.objects.filter(
                    bericht_id__in=ids, status=NotificatieStatus.VERWERKT
                ).count()
        finally:
            server.stop()
        assert set(statussen) == {201} and set(herhaald) == {201}, (statussen, herhaald)
        self.stdout.write(f"{n} notificaties ontvangen: {(t1 - t0) / n * 1000:.1f} ms per stuk")
        self.stdout.write(
            f"{n} herhalingen (zelfde berichtId): {(t2 - t1) / n * 1000:.1f} ms per stuk"
        )
        self.stdout.write(
            f"{n} verwerkt met de fake DUO: {(t3 - t2) / n * 1000:.1f} ms per stuk "
            f"({verwerkt} verwerkt; jobs {uitkomst})"
        )
