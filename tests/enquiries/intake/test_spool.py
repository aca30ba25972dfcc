"""enquiries/intake/spool.py with real Redis: what the database could not take is saved
later, once, under the reference the patient was given."""

import datetime
import json

import pytest
from django.utils import timezone

from enquiries.intake import spool
from enquiries.intake.submissions import submit_enquiry
from enquiries.models import Enquiry
from enquiries.models.enquiry import new_reference
from pages.models import TreatmentPage
from tests.enquiries.conftest import empty_the_spool
from tests.enquiries.factories import days_from_today
from tests.enquiries.real_services import require_real_services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_spool():
    require_real_services()
    empty_the_spool()
    yield
    empty_the_spool()


def cleaned(**changes):
    return {
        "full_name": "Layla Haddad",
        "email": "layla@example.com",
        "phone": "+96131234567",
        "uses_whatsapp": True,
        "country": "LB",
        "language": "ar",
        "treatment": TreatmentPage.objects.get(locale__language_code="ar", slug="botox").pk,
        "travel_from": days_from_today(20),
        "travel_to": None,
        "message": "How long does it last?",
        "commercial_consent": False,
        "consent": True,
        **changes,
    }


def test_a_spooled_enquiry_is_saved_once_under_its_reference():
    reference = new_reference()
    assert spool.keep(cleaned(), "ar", reference)

    assert spool.save_spooled() == 1
    assert spool.save_spooled() == 0

    enquiry = Enquiry.objects.get(reference=reference)
    assert enquiry.treatment.slug == "botox" and enquiry.travel_from == days_from_today(20)
    assert str(enquiry.phone) == "+96131234567" and enquiry.uses_whatsapp
    assert timezone.now() - enquiry.created_at < datetime.timedelta(minutes=1)
    assert spool.waiting() == 0


def test_an_enquiry_the_database_took_after_all_is_not_saved_again():
    reference = new_reference()
    spool.keep(cleaned(), "ar", reference)
    spool.save_spooled()
    spool.keep(cleaned(), "ar", reference)  # the same submission, spooled as well

    assert spool.save_spooled() == 0
    assert Enquiry.objects.filter(email="layla@example.com").count() == 1


def test_a_spooled_enquiry_whose_reference_another_has_taken_is_saved_all_the_same():
    reference = new_reference()
    spool.keep(cleaned(), "ar", reference)
    # Another patient's enquiry, saved meanwhile under the same reference (1 in 10^9).
    other = cleaned(email="nadia@example.com", message="Is it painful?")
    other["treatment"] = TreatmentPage.objects.get(pk=other["treatment"])
    submit_enquiry(other, "ar", reference=reference)

    assert spool.save_spooled() == 1
    layla = Enquiry.objects.get(email="layla@example.com")
    assert layla.reference != reference
    assert layla.events.get(kind="received").data["reference_given"] == reference
    assert Enquiry.objects.get(reference=reference).email == "nadia@example.com"


def test_a_drain_that_died_midway_is_finished_by_the_next():
    reference = new_reference()
    spool.keep(cleaned(email="omar@example.com"), "ar", reference)
    # A drain moved the item and died before saving it.
    spool.client().lmove(spool.WAITING, spool.SAVING, "LEFT", "RIGHT")

    assert spool.save_spooled() == 1
    assert Enquiry.objects.filter(reference=reference).exists()
    assert spool.waiting() == 0


def test_the_spool_holds_plain_json_under_the_reference():
    spool.keep(cleaned(), "ar", "TR-ABCDEF")

    [raw] = spool.client().lrange(spool.WAITING, 0, -1)
    item = json.loads(raw)
    assert item["reference"] == "TR-ABCDEF" and item["data"]["treatment"] > 0
