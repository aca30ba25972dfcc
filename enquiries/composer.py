"""Writing a patient email: the editor's template in the patient's language, filled with the
facts of the treatment page in that language, as HTML (CSS inlined) and plain text.

Facts are read when the email is sent, so a change to the page changes the next email. When
the template or the page has no translation in the patient's language, the English one is
used and the email is flagged (`fallback_language`).

A Composer keeps what a batch of emails shares (templates, pages, the unsubscribe signer), so
that rendering many emails costs a few queries, not a few per email.
"""

from dataclasses import dataclass

import css_inline
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import get_language_bidi

from pages import facts
from pages.models import TreatmentPage

from . import placeholders, unsubscribe
from .models import EmailTemplate, Enquiry

SOURCE_LANGUAGE = settings.LANGUAGE_CODE
_inline = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False).inline


@dataclass(frozen=True)
class Composed:
    subject: str
    text: str
    html: str
    fallback_language: bool
    unsubscribe_url: str = ""


class MissingTemplate(Exception):
    """No template of this kind, not even in English: an editor must write one."""


class Composer:
    def __init__(self):
        # Every template at once: five kinds in eight languages is one small query.
        self._templates: dict[tuple[str, str], EmailTemplate | None] = {
            (template.kind, template.locale.language_code): template
            for template in EmailTemplate.objects.select_related("locale")
        }
        self._translations: dict[int, dict[str, TreatmentPage]] = {}

    def prepare(self, enquiries) -> None:
        """Fetch the treatment pages of `enquiries`, in every language, in two queries."""
        ids = {e.treatment_id for e in enquiries if e.treatment_id} - set(self._translations)
        if not ids:
            return
        keys = dict(TreatmentPage.objects.filter(pk__in=ids).values_list("translation_key", "pk"))
        pages = (
            TreatmentPage.objects.live()
            .filter(translation_key__in=keys)
            .select_related("locale", "clinic")
        )
        for treatment_id in ids:
            self._translations[treatment_id] = {}
        for page in pages:
            self._translations[keys[page.translation_key]][page.locale.language_code] = page

    def compose(self, kind: str, enquiry: Enquiry, language: str) -> Composed:
        template, template_fallback = self.template(kind, language)
        page, page_fallback = self.page(enquiry, language)
        values = self.values(enquiry, page, language)
        return render(template, values, language, template_fallback or page_fallback)

    def template(self, kind: str, language: str) -> tuple[EmailTemplate, bool]:
        for code in dict.fromkeys([language, SOURCE_LANGUAGE]):
            if (template := self._templates.get((kind, code))) is not None:
                return template, code != language
        raise MissingTemplate(kind)

    def page(self, enquiry: Enquiry, language: str) -> tuple[TreatmentPage | None, bool]:
        """The enquiry's treatment page in `language`, else in English; (None, False) when the
        enquiry names no treatment."""
        if enquiry.treatment_id is None:
            return None, False
        if enquiry.treatment_id not in self._translations:
            self.prepare([enquiry])
        translations = self._translations[enquiry.treatment_id]
        # The page the enquiry came from, if every translation has been unpublished since.
        page = translations.get(language) or translations.get(SOURCE_LANGUAGE)
        if page is None:
            page = enquiry.treatment
        return page, page is not None and page.locale.language_code != language

    def values(self, enquiry: Enquiry, page: TreatmentPage | None, language: str) -> dict:
        with translation.override(language):
            values = {
                "first_name": enquiry.first_name,
                "reference": enquiry.reference,
                "coordinator_name": str(enquiry.coordinator) if enquiry.coordinator_id else "",
                "travel_dates": travel_dates(enquiry),
                "clinic": "",
                "treatment_name": "",
                "treatment_url": "",
                "session_length": "",
                "effect_duration": "",
                "time_to_results": "",
                "aftercare_steps": (),
                "unsubscribe_url": unsubscribe_url(enquiry, language),
            }
            if page is not None:
                values.update(page_values(page))
        return values


def page_values(page: TreatmentPage) -> dict:
    """The facts of a treatment page, worded in the active language."""
    return {
        "clinic": page.clinic.name if page.clinic_id else "",
        "treatment_name": page.title,
        "treatment_url": page.get_full_url() or "",
        "session_length": facts.minutes(page.session_minutes_min, page.session_minutes_max),
        "effect_duration": facts.effect_duration(page),
        "time_to_results": facts.results_time(page.results_days_min, page.results_days_max),
        "aftercare_steps": tuple(str(step.value) for step in page.aftercare_steps),
    }


def travel_dates(enquiry: Enquiry) -> str:
    if not enquiry.travel_from:
        return ""
    start = date_format(enquiry.travel_from, "DATE_FORMAT")
    if not enquiry.travel_to:
        return start
    return f"{start} – {date_format(enquiry.travel_to, 'DATE_FORMAT')}"


def unsubscribe_url(enquiry: Enquiry, language: str) -> str:
    with translation.override(language):
        path = reverse("enquiries:unsubscribe", args=[unsubscribe.make_token(enquiry)])
    return settings.WAGTAILADMIN_BASE_URL + path


def render(template: EmailTemplate, values: dict, language: str, fallback: bool) -> Composed:
    # The text of a fallback template is English: the layout around it follows it.
    layout_language = template.locale.language_code if fallback else language
    with translation.override(layout_language):
        html = render_to_string(
            "enquiries/emails/patient.html",
            {
                "subject": placeholders.fill_text(template.subject, values),
                "content": placeholders.fill_html(template.body, values),
                "language": layout_language,
                "rtl": get_language_bidi(),
                "values": values,
            },
        )
        text = render_to_string(
            "enquiries/emails/patient.txt",
            {"content": placeholders.fill_text(template.body, values), "values": values},
        )
    return Composed(
        subject=placeholders.fill_text(template.subject, values),
        text=text,
        html=_inline(html),
        fallback_language=fallback,
        unsubscribe_url=values.get("unsubscribe_url", ""),
    )


def preview_html(template: EmailTemplate) -> str:
    """The email as a patient would see it, filled with sample values (the admin preview)."""
    values = placeholders.sample_values() | {"unsubscribe_url": "#"}
    composed = render(template, values, template.locale.language_code, fallback=False)
    return render_to_string(
        "enquiries/emails/preview.html", {"composed": composed, "template": template}
    )
