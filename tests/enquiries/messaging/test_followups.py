"""enquiries/messaging/followups.py: when each patient email is due, and what cancels it."""

import datetime

import pytest
from django.utils import timezone

from enquiries.messaging import followups, unsubscribe
from enquiries.models import Enquiry, OutgoingEmail, Suppression
from enquiries.routing import assignment, handling
from pages.models import TreatmentPage
from tests.enquiries.factories import days_from_today, make_coordinator, make_enquiry

pytestmark = pytest.mark.django_db


def botox(language="en"):
    english = TreatmentPage.objects.get(locale__language_code="en", slug="botox")
    return TreatmentPage.objects.get(
        locale__language_code=language, translation_key=english.translation_key
    )


def pending(enquiry):
    return dict(
        OutgoingEmail.objects.filter(enquiry=enquiry, status="pending")
        .exclude(kind__in=["coordinator_assigned", "manager_alert"])
        .values_list("kind", "due_at")
    )


# Plain schedule computation.


def test_months_are_added_calendar_wise():
    assert followups.add_months(datetime.date(2027, 1, 31), 1) == datetime.date(2027, 2, 28)
    assert followups.add_months(datetime.date(2027, 11, 15), 4) == datetime.date(2028, 3, 15)


def test_pre_travel_checklist_is_due_days_before_travel(settings):
    settings.FOLLOWUP_PRE_TRAVEL_DAYS = 7
    now = timezone.now()
    travel = timezone.localdate() + datetime.timedelta(days=30)

    due = followups.pre_travel_due(travel, now)

    assert timezone.localdate(due) == travel - datetime.timedelta(days=7)
    assert timezone.localtime(due).hour == settings.FOLLOWUP_SEND_HOUR


def test_pre_travel_checklist_for_a_trip_within_the_week_is_due_now_and_none_without_a_trip():
    now = timezone.now()
    assert followups.pre_travel_due(timezone.localdate() + datetime.timedelta(days=2), now) == now
    assert followups.pre_travel_due(None, now) is None
    assert followups.pre_travel_due(timezone.localdate(), now) is None


def test_reminder_is_due_when_the_effect_starts_to_wear_off():
    due = followups.reminder_due(datetime.date(2027, 3, 10), 3)

    assert timezone.localdate(due) == datetime.date(2027, 6, 10)
    assert followups.reminder_due(datetime.date(2027, 3, 10), None) is None


# Scheduling in the database.


def test_routing_schedules_acknowledgement_procedure_info_and_pre_travel(settings):
    settings.FOLLOWUP_PROCEDURE_INFO_HOURS = 24
    make_coordinator(["de"])
    enquiry = make_enquiry(language="de", treatment=botox("de"), travel_from=days_from_today(20))

    assignment.route_enquiries([enquiry.pk])
    assignment.route_enquiries([enquiry.pk])  # idempotent

    due = pending(enquiry)
    assert set(due) == {"acknowledgement", "procedure_info", "pre_travel"}
    assert due["acknowledgement"] <= timezone.now()
    assert due["procedure_info"] == enquiry.created_at + datetime.timedelta(hours=24)
    assert OutgoingEmail.objects.filter(enquiry=enquiry, kind="acknowledgement").count() == 1
    assert OutgoingEmail.objects.get(enquiry=enquiry, kind="acknowledgement").language == "de"


def test_marking_treated_schedules_aftercare_and_the_reminder_for_those_who_opted_in():
    coordinator = make_coordinator(["en"])
    enquiry = make_enquiry(
        treatment=botox(), commercial_consent=True, status="booked", coordinator=coordinator
    )
    treated_on = timezone.localdate()

    handling.change_status(enquiry.pk, Enquiry.Status.TREATED, actor=None)

    enquiry.refresh_from_db()
    assert enquiry.treated_on == treated_on
    due = pending(enquiry)
    assert due["aftercare"] <= timezone.now()
    expected = followups.add_months(treated_on, botox().effect_months_min)
    assert timezone.localdate(due["retreatment_reminder"]) == expected


def test_no_reminder_without_opt_in_or_without_an_effect_duration():
    coordinator = make_coordinator(["en"])
    not_opted = make_enquiry(treatment=botox(), status="booked", coordinator=coordinator)
    permanent = TreatmentPage.objects.get(locale__language_code="en", slug="dental-implants")
    no_range = make_enquiry(
        treatment=permanent, commercial_consent=True, status="booked", coordinator=coordinator
    )

    for enquiry in (not_opted, no_range):
        handling.change_status(enquiry.pk, Enquiry.Status.TREATED, actor=None)
        assert set(pending(enquiry)) == {"aftercare"}


