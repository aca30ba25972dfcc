"""The Celery app. Redis is the broker when REDIS_URL is set; otherwise (the embedded default)
kombu's SQLAlchemy transport on a SQLite file of its own, so `make run` needs no server."""

import os
import time

from celery import Celery
from django.core.cache import cache
from django.core.management import call_command

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tourism_site.settings.dev")

app = Celery("tourism_site")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


HEARTBEAT_KEY = "health:beat-heartbeat"


@app.task(name="tourism_site.heartbeat", ignore_result=True)
def heartbeat() -> None:
    """Run by beat every 30 s: /health/ reads how long ago (beat, broker and a worker alive)."""
    record_heartbeat()


def record_heartbeat() -> None:
    cache.set(HEARTBEAT_KEY, time.time(), None)


@app.task(name="tourism_site.clear_expired_sessions", ignore_result=True)
def clear_expired_sessions() -> None:
    """Daily: Django keeps a staff session's row after it expires until `clearsessions`."""
    call_command("clearsessions")
