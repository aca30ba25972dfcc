"""enquiries/routing/sla.py: uncontacted enquiries are escalated and handed on; unrouted ones
retried."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from enquiries.models import (
    ClinicHours,
    Enquiry,
    EnquiryEvent,
    Holiday,
    OutgoingEmail,
    WorkingPeriod,
)
from enquiries.routing import assignment, clock, handling, sla
from tests.enquiries.factories import make_coordinator, make_enquiry

pytestmark = pytest.mark.django_db


def test_enquiry_not_contacted_in_time_is_escalated_to_the_next_coordinator(settings):
    settings.ENQUIRY_SLA_HOURS = 4
    settings.MANAGER_EMAILS = ["head@example.com"]
    slow, other = make_coordinator(["en"]), make_coordinator(["en"])
    enquiry = make_enquiry(
        status=Enquiry.Status.ASSIGNED,
        coordinator=slow,
        answer_due_at=timezone.now() - timedelta(minutes=1),
    )

    assert sla.escalate_overdue() == 1
    assert sla.escalate_overdue() == 0  # once

    enquiry.refresh_from_db()
    assert enquiry.coordinator == other
    assert enquiry.escalated_at is not None
    assert enquiry.answer_due_at > timezone.now()  # the new coordinator's own clock
    escalated = enquiry.events.get(kind=EnquiryEvent.Kind.ESCALATED)
    assert escalated.data["sla_hours"] == 4
    assert enquiry.events.filter(kind=EnquiryEvent.Kind.REASSIGNED, coordinator=other).exists()
    assert OutgoingEmail.objects.filter(kind="manager_alert", recipient="head@example.com").exists()
    assert OutgoingEmail.objects.filter(
        kind="coordinator_assigned", recipient=other.user.email
    ).exists()


def test_contacted_waiting_or_recent_enquiries_are_left_alone():
    coordinator = make_coordinator(["en"])
    past = timezone.now() - timedelta(hours=48)
    for status in (Enquiry.Status.CONTACTED, Enquiry.Status.WAITING, Enquiry.Status.QUOTED):
        make_enquiry(status=status, coordinator=coordinator, answer_due_at=past)
    make_enquiry(
        status=Enquiry.Status.ASSIGNED,
        coordinator=coordinator,
        answer_due_at=timezone.now() + timedelta(hours=2),
    )

    assert sla.escalate_overdue() == 0


def test_routing_sets_the_answer_deadline_in_the_clinics_working_hours(settings):
    settings.ENQUIRY_SLA_HOURS = 4
    make_coordinator(["en"])
    enquiry = make_enquiry()

    assignment.route_enquiries([enquiry.pk])

    enquiry.refresh_from_db()
    assert enquiry.answer_due_at == clock.answer_due(enquiry.assigned_at)
    assert enquiry.answer_due_at >= enquiry.assigned_at + timedelta(hours=4)


def test_the_deadline_follows_the_hours_and_holidays_managers_enter(settings):
    # The default hours (migration): Monday to Friday, 09:00-18:00, Istanbul.
    settings.ENQUIRY_SLA_HOURS = 4
    istanbul = ZoneInfo("Europe/Istanbul")
    friday_night = datetime(2027, 3, 5, 23, 0, tzinfo=istanbul)

    assert clock.answer_due(friday_night) == datetime(2027, 3, 8, 13, 0, tzinfo=istanbul)

    hours = ClinicHours.objects.get()
    Holiday.objects.create(clinic_hours=hours, date=date(2027, 3, 8), name="Closed")
    WorkingPeriod.objects.create(clinic_hours=hours, weekday=5, opens=time(10), closes=time(12))
    # Saturday 10-12, then Tuesday 09-11.
    assert clock.answer_due(friday_night) == datetime(2027, 3, 9, 11, 0, tzinfo=istanbul)


def test_waiting_for_the_patient_stops_the_clock_and_a_reply_restarts_it(settings):
    settings.ENQUIRY_SLA_HOURS = 4
    coordinator = make_coordinator(["en"])
    enquiry = make_enquiry()
    assignment.route_enquiries([enquiry.pk])

    handling.change_status(enquiry.pk, Enquiry.Status.WAITING, actor=coordinator.user)
    assert Enquiry.objects.get(pk=enquiry.pk).answer_due_at is None

    handling.change_status(enquiry.pk, Enquiry.Status.REPLIED, actor=None)
    assert Enquiry.objects.get(pk=enquiry.pk).answer_due_at > timezone.now()


def test_a_late_answer_to_a_reply_is_escalated_but_stays_with_its_coordinator(settings):
    settings.MANAGER_EMAILS = ["head@example.com"]
    mine, _other = make_coordinator(["en"]), make_coordinator(["en"])
    enquiry = make_enquiry(
        status=Enquiry.Status.REPLIED,
        coordinator=mine,
        answer_due_at=timezone.now() - timedelta(minutes=5),
    )

    assert sla.escalate_overdue() == 1
    assert sla.escalate_overdue() == 0

    enquiry.refresh_from_db()
    assert enquiry.coordinator == mine
    assert list(sla.breached()) == [enquiry]
    # The patient writes again: a new clock, which may be escalated in its turn.
    Enquiry.objects.filter(pk=enquiry.pk).update(answer_due_at=timezone.now())
    assert sla.escalate_overdue() == 1


def test_at_risk_are_those_with_a_quarter_of_the_working_time_left(settings):
    settings.ENQUIRY_SLA_HOURS = 4
    WorkingPeriod.objects.all().delete()  # no hours entered: the wall clock
    coordinator = make_coordinator(["en"])
    now = timezone.now()
    soon = make_enquiry(
        status="assigned", coordinator=coordinator, answer_due_at=now + timedelta(minutes=30)
    )
    make_enquiry(status="assigned", coordinator=coordinator, answer_due_at=now + timedelta(hours=3))
    late = make_enquiry(status="replied", coordinator=coordinator, answer_due_at=now)

    assert list(sla.at_risk(now)) == [soon]
    assert list(sla.breached(now)) == [late]


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
