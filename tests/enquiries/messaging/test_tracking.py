"""enquiries/messaging/tracking.py through anymail's webhooks: Postmark and Mailgun, with and
without the webhook secret; bounces and complaints suppress the address."""

import base64

import pytest

from enquiries.models import EmailEvent, Suppression
from tests.enquiries.factories import make_patient_email, make_sent_email
from tests.enquiries.webhooks import mailgun, post, postmark, postmark_delivered

pytestmark = pytest.mark.django_db


def sent_email(message_id="abc-123", recipient="patient@example.com"):
    return make_sent_email(message_id, recipient)


def test_postmark_delivery_is_recorded_on_the_email():
    email, _later = sent_email()

    response = post("/anymail/postmark/tracking/", postmark("Delivery", "abc-123"))

    assert response.status_code == 200
    email.refresh_from_db()
    assert email.delivery == "delivered"
    assert list(email.events.values_list("event", flat=True)) == ["delivered"]


def test_postmark_bounce_suppresses_the_address_and_cancels_what_is_pending():
    email, later = sent_email()

    post("/anymail/postmark/tracking/", postmark("Bounce", "abc-123"))

    email.refresh_from_db()
    later.refresh_from_db()
    assert email.delivery == "bounced"
    assert Suppression.is_suppressed("Patient@example.com")
    assert later.status == "cancelled" and later.cancel_reason == "address bounced"


def test_postmark_spam_complaint_suppresses_the_address_and_cancels_what_is_pending():
    _email, later = sent_email()

    post(
        "/anymail/postmark/tracking/",
        postmark("SpamComplaint", "abc-123", Type="SpamComplaint", TypeCode=512),
    )

    assert Suppression.objects.get(address="patient@example.com").reason == "complained"
    later.refresh_from_db()
    assert later.status == "cancelled" and later.cancel_reason == "address complained"


def test_postmark_without_the_webhook_secret_changes_nothing():
    _email, later = sent_email()

    for auth in (None, "Basic " + base64.b64encode(b"webhook:wrong").decode()):
        response = post("/anymail/postmark/tracking/", postmark("Bounce", "abc-123"), auth=auth)
        assert response.status_code in (400, 401, 403)

    assert not EmailEvent.objects.exists()
    assert not Suppression.objects.exists()
    later.refresh_from_db()
    assert later.status == "pending"


def test_mailgun_delivery_and_permanent_failure_are_recorded():
    # As anymail records Mailgun's message ids, angle brackets included.
    email, _later = sent_email(message_id="<20261126.1@mg.example.com>")

    post("/anymail/mailgun/tracking/", mailgun("delivered", "20261126.1@mg.example.com"))
    post("/anymail/mailgun/tracking/", mailgun("failed", "20261126.1@mg.example.com"))
    post("/anymail/mailgun/tracking/", mailgun("opened", "20261126.1@mg.example.com"))

    email.refresh_from_db()
    assert list(email.events.values_list("event", flat=True)) == [
        "delivered",
        "bounced",
        "opened",
    ]
    assert email.delivery == "bounced"  # a later open does not hide the bounce
    assert Suppression.is_suppressed("patient@example.com")


def test_mailgun_with_a_bad_signature_changes_nothing():
    sent_email(message_id="20261126.1@mg.example.com")

    response = post(
        "/anymail/mailgun/tracking/",
        mailgun("failed", "20261126.1@mg.example.com", key="wrong-key"),
    )

    assert response.status_code in (400, 403)
    assert not EmailEvent.objects.exists() and not Suppression.objects.exists()


@pytest.mark.parametrize("status", ["sending", "in_doubt", "needs_decision"])
def test_a_delivery_report_settles_an_email_nobody_knew_the_outcome_of(status):
    email = make_patient_email(status, error="The provider may or may not have accepted it.")

    assert postmark_delivered(email.pk, email.recipient).status_code == 200

    email.refresh_from_db()
    assert (email.status, email.delivery, email.error) == ("sent", "delivered", "")
    assert email.sent_at is not None and email.provider_message_id == f"pm-{email.pk}"


def test_a_rejection_report_settles_an_email_in_doubt_as_failed():
    # The message id as anymail's Mailgun backend keeps it.
    email = make_patient_email("in_doubt", provider_message_id="<pm-1@example.com>")
    mailgun_rejected = mailgun("rejected", "pm-1@example.com")

    assert post("/anymail/mailgun/tracking/", mailgun_rejected).status_code == 200

    email.refresh_from_db()
    assert email.status == "failed" and "rejected" in email.error
