"""enquiries/privacy/subject_requests.py: a patient's data exported, then erased."""

import json
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder

from enquiries.models import (
    AccessLogEntry,
    Enquiry,
    EnquiryEvent,
    InboundAttachment,
    InboundMessage,
    OutgoingEmail,
    Suppression,
)
from enquiries.privacy import subject_requests
from tests.enquiries.factories import make_enquiry

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager_user(django_user_model):
    return django_user_model.objects.create_user("privacy-manager")


@pytest.fixture
def patient():
    first = make_enquiry(email="Leila@Example.com", full_name="Leila Ahmadi", message="Botox?")
    second = make_enquiry(email="leila@example.com", full_name="Leila Ahmadi", message="Fillers?")
    for enquiry in (first, second):
        OutgoingEmail.objects.create(
            kind="acknowledgement",
            enquiry=enquiry,
            recipient=enquiry.email,
            language="en",
            status="sent",
            body_text="Dear Leila",
        )
        enquiry.events.create(kind="note", text="Called her back.")
    return first, second


def test_the_export_holds_everything_about_the_patient_and_nobody_else(patient, manager_user):
    other = make_enquiry(email="someone@example.com", message="Not hers")

    data = subject_requests.export("leila@example.com", manager_user)

    text = json.dumps(data, cls=DjangoJSONEncoder)
    assert {enquiry["message"] for enquiry in data["enquiries"]} == {"Botox?", "Fillers?"}
    first = data["enquiries"][0]
    assert first["full_name"] == "Leila Ahmadi" and first["phone"].startswith("+")
    assert first["emails"][0]["body_text"] == "Dear Leila"
    assert first["history"][-1]["text"] == "Called her back."
    assert "consent_at" in first and "commercial_consent_at" in first
    assert other.reference not in text and "Not hers" not in text


def test_an_export_is_logged_without_the_address(patient, manager_user):
    subject_requests.export("leila@example.com", manager_user)

    entries = AccessLogEntry.objects.filter(action="exported", user=manager_user)
    assert {entry.reference for entry in entries} == {"", *(e.reference for e in patient)}
    summary = entries.get(reference="")
    assert summary.subject_digest == Suppression.digest("leila@example.com")
    assert "leila" not in str(list(entries.values()))


def test_erasure_deletes_the_patients_data_and_keeps_the_suppression_as_a_digest(
    patient, manager_user
):
    Suppression.add("leila@example.com", Suppression.Reason.COMPLAINED)
    OutgoingEmail.objects.create(
        kind="manager_alert", recipient="leila@example.com", language="en", body_text="x"
    )
    other = make_enquiry(email="someone@example.com")

    counts = subject_requests.erase("LEILA@example.com ", manager_user)

    assert counts == {"enquiries": 2, "emails": 3}
    assert list(Enquiry.objects.all()) == [other]
    assert not EnquiryEvent.objects.exclude(enquiry=other).exists()
    assert not OutgoingEmail.objects.filter(recipient__iexact="leila@example.com").exists()
    suppression = Suppression.objects.get()
    assert suppression.address == ""
    assert Suppression.is_suppressed("leila@example.com")  # still never written to
    # The log keeps who erased which references, not the patient's data.
    erased = AccessLogEntry.objects.filter(action="erased", user=manager_user)
    assert {entry.reference for entry in erased} == {"", *(e.reference for e in patient)}
    assert all(entry.enquiry is None for entry in erased)


def test_the_patients_messages_are_exported_and_erased_with_their_files(patient, manager_user):
    first, _second = patient
    message = InboundMessage.objects.create(
        enquiry=first, provider="Mailgun", from_address=first.email, body_text="My scan."
    )
    attachment = InboundAttachment(message=message, filename="scan.pdf", content_type="x", size=1)
    attachment.file.save("scan.pdf", ContentFile(b"x"), save=False)
    attachment.save()
    path = Path(attachment.file.path)

    data = subject_requests.export("leila@example.com", manager_user)
    exported = [m for e in data["enquiries"] for m in e["messages_from_the_patient"]]
    assert exported[0]["text"] == "My scan."
    assert exported[0]["attachments"] == [{"file_name": "scan.pdf", "size": 1}]

    subject_requests.erase("leila@example.com", manager_user)

    assert not InboundMessage.objects.exists() and not path.exists()
