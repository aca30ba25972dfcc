"""enquiries/intake/widgets.py: countries in the order a patient of each language looks for
theirs: likely ones first, then by the language's collation, not by code point."""

import pytest
from django.utils import translation
from pyuca import Collator

from enquiries.intake.widgets import FastCountrySelect, ordered_countries
from tourism_site.languages import LIKELY_COUNTRIES


@pytest.mark.parametrize("language", ["ar", "fa", "ru", "de", "en", "tr", "fr", "nl"])
def test_likely_countries_first_then_collated(language):
    pairs = ordered_countries(language)
    likely = LIKELY_COUNTRIES[language]

    assert [code for code, _name in pairs[: len(likely)]] == likely
    rest = [name for _code, name in pairs[len(likely) :]]
    key = Collator().sort_key
    assert rest == sorted(rest, key=key)
    assert len({code for code, _name in pairs[len(likely) :]}) == len(rest)  # all, once


def test_saudi_arabia_is_not_last_in_arabic_any_more():
    rest = [code for code, _name in ordered_countries("ar")[len(LIKELY_COUNTRIES["ar"]) :]]
    # It was last of 249 in the form's list before.
    assert rest.index("SA") < len(rest) - 10


def test_the_select_groups_the_likely_countries_and_marks_the_choice():
    with translation.override("de"):
        html = FastCountrySelect().render("country", "AT", {"id": "id_country"})

    assert html.index('<optgroup label="') < html.index('value="AT" selected')
    assert html.count('value="AT" selected') == 1
