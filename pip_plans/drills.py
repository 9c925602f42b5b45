"""Fault drills of the PIP app (see casefiles.drills): PIPs vastgesteld through the web
while Redis is down, and a reminder run whose worker is killed with kill -9."""

from __future__ import annotations

import tempfile
import time
from datetime import timedelta
from pathlib import Path

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from casefiles.choices import DossierStatus, Levensdomein, Rol
from casefiles.drills import DrillResult, data
from casefiles.drills.processes import Beat, Browser, RedisServer, WebServer, Worker

from .choices import HerinneringStatus
from .models import Herinnering, PipBrief, PipDoel, PipVersie, Voortgangsgesprek

# Short timeouts for the drills' own processes, so redelivery is seen within a drill.
FAST = {"OUTBOX_REDISPATCH_AFTER": "15", "CELERY_VISIBILITY_TIMEOUT": "20"}


def _concepten(dossiers) -> list[PipVersie]:
    versies = PipVersie.objects.bulk_create(
        [
            PipVersie(
                dossier=d,
                nummer=1,
                leerroute="b1",
                niveau="B1",
                motivatie="Leerbaarheidstoets: B1-route haalbaar.",
                pvt_afspraken="PVT bij de taalschool.",
            )
            for d in dossiers
        ]
    )
    PipDoel.objects.bulk_create(
        [
            PipDoel(
                versie=v,
                levensdomein=Levensdomein.TAAL,
                doel="Nederlands leren tot niveau B1",
                acties="Vier dagdelen per week les.",
                wie="Inburgeraar; werkcoach meldt aan.",
            )
            for v in versies
        ]
    )
    return versies


