"""A made-up enquiry for the previews of email templates, in the template's language.

Editors never see a patient's data: the preview is filled from an enquiry that is never saved,
with a patient's and a coordinator's name usual in that language, travel dates a month from
today (worded in that language), and the facts of a live treatment page in that language (the
first treatment of the English tree, through its translation), so that an Arabic template
previews as an Arabic patient would read it. Quotes get a made-up quote of that treatment.
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from wagtail.models import Locale

from pages.models import TreatmentPage

from ..models import EmailTemplate, Enquiry, Quote, placeholders
from ..models.quote import FALLBACK_CURRENCY
from .composer import SOURCE_LANGUAGE, Composed, Composer, render
from .quotes import quote_values

# A patient's full name and a coordinator's name per site language (made up).
SAMPLE_PEOPLE = {
    "en": ("Maria Jones", "Emma Clarke"),
    "tr": ("Elif Yıldız", "Ayşe Kaya"),
    "de": ("Lena Schneider", "Jonas Weber"),
    "fr": ("Sophie Martin", "Camille Laurent"),
    "nl": ("Sanne de Vries", "Daan Jansen"),
    "ru": ("Ольга Смирнова", "Ирина Волкова"),
    "ar": ("ليلى منصور", "عمر حداد"),
    "fa": ("مریم رضایی", "سارا احمدی"),
}
SAMPLE_REFERENCE = "TR-7K3F9Q"


def sample_people(language: str) -> tuple[str, str]:
    return SAMPLE_PEOPLE.get(language, SAMPLE_PEOPLE[SOURCE_LANGUAGE])


def sample_treatment(locale: Locale) -> TreatmentPage | None:
    """The first live treatment of the English tree, in `locale` if it is translated there."""
    pages = TreatmentPage.objects.live().select_related("locale", "clinic")
    english = pages.filter(locale__language_code=SOURCE_LANGUAGE).order_by("path").first()
    if english is None:
        return pages.filter(locale=locale).order_by("path").first()
    return pages.filter(locale=locale, translation_key=english.translation_key).first() or english


def sample_enquiry(language: str, page: TreatmentPage | None) -> Enquiry:
    """An enquiry that is never saved: it only lends its fields to the composer."""
    today = timezone.localdate()
    return Enquiry(
        reference=SAMPLE_REFERENCE,
        full_name=sample_people(language)[0],
        language=language,
        treatment=page,
        travel_from=today + timedelta(days=30),
        travel_to=today + timedelta(days=37),
    )


def sample_values(template: EmailTemplate) -> dict:
    """Every placeholder's value for a preview of `template`, worded in its language."""
    language = template.locale.language_code
    page = sample_treatment(template.locale)
    values = Composer().values(sample_enquiry(language, page), page, language)
    values["coordinator_name"] = sample_people(language)[1]
    values["unsubscribe_url"] = "#"
    if page is None:
        # No treatment page at all (a new site): the registry's samples stand in for its facts.
        samples = placeholders.sample_values()
        return samples | {name: value for name, value in values.items() if value}
    quote = Quote(
        treatment=page,
        price=Decimal("2450.00"),
        currency=FALLBACK_CURRENCY,
        nights=3,
        transfers=True,
        valid_until=timezone.localdate() + timedelta(days=14),
    )
    return values | quote_values(quote, language)


def compose_sample(template: EmailTemplate) -> Composed:
    """The email as a patient would see it, filled from a made-up enquiry (the admin preview)."""
    language = template.locale.language_code
    return render(template, sample_values(template), language, fallback=False)
