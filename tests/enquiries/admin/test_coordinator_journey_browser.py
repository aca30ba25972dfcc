"""A coordinator's day in a real browser against a real server, in an Arabic (right-to-left)
admin: the new enquiry is found from the dashboard, answered from a saved reply, the
patient's WhatsApp opened, and the enquiry marked treated. Then the list on a 390 px phone.

Needs PostgreSQL, Redis (the server is another process: what it shows is committed) and
Debian's chromium. Screenshots go to $JOURNEY_SCREENSHOTS when it is set.
"""

import os
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.db import connections
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from enquiries.models import Coordinator, Enquiry, OutgoingEmail, SavedReply
from enquiries.models.coordinator import COORDINATORS_GROUP
from enquiries.routing import assignment
from pages.models import TreatmentPage
from tests.browser import chromium, serve_files
from tests.enquiries.factories import make_enquiry
from tests.enquiries.real_services import require_real_services, web_server

USERNAME = "journey-coordinator"
PASSWORD = "journey-password-1"
PHONE_DIGITS = "971501234567"


def screenshot(page, name: str) -> None:
    if folder := os.environ.get("JOURNEY_SCREENSHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.fixture(scope="module")
def allow_orm_beside_playwright():
    # playwright's sync API runs an event loop in this thread, and Django refuses ORM calls
    # from a thread with a running loop; the test checks the database between clicks, in
    # this one thread, so nothing runs concurrently.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="module")
def journey(django_db_setup, django_db_blocker, allow_orm_beside_playwright):
    """An Arabic-speaking coordinator (admin in Arabic) with a new enquiry routed to them, and
    a saved reply in Arabic; committed for the server, removed afterwards."""
    require_real_services()
    with django_db_blocker.unblock():
        user = get_user_model().objects.create_user(
            USERNAME, f"{USERNAME}@example.com", PASSWORD, first_name="Omar"
        )
        user.groups.add(Group.objects.get(name=COORDINATORS_GROUP))
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "ar"
        profile.save()
        coordinator = Coordinator.objects.create(user=user, languages=["ar"], capacity=50)
        arabic = Locale.objects.get(language_code="ar")
        english = TreatmentPage.objects.get(locale__language_code="en", slug="botox")
        enquiry = make_enquiry(
            language="ar",
            treatment=TreatmentPage.objects.get(
                locale=arabic, translation_key=english.translation_key
            ),
            phone=f"+{PHONE_DIGITS}",
            uses_whatsapp=True,
            email="journey-patient@example.com",
        )
        # Only this coordinator speaks Arabic among the available ones for the test's sake.
        others = list(
            Coordinator.objects.exclude(pk=coordinator.pk)
            .filter(is_active=True)
            .values_list("pk", flat=True)
        )
        Coordinator.objects.filter(pk__in=others).update(is_active=False)
        assignment.route_enquiries([enquiry.pk])
        saved = SavedReply.objects.create(
            title="الأسعار",
            subject="استفسارك {reference}",
            body="مرحبًا {first_name}،\n\nشكرًا لتواصلك معنا.",
            locale=arabic,
        )
    try:
        # The tests read what the server committed, outside any test transaction.
        with (
            web_server(GUNICORN_CMD_ARGS="--threads 4") as base,
            chromium() as browser,
            django_db_blocker.unblock(),
        ):
            try:
                yield base, browser, Enquiry.objects.get(pk=enquiry.pk)
            finally:
                # Opened beside playwright's event loop, the test's connection is not the
                # one Django closes at the end: close it here, or the test database stays
                # in use.
                connections.close_all()
    finally:
        with django_db_blocker.unblock():
            OutgoingEmail.objects.filter(enquiry=enquiry).delete()
            Enquiry.objects.filter(pk=enquiry.pk).delete()
            saved.delete()
            Coordinator.objects.filter(pk__in=others).update(is_active=True)
            for session in Session.objects.all():
                if session.get_decoded().get("_auth_user_id") == str(user.pk):
                    session.delete()
            coordinator.delete()
            user.delete()
            AccessLog.objects.filter(username=USERNAME).delete()
            AccessAttempt.objects.filter(username=USERNAME).delete()


def signed_in(browser, base, **context_options):
    context = browser.new_context(**context_options)
    serve_files(context, base)
    # WhatsApp is outside the test machine: its page is answered here, the URL kept.
    context.route(
        "https://wa.me/**", lambda route: route.fulfill(body="<title>WhatsApp</title>", status=200)
    )
    page = context.new_page()
    page.goto(base + reverse("wagtailadmin_login"))
    page.fill("input[name=username]", USERNAME)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + reverse("wagtailadmin_home"))
    return context, page