def _wait_until(predicate, timeout: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if predicate():
            break
        time.sleep(0.5)
    return time.monotonic() - start


def redis_down(*, long: bool = False) -> DrillResult:
    """Vaststellen through the web (gunicorn) before, during and after Redis is
    stopped (60 s; short: 8 s). Every request must be answered with the normal
    redirect (no 500), and every PIP must get exactly one letter once Redis is back
    (the outbox relay runs from Celery beat)."""
    down = 60 if long else 8
    n_tijdens = 30 if long else 4
    n_voor = n_na = 5 if long else 2
    gemeente = data.gemeente()
    werkcoach = data.medewerker(gemeente, Rol.WERKCOACH)
    totaal = n_voor + n_tijdens + n_na
    dossiers = data.dossiers(gemeente, totaal, werkcoach=werkcoach, status=DossierStatus.PIP)
    versies = _concepten(dossiers)
    redis = RedisServer().start()
    worker = beat = web = None
    statussen: list[int] = []
    try:
        worker = Worker(redis.url, **FAST).start()
        beat = Beat(redis.url, **FAST).start()
        web = WebServer(redis.url, **FAST).start()
        browser = Browser(web.port, werkcoach)
        vandaag = timezone.localdate().isoformat()

        def vaststellen(v: PipVersie) -> None:
            pagina = reverse("pip_plans:versie", args=[v.dossier_id, v.pk])
            url = reverse("pip_plans:vaststellen", args=[v.dossier_id, v.pk])
            status, _ = browser.post(
                url, {"dagtekening": vandaag, "bevestigd": "1"}, csrf_from=pagina
            )
            statussen.append(status)

        for v in versies[:n_voor]:
            vaststellen(v)
        redis.stop()
        gestopt = time.monotonic()
        for v in versies[n_voor : n_voor + n_tijdens]:
            vaststellen(v)
            time.sleep(max(0.0, down / n_tijdens - 0.3))
        time.sleep(max(0.0, down - (time.monotonic() - gestopt)))
        redis.start()
        for v in versies[n_voor + n_tijdens :]:
            vaststellen(v)

        def alle_brieven() -> bool:
            return (
                PipBrief.objects.filter(versie__in=versies).values("versie").distinct().count()
                >= totaal
            )

        wachttijd = _wait_until(alle_brieven, 240 if long else 120)
    finally:
        for p in (web, beat, worker):
            if p is not None:
                p.stop()
        redis.stop()
    per_versie = dict(
        PipBrief.objects.filter(versie__in=versies)
        .values_list("versie")
        .annotate(n=Count("id"))
        .values_list("versie", "n")
    )
    vastgesteld = PipVersie.objects.filter(pk__in=[v.pk for v in versies], status="vastgesteld")
    found = len(per_versie)
    return DrillResult(
        name=f"redis_weg_{down}s",
        expected=totaal,
        found=found,
        lost=totaal - found,
        duplicated=sum(n - 1 for n in per_versie.values()),
        details={
            "verzoeken": len(statussen),
            "verzoeken_niet_302": sum(1 for s in statussen if s != 302),
            "vastgesteld": vastgesteld.count(),
            "brieven_na_s": round(wachttijd, 1),
        },
    )


def reminder_kill(*, long: bool = False) -> DrillResult:
    """A reminder run of 300 gesprekken (short: 40); the worker's pool processes are
    killed with kill -9 while the reminders go out, and once more the whole worker.
    After a restart every reminder must be sent once: counted on the rows AND as
    e-mail files really written by the worker processes."""
    n = 300 if long else 40
    gemeente = data.gemeente()
    werkcoach = data.medewerker(gemeente, Rol.WERKCOACH)
    dossiers = data.dossiers(gemeente, n, werkcoach=werkcoach, status=DossierStatus.UITVOERING)
    versies = PipVersie.objects.bulk_create([PipVersie(dossier=d, nummer=1) for d in dossiers])
    dag = timezone.localdate() + timedelta(days=3)
    gesprekken = Voortgangsgesprek.objects.bulk_create(
        [
            Voortgangsgesprek(dossier=d, gemeente_id=d.gemeente_id, pip_versie=v, gepland_op=dag)
            for d, v in zip(dossiers, versies, strict=True)
        ]
    )
    mail_dir = tempfile.mkdtemp(prefix="drill-mail-")
    redis = RedisServer().start()
    env = {**FAST, "DRILL_EMAIL_DIR": mail_dir}
    worker = None
    kills = bij_kill = 0
    try:
        worker = Worker(redis.url, concurrency=2, **env).start()
        from celery import Celery

        app = Celery("drill", broker=redis.url, set_as_current=False)
        app.send_task("pip_plans.tasks.herinneringen_sweep")
        verstuurd = Herinnering.objects.filter(
            gesprek__in=gesprekken, status=HerinneringStatus.VERSTUURD
        )
        _wait_until(lambda: verstuurd.count() > 0, 60)
        bij_kill = verstuurd.count()
        kills += worker.kill9_children()  # pool processes die mid-run; main restarts them
        _wait_until(lambda: verstuurd.count() >= n // 2, 60)
        worker.kill9()  # the whole worker, no warm shutdown
        kills += 1
        worker = Worker(redis.url, concurrency=2, **env).start()
        # The relay (here: its task, as beat would send it) hands lost jobs out again.
        deadline = time.monotonic() + (240 if long else 120)
        while time.monotonic() < deadline and verstuurd.count() < n:
            app.send_task("casefiles.tasks.outbox_relay")
            time.sleep(3)
        app.close()
    finally:
        if worker is not None:
            worker.stop()
        redis.stop()
    rows = list(
        Herinnering.objects.filter(gesprek__in=gesprekken).values_list(
            "gesprek__dossier_id", "status", "verzendingen"
        )
    )
    mails: dict[str, int] = {}
    message_ids: set[str] = set()
    for f in Path(mail_dir).glob("*.log"):
        for line in f.read_text(errors="replace").splitlines():
            if line.startswith("Subject: Voortgangsgesprek dossier "):
                key = line.split()[3]
                mails[key] = mails.get(key, 0) + 1
            elif line.startswith("Message-ID: <herinnering-"):
                message_ids.add(line)
    expected_ids = {str(d.pk) for d in dossiers}
    sent_ids = {k for k in mails if k in expected_ids}
    return DrillResult(
        name=f"herinneringen_kill9_{n}",
        expected=n,
        found=len(sent_ids),
        lost=n - len(sent_ids),
        duplicated=sum(v - 1 for k, v in mails.items() if k in expected_ids),
        details={
            "kills": kills,
            "verstuurd_bij_eerste_kill": bij_kill,
            "rijen_verstuurd": sum(1 for _d, s, _v in rows if s == HerinneringStatus.VERSTUURD),
            "rijen_verzendingen_gt_1": sum(1 for _d, _s, v in rows if v > 1),
            "e_mails": sum(mails.get(k, 0) for k in expected_ids),
            "berichten_uniek": len(message_ids),
        },
    )


DRILLS = {"redis_weg": redis_down, "herinneringen_kill9": reminder_kill}


def concurrent_edit(*, long: bool = False) -> DrillResult:
    """Two werkcoaches in two sessions (through gunicorn) open the same concept-PIP
    and both save it (long: 20 concepts). Expected per concept: the first save is
    kept, the second gets the Dutch conflict page with its own typing still in the
    form, and its deliberate second save is kept — no save lost without a word."""
    from casefiles.drills.processes import form_fields

    n = 20 if long else 3
    gemeente = data.gemeente()
    a_user = data.medewerker(gemeente, Rol.WERKCOACH)
    b_user = data.medewerker(gemeente, Rol.WERKCOACH)
    dossiers = data.dossiers(gemeente, n, werkcoach=a_user, status=DossierStatus.PIP)
    versies = _concepten(dossiers)
    redis = RedisServer().start()
    web = None
    conflicten = stil_overschreven = typen_kwijt = bewaard = 0
    try:
        web = WebServer(redis.url).start()
        a, b = Browser(web.port, a_user), Browser(web.port, b_user)
        for v in versies:
            url = reverse("pip_plans:versie_bewerken", args=[v.dossier_id, v.pk])
            data_a = form_fields(a.get(url)[1], action="")
            data_b = form_fields(b.get(url)[1], action="")
            tekst_a, tekst_b = f"Keuze A voor {v.pk}", f"Keuze B voor {v.pk}"
            data_a["pip-motivatie"], data_b["pip-motivatie"] = tekst_a, tekst_b
            a.post(url, data_a)
            status, page = b.post(url, data_b)
            motivatie = PipVersie.objects.get(pk=v.pk).motivatie
            if status == 200 and "Iemand anders heeft dit intussen opgeslagen." in page:
                conflicten += 1
            if motivatie != tekst_a:
                stil_overschreven += 1
            if tekst_b not in page:
                typen_kwijt += 1
            opnieuw = form_fields(page, action="")
            b.post(url, opnieuw)
            if PipVersie.objects.get(pk=v.pk).motivatie == tekst_b:
                bewaard += 1
    finally:
        if web is not None:
            web.stop()
        redis.stop()
    return DrillResult(
        name=f"gelijktijdig_bewerken_{n}",
        expected=n,
        found=conflicten,
        lost=stil_overschreven + typen_kwijt + (n - bewaard),
        duplicated=0,
        details={
            "stil_overschreven": stil_overschreven,
            "invoer_kwijt": typen_kwijt,
            "tweede_keer_bewaard": bewaard,
        },
    )


DRILLS["gelijktijdig_bewerken"] = concurrent_edit
