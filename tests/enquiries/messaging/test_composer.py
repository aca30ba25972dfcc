"""enquiries/messaging/composer.py: every kind in every language, filled from the page, with
fallbacks."""

import re

import pytest
from django.conf import settings

from enquiries.messaging import composer
from enquiries.models import EmailTemplate, FollowUpKind
from pages.models import TreatmentPage
from tests.enquiries.factories import days_from_today, make_coordinator, make_enquiry

pytestmark = pytest.mark.django_db
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def botox(language):
    english = TreatmentPage.objects.get(locale__language_code="en", slug="botox")
    return TreatmentPage.objects.get(
        locale__language_code=language, translation_key=english.translation_key
    )


@pytest.fixture
def enquiry_for():
    coordinator = make_coordinator(["en"])

    def build(language, **fields):
        return make_enquiry(
            language=language,
            treatment=botox("en"),  # sent from the English page: facts follow the patient
            coordinator=coordinator,
            status="assigned",
            travel_from=days_from_today(30),
            travel_to=days_from_today(37),
            **fields,
        )

    return build


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", FollowUpKind.values)
def test_every_kind_renders_in_every_language(kind, language, enquiry_for):
    enquiry = enquiry_for(language, full_name="<b>Zoë</b> Smith")
    page = botox(language)

    email = composer.Composer().compose(kind, enquiry, language)

    template = EmailTemplate.objects.get(kind=kind, locale__language_code=language)
    assert not email.fallback_language
    assert "{" not in email.subject + email.text + email.html  # every placeholder filled
    assert "Zoë" in email.subject + email.text
    assert "<b>Zoë" not in email.html and "&lt;b&gt;Zoë" in email.html  # escaped
    assert f'lang="{language}"' in email.html
    assert ('dir="rtl"' in email.html) == (language in ("ar", "fa"))
    assert "<style" not in email.html and 'style="' in email.html  # CSS inlined
    assert email.text.strip() and "<p" not in email.text
    if "{treatment_name}" in template.body_text:
        assert page.title in email.text  # the page in the patient's language
    if kind == FollowUpKind.AFTERCARE:
        first_step = str(page.aftercare_steps[0].value)
        assert f"1. {first_step}" in email.text
        assert re.search(r"<ol[^>]*>\s*<li", email.html)


@pytest.mark.parametrize(
    ("slug", "sentence"),
    [
        ("botox", "Results usually show after 3–14 days, and the effect lasts for 3–6 months."),
        (
            "dermal-fillers",
            "Results usually show straight away, settling within 14 days, and the effect "
            "lasts for 6–18 months.",
        ),
        ("dental-implants", "and the effect lasts permanently."),
    ],
)
def test_facts_read_as_part_of_the_sentence(enquiry_for, slug, sentence):
    enquiry = enquiry_for("en")
    enquiry.treatment = TreatmentPage.objects.get(locale__language_code="en", slug=slug)

    email = composer.Composer().compose(FollowUpKind.PROCEDURE_INFO, enquiry, "en")

    assert sentence in " ".join(email.text.split())


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_words_the_facts_for_running_text(enquiry_for, language):
    from django.utils import translation

    from pages import facts

    enquiry = enquiry_for(language)
    enquiry.treatment = TreatmentPage.objects.get(locale__language_code="en", slug="dermal-fillers")

    email = composer.Composer().compose(FollowUpKind.PROCEDURE_INFO, enquiry, language)

    with translation.override(language):
        in_text = facts.results_time_in_text(0, 14)
        label = facts.results_time(0, 14)
    assert in_text != label
    assert in_text in " ".join(email.text.split())


def test_subject_carries_no_health_details(enquiry_for):
    enquiry = enquiry_for("en")
    for kind in FollowUpKind.values:
        subject = composer.Composer().compose(kind, enquiry, "en").subject
        assert "Botox" not in subject


def test_missing_template_translation_falls_back_to_english(enquiry_for):
    EmailTemplate.objects.filter(kind="aftercare", locale__language_code="fa").delete()
    enquiry = enquiry_for("fa")

    email = composer.Composer().compose("aftercare", enquiry, "fa")

    assert email.fallback_language
    assert email.subject.startswith("Looking after yourself")
    assert 'lang="en"' in email.html and 'dir="ltr"' in email.html


def test_missing_page_translation_falls_back_to_english(enquiry_for):
    botox("nl").delete()
    enquiry = enquiry_for("nl")

    email = composer.Composer().compose("procedure_info", enquiry, "nl")

    assert email.fallback_language
    assert "Botox" in email.text


def test_a_change_to_the_page_changes_the_next_email(enquiry_for):
    enquiry = enquiry_for("de")
    # Facts are edited on the English page and reach the German one (pages/translation/facts.py).
    page = botox("en")
    page.session_minutes_min, page.session_minutes_max = 40, 50
    page.save_revision().publish()

    email = composer.Composer().compose("procedure_info", enquiry, "de")

    assert "40–50 Minuten" in email.text


def test_a_batch_with_the_same_treatment_sent_from_two_languages_finds_both_pages():
    coordinator = make_coordinator(["en"])
    from_english = make_enquiry(language="de", treatment=botox("en"), coordinator=coordinator)
    from_german = make_enquiry(language="en", treatment=botox("de"), coordinator=coordinator)
    batch = composer.Composer()
    batch.prepare([from_english, from_german])

    german = batch.compose("procedure_info", from_english, "de")
    english = batch.compose("procedure_info", from_german, "en")

    assert not german.fallback_language and botox("de").title in german.text
    assert not english.fallback_language and botox("en").title in english.text


def test_a_translated_template_composes_a_paragraph_for_each_of_its_paragraphs(enquiry_for):
    template = EmailTemplate.objects.get(kind="acknowledgement", locale__language_code="de")
    enquiry = enquiry_for("de", full_name="Zoë Smith")

    email = composer.Composer().compose("acknowledgement", enquiry, "de")

    card = email.html.split('class="brand"', 1)[1].split('class="footer"', 1)[0]
    paragraphs = re.findall(r"<p\b[^>]*>(.*?)</p>", card, flags=re.DOTALL)
    assert len(paragraphs) == len(template.paragraphs) == 5
    assert paragraphs[0] == "Guten Tag Zoë,"
    assert paragraphs[-1] == "Mit freundlichen Grüßen<br>Anatolia Care Klinik"  # its line break
    # The text part: the same paragraphs, separated by a blank line.
    first, second = template.paragraphs[:2]
    assert f"{first.format(first_name='Zoë')}\n\n{second.split('{')[0]}" in email.text
