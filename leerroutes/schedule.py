"""Celery beat entries of the leerroutes app (plain data, no Django imports)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "leerroutes-signalen-dagelijks": {
        "task": "leerroutes.tasks.signalen_sweep",
        "schedule": crontab(hour=5, minute=30),
    },
}
