"""The enquiry form on treatment and contact pages, as a patient uses it."""

import pytest
from django.core.cache import cache

from enquiries.models import Enquiry, EnquiryEvent
from pages.models import ContactPage, TreatmentPage
from tests.enquiries.factories import days_from_today
from tests.enquiries.intake.patient import botox, post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def test_every_treatment_page_carries_the_form_preset_to_its_treatment(client):
    page = botox("de")

    body = client.get(page.url).content.decode()

    assert 'name="full_name"' in body
    assert f'<option value="{page.pk}" selected>' in body
    assert '<option value="de" selected>' in body
    assert 'name="website"' in body
    # The treatment list: every treatment in the page's language, none in another.
    treatments = TreatmentPage.objects.live().filter(locale__language_code="de")
    assert treatments.count() >= 4
    for treatment in treatments:
        assert f'<option value="{treatment.pk}"' in body
        assert f">{treatment.title}</option>" in body
    assert f'<option value="{botox("en").pk}"' not in body


def test_contact_page_lists_the_treatments_of_its_language(client):
    page = ContactPage.objects.get(locale__language_code="fr")

    body = client.get(page.url).content.decode()

    for treatment in TreatmentPage.objects.live().filter(locale__language_code="fr"):
        assert f'<option value="{treatment.pk}">{treatment.title}</option>' in body


def test_contact_page_carries_the_form(client):
    page = ContactPage.objects.get(locale__language_code="fr")

    assert 'name="consent"' in client.get(page.url).content.decode()


def test_good_submission_is_saved_then_thanked_with_a_reference(client):
    response = post(client, botox("de"))

    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    assert enquiry.language == "de"
    assert enquiry.treatment == botox("de")
    assert enquiry.uses_whatsapp and not enquiry.accepts_commercial_messages
    assert enquiry.consent_at and enquiry.privacy_notice_version
    assert str(enquiry.phone) == "+4930901820"
    assert enquiry.events.filter(kind=EnquiryEvent.Kind.RECEIVED).exists()
    assert enquiry.reference not in response["Location"]  # nothing about it in the URL
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    body = thanks.content.decode()
    assert enquiry.reference in body
    assert 'lang="de"' in body


def test_an_enquiry_from_its_treatment_page_costs_one_query_before_it_is_saved(
    client, django_assert_num_queries
):
    page = botox("fr")
    post(client, page, email="warm-up@example.com")  # content types, countries: cached once

    # The page (its language, and the treatment it is), the duplicate check, then the
    # transaction: BEGIN, the enquiry, its "received" event, COMMIT.
    with django_assert_num_queries(6):
        assert post(client, page).status_code == 302
    assert Enquiry.objects.get(email="leila@example.com").treatment == page


def test_a_treatment_other_than_the_page_is_still_checked(client):
    page = botox("fr")
    other_language = botox("de")
    unpublished = TreatmentPage.objects.live().filter(locale__language_code="fr")
    unpublished = unpublished.exclude(pk=page.pk).first()
    unpublished.unpublish()

    for treatment in (other_language, unpublished):
        response = post(client, page, treatment=treatment.pk)
        assert response.status_code == 200
        assert 'name="treatment"' in response.content.decode()
    assert not Enquiry.objects.exists()

    chosen = TreatmentPage.objects.live().filter(locale__language_code="fr")
    chosen = chosen.exclude(pk=page.pk).first()
    assert post(client, page, treatment=chosen.pk).status_code == 302
    assert Enquiry.objects.get().treatment == chosen


def test_reference_codes_are_short_and_not_the_id(client):
    post(client, botox())
    enquiry = Enquiry.objects.get()

    assert len(enquiry.reference) == 9 and enquiry.reference.startswith("TR-")
    assert str(enquiry.pk) not in enquiry.reference[3:]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Enter a valid phone number"), ("de", None), ("ar", None), ("tr", None)],
)
def test_bad_phone_gets_a_translated_message_and_keeps_the_input(client, language, expected):
    page = botox(language)

    response = post(client, page, phone="12345", full_name="Jana Novák")

    assert response.status_code == 200
    body = response.content.decode()
    assert 'class="error"' in body
    assert 'value="Jana Novák"' in body
    assert 'value="12345"' in body
    if expected:
        assert expected in body
    else:
        assert "Enter a valid phone number" not in body
    assert not Enquiry.objects.exists()


def test_missing_consent_is_refused(client):
    response = post(client, botox(), consent=None)

    assert response.status_code == 200
    assert "We can only answer your enquiry with your consent." in response.content.decode()
    assert not Enquiry.objects.exists()


@pytest.mark.parametrize(
    ("travel_from", "travel_to", "message"),
    [
        (-3, 5, "The travel dates cannot be in the past."),
        (10, 5, "The end of the travel window must be after its start."),
    ],
)
def test_travel_window_is_checked(client, travel_from, travel_to, message):
    response = post(
        client,
        botox(),
        travel_from=days_from_today(travel_from).isoformat(),
        travel_to=days_from_today(travel_to).isoformat(),
    )

    assert message in response.content.decode()
    assert not Enquiry.objects.exists()


def test_honeypot_filled_saves_nothing_but_looks_like_success(client):
    response = post(client, botox(), website="http://spam.example")

    assert response.status_code == 302
    assert not Enquiry.objects.exists()


def test_double_submit_creates_one_enquiry(client):
    first = post(client, botox())
    second = post(client, botox())

    assert first.status_code == second.status_code == 302
    assert Enquiry.objects.count() == 1


def test_same_person_with_a_new_message_is_a_new_enquiry(client):
    post(client, botox())
    post(client, botox(), message="And what about fillers?")

    assert Enquiry.objects.count() == 2


def test_rate_limit_blocks_with_a_translated_429(client, settings, stopped_clock):
    settings.ENQUIRY_RATE_LIMIT = "2/m"
    for number in range(2):
        assert post(client, botox("fr"), message=f"question {number}").status_code == 302

    response = post(client, botox("fr"), message="one more")

    assert response.status_code == 429
    body = response.content.decode()
    assert 'lang="fr"' in body
    assert "Please try again later" not in body
    assert Enquiry.objects.count() == 2


def test_the_two_consents_are_recorded_apart_with_the_notice_version(client, settings):
    settings.PRIVACY_NOTICE_VERSION = "2026-12"
    post(client, botox(), commercial_consent="on", message="With reminders")
    post(client, botox(), message="Without reminders")

    with_reminders = Enquiry.objects.get(message="With reminders")
    without = Enquiry.objects.get(message="Without reminders")
    assert with_reminders.consent_at and with_reminders.privacy_notice_version == "2026-12"
    assert with_reminders.commercial_consent_at is not None
    assert with_reminders.commercial_notice_version == "2026-12"
    assert without.consent_at and without.commercial_consent_at is None
    assert without.commercial_notice_version == ""


def test_the_commercial_consent_is_never_required(client):
    assert post(client, botox(), commercial_consent=None).status_code == 302
