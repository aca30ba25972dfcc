"""A country <select> that renders fast.

Django renders each <option> of a Select through a template; for ~250 countries that costs
milliseconds on every treatment page. The options depend only on the language, so their HTML
is built once per language and the chosen value is marked on the string.
"""

from functools import lru_cache

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django_countries import countries


@lru_cache(maxsize=16)
def _options_html(language: str) -> str:
    return format_html_join("", '<option value="{}">{}</option>', list(countries))


class FastCountrySelect(forms.Widget):
    def render(self, name, value, attrs=None, renderer=None):
        options = _options_html(get_language())
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
