"""What a treatment page shows a patient to trust it: the clinic's Ministry of Health
authorisation and accreditations, the medical review, the last update and who answers for
the content (Turkey's 2025 health-advertising rules); dates in each language's own way."""

import pytest
from django.utils import translation
from django.utils.formats import date_format

from pages.models import Clinic
from pages.template_filters import language_list
from tests.pages.helpers import english, parse, translation_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "ar", "de"])
def test_the_clinic_authorisation_and_the_responsible_editor_are_shown(client, language):
    page = translation_of(english(), language)
    clinic = page.clinic
    Clinic.objects.filter(pk=clinic.pk).update(accreditations="ISO 9001:2015")

    html = client.get(page.url).content.decode()

    assert clinic.authorisation_number in html and "ISO 9001:2015" in html
    assert clinic.content_responsible and clinic.content_responsible in html
    assert f"mailto:{clinic.content_responsible_email}" in html
    with translation.override(language):
        updated = date_format(page.last_published_at, "DATE_FORMAT")
    assert updated in html


def test_english_dates_are_british(client):
    tree = parse(client.get(english().url))
    reviewed = next(p for p in tree.iter("p") if p.get("class") == "reviewed").text
    assert "September 2026" in reviewed and "Sept." not in reviewed
    day = reviewed.split("September")[0].split()[-1]
    assert day.isdigit()  # "14 September 2026", day first


@pytest.mark.parametrize(
    "language, expected",
    [
        ("en", "Arabic, English and Turkish"),
        ("de", "Arabisch, Englisch und Türkisch"),
        ("ar", "العربية والإنجليزية والتركية"),
    ],
)
def test_spoken_languages_are_named_and_joined_in_the_page_language(language, expected):
    with translation.override(language):
        assert language_list(["ar", "en", "tr"]) == expected


def test_persian_pages_use_persian_digits_where_numbers_are_read(client):
    page = translation_of(english(), "fa")
    html = client.get(page.url).content.decode()

    facts = [p for p in parse(client.get(page.url)).iter("dd")]
    assert any("۱۵" in "".join(dd.itertext()) for dd in facts)  # session 15–30 minutes
    reviewed = next(
        p for p in parse(client.get(page.url)).iter("p") if p.get("class") == "reviewed"
    )
    assert "۲۰۲۶" in reviewed.text and "2026" not in reviewed.text
    # What programs read keeps its digits: links, the form's values.
    assert 'href="tel:+' in html
    german = client.get(translation_of(english(), "de").url).content.decode()
    assert "۱" not in german
