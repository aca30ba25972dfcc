"""Load at start-up what the first requests would otherwise load, so that no patient waits.

A gunicorn worker's first treatment page took ~1.5 s before this (the Unicode collation
table for the country list alone ~0.6 s, the views' imports, the templates, eight languages'
catalogues), and its first enquiry another ~0.5 s (Celery's task discovery, which runs
Django's system checks); each new worker paid it again. gunicorn.conf.py preloads the
application, so this runs once in the master and every forked worker starts warm.

Nothing here touches the database or a cache: connections opened before the fork would be
shared by the workers.
"""

from django.conf import settings
from django.template import engines
from django.urls import get_resolver
from django.utils import translation

from enquiries.intake.widgets import country_options_html

from .celery import app as celery_app


def warm_up() -> None:
    resolver = get_resolver()
    resolver.url_patterns  # imports every view module  # noqa: B018
    celery_app.loader.import_default_modules()  # registers the tasks the views queue
    jinja = engines["jinja2"].env
    for name in jinja.list_templates(extensions=["html", "txt"]):
        jinja.get_template(name)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):  # loads the language's catalogues
            resolver.reverse_dict  # noqa: B018  (built once per language)
            country_options_html(code)
