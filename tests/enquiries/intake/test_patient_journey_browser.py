"""A patient in a real browser against a real server: the Botox page in German, then in
Arabic through the switcher, the form sent with one mistake, fixed, a photo added, and the
thank-you page; axe-core finds no serious or critical problem on any page of the way, at
phone width.

Needs PostgreSQL, Redis (the server is another process) and Debian's chromium, and axe-core
from npm (tests/axe). Screenshots go to $JOURNEY_SCREENSHOTS when it is set.
"""

import io
import os
import pprint
from pathlib import Path

import pytest
from django.db import connections
from django.urls import reverse
from django.utils import translation
from PIL import Image

from enquiries.models import Enquiry, OutgoingEmail
from tests.browser import axe_violations, chromium, serve_files
from tests.enquiries.intake.patient import botox
from tests.enquiries.real_services import require_real_services, web_server

PATIENT_EMAIL = "journey-patient-browser@example.com"


def screenshot(page, name: str) -> None:
    if folder := os.environ.get("JOURNEY_SCREENSHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker):
    require_real_services()
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    # playwright's sync API runs an event loop in this thread; the test reads the database
    # between steps, in this one thread.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with (
            web_server(GUNICORN_CMD_ARGS="--threads 4") as base,
            chromium() as browser,
            django_db_blocker.unblock(),
        ):
            try:
                yield base, browser
            finally:
                enquiries = Enquiry.objects.filter(email=PATIENT_EMAIL)
                for enquiry in enquiries:
                    for photo in enquiry.photos.all():
                        photo.file.delete(save=False)
                OutgoingEmail.objects.filter(enquiry__in=enquiries).delete()
                enquiries.delete()
                connections.close_all()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def photo_file(tmp_path) -> Path:
    path = tmp_path / "scalp.jpg"
    image = Image.new("RGB", (120, 90), (190, 140, 110))
    out = io.BytesIO()
    image.save(out, format="JPEG")
    path.write_bytes(out.getvalue())
    return path


def test_a_patient_asks_in_arabic_after_reading_in_german(server, tmp_path):
    base, browser = server
    context = browser.new_context(
        locale="de-DE", viewport={"width": 390, "height": 844}, is_mobile=True
    )
    serve_files(context, base)
    page = context.new_page()
    problems = {}

    def check(name):
        page.wait_for_load_state("networkidle")
        screenshot(page, name)
        if found := axe_violations(page):
            problems[name] = found

    try:
        page.goto(base + botox("de").url)
        assert page.locator("html").get_attribute("lang") == "de"
        check("1-german")

        page.click(".language-switcher a[hreflang='ar']")
        page.wait_for_url(base + botox("ar").url)
        assert page.locator("html").get_attribute("dir") == "rtl"
        check("2-arabic")

        # The short way to ask leads to the form.
        page.locator(".ask:not(.ask--bar) .ask__primary").click()
        page.fill("#id_full_name", "ليلى أحمدي")
        page.fill("#id_email", PATIENT_EMAIL)
        page.fill("#id_phone", "12345")  # the mistake: no country code
        page.select_option("#id_country", "SA")
        page.fill("#id_message", "هل يناسبني البوتوكس؟")
        page.check("#id_consent")
        page.click("form[action*='enquiry'] button[type=submit]")
        page.wait_for_load_state()

        # Back with the error: the summary has the focus and names the field.
        summary = page.locator(".error-summary")
        assert summary.is_visible()
        assert page.evaluate("document.activeElement.classList.contains('error-summary')")
        assert page.get_attribute("#id_phone", "aria-invalid") == "true"
        assert page.input_value("#id_full_name") == "ليلى أحمدي"  # nothing typed is lost
        check("3-mistake")

        page.fill("#id_phone", "+966 50 123 4567")
        page.set_input_files("#id_photos", str(photo_file(tmp_path)))
        page.check("#id_consent")
        page.click("form[action*='enquiry'] button[type=submit]")
        with translation.override("ar"):
            thanks = reverse("enquiries:thanks")
        page.wait_for_url(base + thanks)
        assert page.locator(".reference").inner_text().startswith("TR-")
        check("4-thanks")

        enquiry = Enquiry.objects.get(email=PATIENT_EMAIL)
        assert (enquiry.language, enquiry.country.code) == ("ar", "SA")
        assert enquiry.photos.count() == 1
        assert not problems, pprint.pformat(problems, width=100)
    finally:
        context.close()
