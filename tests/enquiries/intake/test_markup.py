"""enquiries/intake/markup.py: the blank form rendered once per language reads exactly as if it
were rendered for each page."""

import re

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from markupsafe import Markup

from enquiries.intake import markup
from enquiries.intake.forms import EnquiryForm
from pages.models import ContactPage, TreatmentPage

pytestmark = pytest.mark.django_db
LANGUAGES = [code for code, _name in settings.LANGUAGES]


CSRF_INPUT = re.compile(r'<input type="hidden" name="csrfmiddlewaretoken" value="\w+">')


def form_section(html: str) -> str:
    return re.search(r'<section class="enquiry".*?</section>', html, re.S).group(0)


def rendered_for_this_page_alone(page, html: str) -> str:
    """The form as rendering it from scratch for this page gives."""
    csrf_input = Markup(CSRF_INPUT.search(html).group(0))
    request = RequestFactory().get(page.url, HTTP_HOST="localhost")
    context = page.get_context(request)
    initial = {"treatment": page.pk} if isinstance(page, TreatmentPage) else {}
    language = page.locale.language_code
    with translation.override(language):
        return markup.render(
            EnquiryForm(language_code=language, initial=initial),
            page_id=page.pk,
            treatment_choices=context["treatment_choices"],
            privacy_url=context["privacy_notice"]["url"],
            csrf_input=csrf_input,
            heading=markup.form_heading(page),
        )


def test_the_contact_page_asks_the_team_not_about_a_treatment(client):
    contact = ContactPage.objects.get(locale__language_code="en")
    html = form_section(client.get(contact.url).content.decode())
    assert ">Ask a patient coordinator</h2>" in html


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("model", [TreatmentPage, ContactPage], ids=lambda m: m.__name__)
def test_the_shared_blank_form_matches_one_rendered_for_the_page(client, model, language):
    pages = model.objects.live().filter(locale__language_code=language).order_by("path")[:2]
    for page in pages:  # two treatment pages: the shared markup is filled in for each
        html = client.get(page.url).content.decode()

        assert form_section(html) == form_section(rendered_for_this_page_alone(page, html))


def test_the_page_s_own_treatment_is_chosen(client):
    pages = TreatmentPage.objects.live().filter(locale__language_code="fr")

    for page in pages:
        html = client.get(page.url).content.decode()

        assert re.findall(r'<option value="(\d+)" selected>', html) == [str(page.pk)]


def test_a_form_with_errors_is_rendered_in_full_with_what_was_typed(client):
    page = TreatmentPage.objects.live().filter(locale__language_code="de").first()

    response = client.post(
        reverse("enquiries:submit"),
        {"page": page.pk, "full_name": "Jörg <b>", "email": "not-an-email", "country": "DE"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert CSRF_INPUT.search(html)
    assert 'value="Jörg &lt;b&gt;"' in html
    assert '<option value="DE" selected>' in html
    assert '<div class="error" id="id_email_error">' in form_section(html)
