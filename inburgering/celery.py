"""Celery application. Tasks are autodiscovered in every installed app's ``tasks.py``.

The beat schedule lives in settings (``CELERY_BEAT_SCHEDULE``) so it is code, reviewed
like code; django-celery-beat's scheduler picks it up and lets the functioneel
beheerder pause a job from the admin.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inburgering.settings.dev")

app = Celery("inburgering")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
