"""enquiries/routing/assignment.py against the database: who gets the enquiry, and what is
recorded."""

from urllib.parse import unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from enquiries.messaging import contact_links, sender
from enquiries.models import Enquiry, EnquiryEvent, OutgoingEmail
from enquiries.routing import assignment
from pages.models import TreatmentPage
from tests.enquiries.factories import days_from_today, make_coordinator, make_enquiry

pytestmark = pytest.mark.django_db


def implants():
    return TreatmentPage.objects.get(locale__language_code="en", slug="dental-implants")


def test_routes_to_a_speaker_and_records_why():
    make_coordinator(["en"])
    arabic = make_coordinator(["ar", "en"])
    enquiry = make_enquiry(language="ar")

    assignment.route_enquiries([enquiry.pk])

    enquiry.refresh_from_db()
    assert enquiry.coordinator == arabic
    assert enquiry.status == Enquiry.Status.ASSIGNED
    assert enquiry.routed_at and enquiry.assigned_at
    event = enquiry.events.get(kind=EnquiryEvent.Kind.ASSIGNED)
    assert event.data == {"language": "ar", "open": 0, "capacity": 5}
    assert event.coordinator == arabic


def test_open_enquiries_count_against_capacity():
    busy = make_coordinator(["de"], capacity=1)
    make_enquiry(language="de", status=Enquiry.Status.CONTACTED, coordinator=busy)
    free = make_coordinator(["de"], capacity=3)
    make_enquiry(language="de", status=Enquiry.Status.CLOSED, coordinator=free)
    enquiry = make_enquiry(language="de")

    assignment.route_enquiries([enquiry.pk])

    assert Enquiry.objects.get(pk=enquiry.pk).coordinator == free


def test_away_and_inactive_coordinators_are_skipped():
    make_coordinator(["ru"], away_until=days_from_today(3))
    make_coordinator(["ru"], is_active=False)
    back = make_coordinator(["ru"], away_until=days_from_today(-1))
    enquiry = make_enquiry(language="ru")

    assignment.route_enquiries([enquiry.pk])

    assert Enquiry.objects.get(pk=enquiry.pk).coordinator == back


def test_specialty_of_the_treatment_is_preferred():
    make_coordinator(["tr"])
    dental = make_coordinator(["tr"], specialties=["dental"])
    enquiry = make_enquiry(language="tr", treatment=implants())

    assignment.route_enquiries([enquiry.pk])

    enquiry.refresh_from_db()
    assert enquiry.coordinator == dental
    assert enquiry.events.get(kind="assigned").data["specialty"] == "dental"


def test_round_robin_between_equally_loaded_coordinators():
    first, second = make_coordinator(["nl"]), make_coordinator(["nl"])
    chosen = []
    for _ in range(4):
        enquiry = make_enquiry(language="nl")
        assignment.route_enquiries([enquiry.pk])
        enquiry.refresh_from_db()
        chosen.append(enquiry.coordinator)
        # Close it again so both stay equally loaded: the tie-break decides.
        Enquiry.objects.filter(pk=enquiry.pk).update(status=Enquiry.Status.CLOSED)

    assert chosen == [first, second, first, second]


def test_fallback_language_when_nobody_speaks_it():
    english = make_coordinator(["en"])
    enquiry = make_enquiry(language="fa")

    assignment.route_enquiries([enquiry.pk])

    enquiry.refresh_from_db()
    assert enquiry.coordinator == english
    assert enquiry.events.get(kind="assigned").data == {
        "language": "en",
        "wanted": "fa",
        "open": 0,
        "capacity": 5,
    }


def test_nobody_fits_leaves_it_unassigned_and_alerts_managers_once(django_user_model, settings):
    settings.MANAGER_EMAILS = ["head@example.com"]
    make_coordinator(["de"])
    enquiry = make_enquiry(language="fa")

    assignment.route_enquiries([enquiry.pk])
    assignment.route_enquiries([enquiry.pk])  # the sweep tries again

    enquiry.refresh_from_db()
    assert enquiry.coordinator is None and enquiry.routed_at is None
    assert enquiry.status == Enquiry.Status.NEW
    assert enquiry.events.filter(kind=EnquiryEvent.Kind.UNASSIGNED).count() == 1
    alert = OutgoingEmail.objects.get(kind=OutgoingEmail.Kind.MANAGER_ALERT)
    assert alert.recipient == "head@example.com"
    assert enquiry.reference in alert.subject


