"""Beat jobs of ontzorgen (imported by settings: no Django imports here)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Every day at 06:10: the payments of the coming month for every active fixed
    # cost. Idempotent (one payment per line per month), so running it daily only
    # catches up lines that were added since the last run.
    "ontzorgen-betalingen-volgende-maand": {
        "task": "ontzorgen.tasks.betalingen_genereren_task",
        "schedule": crontab(minute=10, hour=6),
    },
}
