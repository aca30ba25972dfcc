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


class LanguageListField(models.JSONField):
    """A list of language codes, edited as checkboxes of the site languages."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=settings.LANGUAGES,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=self.verbose_name.capitalize(),
            help_text=self.help_text,
        )
