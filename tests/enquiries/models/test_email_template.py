"""enquiries/models/email_template.py: the body is paragraphs, each its own string for
translators in wagtail-localize, each checked for placeholders."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue

from enquiries.models import EmailTemplate

pytestmark = pytest.mark.django_db


def email_template(kind, language):
    return EmailTemplate.objects.get(kind=kind, locale__language_code=language)


def body_segments(source):
    return list(
        source.stringsegment_set.filter(context__path__startswith="body.")
        .select_related("string", "context")
        .order_by("order")
    )


def test_each_paragraph_is_its_own_segment_for_translators():
    english = email_template("acknowledgement", "en")
    TranslationSource.objects.filter(object_id=english.translation_key).delete()

    source, created = TranslationSource.get_or_create_from_instance(english)

    strings = [segment.string.data for segment in body_segments(source)]
    assert created
    assert len(strings) == len(english.paragraphs) == 5
    assert [StringValue(data).render_text() for data in strings] == english.paragraphs
    assert not any("<br/><br/>" in data for data in strings)  # no paragraph break in a string
    # The one <br/> left is the line break inside the sign-off paragraph.
    assert [data for data in strings if "<br/>" in data] == ["Kind regards,<br/>{clinic}"]


def test_a_translated_paragraph_is_written_back_to_its_own_paragraph():
    german = email_template("acknowledgement", "de")
    before = german.paragraphs
    source = TranslationSource.objects.get(
        object_id=german.translation_key, locale__language_code="en"
    )
    second = body_segments(source)[1]
    StringTranslation.objects.filter(
        translation_of=second.string, context=second.context, locale=german.locale
    ).update(data="Danke für Ihre Anfrage {reference}.")

    Translation.objects.get(source=source, target_locale=german.locale).save_target()

    german.refresh_from_db()
    assert german.paragraphs == [before[0], "Danke für Ihre Anfrage {reference}.", *before[2:]]


def test_editing_one_english_paragraph_leaves_the_other_translations_in_place():
    english = email_template("procedure_info", "en")
    german = email_template("procedure_info", "de")
    before = german.paragraphs
    english.body[1].value = "Here is a short summary of {treatment_name}."
    english.save()
    source = TranslationSource.objects.get(object_id=english.translation_key, locale=english.locale)

    source.update_from_db()  # "Sync translations" in the admin

    german_translation = Translation.objects.get(source=source, target_locale=german.locale)
    total, translated = german_translation.get_progress()
    assert total - translated == 1  # only the edited paragraph waits for its translator
    german_translation.save_target()
    german.refresh_from_db()
    # Published meanwhile, the other paragraphs stay German (the new one is English for now).
    assert german.paragraphs == [before[0], english.paragraphs[1], *before[2:]]


@translation.override("en")
def test_an_unknown_placeholder_in_one_paragraph_is_refused_with_a_message():
    template = email_template("acknowledgement", "en")
    template.body = [
        ("paragraph", "Dear {first_name},"),
        ("paragraph", "Your price is {price}."),
        ("paragraph", "Kind regards,\n{clinic}"),
    ]

    with pytest.raises(ValidationError) as error:
        template.full_clean()

    [message] = error.value.message_dict["body"]
    assert message.startswith("Paragraph 2: Unknown placeholder {price}. Available: {first_name}")
    [paragraph_errors] = error.value.error_dict["body"][:1]
    assert set(paragraph_errors.block_errors) == {1}  # shown under the second paragraph


def test_a_translator_cannot_publish_an_unknown_placeholder_in_a_paragraph():
    arabic = email_template("aftercare", "ar")
    before = arabic.paragraphs
    source = TranslationSource.objects.get(
        object_id=arabic.translation_key, locale__language_code="en"
    )
    first = body_segments(source)[0]
    StringTranslation.objects.filter(
        translation_of=first.string, context=first.context, locale=arabic.locale
    ).update(data="مرحبًا {name}،")

    with pytest.raises(ValidationError):
        Translation.objects.get(source=source, target_locale=arabic.locale).save_target()

    arabic.refresh_from_db()
    assert arabic.paragraphs == before


@translation.override("en")
def test_two_paragraphs_in_one_block_are_refused():
    template = email_template("acknowledgement", "en")
    template.body = [("paragraph", "Dear {first_name},\n\nThank you.")]

    with pytest.raises(ValidationError) as error:
        template.full_clean()

    assert "A blank line starts a new paragraph" in error.value.message_dict["body"][0]


def test_the_body_reads_as_text_with_blank_lines_between_paragraphs():
    template = EmailTemplate(
        body=[("paragraph", " First.\r\nSecond line. "), ("paragraph", "Two.")]
    )

    assert template.paragraphs == ["First.\nSecond line.", "Two."]
    assert template.body_text == "First.\nSecond line.\n\nTwo."
