"""Facts drift no more: one change to the English page reaches every language's page, the
patients' emails and their pending reminders, without publishing any translation."""

import pytest
from django.utils import timezone, translation
from wagtail_localize.models import TranslationSource

from enquiries.messaging import followups
from enquiries.messaging.composer import Composer
from enquiries.models import Enquiry
from enquiries.routing import handling
from pages import facts
from pages.models import ClinicImage, TreatmentPage
from tests.enquiries.factories import make_coordinator, make_enquiry

from ..conftest import SITE_LANGUAGES
from .helpers import english, translation_of

pytestmark = pytest.mark.django_db


def effect_range(language: str, low: int, high: int) -> str:
    with translation.override(language):
        return facts.format_range(low, high)


def test_changed_effect_range_reaches_every_language_without_publishing_translations(client):
    botox = english()
    arabic = translation_of(botox, "ar")
    enquiry = make_enquiry(
        language="ar",
        treatment=arabic,
        commercial_consent=True,
        status="booked",
        coordinator=make_coordinator(["ar"]),
    )
    handling.change_status(enquiry.pk, Enquiry.Status.TREATED, actor=None)
    published = {
        page.locale.language_code: page.live_revision_id
        for page in botox.get_translations().select_related("locale")
    }

    # The editor: 3-6 months becomes 4-6, with a new English sentence not yet translated.
    botox.effect_months_min = 4
    botox.summary = "A freshly rewritten summary that nobody has translated yet."
    botox.save_revision().publish()
    TranslationSource.objects.get(object_id=botox.translation_key).update_from_db()  # "Sync"

    for language in SITE_LANGUAGES:
        page = translation_of(botox, language)
        assert (page.effect_months_min, page.effect_months_max) == (4, 6), language
        body = client.get(page.url).content.decode()
        assert effect_range(language, 4, 6) in body, language
        assert effect_range(language, 3, 6) not in body, language
        if language != "en":
            assert page.live_revision_id == published[language]  # nothing was published
            assert botox.summary not in body  # so no untranslated English sentence
    email = Composer().compose("procedure_info", Enquiry.objects.get(pk=enquiry.pk), "ar")
    assert effect_range("ar", 4, 6) in email.text
    reminder = enquiry.emails.get(kind="retreatment_reminder", status="pending")
    assert timezone.localdate(reminder.due_at) == followups.add_months(timezone.localdate(), 4)


def test_publishing_an_old_translation_draft_keeps_the_new_facts():
    botox = english()
    german = translation_of(botox, "de")
    german.save_revision()  # a draft made while the range was 3-6
    botox.effect_months_min = 4
    botox.save_revision().publish()

    german.refresh_from_db()
    assert german.get_latest_revision_as_object().effect_months_min == 4
    german.get_latest_revision().publish()

    assert TreatmentPage.objects.get(pk=german.pk).effect_months_min == 4


def test_pictures_and_the_reviewer_follow_the_english_page_in_their_translations():
    botox = english()
    other = ClinicImage.objects.filter(title__startswith="Illustration: Dental").first()
    botox.hero_image = other
    botox.save_revision().publish()

    arabic = translation_of(botox, "ar")
    assert arabic.hero_image_id == other.pk
    # The reviewer is the practitioner's Arabic translation, not the English one.
    assert arabic.reviewed_by.locale.language_code == "ar"
    assert arabic.reviewed_by.translation_key == botox.reviewed_by.translation_key
