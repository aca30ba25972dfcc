"""The email provider's webhooks (tracking, and inbound: patients' replies), as anymail's
views with three rules added.

- Only the configured provider's webhook is mounted (EMAIL_WEBHOOK_PROVIDERS), and anymail's
  basic auth (ANYMAIL_WEBHOOK_SECRET) guards it; production refuses to start without it.
- A Mailgun signature older than MAILGUN_SIGNATURE_MAX_AGE is refused: a signature stays
  valid for ever, so an old captured request could otherwise be replayed.
- A body that is not what the provider sends (bad JSON, wrong types, invalid UTF-8...) is a
  400, never a 500: a 500 asks the provider to send it again, and says nothing useful.

What an event does is in tracking.py and inbound.py (anymail's signals, received in
signals.py).
"""

import datetime
import json
import logging
import re

from anymail.exceptions import AnymailWebhookValidationFailure
from anymail.signals import AnymailTrackingEvent
from anymail.webhooks.brevo import BrevoTrackingWebhookView
from anymail.webhooks.mailgun import MailgunInboundWebhookView, MailgunTrackingWebhookView
from anymail.webhooks.mailjet import MailjetTrackingWebhookView
from anymail.webhooks.postmark import PostmarkInboundWebhookView, PostmarkTrackingWebhookView
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import HttpResponse, HttpResponseBadRequest
from django.urls import path
from django.utils import timezone

logger = logging.getLogger(__name__)

MAILGUN_SIGNATURE_MAX_AGE = datetime.timedelta(minutes=10)
# What parsing a body that is not the provider's can raise (JSONDecodeError and
# UnicodeDecodeError are ValueErrors; deep nesting is a RecursionError; a timestamp out of
# range an OverflowError or OSError). Parsing touches no database or network.
MALFORMED = (
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    RecursionError,
    OverflowError,
    OSError,
)
TEXT_FIELDS = ("event_id", "message_id", "description", "reject_reason", "mta_response")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class MalformedEvent(ValueError):
    pass


class CheckedWebhookMixin:
    """Answers a malformed body with a 400, and hands on only events of the expected shape."""

    def post(self, request, *args, **kwargs):
        try:
            self.run_validators(request)
            events = [checked(event) for event in self.parse_events(request)]
        except AnymailWebhookValidationFailure:
            raise  # a 400 already, logged by Django as a suspicious operation
        except MALFORMED as error:
            # The type of error only: the body may hold a patient's address.
            logger.warning("Malformed %s webhook: %s.", self.esp_name, type(error).__name__)
            return HttpResponseBadRequest()
        for event in events:
            self.signal.send(sender=self.__class__, event=event, esp_name=self.esp_name)
        return HttpResponse()


def checked(event: AnymailTrackingEvent) -> AnymailTrackingEvent:
    """The event with text fields as text, or MalformedEvent for a shape no provider sends."""
    for name in TEXT_FIELDS:
        value = getattr(event, name, None)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise MalformedEvent(name)
        # PostgreSQL refuses NUL in text; other control characters have no business here.
        setattr(event, name, CONTROL_CHARACTERS.sub("", str(value)))
    if event.metadata is not None and not isinstance(event.metadata, dict):
        raise MalformedEvent("metadata")
    if event.timestamp is not None and not isinstance(event.timestamp, datetime.datetime):
        raise MalformedEvent("timestamp")
    event.recipient = valid_address(event.recipient)
    return event


def valid_address(value) -> str | None:
    """An address to act on (suppress), or None: a malformed one names nobody."""
    if not isinstance(value, str):
        return None
    try:
        validate_email(value)
    except ValidationError:
        return None
    return value


class PostmarkWebhook(CheckedWebhookMixin, PostmarkTrackingWebhookView):
    pass


class BrevoWebhook(CheckedWebhookMixin, BrevoTrackingWebhookView):
    pass


class MailjetWebhook(CheckedWebhookMixin, MailjetTrackingWebhookView):
    pass


class FreshMailgunSignatureMixin:
    def validate_request(self, request):
        # Runs besides anymail's signature check (anymail calls every validate_request).
        signed_at = mailgun_signature_timestamp(request)
        if abs(timezone.now() - signed_at) > MAILGUN_SIGNATURE_MAX_AGE:
            raise AnymailWebhookValidationFailure("Mailgun webhook signature is too old")


class MailgunWebhook(CheckedWebhookMixin, FreshMailgunSignatureMixin, MailgunTrackingWebhookView):
    pass


class CheckedInboundMixin:
    """A malformed inbound body is a 400, like a tracking one; the message itself is parsed
    by Python's email package, and what is kept of it is decided in inbound.py."""

    def post(self, request, *args, **kwargs):
        try:
            self.run_validators(request)
            events = self.parse_events(request)
        except AnymailWebhookValidationFailure:
            raise
        except MALFORMED as error:
            logger.warning("Malformed %s inbound: %s.", self.esp_name, type(error).__name__)
            return HttpResponseBadRequest()
        for event in events:
            self.signal.send(sender=self.__class__, event=event, esp_name=self.esp_name)
        return HttpResponse()


class PostmarkInbound(CheckedInboundMixin, PostmarkInboundWebhookView):
    pass


class MailgunInbound(CheckedInboundMixin, FreshMailgunSignatureMixin, MailgunInboundWebhookView):
    pass


def mailgun_signature_timestamp(request) -> datetime.datetime:
    if request.content_type == "application/json":
        timestamp = json.loads(request.body.decode("utf-8"))["signature"]["timestamp"]
    else:
        timestamp = request.POST["timestamp"]
    try:
        return datetime.datetime.fromtimestamp(float(timestamp), tz=datetime.UTC)
    except (TypeError, ValueError, OverflowError, OSError) as error:
        raise AnymailWebhookValidationFailure("Mailgun webhook timestamp is invalid") from error


# The providers the site can take tracking webhooks from (settings.EMAIL_PROVIDER).
TRACKING_VIEWS = {
    "postmark": PostmarkWebhook,
    "mailgun": MailgunWebhook,
    "brevo": BrevoWebhook,
    "mailjet": MailjetWebhook,
}


# The providers patients' replies can come through (the others send tracking only).
INBOUND_VIEWS = {"postmark": PostmarkInbound, "mailgun": MailgunInbound}


def urlpatterns(providers) -> list:
    """/anymail/<provider>/tracking/ and, where the provider has it, /inbound/, for each
    provider given, and nothing else."""
    patterns = []
    for provider in providers:
        patterns.append(
            path(
                f"{provider}/tracking/",
                TRACKING_VIEWS[provider].as_view(),
                name=f"{provider}_tracking_webhook",
            )
        )
        if provider in INBOUND_VIEWS:
            patterns.append(
                path(
                    f"{provider}/inbound/",
                    INBOUND_VIEWS[provider].as_view(),
                    name=f"{provider}_inbound_webhook",
                )
            )
    return patterns
