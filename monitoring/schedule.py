"""Celery beat entries of monitoring (imported by settings; no Django imports)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "monitoring-snapshot-nachtelijk": {
        "task": "monitoring.tasks.snapshot_nachtelijk",
        "schedule": crontab(hour=2, minute=30),
    },
}
