"""enquiries/routing/sla.py: uncontacted enquiries are escalated and handed on; unrouted ones
retried."""

from datetime import timedelta

import pytest
from django.utils import timezone

from enquiries.models import Enquiry, EnquiryEvent, OutgoingEmail
from enquiries.routing import assignment, sla
from tests.enquiries.factories import make_coordinator, make_enquiry

pytestmark = pytest.mark.django_db


def test_enquiry_not_contacted_in_time_is_escalated_to_the_next_coordinator(settings):
    settings.ENQUIRY_SLA_HOURS = 24
    settings.MANAGER_EMAILS = ["head@example.com"]
    slow, other = make_coordinator(["en"]), make_coordinator(["en"])
    enquiry = make_enquiry(
        status=Enquiry.Status.ASSIGNED,
        coordinator=slow,
        assigned_at=timezone.now() - timedelta(hours=25),
    )

    assert sla.escalate_overdue() == 1

    enquiry.refresh_from_db()
    assert enquiry.coordinator == other
    assert enquiry.escalated_at is not None
    escalated = enquiry.events.get(kind=EnquiryEvent.Kind.ESCALATED)
    assert escalated.data["sla_hours"] == 24
    assert enquiry.events.filter(kind=EnquiryEvent.Kind.REASSIGNED, coordinator=other).exists()
    assert OutgoingEmail.objects.filter(kind="manager_alert", recipient="head@example.com").exists()
    assert OutgoingEmail.objects.filter(
        kind="coordinator_assigned", recipient=other.user.email
    ).exists()


def test_contacted_or_recent_enquiries_are_left_alone(settings):
    settings.ENQUIRY_SLA_HOURS = 24
    coordinator = make_coordinator(["en"])
    make_enquiry(
        status=Enquiry.Status.CONTACTED,
        coordinator=coordinator,
        assigned_at=timezone.now() - timedelta(hours=48),
    )
    make_enquiry(
        status=Enquiry.Status.ASSIGNED,
        coordinator=coordinator,
        assigned_at=timezone.now() - timedelta(hours=2),
    )

    assert sla.escalate_overdue() == 0


def test_unrouted_enquiries_are_found_for_redispatch(settings):
    settings.ENQUIRY_REDISPATCH_MINUTES = 2
    old = make_enquiry()
    Enquiry.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    make_enquiry()  # too recent: its own dispatch may still be on the way

    assert sla.unrouted_enquiry_ids() == [old.pk]


def test_the_sweep_takes_the_never_tried_first_and_never_starves_them(settings):
    settings.ENQUIRY_REDISPATCH_MINUTES = 2
    persian = [make_enquiry(language="fa", email=f"fa{n}@example.com") for n in range(3)]
    assignment.route_enquiries([e.pk for e in persian])  # nobody speaks Persian here
    routable = make_enquiry(language="en")
    older = make_enquiry(language="en")
    ago = timezone.now() - timedelta(minutes=10)
    Enquiry.objects.filter(pk__in=[e.pk for e in persian]).update(
        created_at=ago - timedelta(hours=1)
    )
    Enquiry.objects.filter(pk=routable.pk).update(created_at=ago)
    Enquiry.objects.filter(pk=older.pk).update(created_at=ago - timedelta(minutes=1))

    assert sla.unrouted_enquiry_ids(limit=2) == [older.pk, routable.pk]
    assert set(sla.unrouted_enquiry_ids()) == {older.pk, routable.pk, *(e.pk for e in persian)}
