"""Fault drills of casefiles: an import of aanmeldingen whose database connection is
terminated in the middle of the confirm step (see casefiles.drills)."""

from __future__ import annotations

import threading
import time
import uuid

from django.contrib.sessions.backends.db import SessionStore
from django.core.files.storage import storages
from django.db import connection
from django.urls import reverse

from casefiles.choices import Rol
from casefiles.models import Dossier

from . import DrillResult, data
from .processes import Browser, RedisServer, WebServer


def _terminate_when_busy(appname: str, after: float, timeout: float = 120) -> bool:
    """Terminate the backend of OUR web server (found by its application_name) once
    its import transaction has run ``after`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with connection.cursor() as cur:
            cur.execute(
                "SELECT pid FROM pg_stat_activity WHERE application_name = %s "
                "AND xact_start IS NOT NULL AND now() - xact_start > %s * interval '1 second'",
                [appname, after],
            )
            row = cur.fetchone()
            if row:
                cur.execute("SELECT pg_terminate_backend(%s)", [row[0]])
                return True
        time.sleep(0.02)
    return False


def import_connection_drop(*, long: bool = False) -> DrillResult:
    """Upload and preview N aanmeldingen through the web (gunicorn), confirm, and
    terminate the web server's database backend while the confirm transaction runs.
    Expected: a 503 page, nothing committed, the file still waiting; confirming again
    imports every row exactly once."""
    n = 1500 if long else 200
    gemeente = data.gemeente()
    werkcoach = data.medewerker(gemeente, Rol.WERKCOACH)
    bsns = data._bsns(n)
    csv = "bsn;achternaam;doelgroep\n" + "".join(
        f"{b};Oefen{i};asielstatushouder\n" for i, b in enumerate(bsns)
    )
    appname = f"drill-import-{uuid.uuid4().hex[:8]}"
    redis = RedisServer().start()
    web = None
    statussen: list[int] = []
    try:
        web = WebServer(redis.url, workers=1, PGAPPNAME=appname).start()
        browser = Browser(web.port, werkcoach)
        status, body = browser.upload(
            reverse("casefiles:import_aanmeldingen"),
            {"gemeente": gemeente.pk},
            field="bestand",
            filename="aanmeldingen.csv",
            content=csv.encode(),
        )
        statussen.append(status)
        confirm = reverse("casefiles:import_aanmeldingen_bevestigen")
        uitkomst: dict = {}

        def bevestigen() -> None:
            uitkomst["status"], uitkomst["body"] = browser.post(
                confirm, {}, csrf_from=reverse("casefiles:import_aanmeldingen")
            )

        t = threading.Thread(target=bevestigen)
        t.start()
        afgebroken = _terminate_when_busy(appname, after=1.5 if long else 0.3)
        t.join(300)
        statussen.append(uitkomst.get("status", 0))
        na_breuk = Dossier.objects.filter(gemeente=gemeente).count()
        pending = (
            SessionStore(session_key=browser.cookies["sessionid"])
            .load()
            .get("aanmeldingen_import", {})
        )
        bestand_er_nog = bool(pending) and storages["private"].exists(pending["bestand"])
        status, body = browser.post(confirm, {}, csrf_from=reverse("casefiles:import_aanmeldingen"))
        statussen.append(status)
    finally:
        if web is not None:
            web.stop()
        redis.stop()
    per_bsn = Dossier.objects.filter(gemeente=gemeente).values_list("inburgeraar__bsn", flat=True)
    found = len(set(per_bsn))
    return DrillResult(
        name=f"import_verbinding_weg_{n}",
        expected=n,
        found=found,
        lost=n - found,
        duplicated=len(per_bsn) - found,
        details={
            "verbinding_verbroken": afgebroken,
            "status_bij_breuk": statussen[1],
            "dossiers_na_breuk": na_breuk,
            "bestand_bewaard": bestand_er_nog,
            "status_opnieuw": statussen[2],
        },
    )
