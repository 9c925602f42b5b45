"""Beat jobs of casefiles (plain data; imported by settings, no Django imports)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # The outbox relay: hands waiting side effects (letters, reminders, …) to the
    # workers. Rows written while Redis was down go out on the first run after it is
    # back. A relay message older than its interval is dropped (the next one comes).
    "casefiles-outbox-relay": {
        "task": "casefiles.tasks.outbox_relay",
        "schedule": 10.0,
        "options": {"expires": 10},
    },
    # Every night at 01:40: signals for the households (a child turning 18, a child
    # of school age without a school). Idempotent through the unique task key.
    "casefiles-gezin-signalen": {
        "task": "casefiles.tasks.gezin_signalen_task",
        "schedule": crontab(minute=40, hour=1),
    },
}
