"""Small builders for enquiry tests, each setting the language explicitly."""

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.utils import timezone

from enquiries.intake.submissions import fingerprint
from enquiries.models import Coordinator, Enquiry, OutgoingEmail

_numbers = itertools.count(1)


def make_coordinator(
    languages, capacity=5, specialties=(), is_active=True, away_until=None, email=True
):
    number = next(_numbers)
    user = get_user_model().objects.create_user(
        f"coordinator{number}",
        email=f"coordinator{number}@example.com" if email else "",
        password="pw",
        first_name=f"Coordinator{number}",
    )
    return Coordinator.objects.create(
        user=user,
        languages=list(languages),
        capacity=capacity,
        specialties=list(specialties),
        is_active=is_active,
        away_until=away_until,
    )


def make_enquiry(
    language="en",
    treatment=None,
    status=Enquiry.Status.NEW,
    coordinator=None,
    commercial_consent=False,
    **fields,
):
    number = next(_numbers)
    now = timezone.now()
    if commercial_consent:
        fields.setdefault("commercial_consent_at", now)
        fields.setdefault("commercial_notice_version", "test")
    values = {
        "full_name": f"Patient {number}",
        "email": f"patient{number}@example.com",
        "phone": "+447700900123",
        "country": "GB",
        "language": language,
        "treatment": treatment,
        "message": f"Question {number}",
        "consent_at": now,
        "privacy_notice_version": "test",
        "status": status,
        "coordinator": coordinator,
        "assigned_at": now if coordinator else None,
        "routed_at": now if coordinator else None,
        "fingerprint": fingerprint(f"patient{number}@example.com", None, f"Question {number}"),
        "duplicate_window": number,
    }
    values.update(fields)
    return Enquiry.objects.create(**values)


def days_from_today(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def make_patient_email(status="pending", **fields):
    """An acknowledgement to a new enquiry's patient, in the given outbox status."""
    enquiry = make_enquiry(status="assigned")
    return OutgoingEmail.objects.create(
        kind="acknowledgement",
        enquiry=enquiry,
        recipient=enquiry.email,
        language="en",
        status=status,
        **fields,
    )


def make_sent_email(message_id="abc-123", recipient="patient@example.com"):
    """An acknowledgement the provider accepted (with its message id), and the enquiry's
    next email, still pending: (sent, pending)."""
    enquiry = make_enquiry(email=recipient)
    pending = OutgoingEmail.objects.create(
        kind="procedure_info", enquiry=enquiry, recipient=recipient, language="en"
    )
    sent = OutgoingEmail.objects.create(
        kind="acknowledgement",
        enquiry=enquiry,
        recipient=recipient,
        language="en",
        status="sent",
        provider_message_id=message_id,
    )
    return sent, pending
