"""End to end against real services: PostgreSQL, Redis, Celery workers and a web server in
separate processes. Skipped with a reason when the services are missing (failed under CI)."""

import time

from django.db.models import Count

from enquiries.intake.submissions import dispatch_routing
from enquiries.models import Enquiry, EnquiryEvent, OutgoingEmail
from pages.models import TreatmentPage
from tests.enquiries.factories import days_from_today, make_coordinator, make_enquiry
from tests.enquiries.real_services import (
    Browser,
    celery_workers,
    wait_until,
    web_server,
)


def form_fields(page, **changes):
    fields = {
        "page": page.pk,
        "full_name": "Karim Nasser",
        "email": f"karim{time.monotonic_ns()}@example.com",
        "phone": "+961 3 123 456",
        "country": "LB",
        "language": "ar",
        "treatment": page.pk,
        "travel_from": days_from_today(20).isoformat(),
        "travel_to": days_from_today(22).isoformat(),
        "message": "I would like to know the price.",
        "consent": "on",
    }
    fields.update(changes)
    return fields


def test_form_over_http_is_routed_by_a_worker_and_the_coordinator_notified(committed, queue):
    arabic = make_coordinator(["ar", "en"])
    page = TreatmentPage.objects.get(locale__language_code="ar", slug="botox")

    with celery_workers(1, queue), web_server(CELERY_QUEUE=queue) as base:
        response = Browser(base).post_form(page.url, form_fields(page))
        assert response.status == 302
        enquiry = Enquiry.objects.get()
        routed = wait_until(
            lambda: Enquiry.objects.filter(pk=enquiry.pk, coordinator=arabic).exists()
        )
        assert routed
        email = wait_until(
            lambda: OutgoingEmail.objects.filter(
                enquiry=enquiry, kind="coordinator_assigned", status="sent"
            ).first()
        )

    assert email.recipient == arabic.user.email
    assert email.provider_message_id  # given by anymail's test backend in the worker
    assert enquiry.events.filter(kind=EnquiryEvent.Kind.ASSIGNED).count() == 1


def test_parallel_workers_respect_capacity_and_assign_each_enquiry_once(committed, queue):
    coordinators = [make_coordinator(["de"], capacity=capacity) for capacity in (40, 60, 80, 20)]
    total_capacity = sum(c.capacity for c in coordinators)
    enquiries = [make_enquiry(language="de") for _ in range(300)]

    with celery_workers(2, queue, concurrency=2):
        for enquiry in enquiries:
            dispatch_routing(enquiry.pk)
        # Every enquiry is handled: assigned, or left waiting with managers alerted.
        wait_until(
            lambda: (
                Enquiry.objects.filter(coordinator__isnull=False).count()
                + EnquiryEvent.objects.filter(kind="unassigned").count()
                >= len(enquiries)
            ),
            timeout=120,
        )

    for coordinator in coordinators:
        assert coordinator.enquiries.count() <= coordinator.capacity
    assert Enquiry.objects.filter(coordinator__isnull=False).count() == total_capacity
    assigned_twice = (
        EnquiryEvent.objects.filter(kind="assigned")
        .values("enquiry")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    assert not assigned_twice.exists()
    assert EnquiryEvent.objects.filter(kind="assigned").count() == total_capacity


def test_submission_survives_a_broker_outage_and_is_routed_when_it_returns(
    committed, queue, settings
):
    make_coordinator(["fr"])
    page = TreatmentPage.objects.get(locale__language_code="fr", slug="botox")

    # The web server's broker is a closed port: Redis is "down".
    with web_server(REDIS_URL="redis://127.0.0.1:1/0", CELERY_QUEUE=queue) as base:
        started = time.monotonic()
        response = Browser(base).post_form(page.url, form_fields(page, language="fr"))
        elapsed = time.monotonic() - started
    assert response.status == 302
    assert elapsed < 5
    enquiry = Enquiry.objects.get()
    assert enquiry.coordinator is None and enquiry.routed_at is None

    # The broker is back: the periodic sweep re-dispatches, a worker routes it.
    settings.ENQUIRY_REDISPATCH_MINUTES = 0
    with celery_workers(1, queue):
        from enquiries.tasks import redispatch_unrouted

        assert redispatch_unrouted() == 1
        wait_until(
            lambda: Enquiry.objects.filter(pk=enquiry.pk, coordinator__isnull=False).exists()
        )


def test_redis_stopped_for_real_then_back_every_enquiry_is_routed(committed, queue):
    from celery import Celery

    from tests.enquiries.private_services import private_redis

    make_coordinator(["fr"], capacity=20)
    page = TreatmentPage.objects.get(locale__language_code="fr", slug="botox")
    with private_redis() as redis_server:
        services = {"REDIS_URL": redis_server.url, "ENQUIRY_REDISPATCH_MINUTES": "0"}
        with (
            web_server(CELERY_QUEUE=queue, **services) as base,
            celery_workers(1, queue, **services),
        ):
            browser = Browser(base)
            forms = [browser.open_form(page.url) for _ in range(5)]
            redis_server.stop()
            answers = [
                browser.submit(form, form_fields(page, language="fr")).status for form in forms
            ]
            assert answers == [302] * 5  # saved, though nothing could be queued
            redis_server.start()
            # Beat's sweep, once the broker is back (published to the private Redis).
            beat = Celery(broker=redis_server.url, set_as_current=False)
            beat.send_task("enquiries.tasks.redispatch_unrouted", queue=queue)
            wait_until(
                lambda: Enquiry.objects.filter(coordinator__isnull=False).count() == 5,
                timeout=90,
            )
    assert Enquiry.objects.count() == 5
