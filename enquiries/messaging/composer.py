"""Writing a patient email: the editor's template in the patient's language, filled with the
facts of the treatment page in that language, as HTML (CSS inlined) and plain text.

Facts are read when the email is sent, so a change to the page changes the next email. When
the template or the page has no translation in the patient's language, the English one is
used and the email is flagged (`fallback_language`).

A Composer keeps what a batch of emails shares (templates, pages, the unsubscribe signer), so
that rendering many emails costs a few queries, not a few per email.
"""

import functools
import re
from dataclasses import dataclass

import css_inline
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import get_language_bidi

from pages import facts
from pages.models import TreatmentPage

from ..models import EmailTemplate, Enquiry, placeholders
from . import unsubscribe

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
        self._templates: dict[tuple[str, str], EmailTemplate] = {
            (template.kind, template.locale.language_code): template
            for template in EmailTemplate.objects.select_related("locale")
        }
        self._translations: dict[int, dict[str, TreatmentPage]] = {}
        self._facts: dict[tuple[int, str], dict] = {}

    def prepare(self, enquiries) -> None:
        """Fetch the treatment pages of `enquiries`, in every language, in two queries."""
        ids = {e.treatment_id for e in enquiries if e.treatment_id} - set(self._translations)
        if not ids:
            return
        # Enquiries sent from the same treatment's pages in different languages share a key.
        ids_by_key: dict = {}
        for treatment_id, key in TreatmentPage.objects.filter(pk__in=ids).values_list(
            "pk", "translation_key"
        ):
            ids_by_key.setdefault(key, []).append(treatment_id)
        pages = (
            TreatmentPage.objects.live()
            .filter(translation_key__in=ids_by_key)
            .select_related("locale", "clinic")
        )
        for treatment_id in ids:
            self._translations[treatment_id] = {}
        for page in pages:
            for treatment_id in ids_by_key[page.translation_key]:
                self._translations[treatment_id][page.locale.language_code] = page

    def compose(self, kind: str, enquiry: Enquiry, language: str) -> Composed:
        template, template_fallback = self.template(kind, language)
        if template_fallback:
            # An English text gets English facts: one language per email.
            language = template.locale.language_code
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
                key = (page.pk, language)
                if key not in self._facts:
                    self._facts[key] = page_values(page)
                values.update(self._facts[key])
        return values


def page_values(page: TreatmentPage) -> dict:
    """The facts of a treatment page, worded in the active language."""
    return {
        "clinic": page.clinic.name if page.clinic_id else "",
        "treatment_name": page.title,
        "treatment_url": page.get_full_url() or "",
        "session_length": facts.minutes(page.session_minutes_min, page.session_minutes_max),
        "effect_duration": facts.effect_duration_in_text(page),
        "time_to_results": facts.results_time_in_text(page.results_days_min, page.results_days_max),
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
    start, end = _unsubscribe_url_around_token(language)
    return start + unsubscribe.make_token(enquiry) + end


@functools.cache
def _unsubscribe_url_around_token(language: str) -> tuple[str, str]:
    # The URL pattern is resolved once per language; only the token changes per email.
    with translation.override(language):
        path = reverse("enquiries:unsubscribe", args=["TOKEN"])
    start, end = path.split("TOKEN")
    return settings.WAGTAILADMIN_BASE_URL + start, end


SLOT = re.compile(r"\[\[(subject|content|reference|unsubscribe_url)\]\]")


@functools.cache
def layout(language: str) -> tuple[str, str]:
    """The HTML and text layouts of patient emails in `language`, with [[slots]] where each
    email's parts go: Django renders them once per language and process, not per email."""
    slots = {name: f"[[{name}]]" for name in ("reference", "unsubscribe_url")}
    with translation.override(language):
        html = render_to_string(
            "enquiries/emails/patient.html",
            {
                "subject": "[[subject]]",
                "content": "[[content]]",
                "language": language,
                "rtl": get_language_bidi(),
                "values": slots,
            },
        )
        text = render_to_string(
            "enquiries/emails/patient.txt", {"content": "[[content]]", "values": slots}
        )
    return html, text


def fill_layout(layout_text: str, parts: dict[str, str]) -> str:
    # One pass, so that nothing a patient or editor typed is taken for a slot.
    return SLOT.sub(lambda match: parts[match.group(1)], layout_text)


def render(template: EmailTemplate, values: dict, language: str, fallback: bool) -> Composed:
    """An email from `template` (an EmailTemplate, or anything with a subject and paragraphs,
    such as a coordinator's text) filled with `values`, in the layout of `language`."""
    html_layout, text_layout = layout(language)
    subject = placeholders.fill_text(template.subject, values)
    paragraphs = template.paragraphs
    common = {"reference": values["reference"], "unsubscribe_url": values["unsubscribe_url"]}
    html = fill_layout(
        html_layout,
        {
            **{name: escape(value) for name, value in common.items()},
            "subject": escape(subject),
            # Each paragraph of the template a <p> (a list on its own an <ol>) ...
            "content": placeholders.fill_html(paragraphs, values),
        },
    )
    # ... and in the text part, paragraphs separated by a blank line.
    text = fill_layout(
        text_layout,
        {**common, "content": placeholders.fill_text("\n\n".join(paragraphs), values)},
    )
    return Composed(
        subject=subject,
        text=text,
        html=_inline(html),
        fallback_language=fallback,
        unsubscribe_url=values["unsubscribe_url"],
    )
