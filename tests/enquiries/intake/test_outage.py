"""Intake survives the database: enquiries posted while PostgreSQL is stopped (for real: a
server of the test's own) are spooled, the patients see the thank-you page, and once the
database is back every one is saved once and routed. Needs the real services."""

import time

from enquiries.intake import spool
from pages.models import TreatmentPage
from tests.enquiries.factories import days_from_today, make_coordinator
from tests.enquiries.private_services import private_postgres
from tests.enquiries.real_services import Browser, celery_workers, wait_until, web_server
from tourism_site import dispatch

PATIENTS = 12


def fields(page, number: int) -> dict:
    return {
        "page": page.pk,
        "full_name": f"Layla Haddad {number}",
        "email": f"layla{number}-{time.monotonic_ns()}@example.com",
        "phone": "+961 3 123 456",
        "country": "LB",
        "language": "ar",
        "treatment": page.pk,
        "travel_from": days_from_today(20).isoformat(),
        "message": "How long does the effect last?",
        "consent": "on",
    }


def test_enquiries_posted_while_postgresql_is_stopped_are_kept_and_routed(committed, queue):
    make_coordinator(["ar", "en"], capacity=50)
    page = TreatmentPage.objects.get(locale__language_code="ar", slug="botox")
    services = {"ENQUIRY_RATE_LIMIT": "1000/m", "CONN_MAX_AGE": "0"}

    with private_postgres() as database:
        services["DATABASE_URL"] = database.url
        with (
            web_server(CELERY_QUEUE=queue, **services) as base,
            celery_workers(1, queue, **services),
        ):
            browsers = [Browser(base) for _ in range(PATIENTS)]
            forms = [browser.open_form(page.url) for browser in browsers]
            spare_form = browsers[0].open_form(page.url)
            database.stop()
            responses = [
                browser.submit(form, fields(page, n))
                for n, (browser, form) in enumerate(zip(browsers, forms, strict=True))
            ]
            # While it is down, the thank-you page is still there for every patient.
            assert [r.status for r in responses] == [302] * PATIENTS
            assert all("thanks" in r.headers["Location"] for r in responses)
            thanks = browsers[0].get(responses[0].headers["Location"]).read().decode()
            assert "TR-" in thanks
            assert spool.waiting() == PATIENTS

            # Neither the database nor the spool: the form comes back, nothing typed is lost.
            with web_server(REDIS_URL="redis://127.0.0.1:1/0", **services) as no_spool:
                patient = Browser(no_spool)
                patient.opener = browsers[0].opener  # the same browser, its CSRF cookie
                response = patient.submit(spare_form, fields(page, 99))
                html = response.read().decode()
            assert response.status == 503 and response.headers["Retry-After"] == "60"
            assert "Layla Haddad 99" in html and "How long does the effect last?" in html
            assert 'value="+961 3 123 456"' in html or "+961" in html

            database.start()
            dispatch.send_now("enquiries.tasks.save_spooled_enquiries")
            count = "SELECT count(*), count(coordinator_id) FROM enquiries_enquiry"
            wait_until(lambda: database.query(count) == [(PATIENTS, PATIENTS)], timeout=90)
            dispatch.send_now("enquiries.tasks.save_spooled_enquiries")  # nothing twice
            time.sleep(2)
            names = database.query("SELECT full_name FROM enquiries_enquiry")

    assert sorted(name for (name,) in names) == sorted(f"Layla Haddad {n}" for n in range(PATIENTS))
