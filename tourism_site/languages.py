"""Site languages: which are right-to-left, and a model field for "languages spoken".

Kept in one place because pages (practitioners) and enquiries (coordinators, patients) both
need them.
"""

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import get_language_info

RTL_LANGUAGES = frozenset({"ar", "fa"})


def is_rtl(language_code: str) -> bool:
    return language_code.split("-")[0] in RTL_LANGUAGES


def native_name(language_code: str) -> str:
    """The language's name in itself ("Deutsch", "العربية"), as a switcher should show it."""
    return get_language_info(language_code)["name_local"]


class ChoiceListField(models.JSONField):
    """A list of choice values (languages, categories), edited as checkboxes."""

    def __init__(self, *args, list_choices=(), **kwargs):
        self.list_choices = list_choices
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("list_choices", None)  # choices can change without a migration
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.get_list_choices(),
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=self.verbose_name.capitalize(),
            help_text=self.help_text,
        )

    def get_list_choices(self):
        return self.list_choices


class LanguageListField(ChoiceListField):
    """A list of language codes, edited as checkboxes of the site languages."""

    def get_list_choices(self):
        return settings.LANGUAGES


# Where the clinic's patients writing in each language live, the most first: listed at the top
# of the form's country list. The clinic's markets, not a fact of the language (CLDR ranks
# no countries by speakers).
LIKELY_COUNTRIES = {
    "en": ["GB", "IE", "US", "CA", "AU"],
    "tr": ["TR", "DE", "NL", "AZ", "CY"],
    "de": ["DE", "AT", "CH"],
    "ar": ["SA", "AE", "KW", "QA", "IQ", "LB", "JO", "EG"],
    "ru": ["RU", "KZ", "AZ", "UA", "BY"],
    "fr": ["FR", "BE", "CH", "DZ", "MA", "CA"],
    "nl": ["NL", "BE"],
    "fa": ["IR", "AF"],
}

# Languages whose readers expect their own digits: Persian pages write ۱۴ where others
# write 14 (Arabic pages keep 0-9, as the Gulf's sites and phones mostly do).
NATIVE_DIGITS = {"fa": str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")}


def local_digits(text: str, language_code: str | None = None) -> str:
    from django.utils.translation import get_language

    table = NATIVE_DIGITS.get((language_code or get_language() or "").split("-")[0])
    return text.translate(table) if table else text
