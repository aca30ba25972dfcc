"""Machine translation lands as drafts for review, keeping the terms editors list."""

import pytest
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from pages.models import KeptTerm, TreatmentPage
from pages.translation.machine import protect, restore, translate_to_draft

from ..conftest import SITE_LANGUAGES
from .helpers import english, translation_of

pytestmark = pytest.mark.django_db

NEW_SUMMARY = "Anatolia Care gives Botox in small doses."


@pytest.fixture
def dummy_translator(settings):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "pages.translation.machine.KeptTermsTranslator",
        "OPTIONS": {"ENGINE": "wagtail_localize.machine_translators.dummy.DummyTranslator"},
    }


def test_kept_terms_go_round_the_engine_untouched():
    text, found = protect("Botox Cosmetic or Botox, not Botoxes.", ["Botox", "Botox Cosmetic"])

    assert text == '<kept id="0"/> or <kept id="1"/>, not Botoxes.'
    assert restore(text, found) == "Botox Cosmetic or Botox, not Botoxes."


def test_changed_english_text_becomes_a_machine_draft_in_every_language(dummy_translator):
    assert KeptTerm.objects.filter(term="Anatolia Care").exists()  # from the demo
    botox = english()
    botox.summary = NEW_SUMMARY
    botox.save_revision().publish()
    source = TranslationSource.objects.get(object_id=botox.translation_key)
    source.update_from_db()
    live_summaries = {
        language: translation_of(botox, language).summary for language in SITE_LANGUAGES[1:]
    }

    for translation in Translation.objects.filter(source=source):
        assert translate_to_draft(translation) == 1  # only the changed summary

    for language in SITE_LANGUAGES[1:]:
        page = translation_of(botox, language)
        assert page.summary == live_summaries[language]  # nothing published
        draft = page.get_latest_revision_as_object()
        # The dummy engine reverses the words; the kept term comes back whole.
        assert "Anatolia Care" in draft.summary and "Care Anatolia" not in draft.summary
        assert draft.summary.split()[:2] == ["doses.", "small"], language  # machine output
        assert page.has_unpublished_changes
    machine = StringTranslation.objects.filter(translation_type="machine", data__contains="doses.")
    assert machine.count() == len(SITE_LANGUAGES) - 1


def test_without_an_engine_nothing_is_translated(settings):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
    translation = Translation.objects.filter(source__object_id=english().translation_key).first()

    assert translate_to_draft(translation) == 0
    assert not TreatmentPage.objects.get(
        pk=translation_of(english(), "de").pk
    ).has_unpublished_changes
