"""enquiries/intake/submissions.py: an enquiry is saved once, and always saved, whatever
reference it was given."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from enquiries.intake.submissions import submit_enquiry
from enquiries.models import Enquiry, EnquiryEvent
from pages.models import TreatmentPage

pytestmark = pytest.mark.django_db


def cleaned(**changes):
    return {
        "full_name": "Sara Ahmadi",
        "email": "sara@example.com",
        "phone": "+989121234567",
        "uses_whatsapp": True,
        "country": "IR",
        "language": "fa",
        "treatment": TreatmentPage.objects.get(locale__language_code="fa", slug="botox"),
        "message": "How long does the effect last?",
        "commercial_consent": False,
        **changes,
    }


def test_a_reference_another_enquiry_has_is_replaced_and_the_enquiry_saved():
    other, _created = submit_enquiry(cleaned(email="reza@example.com"), "fa", "TR-ABCDEF")

    enquiry, created = submit_enquiry(cleaned(), "fa", reference="TR-ABCDEF")

    assert created and enquiry.pk != other.pk
    assert enquiry.reference != "TR-ABCDEF" and enquiry.email == "sara@example.com"
    assert Enquiry.objects.get(reference="TR-ABCDEF").email == "reza@example.com"
    received = EnquiryEvent.objects.get(enquiry=enquiry, kind=EnquiryEvent.Kind.RECEIVED)
    assert received.data == {"page_language": "fa", "reference_given": "TR-ABCDEF"}


def test_the_same_enquiry_under_its_reference_is_saved_once_even_after_the_duplicate_window():
    saved, _created = submit_enquiry(cleaned(), "fa", reference="TR-ABCDEF")
    later = timezone.now() + datetime.timedelta(minutes=settings.ENQUIRY_DUPLICATE_MINUTES + 5)

    # From the spool, long after the database took it directly after all.
    again, created = submit_enquiry(cleaned(), "fa", reference="TR-ABCDEF", received_at=later)

    assert not created and again.pk == saved.pk
    assert Enquiry.objects.filter(email="sara@example.com").count() == 1


def test_a_double_submission_within_the_window_is_saved_once():
    first, _created = submit_enquiry(cleaned(), "fa", reference="TR-ABCDEF")

    second, created = submit_enquiry(cleaned(), "fa", reference="TR-GHJKLM")

    assert not created and second.pk == first.pk


def test_a_new_enquiry_records_only_its_page_language():
    enquiry, created = submit_enquiry(cleaned(), "fa", reference="TR-ABCDEF")

    assert created and enquiry.reference == "TR-ABCDEF"
    received = EnquiryEvent.objects.get(enquiry=enquiry, kind=EnquiryEvent.Kind.RECEIVED)
    assert received.data == {"page_language": "fa"}
