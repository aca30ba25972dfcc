"""enquiries/admin/quotes.py: a coordinator records and sends a quote from the enquiry's
page; nobody else's enquiry can be quoted."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from enquiries.models import Quote
from pages.models import TreatmentPage
from tests.enquiries.admin.conftest import login
from tests.enquiries.factories import make_enquiry

pytestmark = pytest.mark.django_db


def botox():
    return TreatmentPage.objects.get(locale__language_code="en", slug="botox")


def quote_data(**changes):
    return {
        "treatment": botox().pk,
        "price": "1200",
        "currency": "GBP",
        "nights": "2",
        "transfers": "on",
        "valid_until": str(timezone.localdate() + timedelta(days=14)),
    } | changes


def test_the_form_defaults_to_the_patients_currency_and_treatment(team):
    alice, _bob = team
    enquiry = make_enquiry(status="contacted", coordinator=alice, country="GB", treatment=botox())

    form = (
        login(alice.user)
        .get(reverse("enquiries_admin:detail", args=[enquiry.pk]))
        .context["quote_form"]
    )

    assert form.initial["currency"] == "GBP"
    assert form.initial["treatment"] == botox().pk


def test_a_coordinator_sends_a_quote_and_the_page_shows_it(team):
    alice, _bob = team
    enquiry = make_enquiry(status="contacted", coordinator=alice)
    client = login(alice.user)

    response = client.post(reverse("enquiries_admin:send_quote", args=[enquiry.pk]), quote_data())

    assert response.status_code == 302
    quote = Quote.objects.get()
    assert (quote.enquiry, quote.created_by, quote.email.kind) == (enquiry, alice.user, "quote")
    page = client.get(reverse("enquiries_admin:detail", args=[enquiry.pk])).content.decode()
    assert "1200" in page and quote.email.subject in page


def test_bad_quotes_are_refused_with_a_message(team):
    alice, _bob = team
    enquiry = make_enquiry(status="contacted", coordinator=alice)
    client = login(alice.user)
    url = reverse("enquiries_admin:send_quote", args=[enquiry.pk])

    past = str(timezone.localdate() - timedelta(days=1))
    for data in (quote_data(price="0"), quote_data(valid_until=past)):
        response = client.post(url, data, follow=True)
        assert response.status_code == 200
        assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert not Quote.objects.exists()


def test_another_coordinator_cannot_quote(team):
    alice, bob = team
    enquiry = make_enquiry(status="contacted", coordinator=alice)

    response = login(bob.user).post(
        reverse("enquiries_admin:send_quote", args=[enquiry.pk]), quote_data()
    )

    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not Quote.objects.exists()
