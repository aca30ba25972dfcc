"""The enquiry form's markup on pages (the Jinja2 global `enquiry_form_html()`).

A blank form is the same on every page of a language but for three things: the CSRF token,
the page it is sent from, and that page's treatment chosen in the list. Rendering it costs
about a sixth of a treatment page's time (labels, ~250 countries, the languages), so the
blank form is rendered once per language, list of treatments and privacy link (all it
depends on) and those three are filled in per request. A submitted form with errors is
rendered in full.
"""

from functools import lru_cache

from django.template import engines
from django.utils import translation
from django.utils.translation import gettext
from jinja2 import pass_context
from markupsafe import Markup

from .forms import EnquiryForm

TEMPLATE = "enquiries/includes/enquiry_form.html"
CSRF_SLOT = Markup("<!--csrf-input-->")
PAGE_SLOT = Markup("<!--page-id-->")
HEADING_SLOT = Markup("<!--form-heading-->")


def render(form, *, page_id, treatment_choices, privacy_url, csrf_input, heading=None) -> str:
    template = engines["jinja2"].get_template(TEMPLATE)
    return template.render(
        {
            "form": form,
            "heading": heading if heading is not None else form_heading(None),
            "page_id": page_id,
            "treatment_choices": treatment_choices,
            "privacy_url": privacy_url,
            "csrf_input": csrf_input,
        }
    )


@lru_cache(maxsize=64)
def blank_form(language: str, treatment_choices: tuple, privacy_url: str) -> str:
    with translation.override(language):
        return render(
            EnquiryForm(language_code=language),
            page_id=PAGE_SLOT,
            treatment_choices=treatment_choices,
            privacy_url=privacy_url,
            csrf_input=CSRF_SLOT,
            heading=HEADING_SLOT,
        )


def form_heading(page) -> str:
    """On a treatment page the form asks about it; elsewhere it asks the team."""
    from pages.models import TreatmentPage

    if isinstance(page, TreatmentPage):
        return gettext("Ask us about this treatment")
    return gettext("Ask a patient coordinator")


# The treatment list and privacy link last shown in each language by this process: what the
# form is rendered with when the database is down (render_offline).
_last_shown: dict[str, tuple[tuple, str]] = {}


def render_offline(form, page_id: str, language: str, request) -> Markup:
    """The form as it was sent, with its errors, rendered without the database."""
    from django.middleware.csrf import get_token

    treatment_choices, privacy_url = _last_shown.get(language, ((), "#"))
    csrf_input = Markup('<input type="hidden" name="csrfmiddlewaretoken" value="%s">') % (
        get_token(request)
    )
    html = render(
        form,
        page_id=page_id,
        treatment_choices=treatment_choices,
        privacy_url=privacy_url,
        csrf_input=csrf_input,
    )
    return Markup(html)  # rendered by an autoescaping template


@pass_context
def enquiry_form_html(context) -> Markup:
    page = context["page"]
    privacy_notice = context.get("privacy_notice")
    privacy_url = privacy_notice["url"] if privacy_notice else "#"
    treatment_choices = tuple(context.get("treatment_choices") or ())
    _last_shown[translation.get_language()] = (treatment_choices, privacy_url)
    csrf_input = Markup(context["csrf_input"])
    form = context.get("enquiry_form")
    if form is not None and form.is_bound:
        html = render(
            form,
            page_id=page.pk,
            treatment_choices=treatment_choices,
            privacy_url=privacy_url,
            csrf_input=csrf_input,
            heading=form_heading(page),
        )
        return Markup(html)  # rendered by an autoescaping template
    html = blank_form(translation.get_language(), treatment_choices, privacy_url)
    html = html.replace(CSRF_SLOT, csrf_input, 1).replace(PAGE_SLOT, str(page.pk), 1)
    html = html.replace(HEADING_SLOT, str(Markup.escape(form_heading(page))), 1)
    if any(choice_id == page.pk for choice_id, _title in treatment_choices):
        html = html.replace(
            f'<option value="{page.pk}">', f'<option value="{page.pk}" selected>', 1
        )
    return Markup(html)  # rendered by an autoescaping template
