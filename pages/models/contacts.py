"""How patients reach the coordinators who speak their language: a phone line and a
WhatsApp number per language, with the hours someone answers, managed by editors. Shown
beside the "ask a coordinator" action on every treatment page and on the contact page."""

from django.core.cache import cache
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

CACHE_KEY = "pages:language-contacts"


class LanguageContact(models.Model):
    locale = models.OneToOneField(
        "wagtailcore.Locale", verbose_name=_("language"), on_delete=models.CASCADE, related_name="+"
    )
    phone = PhoneNumberField(_("phone"), blank=True)
    whatsapp = PhoneNumberField(_("WhatsApp"), blank=True)
    hours = models.CharField(
        _("when someone answers"),
        max_length=100,
        blank=True,
        help_text=_("In this language, for example: Mon–Fri 9:00–18:00 (Istanbul time)."),
    )

    class Meta:
        verbose_name = _("contact for a language")
        verbose_name_plural = _("contacts by language")

    def __str__(self):
        return str(self.locale)

    @property
    def whatsapp_url(self) -> str:
        return f"https://wa.me/{self.whatsapp.as_e164.lstrip('+')}" if self.whatsapp else ""


def contact_for(language_code: str) -> LanguageContact | None:
    contacts = cache.get(CACHE_KEY)
    if contacts is None:
        contacts = {
            contact.locale.language_code: contact
            for contact in LanguageContact.objects.select_related("locale")
        }
        cache.set(CACHE_KEY, contacts, None)
    return contacts.get(language_code)


@receiver([post_save, post_delete], sender=LanguageContact)
def _forget(**kwargs):
    cache.delete(CACHE_KEY)
