"""Beat jobs of casefiles (plain data; imported by settings, no Django imports)."""

BEAT_SCHEDULE = {
    # The outbox relay: hands waiting side effects (letters, reminders, …) to the
    # workers. Rows written while Redis was down go out on the first run after it is
    # back. A relay message older than its interval is dropped (the next one comes).
    "casefiles-outbox-relay": {
        "task": "casefiles.tasks.outbox_relay",
        "schedule": 10.0,
        "options": {"expires": 10},
    },
}
