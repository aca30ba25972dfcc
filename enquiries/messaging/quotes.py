"""Writing a quote email: the editors' "quote" template in the patient's language, with the
quote's facts worded for that language (the price in its currency's local format, the
treatment's translated name, what is included as a list)."""

from datetime import date
from decimal import Decimal

from babel.numbers import format_currency, get_territory_currencies
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Locale

from ..models import Enquiry, OutgoingEmail, Quote
from ..models.quote import CURRENCIES, FALLBACK_CURRENCY
from . import conversation
from .composer import Composer, render


def default_currency(country_code: str, today: date | None = None) -> str:
    """The currency of the patient's country, if the clinic quotes in it; else the euro."""
    for code in get_territory_currencies(country_code or "", today or date.today()):
        if code in CURRENCIES:
            return code
    return FALLBACK_CURRENCY


def price_in(amount: Decimal, currency: str, language: str) -> str:
    return format_currency(amount, currency, locale=translation.to_locale(language))


def includes(quote: Quote) -> tuple[str, ...]:
    """What the price includes, in the active language."""
    items = []
    if quote.nights:
        items.append(
            ngettext("%(count)d night at the hotel", "%(count)d nights at the hotel", quote.nights)
            % {"count": quote.nights}
        )
    if quote.transfers:
        items.append(_("Transfers between the airport, the hotel and the clinic"))
    if quote.interpreter:
        items.append(_("An interpreter at the clinic"))
    items += [line.strip() for line in quote.also_included.splitlines() if line.strip()]
    return tuple(items)


def quote_values(quote: Quote, language: str) -> dict:
    locale = Locale.objects.filter(language_code=language).first()
    treatment = (locale and quote.treatment.get_translation_or_none(locale)) or quote.treatment
    with translation.override(language):
        return {
            "quote_treatment": treatment.title,
            "quote_price": price_in(quote.price, quote.currency, language),
            "quote_includes": includes(quote),
            "quote_valid_until": date_format(quote.valid_until, "DATE_FORMAT"),
        }


def queue_quote(quote: Quote, author) -> OutgoingEmail:
    """Write the quote's email to the patient and queue it, in the caller's transaction."""
    enquiry: Enquiry = quote.enquiry
    composer = Composer()
    template, fallback = composer.template(OutgoingEmail.Kind.QUOTE, enquiry.language)
    language = template.locale.language_code
    page, page_fallback = composer.page(enquiry, language)
    values = composer.values(enquiry, page, language) | quote_values(quote, language)
    composed = render(template, values, language, fallback or page_fallback)
    return conversation.queue_composed(enquiry, OutgoingEmail.Kind.QUOTE, composed, author)
