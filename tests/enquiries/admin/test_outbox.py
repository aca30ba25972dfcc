"""enquiries/admin/outbox.py: managers see what did not go out and decide about it; the
alerts and the dashboard panel that send them there."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from enquiries.messaging import notifications, sender
from enquiries.models import EnquiryEvent, OutgoingEmail
from tests.enquiries.admin.conftest import login
from tests.enquiries.factories import make_patient_email
from tests.enquiries.provider_stub import ProviderStub

pytestmark = pytest.mark.django_db
INDEX = reverse("enquiry_outbox:index")


def patient_email(status="pending", **fields):
    fields = {"subject": "Your enquiry", "body_text": "Dear Maria, about your diabetes..."} | fields
    return make_patient_email(status, **fields)


def test_only_managers_see_the_outbox(manager, team, editor_client):
    assert login(manager).get(INDEX).status_code == 200
    for client in (login(team[0].user), editor_client):
        assert client.get(INDEX).status_code == 302  # Wagtail's "permission denied"
    assert b"Email outbox" not in login(team[0].user).get("/admin/").content


def test_counts_by_status_and_what_needs_attention(manager):
    failed = patient_email("failed", error="AnymailRequestsAPIError: 500")
    undecided = patient_email("needs_decision")
    overdue = patient_email(due_at=timezone.now() - timedelta(hours=1))
    sent = patient_email("sent", provider_message_id="pm-1")
    client = login(manager)

    everything = client.get(INDEX).content.decode()
    attention = client.get(INDEX, {"state": "attention"}).content.decode()

    assert "Failed</a>: <strong>1</strong>" in everything
    assert "Pending, overdue</a>: <strong>1</strong>" in everything
    for email in (failed, undecided, overdue):
        assert email.recipient in attention
    assert sent.recipient not in attention
    assert "AnymailRequestsAPIError: 500" in attention
    assert "Dear Maria" not in everything  # bodies stay on the enquiry page


def test_inspecting_an_email_shows_its_record_not_its_body(manager):
    email = patient_email("in_doubt", claimed_by="worker-1:42", error="may or may not")

    page = login(manager).get(reverse("enquiry_outbox:inspect", args=[email.pk])).content.decode()

    assert "worker-1:42" in page and "may or may not" in page
    assert "diabetes" not in page


def test_resending_an_email_in_doubt_warns_then_queues_it_and_records_who(manager):
    email = patient_email("needs_decision", attempts=1, error="connection dropped")
    client = login(manager)
    url = reverse("enquiry_outbox:resend", args=[email.pk])

    warning = client.get(url).content.decode()
    assert "may already have reached the patient" in warning

    with pytest.MonkeyPatch.context() as patch:
        queued = []
        patch.setattr("enquiries.messaging.outbox.queue_send", queued.extend)
        assert client.post(url).status_code == 302

    email.refresh_from_db()
    assert (email.status, email.attempts) == ("pending", 0)
    assert queued == [email]
    event = EnquiryEvent.objects.get(enquiry=email.enquiry, kind="email_resent")
    assert event.actor == manager and event.data["was"] == "needs_decision"


def test_cancelling_a_failed_email_is_recorded(manager):
    email = patient_email("failed")

    login(manager).post(reverse("enquiry_outbox:cancel", args=[email.pk]))

    email.refresh_from_db()
    assert email.status == "cancelled" and "manager" in email.cancel_reason
    assert EnquiryEvent.objects.filter(enquiry=email.enquiry, kind="email_cancelled").exists()


def test_a_sent_email_cannot_be_resent_and_coordinators_cannot_decide(manager, team):
    email = patient_email("sent")

    login(manager).post(reverse("enquiry_outbox:resend", args=[email.pk]))
    response = login(team[0].user).post(reverse("enquiry_outbox:cancel", args=[email.pk]))

    email.refresh_from_db()
    assert email.status == "sent"
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_an_always_failing_address_ends_failed_and_shows_in_the_outbox(manager, settings):
    email = patient_email()
    settings.EMAIL_MAX_ATTEMPTS = 3
    with ProviderStub() as provider:
        provider.mode = "error"
        settings.EMAIL_BACKEND = "anymail.backends.postmark.EmailBackend"
        settings.ANYMAIL = settings.ANYMAIL | provider.anymail_settings(timeout=1)
        for _attempt in range(3):
            OutgoingEmail.objects.filter(pk=email.pk).update(due_at=timezone.now())
            sender.send_outgoing_emails([email.pk])

    email.refresh_from_db()
    assert (email.status, email.attempts) == ("failed", 3)
    assert email.recipient in login(manager).get(INDEX, {"state": "failed"}).content.decode()


def test_managers_are_alerted_once_about_failed_and_undecided_emails(manager):
    patient_email("failed")
    patient_email("needs_decision")
    patient_email("in_doubt")  # still waiting for the provider's report: not yet
    OutgoingEmail.objects.create(
        kind="manager_alert", recipient="m@example.com", language="en", status="failed"
    )

    assert notifications.alert_managers_about_outbox() == 2
    assert notifications.alert_managers_about_outbox() == 0

    [alert] = OutgoingEmail.objects.filter(kind="outbox_alert")
    assert alert.recipient == manager.email
    assert "1 email failed" in alert.body_text and "1 email needs a decision" in alert.body_text
    assert reverse("enquiry_outbox:index") in alert.body_text
    assert "diabetes" not in alert.body_text
    assert mail.outbox == []  # queued after the commit, sent by the sender


def test_the_managers_dashboard_shows_the_outbox_and_coordinators_do_not(manager, team):
    patient_email("failed")

    assert "1 email failed" in login(manager).get("/admin/").content.decode()
    assert "Email outbox" not in login(team[0].user).get("/admin/").content.decode()
