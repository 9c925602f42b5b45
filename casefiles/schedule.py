"""Beat jobs of casefiles (imported by settings: no Django imports here)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Every night at 01:40: signals for the households (a child turning 18, a child
    # of school age without a school). Idempotent through the unique task key.
    "casefiles-gezin-signalen": {
        "task": "casefiles.tasks.gezin_signalen_task",
        "schedule": crontab(minute=40, hour=1),
    },
}
