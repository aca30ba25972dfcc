"""enquiries/messaging/unsubscribe.py and its page: signed link, confirmation, one-click POST."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from enquiries.messaging import followups, unsubscribe
from enquiries.models import OutgoingEmail
from tests.enquiries.factories import make_coordinator, make_enquiry

pytestmark = pytest.mark.django_db


def url_for(enquiry, language):
    with translation.override(language):
        return reverse("enquiries:unsubscribe", args=[unsubscribe.make_token(enquiry)])


@pytest.fixture
def enquiry():
    coordinator = make_coordinator(["de"])
    enquiry = make_enquiry(language="de", coordinator=coordinator, status="assigned")
    followups.schedule_after_routing([enquiry])
    return enquiry


def test_the_link_names_no_personal_data(enquiry):
    url = url_for(enquiry, "de")

    assert enquiry.email not in url and enquiry.full_name.split()[0] not in url
    assert url.startswith("/de/")


def test_opening_the_link_only_asks_for_confirmation(client, enquiry):
    response = client.get(url_for(enquiry, "de"))

    assert response.status_code == 200
    assert "E-Mails" in response.content.decode()  # in the patient's language
    assert OutgoingEmail.objects.filter(enquiry=enquiry, status="pending").count() == 2


def test_one_click_post_without_a_csrf_token_unsubscribes(enquiry):
    client = Client(HTTP_HOST="localhost", enforce_csrf_checks=True)

    response = client.post(url_for(enquiry, "de"), {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    enquiry.refresh_from_db()
    assert enquiry.unsubscribed_at is not None
    assert not OutgoingEmail.objects.filter(enquiry=enquiry, status="pending").exists()
    assert enquiry.events.filter(kind="unsubscribed").count() == 1


def test_a_tampered_link_is_refused(client, enquiry):
    url = url_for(enquiry, "de").replace(":", "x", 1)

    assert client.post(url).status_code == 404
    enquiry.refresh_from_db()
    assert enquiry.unsubscribed_at is None
