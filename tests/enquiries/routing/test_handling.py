"""enquiries/routing/handling.py: status changes and notes, each a line of the history. What
a status change does to the patient emails is in messaging/test_followups.py."""

import pytest

from enquiries.models import Enquiry
from enquiries.routing import assignment, handling
from tests.enquiries.factories import make_coordinator, make_enquiry

pytestmark = pytest.mark.django_db


def test_status_changes_and_notes_are_history():
    coordinator = make_coordinator(["en"])
    enquiry = make_enquiry(language="en")
    assignment.route_enquiries([enquiry.pk])

    handling.change_status(enquiry.pk, Enquiry.Status.CONTACTED, actor=coordinator.user)
    handling.add_note(enquiry.pk, "Called, sends photos tomorrow.", actor=coordinator.user)

    enquiry.refresh_from_db()
    assert enquiry.contacted_at is not None
    kinds = list(enquiry.events.values_list("kind", flat=True))
    assert kinds == ["assigned", "status", "note"]
    status_event = enquiry.events.get(kind="status")
    assert (status_event.from_status, status_event.to_status) == ("assigned", "contacted")
    assert status_event.actor == coordinator.user
