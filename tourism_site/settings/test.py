"""Test settings: fast hashers, plain storage, SQLite unless DATABASE_URL says otherwise."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
ALLOWED_HOSTS = ["*"]
# anymail's test backend: the provider is the one edge we do not own. It records messages in
# django.core.mail.outbox and gives each a message id, like a real provider.
# Worker processes started by tests may use a recording subclass (TEST_EMAIL_BACKEND).
EMAIL_BACKEND = TEST_EMAIL_BACKEND  # noqa: F405
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private"  # noqa: F405
STORAGES["private"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT  # noqa: F405
# The Redis cache of production, for the web processes of the tests of several hosts
# (TEST_SHARED_CACHE=1 in their environment, tests/tourism_site/test_several_hosts.py).
SHARED_CACHES = CACHES  # noqa: F405
if not env.bool("TEST_SHARED_CACHE", default=False):  # noqa: F405
    # Per-process cache: Wagtail caches site root paths, which must not outlive a test
    # database.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Off, but in the tests of the page cache itself: each test's rollback would leave
    # stale pages.
    PAGE_CACHE_SECONDS = 0
ANYMAIL = ANYMAIL | {  # noqa: F405
    "WEBHOOK_SECRET": "webhook:test-secret",
    "MAILGUN_WEBHOOK_SIGNING_KEY": "test-key",
}
# Every provider's webhook, so that each can be tested (production mounts only its own).
EMAIL_WEBHOOK_PROVIDERS = list(EMAIL_PROVIDERS)  # noqa: F405
