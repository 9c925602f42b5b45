"""Beat jobs of the PIP app (plain data; imported by settings, no Django imports)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "pip-voortgangsgesprek-herinneringen": {
        "task": "pip_plans.tasks.herinneringen_sweep",
        # Every morning before office hours; running it twice is harmless.
        "schedule": crontab(hour=6, minute=15),
    },
}
