"""The form when something is wrong (enquiry_form.html, views.py): errors tied to their
fields for screen readers, a summary that takes the focus, and an address that can be
reloaded."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.enquiries.intake.patient import botox, post

pytestmark = pytest.mark.django_db


def ids_in(html: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', html))


def test_errors_are_tied_to_their_fields_and_summarised_with_focus(client):
    response = post(client, botox("de"), phone="12345", consent=None)

    html = response.content.decode()
    assert response.status_code == 200
    phone = re.search(r"<input[^>]*name=\"phone\"[^>]*>", html).group(0)
    assert 'aria-invalid="true"' in phone
    assert "id_phone_error" in phone and "id_phone_help" in phone
    consent = re.search(r"<input[^>]*name=\"consent\"[^>]*>", html).group(0)
    assert 'aria-invalid="true"' in consent and 'aria-describedby="id_consent_error"' in consent
    summary = re.search(r'<div class="error-summary"[^>]*>(.*?)</div>', html, re.S)
    assert summary and "autofocus" in summary.group(0) and 'tabindex="-1"' in summary.group(0)
    assert 'href="#id_phone"' in summary.group(1) and 'href="#id_consent"' in summary.group(1)
    # Every id the form points at exists.
    described = {i for ids in re.findall(r'aria-describedby="([^"]+)"', html) for i in ids.split()}
    assert described <= ids_in(html)
    valid = re.search(r"<input[^>]*name=\"email\"[^>]*>", html).group(0)
    assert "aria-invalid" not in valid


def test_a_clean_form_has_no_summary_and_points_only_at_help_texts(client):
    html = client.get(botox("en").url).content.decode()

    assert "error-summary" not in html and "aria-invalid" not in html
    described = {i for ids in re.findall(r'aria-describedby="([^"]+)"', html) for i in ids.split()}
    assert described and described <= ids_in(html)


@pytest.mark.parametrize("language", ["de", "ar"])
def test_reloading_the_address_an_error_came_back_on_goes_to_the_form(client, language):
    with translation.override(language):
        path = reverse("enquiries:submit")

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith(f"/{language}/")
    assert client.get(response["Location"]).status_code == 200
