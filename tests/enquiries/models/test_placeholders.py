"""enquiries/models/placeholders.py: only known placeholders, nothing executed, values escaped."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from enquiries.models import EmailTemplate, placeholders


def test_known_placeholders_pass():
    assert placeholders.problems_in_body("Dear {first_name}, see {treatment_url}.") == []
    assert placeholders.problems_in_subject("Enquiry {reference}") == []


@translation.override("en")
def test_unknown_placeholder_is_refused_with_the_list_of_known_ones():
    [problem] = placeholders.problems_in_body("Dear {firstname},")

    assert "Unknown placeholder {firstname}" in str(problem)
    assert "{first_name}" in str(problem)


def test_template_code_is_not_a_placeholder():
    problems = placeholders.problems_in_body("{% load os %}{{ settings.SECRET_KEY }}")

    assert problems  # braces that are not a known placeholder are refused


@translation.override("en")
def test_health_details_are_refused_in_subjects():
    [problem] = placeholders.problems_in_subject("Your {treatment_name}")

    assert "cannot be used in a subject" in str(problem)


def test_unclosed_brace_is_refused():
    assert placeholders.problems_in_body("Dear {first_name") != []


@pytest.mark.django_db
def test_saving_a_template_with_an_unknown_placeholder_gives_a_clear_translated_message():
    template = EmailTemplate.objects.get(kind="acknowledgement", locale__language_code="de")
    template.body.append(("paragraph", "{price}"))

    with translation.override("de"):
        with pytest.raises(ValidationError) as error:
            template.full_clean()
        [message] = error.value.message_dict["body"]

        assert "{price}" in message
        assert "Unbekannter Platzhalter" in message


def test_text_fill_numbers_list_items():
    text = placeholders.fill_text("Steps:\n{aftercare_steps}", {"aftercare_steps": ("A", "B")})

    assert text == "Steps:\n1. A\n2. B"


def test_html_fill_escapes_values_and_makes_lists():
    html = placeholders.fill_html(
        "Dear {first_name},\n\n{aftercare_steps}\n\n<b>{clinic}</b>",
        {"first_name": "<script>x</script>", "aftercare_steps": ("Rest & ice",), "clinic": "C"},
    )

    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<ol><li>Rest &amp; ice</li></ol>" in html
    assert "&lt;b&gt;C&lt;/b&gt;" in html  # the editor's text is text, not markup
