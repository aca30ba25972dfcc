"""enquiries/messaging/sender.py: claimed, sent once, outcome recorded; errors retried or not."""

from datetime import timedelta

import pytest
from anymail.exceptions import AnymailAPIError
from anymail.message import AnymailRecipientStatus
from django.core import mail
from django.utils import timezone

from enquiries.messaging import outbox, sender
from enquiries.models import OutgoingEmail

pytestmark = pytest.mark.django_db


def make_email(**fields):
    values = {
        "kind": OutgoingEmail.Kind.MANAGER_ALERT,
        "recipient": "head@example.com",
        "language": "en",
        "subject": "Enquiry TR-ABC123 needs attention",
        "body_text": "Body",
    }
    return OutgoingEmail.objects.create(**(values | fields))


@pytest.fixture
def provider_response(monkeypatch):
    """Make anymail's test backend answer every message with `response`."""

    def answer_with(response):
        build = sender.build_message

        def build_with_response(email, connection=None):
            message = build(email, connection)
            message.anymail_test_response = response
            return message

        monkeypatch.setattr(sender, "build_message", build_with_response)

    return answer_with


def test_sends_pending_emails_once_and_records_the_provider_id():
    first, second = make_email(), make_email(recipient="other@example.com")

    assert sender.send_outgoing_emails([first.pk, second.pk]) == 2
    assert sender.send_outgoing_emails([first.pk, second.pk]) == 0  # a retried task

    assert len(mail.outbox) == 2
    first.refresh_from_db()
    assert first.status == OutgoingEmail.Status.SENT
    assert first.sent_at is not None and first.attempts == 1
    assert first.provider_message_id != ""


def test_emails_not_yet_due_or_cancelled_are_left_alone():
    later = make_email(due_at=timezone.now() + timedelta(hours=1))
    cancelled = make_email(status=OutgoingEmail.Status.CANCELLED)

    assert sender.send_outgoing_emails([later.pk, cancelled.pk]) == 0
    assert mail.outbox == []


def test_transient_error_is_retried_later_with_a_growing_delay(provider_response):
    email = make_email()
    provider_response(AnymailAPIError("503 try later"))

    before = timezone.now()
    assert sender.send_outgoing_emails([email.pk]) == 0

    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.PENDING
    assert "503 try later" in email.error
    assert email.due_at >= before + timedelta(minutes=1)
    assert sender.retry_delay(3) == timedelta(minutes=4)


def test_transient_errors_give_up_after_the_last_attempt(provider_response, settings):
    settings.EMAIL_MAX_ATTEMPTS = 2
    email = make_email(attempts=1)
    provider_response(AnymailAPIError("503"))

    sender.send_outgoing_emails([email.pk])

    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.FAILED
    assert email.attempts == 2


def test_refused_recipient_is_not_retried(provider_response):
    email = make_email()
    rejected = AnymailRecipientStatus(message_id=None, status="rejected")
    provider_response({"recipient_status": {"head@example.com": rejected}})

    sender.send_outgoing_emails([email.pk])

    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.FAILED
    assert "AnymailRecipientsRefused" in email.error
    assert outbox.due_email_ids() == []


def test_an_abandoned_claim_is_failed_not_sent_again():
    email = make_email()
    [claimed] = sender.claim([email.pk])  # ...and the worker dies before recording anything
    assert claimed.status == OutgoingEmail.Status.SENDING

    assert sender.send_outgoing_emails([email.pk]) == 0
    assert outbox.fail_abandoned_claims(older_than=timedelta(0)) == 1

    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.FAILED
    assert "may or may not" in email.error
    assert mail.outbox == []


def test_suppressed_addresses_are_cancelled_not_sent():
    from enquiries.models import Suppression

    Suppression.add("head@example.com", Suppression.Reason.COMPLAINED)
    email = make_email()

    assert sender.send_outgoing_emails([email.pk]) == 0

    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.CANCELLED
    assert email.cancel_reason == "address suppressed"
    assert mail.outbox == []


def test_refused_recipient_is_suppressed(provider_response):
    from enquiries.models import Suppression

    email = make_email()
    rejected = AnymailRecipientStatus(message_id=None, status="rejected")
    provider_response({"recipient_status": {"head@example.com": rejected}})

    sender.send_outgoing_emails([email.pk])

    assert Suppression.is_suppressed("head@example.com")


def test_patient_email_goes_out_with_html_tags_metadata_and_one_click_unsubscribe():
    from tests.enquiries.factories import make_coordinator, make_enquiry

    coordinator = make_coordinator(["ar"])
    enquiry = make_enquiry(language="ar", coordinator=coordinator, status="assigned")
    email = OutgoingEmail.objects.create(
        kind="acknowledgement", enquiry=enquiry, recipient=enquiry.email, language="ar"
    )

    assert sender.send_outgoing_emails([email.pk]) == 1

    [message] = mail.outbox
    params = message.anymail_test_params
    assert params["metadata"] == {
        "email_id": str(email.pk),
        "kind": "acknowledgement",
        "language": "ar",
        "reference": enquiry.reference,
    }
    assert params["tags"] == ["acknowledgement"]
    headers = params["extra_headers"]
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert headers["List-Unsubscribe"].startswith("<http") and "/ar/" in headers["List-Unsubscribe"]
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html" and 'dir="rtl"' in html
    email.refresh_from_db()
    assert email.body_html == html and email.subject and not email.fallback_language
