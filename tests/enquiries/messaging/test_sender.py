"""enquiries/messaging/sender.py: claimed, sent once, outcome recorded; errors retried or not."""

from datetime import timedelta

import pytest
from anymail.message import AnymailRecipientStatus
from celery.exceptions import SoftTimeLimitExceeded
from django.core import mail
from django.db import OperationalError
from django.utils import timezone

from enquiries.messaging import outbox, sender
from enquiries.models import OutgoingEmail
from tests.enquiries.provider_stub import ProviderStub

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


def test_refused_recipient_is_not_retried(provider_response):
    email = make_email()
    rejected = AnymailRecipientStatus(message_id=None, status="rejected")
    provider_response({"recipient_status": {"head@example.com": rejected}})

    sender.send_outgoing_emails([email.pk])

    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.FAILED
    assert "AnymailRecipientsRefused" in email.error
    assert outbox.due_email_ids() == []


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


# Claims cover one chunk, and whatever stops a chunk gives back what was not attempted.


def test_a_claim_covers_only_the_chunk_being_sent(monkeypatch):
    emails = [make_email(recipient=f"head{n}@example.com") for n in range(5)]
    claimed_while_sending = []
    build = sender.build_message

    def build_and_look(email, connection=None):
        claimed_while_sending.append(OutgoingEmail.objects.filter(status="sending").count())
        return build(email, connection)

    monkeypatch.setattr(sender, "build_message", build_and_look)

    assert sender.send_outgoing_emails([e.pk for e in emails], chunk_size=2) == 5

    assert max(claimed_while_sending) == 2


def test_a_database_error_mid_chunk_releases_what_was_not_attempted(monkeypatch):
    first, second, third = (make_email(recipient=f"head{n}@example.com") for n in range(3))
    build = sender.build_message

    def fail_on_the_second(email, connection=None):
        if email.pk == second.pk:
            raise OperationalError("server closed the connection unexpectedly")
        return build(email, connection)

    monkeypatch.setattr(sender, "build_message", fail_on_the_second)

    with pytest.raises(OperationalError):  # the task retries itself
        sender.send_outgoing_emails([first.pk, second.pk, third.pk])

    statuses = dict(OutgoingEmail.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "sent", second.pk: "pending", third.pk: "pending"}
    assert len(mail.outbox) == 1


def test_stopped_during_the_provider_call_puts_only_that_email_in_doubt(monkeypatch):
    first, second = make_email(), make_email(recipient="other@example.com")

    def time_limit_during_send(self, *args, **kwargs):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr("anymail.backends.test.EmailBackend.send_messages", time_limit_during_send)

    with pytest.raises(SoftTimeLimitExceeded):
        sender.send_outgoing_emails([first.pk, second.pk])

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == OutgoingEmail.Status.IN_DOUBT and first.attempts == 1
    assert second.status == OutgoingEmail.Status.PENDING and second.attempts == 0


def test_outcomes_are_recorded_once_the_database_is_back(monkeypatch, settings):
    settings.EMAIL_RECORD_RETRY_SECONDS = 5
    email = make_email()
    record, failures = sender.record_outcomes, [OperationalError("the database restarts")] * 2

    def record_after_a_restart(emails):
        if failures:
            raise failures.pop()
        record(emails)

    monkeypatch.setattr(sender, "record_outcomes", record_after_a_restart)
    monkeypatch.setattr(sender.connection, "close", lambda: None)  # the test's transaction

    assert sender.send_outgoing_emails([email.pk]) == 1

    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT and failures == []


# What a provider error means, told apart on a real HTTP provider (a local stub).


@pytest.fixture
def provider(settings):
    with ProviderStub() as stub:
        settings.EMAIL_BACKEND = "anymail.backends.postmark.EmailBackend"
        settings.ANYMAIL = settings.ANYMAIL | stub.anymail_settings(timeout=1)
        yield stub


def test_an_accepted_email_is_sent_once_with_the_providers_id(provider):
    email = make_email()

    assert sender.send_outgoing_emails([email.pk]) == 1

    email.refresh_from_db()
    assert provider.taken() == {str(email.pk): 1}
    assert email.status == OutgoingEmail.Status.SENT and email.provider_message_id


def test_a_connection_dropped_after_the_provider_took_it_is_in_doubt_not_retried(provider):
    provider.mode = "drop"
    email = make_email()

    assert sender.send_outgoing_emails([email.pk]) == 0
    provider.mode = "accept"
    assert sender.send_outgoing_emails([*outbox.due_email_ids(), email.pk]) == 0

    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.IN_DOUBT
    assert "may or may not" in email.error
    assert provider.taken() == {str(email.pk): 1}  # taken once, never again


def test_no_answer_within_the_timeout_is_in_doubt(provider):
    provider.mode, provider.delay = "slow", 2  # the sender waits 1 s
    email = make_email()

    sender.send_outgoing_emails([email.pk])

    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.IN_DOUBT


def test_an_http_error_is_retried_later_with_a_growing_delay(provider):
    provider.mode = "error"
    email = make_email()

    before = timezone.now()
    assert sender.send_outgoing_emails([email.pk]) == 0

    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.PENDING and email.attempts == 1
    assert "500" in email.error
    assert email.due_at >= before + timedelta(minutes=1)
    assert sender.retry_delay(3) == timedelta(minutes=4)
    assert provider.taken() == {}


def test_an_unreachable_provider_is_retried(settings):
    settings.EMAIL_BACKEND = "anymail.backends.postmark.EmailBackend"
    settings.ANYMAIL = settings.ANYMAIL | {
        "POSTMARK_SERVER_TOKEN": "stub",
        "POSTMARK_API_URL": "http://127.0.0.1:1/",  # nothing listens: connection refused
    }
    email = make_email()

    sender.send_outgoing_emails([email.pk])

    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.PENDING
    assert "ConnectionError" in email.error


def test_errors_that_surely_did_not_arrive_give_up_after_the_last_attempt(provider, settings):
    provider.mode = "error"
    settings.EMAIL_MAX_ATTEMPTS = 2
    email = make_email(attempts=1)

    sender.send_outgoing_emails([email.pk])

    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.FAILED and email.attempts == 2


# Claims left by a dead worker, and emails in doubt for too long.


def test_a_claim_older_than_the_time_limit_is_put_in_doubt_not_sent_again(settings):
    email, fresh = make_email(), make_email(recipient="other@example.com")
    sender.claim([email.pk, fresh.pk])  # ...and the worker dies before recording anything
    OutgoingEmail.objects.filter(pk=email.pk).update(
        claimed_at=timezone.now() - timedelta(seconds=settings.EMAIL_CLAIM_ABANDONED_AFTER + 1)
    )

    assert outbox.doubt_abandoned_claims() == 1
    assert sender.send_outgoing_emails([email.pk]) == 0

    email.refresh_from_db()
    fresh.refresh_from_db()
    assert email.status == OutgoingEmail.Status.IN_DOUBT and "may or may not" in email.error
    assert fresh.status == OutgoingEmail.Status.SENDING  # a live worker may still send it
    assert mail.outbox == []


def test_in_doubt_for_longer_than_the_wait_needs_a_decision(settings):
    settings.EMAIL_IN_DOUBT_WAIT_MINUTES = 30
    long_ago = timezone.now() - timedelta(minutes=31)
    old = make_email(status="in_doubt", claimed_at=long_ago)
    recent = make_email(status="in_doubt", claimed_at=timezone.now())

    assert outbox.flag_undecided() == 1

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.status, recent.status) == ("needs_decision", "in_doubt")
