"""How patients reach the coordinators who speak their language: a phone line and a
WhatsApp number per language, with the hours someone answers, managed by editors. Shown
beside the "ask a coordinator" action on every treatment page and on the contact page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from .per_language import PerLanguage


class LanguageContact(PerLanguage):
    phone = PhoneNumberField(_("phone"), blank=True)
    whatsapp = PhoneNumberField(_("WhatsApp"), blank=True)
    hours = models.CharField(
        _("when someone answers"),
        max_length=100,
        blank=True,
        help_text=_("In this language, for example: Mon–Fri 9:00–18:00 (Istanbul time)."),
    )

    cache_key = "pages:language-contacts"

    class Meta:
        verbose_name = _("contact for a language")
        verbose_name_plural = _("contacts by language")

    @property
    def whatsapp_url(self) -> str:
        return f"https://wa.me/{self.whatsapp.as_e164.lstrip('+')}" if self.whatsapp else ""


def contact_for(language_code: str) -> LanguageContact | None:
    return LanguageContact.by_language().get(language_code)
