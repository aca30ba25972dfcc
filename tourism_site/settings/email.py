"""Email settings (included by base.py): the provider, its keys, the follow-up sequence and
the sender's limits."""

from django.core.exceptions import ImproperlyConfigured

from .environment import env

# Email. EMAIL_PROVIDER picks an anymail provider (one of EMAIL_PROVIDERS: its keys come from
# the ANYMAIL_* variables below); without one, EMAIL_URL (smtp://user:pass@host:587 for a
# local mail catcher) or, outside production, the console.
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Anatolia Care <care@example.com>")
# Patients' replies come back here, routed by the provider to its inbound webhook; each
# enquiry's Reply-To adds a signed token after a "+" (replies+tr-7k3f9q-x2y4@...).
ENQUIRY_REPLY_ADDRESS = env("ENQUIRY_REPLY_ADDRESS", default="replies@example.com")
# Photos patients may send with an enquiry for assessment (enquiries/intake/photos.py).
PHOTO_MAX_COUNT = 5
PHOTO_MAX_BYTES = 10 * 1024 * 1024
PHOTO_MAX_PIXELS = 40_000_000  # more is a decompression bomb, not a phone photo
INBOUND_ATTACHMENT_MAX_BYTES = env.int("INBOUND_ATTACHMENT_MAX_BYTES", default=15 * 1024 * 1024)
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
# The providers whose tracking webhooks the site takes (enquiries/messaging/webhooks.py).
EMAIL_PROVIDERS = ("postmark", "mailgun", "brevo", "mailjet")
EMAIL_PROVIDER = env("EMAIL_PROVIDER", default="")
if EMAIL_PROVIDER:
    if EMAIL_PROVIDER not in EMAIL_PROVIDERS:
        raise ImproperlyConfigured(f"EMAIL_PROVIDER must be one of {', '.join(EMAIL_PROVIDERS)}.")
    EMAIL_BACKEND = f"anymail.backends.{EMAIL_PROVIDER}.EmailBackend"
# Only the configured provider's webhook is mounted: nobody can post forged events to another.
EMAIL_WEBHOOK_PROVIDERS = [EMAIL_PROVIDER] if EMAIL_PROVIDER else []
ANYMAIL = {
    key: value
    for key, value in {
        "POSTMARK_SERVER_TOKEN": env("ANYMAIL_POSTMARK_SERVER_TOKEN", default=""),
        "POSTMARK_API_URL": env("ANYMAIL_POSTMARK_API_URL", default=""),
        # Seconds to wait for the provider's answer; past it the outcome is unknown.
        "REQUESTS_TIMEOUT": env.float("ANYMAIL_REQUESTS_TIMEOUT", default=30),
        "MAILGUN_API_KEY": env("ANYMAIL_MAILGUN_API_KEY", default=""),
        "MAILGUN_SENDER_DOMAIN": env("ANYMAIL_MAILGUN_SENDER_DOMAIN", default=""),
        "MAILGUN_API_URL": env("ANYMAIL_MAILGUN_API_URL", default=""),
        "MAILGUN_WEBHOOK_SIGNING_KEY": env("ANYMAIL_MAILGUN_WEBHOOK_SIGNING_KEY", default=""),
        "BREVO_API_KEY": env("ANYMAIL_BREVO_API_KEY", default=""),
        "MAILJET_API_KEY": env("ANYMAIL_MAILJET_API_KEY", default=""),
        "MAILJET_SECRET_KEY": env("ANYMAIL_MAILJET_SECRET_KEY", default=""),
        # "user:password" the provider sends with every tracking webhook (basic auth).
        "WEBHOOK_SECRET": env("ANYMAIL_WEBHOOK_SECRET", default=""),
    }.items()
    if value
}
# Tests and benchmarks: the backend that stands in for the provider (tests/enquiries/...).
TEST_EMAIL_BACKEND = env("TEST_EMAIL_BACKEND", default="anymail.backends.test.EmailBackend")
TEST_EMAIL_DELAY_SECONDS = env.float("TEST_EMAIL_DELAY_SECONDS", default=0)
# The patient email sequence (enquiries/messaging/followups.py).
FOLLOWUP_PROCEDURE_INFO_HOURS = env.int("FOLLOWUP_PROCEDURE_INFO_HOURS", default=24)
FOLLOWUP_PRE_TRAVEL_DAYS = env.int("FOLLOWUP_PRE_TRAVEL_DAYS", default=7)
FOLLOWUP_SEND_HOUR = env.int("FOLLOWUP_SEND_HOUR", default=10)  # scheduled emails go out then
# Transient provider errors are retried with a growing delay, this many attempts in all.
EMAIL_MAX_ATTEMPTS = env.int("EMAIL_MAX_ATTEMPTS", default=6)
# The sender claims this many emails at a time: a worker killed outright leaves at most
# this many per process in doubt.
EMAIL_SEND_CHUNK = env.int("EMAIL_SEND_CHUNK", default=10)
# A sending task is stopped (and releases what it has not sent) after the soft limit, and
# killed after the hard one; a claim older than the hard limit plus a margin belongs to a
# worker that is gone, not merely slow. Seconds.
EMAIL_SEND_SOFT_TIME_LIMIT = env.int("EMAIL_SEND_SOFT_TIME_LIMIT", default=120)
EMAIL_SEND_TIME_LIMIT = env.int("EMAIL_SEND_TIME_LIMIT", default=150)
EMAIL_CLAIM_ABANDONED_AFTER = EMAIL_SEND_TIME_LIMIT + 60
# How long a worker retries writing outcomes while the database is unreachable. Seconds.
EMAIL_RECORD_RETRY_SECONDS = env.float("EMAIL_RECORD_RETRY_SECONDS", default=20)
# An email in doubt with no tracking event after this long needs a manager's decision.
EMAIL_IN_DOUBT_WAIT_MINUTES = env.int("EMAIL_IN_DOUBT_WAIT_MINUTES", default=30)
# A pending email this long past due means the sender is not keeping up: managers see it.
EMAIL_OVERDUE_MINUTES = env.int("EMAIL_OVERDUE_MINUTES", default=10)
