"""The WSGI module warms the application up before gunicorn forks its workers
(tourism_site/warm_up.py): checked in a fresh process whose database and Redis cannot be
reached, so that any query or cache call made before the fork would fail the run."""

import os
import subprocess
import sys

from tests.enquiries.real_services import ROOT

PROBE = """
import tourism_site.wsgi
from django.conf import settings
from django.db import connection
from django.template import engines
from django.urls import get_resolver
from enquiries.intake.widgets import country_options_html
from tourism_site.celery import app

assert connection.connection is None, "a database connection was opened before the fork"
assert country_options_html.cache_info().currsize == len(settings.LANGUAGES)
assert "enquiries.tasks.send_emails" in app.tasks, "the tasks were not registered"
languages = {code for code, _ in settings.LANGUAGES}
assert languages <= set(get_resolver()._reverse_dict), "reverse lookups not built per language"
print(len(engines["jinja2"].env.cache))
"""


def test_the_wsgi_module_warms_up_without_the_database_or_redis():
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"}
    }
    environment |= {
        "DJANGO_SETTINGS_MODULE": "tourism_site.settings.test",
        # Nothing listens on port 1: a connection attempt fails at once.
        "DATABASE_URL": "postgres://nobody:nothing@127.0.0.1:1/none",
        "REDIS_URL": "redis://127.0.0.1:1/0",
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    compiled_templates = int(result.stdout.split()[-1])
    assert compiled_templates >= 20  # every page, email and include template
