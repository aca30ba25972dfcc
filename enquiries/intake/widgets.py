"""A country <select> that renders fast, in the order a patient looks for their country.

Django renders each <option> of a Select through a template; for ~250 countries that costs
milliseconds on every treatment page. The options depend only on the language, so their HTML
is built once per language and the chosen value is marked on the string.

Order: the language's likely countries first (tourism_site.languages.LIKELY_COUNTRIES), then
every country by the Unicode Collation Algorithm (pyuca): Python's default ordering sorts by
code point, which puts "المملكة العربية السعودية" last in Arabic.
"""

from functools import cache, lru_cache

from django import forms
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_countries import countries
from pyuca import Collator

from tourism_site.languages import LIKELY_COUNTRIES


@cache
def _collator() -> Collator:
    return Collator()


def ordered_countries(language: str) -> list[tuple[str, str]]:
    """(code, name) pairs in `language`: its likely countries, then all by collation."""
    with translation.override(language):
        names = [(code, str(name)) for code, name in countries]
    by_code = dict(names)
    key = _collator().sort_key
    collated = sorted(names, key=lambda pair: key(pair[1]))
    likely = [
        (code, by_code[code]) for code in LIKELY_COUNTRIES.get(language, []) if code in by_code
    ]
    return likely + collated


@lru_cache(maxsize=16)
def country_options_html(language: str) -> str:
    options = ordered_countries(language)
    likely = len(LIKELY_COUNTRIES.get(language, []))
    html = format_html_join("", '<option value="{}">{}</option>', options[likely:])
    if likely:
        # The likely ones again at the top, in a group of their own.
        with translation.override(language):
            top_label, all_label = _("Most often chosen"), _("All countries")
        top = format_html_join("", '<option value="{}">{}</option>', options[:likely])
        html = format_html(
            '<optgroup label="{}">{}</optgroup><optgroup label="{}">{}</optgroup>',
            top_label,
            top,
            all_label,
            html,
        )
    return html


class FastCountrySelect(forms.Widget):
    def render(self, name, value, attrs=None, renderer=None):
        options = country_options_html(get_language())
        if value:
            options = options.replace(f'value="{value}"', f'value="{value}" selected', 1)
        attributes = forms.utils.flatatt(self.build_attrs(self.attrs, attrs))
        placeholder = '<option value="">—</option>'
        return format_html(
            '<select name="{}"{}>{}{}</select>',
            name,
            attributes,
            mark_safe(placeholder),
            mark_safe(options),
        )
