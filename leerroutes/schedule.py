"""Celery beat entries of the leerroutes app (plain data, no Django imports)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "leerroutes-signalen-dagelijks": {
        "task": "leerroutes.tasks.signalen_sweep",
        "schedule": crontab(hour=5, minute=30),
    },
    # the dashboard's hours summary: fold the day's delta rows (leerroutes.urensamenvatting)
    "leerroutes-urensamenvatting-compacteren": {
        "task": "leerroutes.tasks.urensamenvatting_compacteren",
        "schedule": crontab(hour=4, minute=15),
    },
}
