"""enquiries/admin/privacy.py, and the access log written by the enquiries' admin views."""

import json

import pytest
from django.urls import reverse

from enquiries.models import AccessLogEntry, Enquiry, OutgoingEmail
from tests.enquiries.admin.conftest import login
from tests.enquiries.factories import make_enquiry

pytestmark = pytest.mark.django_db

PATIENT_DATA = "/admin/enquiries/patient-data/"
ACCESS_LOG = "/admin/enquiries/access-log/"


def log_of(user):
    return list(
        AccessLogEntry.objects.filter(user=user)
        .order_by("at", "pk")
        .values_list("action", "reference", "detail")
    )


def test_the_access_log_records_views_and_changes_by_each_role(team, manager):
    alice, bob = team
    enquiry = make_enquiry(status="assigned", coordinator=alice)
    theirs = make_enquiry(status="assigned", coordinator=bob)
    coordinator = login(alice.user)

    coordinator.get(reverse("enquiries_admin:detail", args=[enquiry.pk]))
    coordinator.post(reverse("enquiries_admin:add_note", args=[enquiry.pk]), {"text": "Called"})
    coordinator.post(
        reverse("enquiries_admin:change_status", args=[enquiry.pk]), {"status": "contacted"}
    )
    coordinator.get(reverse("enquiries_admin:detail", args=[theirs.pk]))  # refused: not a view
    login(manager).get(reverse("enquiries_admin:detail", args=[theirs.pk]))

    assert log_of(alice.user) == [
        ("viewed", enquiry.reference, ""),
        ("changed", enquiry.reference, "note"),
        ("changed", enquiry.reference, "status"),
    ]
    assert log_of(manager) == [("viewed", theirs.reference, "")]
    assert AccessLogEntry.objects.get(user=manager).username == "manager"


def test_opening_an_email_in_the_outbox_is_logged(manager):
    enquiry = make_enquiry()
    email = OutgoingEmail.objects.create(
        kind="acknowledgement", enquiry=enquiry, recipient=enquiry.email, language="en"
    )

    assert login(manager).get(reverse("enquiry_outbox:inspect", args=[email.pk])).status_code == 200

    assert log_of(manager) == [("viewed", enquiry.reference, "outbox email")]


def test_only_managers_see_the_access_log(team, manager):
    enquiry = make_enquiry(coordinator=team[0])
    login(manager).get(reverse("enquiries_admin:detail", args=[enquiry.pk]))

    listing = login(manager).get(ACCESS_LOG)
    assert listing.status_code == 200 and enquiry.reference in listing.content.decode()
    assert login(team[0].user).get(ACCESS_LOG).status_code == 302  # Wagtail's "denied"


def test_a_manager_downloads_a_patients_data_without_the_address_in_any_url(manager):
    enquiry = make_enquiry(email="leila@example.com", message="About Botox")
    client = login(manager)

    found = client.post(PATIENT_DATA, {"email": "leila@example.com", "action": "find"})
    assert found.status_code == 200
    assert "1 enquiries and 0 emails" in found.content.decode()

    download = client.post(PATIENT_DATA, {"email": "leila@example.com", "action": "export"})

    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="patient-data.json"'
    data = json.loads(download.content)
    assert [item["reference"] for item in data["enquiries"]] == [enquiry.reference]
    assert AccessLogEntry.objects.filter(user=manager, action="exported").exists()


def test_erasure_needs_the_confirmation(manager):
    make_enquiry(email="leila@example.com")
    client = login(manager)

    refused = client.post(PATIENT_DATA, {"email": "leila@example.com", "action": "erase"})
    assert refused.status_code == 200 and Enquiry.objects.count() == 1

    done = client.post(
        PATIENT_DATA, {"email": "leila@example.com", "action": "erase", "confirm": "on"}
    )
    assert done.status_code == 302
    assert not Enquiry.objects.exists()
    assert AccessLogEntry.objects.filter(user=manager, action="erased").exists()


def test_coordinators_cannot_export_or_erase(team):
    make_enquiry(email="leila@example.com", coordinator=team[0])
    client = login(team[0].user)

    for action in ("export", "erase"):
        response = client.post(
            PATIENT_DATA, {"email": "leila@example.com", "action": action, "confirm": "on"}
        )
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert Enquiry.objects.count() == 1
    assert not AccessLogEntry.objects.exists()
