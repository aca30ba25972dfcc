"""enquiries/messaging/webhooks.py and the rules of tracking.py that guard against forged,
replayed and malformed provider events."""

import json
import time

import pytest
from django.urls import Resolver404, resolve

from enquiries.messaging import webhooks
from enquiries.models import EmailEvent, Suppression
from tests.enquiries.factories import make_sent_email
from tests.enquiries.webhooks import (
    BREVO_URL,
    MAILGUN_URL,
    MAILJET_URL,
    POSTMARK_URL,
    TRACKING_URLS,
    brevo,
    mailgun,
    mailjet,
    post,
    postmark,
)

pytestmark = pytest.mark.django_db


def sent_email(message_id="abc-123", recipient="patient@example.com"):
    return make_sent_email(message_id, recipient)[0]


def pending_left(email):
    return email.enquiry.emails.filter(status="pending").count()


def test_only_the_given_providers_webhooks_are_mounted():
    class OnlyPostmark:
        urlpatterns = webhooks.urlpatterns(["postmark"])

    assert resolve("/postmark/tracking/", urlconf=OnlyPostmark).func.view_class is (
        webhooks.PostmarkWebhook
    )
    for other in ("mailgun", "brevo", "mailjet", "sendgrid"):
        with pytest.raises(Resolver404):
            resolve(f"/{other}/tracking/", urlconf=OnlyPostmark)


def test_every_supported_provider_has_a_checked_webhook(settings):
    assert set(webhooks.TRACKING_VIEWS) == set(settings.EMAIL_PROVIDERS)


@pytest.mark.parametrize("years_ago", [9, 3])  # signatures from 2017 and 2023
def test_an_old_mailgun_signature_is_refused(years_ago):
    email = sent_email(message_id="<20261126.1@mg.example.com>")
    signed_at = time.time() - years_ago * 365 * 86400

    payload = mailgun("failed", "20261126.1@mg.example.com", signed_at=signed_at)

    response = post(MAILGUN_URL, payload)

    assert response.status_code == 400
    assert not EmailEvent.objects.exists() and not Suppression.objects.exists()
    assert pending_left(email) == 1


def test_a_mailgun_signature_from_a_few_minutes_ago_is_taken():
    sent_email(message_id="<20261126.1@mg.example.com>")
    payload = mailgun("delivered", "20261126.1@mg.example.com", signed_at=time.time() - 240)

    assert post(MAILGUN_URL, payload).status_code == 200
    assert EmailEvent.objects.count() == 1


@pytest.mark.parametrize(
    "url, payload",
    [
        (POSTMARK_URL, postmark("Delivery", "abc-123")),
        (MAILGUN_URL, mailgun("delivered", "abc-123")),
        (BREVO_URL, brevo("delivered", "abc-123")),
        (MAILJET_URL, mailjet("sent", "abc-123")),
    ],
)
def test_a_replayed_event_is_recorded_once(url, payload):
    sent_email(message_id="<abc-123>" if url == MAILGUN_URL else "abc-123")

    assert post(url, payload).status_code == 200
    assert post(url, payload).status_code == 200

    assert EmailEvent.objects.count() == 1


def test_two_different_deliveries_of_the_same_kind_are_both_recorded():
    sent_email(message_id="<abc-123>")

    post(MAILGUN_URL, mailgun("opened", "abc-123"))
    post(MAILGUN_URL, mailgun("opened", "abc-123"))  # a second open: a new token

    assert EmailEvent.objects.count() == 2


@pytest.mark.parametrize(
    "url, soft_bounce",
    [
        (BREVO_URL, brevo("soft_bounce", "abc-123")),
        (POSTMARK_URL, postmark("Bounce", "abc-123", Type="SoftBounce", TypeCode=4096)),
        (MAILJET_URL, mailjet("bounce", "abc-123", hard_bounce=False, error="quota exceeded")),
    ],
)
def test_a_soft_bounce_is_recorded_but_suppresses_nothing(url, soft_bounce):
    email = sent_email()

    assert post(url, soft_bounce).status_code == 200

    email.refresh_from_db()
    assert list(email.events.values_list("event", flat=True)) == ["soft_bounce"]
    assert email.delivery == "deferred"
    assert not Suppression.objects.exists()
    assert pending_left(email) == 1


@pytest.mark.parametrize(
    "url, hard_bounce",
    [
        (BREVO_URL, brevo("hard_bounce", "abc-123")),
        (MAILJET_URL, mailjet("bounce", "abc-123", hard_bounce=True, error="user unknown")),
    ],
)
def test_a_hard_bounce_suppresses_the_address(url, hard_bounce):
    email = sent_email()

    assert post(url, hard_bounce).status_code == 200

    assert Suppression.is_suppressed("patient@example.com")
    assert pending_left(email) == 0


NESTED = b"[" * 100_000 + b"]" * 100_000
MALFORMED_BODIES = {
    "bad JSON": b"{not json",
    "null": b"null",
    "a number": b"42",
    "a string": b'"Delivery"',
    "wrong types": json.dumps(
        {"RecordType": ["Bounce"], "event": {"a": 1}, "event-data": [], "signature": "x"}
    ).encode(),
    "deep nesting": NESTED,
    "invalid UTF-8": b'{"RecordType": "Delivery", "Recipient": "\xff\xfe"}',
}


@pytest.mark.parametrize("url", TRACKING_URLS)
@pytest.mark.parametrize("body", MALFORMED_BODIES.values(), ids=MALFORMED_BODIES.keys())
def test_an_authenticated_malformed_body_is_a_400(url, body):
    assert post(url, body).status_code == 400
    assert not EmailEvent.objects.exists() and not Suppression.objects.exists()


@pytest.mark.parametrize(
    "url, payload",
    [
        (POSTMARK_URL, postmark("Bounce", 123, Recipient=["a@example.com"], Metadata=[1])),
        (POSTMARK_URL, postmark("Delivery", "abc-123", DeliveredAt=12)),
        (BREVO_URL, brevo("hard_bounce", {"id": 1}, email=7)),
        (MAILJET_URL, mailjet("sent", "abc-123", time=10**30)),
        (MAILJET_URL, mailjet("sent", "abc-123", Payload='"not a dict"')),
    ],
)
def test_events_of_the_wrong_shape_are_refused_or_name_nobody(url, payload):
    email = sent_email()

    assert post(url, payload).status_code in (200, 400)

    assert not Suppression.objects.exists()
    assert pending_left(email) == 1


def test_a_malformed_recipient_suppresses_nothing_but_the_email_is_still_marked():
    email = sent_email()

    post(POSTMARK_URL, postmark("Bounce", "abc-123", Recipient="not an address\x00", Email="x"))

    email.refresh_from_db()
    assert email.delivery == "bounced"
    # The address the email went to bounced: that one is suppressed.
    assert list(Suppression.objects.values_list("address", flat=True)) == [email.recipient]
