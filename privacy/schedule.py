"""Beat jobs of privacy (plain data; imported by settings, no Django imports)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Every night at 02:30: anonymise the dossiers (and then persons) whose retention
    # period has passed, and delete import files not confirmed within 24 hours.
    # Idempotent (privacy.Anonimisering); chunked, one transaction per chunk.
    "privacy-retentie": {
        "task": "privacy.tasks.retentie_task",
        "schedule": crontab(minute=30, hour=2),
    },
}
