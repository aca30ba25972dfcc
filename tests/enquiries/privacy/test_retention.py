"""enquiries/privacy/retention.py: what is anonymised, when, and what is kept."""

from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessLog
from django.core.files.base import ContentFile
from django.utils import timezone

from enquiries.models import (
    AccessLogEntry,
    EmailEvent,
    Enquiry,
    InboundAttachment,
    InboundMessage,
    OutgoingEmail,
)
from enquiries.privacy import access_log, retention
from enquiries.routing import handling
from enquiries.tasks import apply_retention
from tests.enquiries.factories import make_enquiry

pytestmark = pytest.mark.django_db

MONTH = timedelta(days=30)


def closed(months_ago, status="closed", **fields):
    enquiry = make_enquiry(status=status, message="My scalp scar from 2019 surgery", **fields)
    Enquiry.objects.filter(pk=enquiry.pk).update(closed_at=timezone.now() - months_ago * MONTH)
    enquiry.events.create(kind="note", text="Patient mentioned diabetes.")
    email = OutgoingEmail.objects.create(
        kind="acknowledgement",
        enquiry=enquiry,
        recipient=enquiry.email,
        language="en",
        status="sent",
        subject=f"Your enquiry, {enquiry.first_name}",
        body_text="Dear patient, about your hair transplant...",
    )
    EmailEvent.objects.create(
        email=email,
        event="delivered",
        occurred_at=timezone.now(),
        description=f"Delivered to {enquiry.email}",
    )
    return enquiry


@pytest.mark.parametrize("status", ["closed", "lost", "spam"])
def test_an_enquiry_closed_longer_than_the_period_is_anonymised(settings, status):
    settings.ENQUIRY_RETENTION_MONTHS = 24
    enquiry = closed(25, status=status, country="DE", language="de")

    assert retention.anonymise_expired() == 1

    enquiry.refresh_from_db()
    assert (enquiry.full_name, enquiry.email, str(enquiry.phone), enquiry.message) == (
        "",
        "",
        "",
        "",
    )
    assert enquiry.anonymised_at is not None
    # What statistics need stays.
    assert (enquiry.status, str(enquiry.country), enquiry.language) == (status, "DE", "de")
    assert enquiry.created_at is not None
    assert not enquiry.events.exclude(text="").exists()
    email = enquiry.emails.get()
    assert (email.recipient, email.subject, email.body_text, email.body_html) == ("", "", "", "")
    assert email.events.get().description == ""
    assert email.status == "sent"
    assert AccessLogEntry.objects.filter(
        action="anonymised", reference=enquiry.reference, user=None
    ).exists()


def test_open_or_recently_closed_enquiries_are_kept(settings):
    settings.ENQUIRY_RETENTION_MONTHS = 24
    recent = closed(23)
    still_open = make_enquiry(status="booked")
    Enquiry.objects.filter(pk=still_open.pk).update(created_at=timezone.now() - 60 * MONTH)

    assert retention.anonymise_expired() == 0

    recent.refresh_from_db()
    assert recent.full_name and recent.message


def test_the_period_is_configurable(settings):
    enquiry = closed(7)
    settings.ENQUIRY_RETENTION_MONTHS = 6

    apply_retention()

    enquiry.refresh_from_db()
    assert enquiry.anonymised_at is not None


def test_reopening_stops_the_clock_and_closing_again_restarts_it(settings):
    enquiry = make_enquiry(status="contacted")
    handling.change_status(enquiry.pk, "lost", None)
    enquiry.refresh_from_db()
    assert enquiry.closed_at is not None

    handling.change_status(enquiry.pk, "contacted", None)
    enquiry.refresh_from_db()
    assert enquiry.closed_at is None


def test_anonymising_twice_changes_nothing_more(settings):
    settings.ENQUIRY_RETENTION_MONTHS = 24
    closed(30)

    assert retention.anonymise_expired() == 1
    assert retention.anonymise_expired() == 0
    assert AccessLogEntry.objects.filter(action="anonymised").count() == 1


def test_old_access_log_entries_are_pruned(settings):
    settings.ACCESS_LOG_RETENTION_MONTHS = 12
    enquiry = make_enquiry()
    old = access_log.record(None, "viewed", enquiry)
    AccessLogEntry.objects.filter(pk=old.pk).update(at=timezone.now() - 13 * MONTH)
    recent = access_log.record(None, "viewed", enquiry)

    assert access_log.prune() == 1
    assert list(AccessLogEntry.objects.values_list("pk", flat=True)) == [recent.pk]


def test_old_staff_logins_are_pruned_with_the_access_log(settings):
    settings.ACCESS_LOG_RETENTION_MONTHS = 12
    login = {"ip_address": "203.0.113.9", "user_agent": "Firefox", "username": "coordinator"}
    old = AccessLog.objects.create(**login)
    AccessLog.objects.filter(pk=old.pk).update(attempt_time=timezone.now() - 13 * MONTH)
    recent = AccessLog.objects.create(**login)

    assert access_log.prune() == 1
    assert list(AccessLog.objects.values_list("pk", flat=True)) == [recent.pk]


def test_patient_emails_not_tied_to_an_enquiry_are_untouched(settings):
    settings.ENQUIRY_RETENTION_MONTHS = 24
    closed(30)
    other = OutgoingEmail.objects.create(
        kind="manager_alert", recipient="someone@example.com", language="en", status="sent"
    )

    retention.anonymise_expired()

    other.refresh_from_db()
    assert other.recipient == "someone@example.com"


def test_anonymising_removes_the_patients_messages_and_their_files():
    enquiry = make_enquiry(status="closed", closed_at=timezone.now() - timedelta(days=800))
    message = InboundMessage.objects.create(
        enquiry=enquiry, provider="Postmark", from_address=enquiry.email, body_text="My results."
    )
    attachment = InboundAttachment(message=message, filename="a.pdf", content_type="x", size=1)
    attachment.file.save("a.pdf", ContentFile(b"x"), save=False)
    attachment.save()
    path = Path(attachment.file.path)

    retention.anonymise_expired()

    message.refresh_from_db()
    assert (message.from_address, message.body_text) == ("", "")
    assert not InboundAttachment.objects.exists() and not path.exists()
