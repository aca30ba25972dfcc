"""enquiries/messaging/quotes.py with routing/handling.send_quote: a quote is recorded, sent
as the translated "quote" email with the price in the patient's format, and moves the
enquiry to quoted."""

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import translation

from enquiries.messaging import conversation, quotes, sender
from enquiries.models import EmailTemplate, Enquiry, EnquiryEvent, Quote
from enquiries.routing import handling
from pages.models import TreatmentPage
from tests.enquiries.factories import make_coordinator, make_enquiry

pytestmark = pytest.mark.django_db


def botox(language="en"):
    english = TreatmentPage.objects.get(locale__language_code="en", slug="botox")
    return TreatmentPage.objects.get(
        locale__language_code=language, translation_key=english.translation_key
    )


@pytest.mark.parametrize(
    "country, currency",
    [("GB", "GBP"), ("DE", "EUR"), ("SA", "SAR"), ("AE", "AED"), ("US", "USD"), ("BR", "EUR")],
)
def test_the_currency_defaults_from_the_patients_country(country, currency):
    assert quotes.default_currency(country) == currency


def test_a_quote_is_sent_in_the_patients_language_and_marks_the_enquiry_quoted():
    coordinator = make_coordinator(["ar"])
    enquiry = make_enquiry(
        language="ar",
        country="SA",
        status="contacted",
        coordinator=coordinator,
        treatment=botox("ar"),
    )
    quote = Quote(
        enquiry=enquiry,
        treatment=botox(),
        price=Decimal("2450"),
        currency="SAR",
        nights=3,
        transfers=True,
        interpreter=True,
        also_included="فحص المتابعة",
        valid_until=date(2027, 5, 31),
    )

    handling.send_quote(quote, coordinator.user)

    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.QUOTED
    email = Quote.objects.get().email
    assert (email.kind, email.language, email.fallback_language) == ("quote", "ar", False)
    assert botox("ar").title in email.body_text
    assert quotes.price_in(Decimal("2450"), "SAR", "ar") in email.body_text
    with translation.override("ar"):
        for line in quotes.includes(quote):
            assert line in email.body_text
        assert "3" in quotes.includes(quote)[0] and "hotel" not in quotes.includes(quote)[0]
    assert "فحص المتابعة" in email.body_text
    assert enquiry.reference in email.subject and "Botox" not in email.subject
    assert enquiry.events.filter(kind=EnquiryEvent.Kind.QUOTED, actor=coordinator.user).exists()
    sender.send_outgoing_emails([email.pk])
    assert mail.outbox[-1].reply_to == [conversation.reply_address(enquiry)]


def test_without_a_translated_template_the_english_one_is_used_and_flagged():
    coordinator = make_coordinator(["fa"])
    enquiry = make_enquiry(language="fa", status="contacted", coordinator=coordinator)
    EmailTemplate.objects.filter(kind="quote", locale__language_code="fa").delete()
    quote = Quote(
        enquiry=enquiry,
        treatment=botox(),
        price=Decimal("300"),
        currency="EUR",
        valid_until=date(2027, 5, 31),
    )

    handling.send_quote(quote, coordinator.user)

    email = Quote.objects.get().email
    assert email.fallback_language and "Here is our quote" in email.body_text
