"""Production: secrets, hosts, email and the public address must come from the environment,
or the site refuses to start (tests/tourism_site/test_production_settings.py)."""

import ipaddress
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ANYMAIL, EMAIL_BACKEND, EMAIL_PROVIDER, MEDIA_ROOT, PRIVATE_MEDIA_ROOT, env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")  # no default: raises ImproperlyConfigured when missing
if SECRET_KEY.startswith("insecure"):
    raise ImproperlyConfigured("Set a real SECRET_KEY in production.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

# Emails carry patients' names, treatments and dates: they go to a provider or an SMTP
# server, never to the logs or a file.
LOCAL_EMAIL_BACKENDS = ("console", "filebased", "locmem", "dummy")
if EMAIL_BACKEND.startswith("django.core.mail.backends.") and EMAIL_BACKEND.split(".")[-2] in (
    LOCAL_EMAIL_BACKENDS
):
    raise ImproperlyConfigured(
        "Set EMAIL_PROVIDER (with its ANYMAIL_* keys) or EMAIL_URL=smtp://... in production."
    )
# Without the secret anyone could post a forged bounce and stop a patient's emails.
if EMAIL_PROVIDER and not ANYMAIL.get("WEBHOOK_SECRET"):
    raise ImproperlyConfigured(
        "Set ANYMAIL_WEBHOOK_SECRET (user:password) for the email provider's webhooks."
    )

# Patients' attachments must not be reachable by the web server's /media/ alias.
if PRIVATE_MEDIA_ROOT.resolve().is_relative_to(MEDIA_ROOT.resolve()):
    raise ImproperlyConfigured("PRIVATE_MEDIA_ROOT must not be inside MEDIA_ROOT.")


def public_base_url(url: str) -> str:
    """The address in emails' links: an http(s) URL that is not this machine."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost" or host.endswith(".localhost")
    if parts.scheme not in ("http", "https") or not host or loopback:
        raise ImproperlyConfigured(
            "WAGTAILADMIN_BASE_URL must be the site's public address, e.g. https://care.example.com."
        )
    return url.rstrip("/")


WAGTAILADMIN_BASE_URL = public_base_url(env("WAGTAILADMIN_BASE_URL"))

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Health checks come from inside the network, over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Browsers that once saw the site use HTTPS only, for a year (set 0 while trying HTTPS out).
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
# Asking to be in browsers' preload list binds every subdomain to HTTPS for years: the
# clinic's decision, not a default. Without it `check --deploy` would warn (W021).
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
