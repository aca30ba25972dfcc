# Benchmark settings: dev settings with DEBUG off, no cache middleware,
# plain static storage, quiet logging, SQLite (default from base.py).
import os

from .dev import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "bakerydemo.bench_urls"

# No cache middleware (base.py has none; filter defensively).
MIDDLEWARE = [
    m
    for m in MIDDLEWARE  # noqa: F405
    if m
    not in (
        "django.middleware.cache.UpdateCacheMiddleware",
        "django.middleware.cache.FetchFromCacheMiddleware",
    )
]

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Templates contain no {% cache %} tags. Default cache (LocMemCache) is kept
# unless BENCH_DUMMY_CACHE=1, which makes everything uncached (incl. Wagtail
# image rendition lookups, which Wagtail caches in the default cache).
if os.environ.get("BENCH_DUMMY_CACHE") == "1":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": True,
    "handlers": {"null": {"class": "logging.NullHandler"}},
    "root": {"handlers": ["null"], "level": "CRITICAL"},
}