@pytest.mark.parametrize("status", ["closed", "lost", "spam"])
def test_closing_statuses_cancel_what_is_pending(status):
    make_coordinator(["en"])
    enquiry = make_enquiry(treatment=botox())
    assignment.route_enquiries([enquiry.pk])

    handling.change_status(enquiry.pk, status, actor=None)

    assert pending(enquiry) == {}
    reasons = set(
        OutgoingEmail.objects.filter(enquiry=enquiry, kind="procedure_info").values_list(
            "status", "cancel_reason"
        )
    )
    assert reasons == {("cancelled", f"status {status}")}


def test_unsubscribing_cancels_and_stops_later_scheduling():
    coordinator = make_coordinator(["en"])
    enquiry = make_enquiry(treatment=botox(), commercial_consent=True, coordinator=coordinator)
    followups.schedule_after_routing([enquiry])

    unsubscribe.unsubscribe(enquiry)
    enquiry.refresh_from_db()
    handling.change_status(enquiry.pk, Enquiry.Status.TREATED, actor=None)

    assert pending(enquiry) == {}


def test_a_suppressed_address_gets_nothing_scheduled():
    Suppression.add("Bounced@Example.com", Suppression.Reason.BOUNCED)
    make_coordinator(["en"])
    enquiry = make_enquiry(treatment=botox(), email="bounced@example.com")

    assignment.route_enquiries([enquiry.pk])

    assert pending(enquiry) == {}


def test_changing_the_effect_duration_reschedules_pending_reminders(django_user_model):
    coordinator = make_coordinator(["de"])
    german = botox("de")
    enquiry = make_enquiry(
        language="de",
        treatment=german,
        commercial_consent=True,
        status="booked",
        coordinator=coordinator,
    )
    handling.change_status(enquiry.pk, Enquiry.Status.TREATED, actor=None)
    english = botox("en")

    english.effect_months_min = 5
    english.save_revision().publish()

    due = pending(enquiry)["retreatment_reminder"]
    assert timezone.localdate(due) == followups.add_months(timezone.localdate(), 5)

    english.effect_months_min = english.effect_months_max = None
    english.save_revision().publish()

    assert "retreatment_reminder" not in pending(enquiry)


def test_marking_treated_twice_schedules_aftercare_once():
    coordinator = make_coordinator(["en"])
    enquiry = make_enquiry(treatment=botox(), status="booked", coordinator=coordinator)

    handling.change_status(enquiry.pk, Enquiry.Status.TREATED, actor=None)
    handling.change_status(enquiry.pk, Enquiry.Status.BOOKED, actor=None)
    handling.change_status(enquiry.pk, Enquiry.Status.TREATED, actor=None)

    assert OutgoingEmail.objects.filter(enquiry=enquiry, kind="aftercare").count() == 1


def test_marking_treated_cancels_the_emails_meant_for_before_the_treatment(settings):
    # Found in use: a pre-travel checklist went out after the aftercare email.
    settings.FOLLOWUP_PROCEDURE_INFO_HOURS = 48
    make_coordinator(["en"])
    enquiry = make_enquiry(treatment=botox(), travel_from=days_from_today(20))
    assignment.route_enquiries([enquiry.pk])
    assert {"procedure_info", "pre_travel"} <= set(pending(enquiry))

    handling.change_status(enquiry.pk, Enquiry.Status.TREATED, actor=None)

    assert set(pending(enquiry)) <= {"acknowledgement", "aftercare"}
    cancelled = dict(
        OutgoingEmail.objects.filter(enquiry=enquiry, status="cancelled").values_list(
            "kind", "cancel_reason"
        )
    )
    assert cancelled == {"procedure_info": "treated", "pre_travel": "treated"}


def test_an_enquiry_a_manager_assigns_by_hand_gets_its_sequence(django_user_model):
    # Nobody could take it, so routing left it unassigned; a manager then picks someone.
    enquiry = make_enquiry(treatment=botox(), travel_from=days_from_today(20))
    assignment.route_enquiries([enquiry.pk])
    assert pending(enquiry) == {}
    coordinator = make_coordinator(["de"])
    manager = django_user_model.objects.create_superuser("boss", "boss@example.com", "pw")

    assignment.reassign_to(enquiry.pk, coordinator, manager)
    assignment.reassign_to(enquiry.pk, coordinator, manager)  # again: nothing doubled

    assert set(pending(enquiry)) == {"acknowledgement", "procedure_info", "pre_travel"}
    assert OutgoingEmail.objects.filter(enquiry=enquiry, kind="acknowledgement").count() == 1
