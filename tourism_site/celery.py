"""The Celery app. Redis is the broker when REDIS_URL is set; otherwise (the embedded default)
kombu's SQLAlchemy transport on a SQLite file of its own, so `make run` needs no server."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tourism_site.settings.dev")

app = Celery("tourism_site")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
