"""tourism_site/settings/production.py refuses to start when something that protects patients'
data is missing, and mounts only the configured provider's webhook. Each case starts a fresh
Python with the production settings, as a deployment would."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

# The documented production environment (README, "Production").
DOCUMENTED = {
    "DJANGO_SETTINGS_MODULE": "tourism_site.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-key-for-the-tests-0123456789",
    "ALLOWED_HOSTS": "care.example.com",
    "WAGTAILADMIN_BASE_URL": "https://care.example.com",
    "EMAIL_PROVIDER": "postmark",
    "ANYMAIL_POSTMARK_SERVER_TOKEN": "server-token",
    "ANYMAIL_WEBHOOK_SECRET": "webhook:a-long-random-secret",
}
# Variables of the machine running the tests that would change what production reads.
UNSET = (
    "EMAIL_URL",
    "DEBUG",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT",
    "ANYMAIL_MAILGUN_WEBHOOK_SIGNING_KEY",
)

START = """
import django
django.setup()
from django.conf import settings
from django.urls import Resolver404, resolve
for provider in settings.EMAIL_PROVIDERS:
    for webhook, said in (("tracking", "mounted"), ("inbound", "inbound")):
        try:
            resolve(f"/anymail/{provider}/{webhook}/")
            print(said, provider)
        except Resolver404:
            pass
"""


def start(**changes):
    return run([sys.executable, "-c", START], **changes)


def run(command, **changes):
    env = {key: value for key, value in os.environ.items() if key not in UNSET}
    env |= DOCUMENTED
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run(
        command,
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def refused(result, reason):
    return (
        result.returncode != 0
        and "ImproperlyConfigured" in result.stderr
        and (reason in result.stderr)
    )


def test_the_documented_environment_starts_with_only_its_providers_webhook():
    result = start()

    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:-1] == ["mounted postmark", "inbound postmark"]


def test_a_provider_without_the_webhook_secret_is_refused():
    assert refused(start(ANYMAIL_WEBHOOK_SECRET=None), "ANYMAIL_WEBHOOK_SECRET")


@pytest.mark.parametrize("email_url", [None, "consolemail://", "filemail:///tmp/mail"])
def test_no_real_email_backend_is_refused(email_url):
    assert refused(start(EMAIL_PROVIDER=None, EMAIL_URL=email_url), "EMAIL_PROVIDER")


def test_smtp_without_a_provider_starts_and_mounts_no_webhook():
    result = start(EMAIL_PROVIDER=None, EMAIL_URL="smtp://mail.example.com:587")

    assert result.returncode == 0, result.stderr
    assert "mounted" not in result.stdout


@pytest.mark.parametrize(
    "base_url",
    [None, "http://localhost:8000", "http://127.0.0.1:8000", "http://[::1]/", "care.example.com"],
)
def test_no_public_base_url_is_refused(base_url):
    assert refused(start(WAGTAILADMIN_BASE_URL=base_url), "WAGTAILADMIN_BASE_URL")


def test_an_unknown_provider_is_refused():
    assert refused(start(EMAIL_PROVIDER="sendgrid"), "EMAIL_PROVIDER")


def test_check_deploy_is_clean_with_the_documented_environment():
    result = run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"])

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_hsts_is_on_by_default_in_production():
    result = run([sys.executable, "-c", HEADERS])

    assert result.returncode == 0, result.stderr
    hsts, csp = result.stdout.strip().split("\n")
    assert hsts == "max-age=31536000; includeSubDomains"
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


# A request through the whole middleware stack, as a browser over HTTPS would make it.
HEADERS = """
import django
django.setup()
from django.test import Client
response = Client(HTTP_HOST="care.example.com").get("/robots.txt", secure=True)
print(response["Strict-Transport-Security"])
print(response["Content-Security-Policy"])
"""


def test_private_files_inside_the_public_media_folder_are_refused(tmp_path):
    public = tmp_path / "media"
    result = start(MEDIA_ROOT=str(public), PRIVATE_MEDIA_ROOT=str(public / "private"))

    assert refused(result, "PRIVATE_MEDIA_ROOT")