def test_routing_twice_does_nothing_the_second_time():
    make_coordinator(["en"]), make_coordinator(["en"])
    enquiry = make_enquiry(language="en")

    assignment.route_enquiries([enquiry.pk])
    first = Enquiry.objects.get(pk=enquiry.pk).coordinator
    assignment.route_enquiries([enquiry.pk])

    assert Enquiry.objects.get(pk=enquiry.pk).coordinator == first
    assert enquiry.events.filter(kind="assigned").count() == 1
    assert OutgoingEmail.objects.filter(kind="coordinator_assigned").count() == 1


def test_coordinator_is_notified_in_their_language_without_health_details():
    coordinator = make_coordinator(["de", "en"])
    enquiry = make_enquiry(language="de", treatment=implants(), message="I have diabetes.")

    assignment.route_enquiries([enquiry.pk])
    email = OutgoingEmail.objects.get(kind=OutgoingEmail.Kind.COORDINATOR_ASSIGNED)
    assert email.status == OutgoingEmail.Status.PENDING
    sender.send_outgoing_emails([email.pk])  # rendered when sent

    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT
    assert email.recipient == coordinator.user.email
    assert email.language == "de"
    assert email.body_text.startswith(f"Hallo {coordinator},")
    assert email.subject.endswith(enquiry.reference)
    assert "Dental" not in email.subject and "Implant" not in email.subject
    assert "diabetes" not in email.body_text
    assert f"/admin/enquiries/{enquiry.pk}/" in email.body_text
    assert "tel:+447700900123" in email.body_text


def test_the_notification_links_to_a_whatsapp_chat_greeting_in_the_patients_language():
    coordinator = make_coordinator(["ar"])
    enquiry = make_enquiry(language="ar", uses_whatsapp=True, phone="+971501234567")
    assignment.route_enquiries([enquiry.pk])
    email = OutgoingEmail.objects.get(kind=OutgoingEmail.Kind.COORDINATOR_ASSIGNED)

    sender.send_outgoing_emails([email.pk])

    email.refresh_from_db()
    [link] = [word for word in email.body_text.split() if word.startswith("https://wa.me/")]
    address, _, text = link.partition("?text=")
    assert address == "https://wa.me/971501234567"
    greeting = unquote(text)
    assert enquiry.reference in greeting and str(coordinator) in greeting
    assert greeting == contact_links.greeting(enquiry, str(coordinator))
    assert not greeting.startswith("Hello")  # in Arabic


def test_a_batch_is_routed_in_a_few_queries_without_passing_capacity(
    settings, django_assert_max_num_queries
):
    settings.MANAGER_EMAILS = ["head@example.com"]
    first, second = make_coordinator(["de"], capacity=2), make_coordinator(["de"], capacity=2)
    enquiries = [make_enquiry(language="de", treatment=implants()) for _ in range(5)]

    # 3 of them read the clinic's hours, for the answer deadline.
    with django_assert_max_num_queries(21):
        routed = assignment.route_enquiries([e.pk for e in enquiries])

    assert len(routed) == 5
    owners = [Enquiry.objects.get(pk=e.pk).coordinator for e in enquiries]
    # Least loaded first, then round robin, inside one batch as across batches.
    assert owners == [first, second, first, second, None]
    assert OutgoingEmail.objects.filter(kind="coordinator_assigned").count() == 4
    assert OutgoingEmail.objects.filter(kind="manager_alert").count() == 1


def test_batch_query_count_does_not_grow_with_the_batch():
    make_coordinator(["en"], capacity=100)
    small = [make_enquiry(language="en", treatment=implants()).pk for _ in range(2)]
    # (Kept under SQLite's limit of variables per statement, where Django splits inserts.)
    large = [make_enquiry(language="en", treatment=implants()).pk for _ in range(12)]
    with CaptureQueriesContext(connection) as for_small:
        assignment.route_enquiries(small)
    with CaptureQueriesContext(connection) as for_large:
        assignment.route_enquiries(large)

    assert len(for_large) == len(for_small), [q["sql"][:90] for q in for_large.captured_queries]