def test_a_coordinator_answers_calls_and_marks_treated(journey):
    base, browser, enquiry = journey
    context, page = signed_in(browser, base, locale="ar")
    try:
        assert page.locator("html").get_attribute("dir") == "rtl"
        screenshot(page, "1-dashboard")

        # Found from the dashboard's "my open enquiries".
        page.click(f"a:text-is('{enquiry.reference}')")
        page.wait_for_url(base + reverse("enquiries_admin:detail", args=[enquiry.pk]))

        # A saved reply, chosen and sent.
        page.select_option("#saved-reply", label="الأسعار")
        page.click(".enquiry-saved-reply button")
        page.wait_for_load_state()
        assert page.input_value("textarea[name=body]").startswith("مرحبًا {first_name}")
        page.click("form[action$='/reply/'] button")
        page.wait_for_url(base + reverse("enquiries_admin:detail", args=[enquiry.pk]))
        reply = OutgoingEmail.objects.get(enquiry=enquiry, kind="reply")
        assert reply.subject == f"استفسارك {enquiry.reference}"
        assert page.locator(".enquiry-conversation").inner_text().count("شكرًا لتواصلك معنا") == 1
        screenshot(page, "2-replied")

        # The phone reads left to right in the Arabic page; WhatsApp opens with a greeting.
        phone = page.locator(".enquiry-phone").first
        assert phone.evaluate("element => getComputedStyle(element).direction") == "ltr"
        with context.expect_page() as popup_info:
            page.locator(".enquiry-whatsapp").first.click()
        popup = popup_info.value
        popup.wait_for_load_state()
        url = urlsplit(popup.url)
        assert (url.netloc, url.path) == ("wa.me", f"/{PHONE_DIGITS}")
        greeting = parse_qs(url.query)["text"][0]
        assert enquiry.reference in greeting and "Omar" in greeting
        popup.close()

        # Marked treated: aftercare follows, the earlier emails stop.
        page.select_option("select[name=status]", "treated")
        page.click("form[action$='/status/'] button")
        page.wait_for_url(base + reverse("enquiries_admin:detail", args=[enquiry.pk]))
        enquiry.refresh_from_db()
        assert enquiry.status == Enquiry.Status.TREATED and enquiry.treated_on
        kinds = set(
            OutgoingEmail.objects.filter(enquiry=enquiry, status="pending").values_list(
                "kind", flat=True
            )
        )
        assert "aftercare" in kinds and "procedure_info" not in kinds
        screenshot(page, "3-treated")
    finally:
        context.close()


def test_the_list_on_a_phone_keeps_status_and_coordinator_in_view(journey):
    base, browser, enquiry = journey
    context, page = signed_in(
        browser, base, locale="ar", viewport={"width": 390, "height": 844}, is_mobile=True
    )
    try:
        page.goto(base + reverse("enquiries_admin:index"))
        screenshot(page, "4-list-390")
        row = page.locator("tbody tr").filter(has_text=enquiry.reference)
        visible = [cell for cell in row.locator("td").all() if cell.is_visible()]
        texts = [cell.inner_text() for cell in visible]
        assert len(texts) >= 4, texts
        width = page.evaluate("document.documentElement.clientWidth")
        for cell in visible:
            box = cell.bounding_box()
            assert box and box["x"] >= -1 and box["x"] + box["width"] <= width + 1, texts
        # Status and coordinator are among what is shown.
        shown = " ".join(texts)
        with translation.override("ar"):
            status = str(Enquiry.Status(enquiry.status).label)
        assert status in shown and "Omar" in shown
        assert not page.locator("a[href^='tel:']").first.is_visible()  # on the enquiry's page
    finally:
        context.close()
