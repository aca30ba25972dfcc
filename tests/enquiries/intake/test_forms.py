"""enquiries/intake/forms.py: what the form refuses, with translated messages."""

import datetime

import pytest
from django.utils import timezone, translation

from enquiries.intake.forms import EnquiryForm, years_after
from enquiries.models import Enquiry
from tests.enquiries.factories import days_from_today
from tests.enquiries.intake.patient import botox, post, valid_data

pytestmark = pytest.mark.django_db


def errors(language="en", **changes):
    page = botox(language)
    with translation.override(language):
        form = EnquiryForm(valid_data(page, **changes), language_code=language)
        form.is_valid()
        return {name: [str(error) for error in field] for name, field in form.errors.items()}


@pytest.mark.parametrize(
    "name",
    [
        "Leila\nBcc: someone@example.com",
        "Leila\r\nTreatment: none",
        "Leila\u2028Ahmadi",
        "Leila \u202eidamhA",  # right-to-left override
        "Leila \u2067Ahmadi\u2069",  # right-to-left isolate
        "Leila\tAhmadi",
    ],
)
def test_a_name_with_line_breaks_or_direction_overrides_is_refused(name):
    assert errors(full_name=name)["full_name"] == [
        "Please use only letters, numbers, spaces and punctuation on this line."
    ]


@pytest.mark.parametrize("name", ["لیلا احمدی", "مهرزاد\u200cنیا", "Zoë O'Brien-Şahin"])
def test_names_in_every_script_are_taken(name):
    assert "full_name" not in errors(full_name=name)


def test_the_refusal_is_translated():
    assert errors("de", full_name="Leila\nX")["full_name"][0].startswith("Bitte")


def test_a_forged_line_never_reaches_the_coordinator(client):
    response = post(client, botox(), full_name="Leila\nPriority: urgent")

    assert response.status_code == 200
    assert not Enquiry.objects.exists()


def test_a_message_is_at_most_5000_characters():
    assert "message" not in errors(message="x" * 5000)
    assert errors(message="x" * 5001)["message"] == [
        "Please shorten your message to 5000 characters (it has 5001). A coordinator will "
        "ask for any details they need."
    ]


def test_travel_dates_are_at_most_three_years_ahead():
    latest = years_after(timezone.localdate(), 3)
    far = (latest + datetime.timedelta(days=1)).isoformat()

    assert "travel_to" not in errors(travel_to=latest.isoformat())
    found = errors(travel_from=days_from_today(30).isoformat(), travel_to=far)
    assert found["travel_to"] == ["The travel dates can be at most three years ahead."]
    assert "travel_from" in errors(travel_from=far, travel_to=None)


def test_three_years_after_29_february_is_28_february():
    assert years_after(datetime.date(2028, 2, 29), 3) == datetime.date(2031, 2, 28)
