"""Every page type renders in every site language, in that language and text direction."""

import pytest

from pages.models import HomePage, StandardPage, TreatmentIndexPage, TreatmentPage

from ..conftest import SITE_LANGUAGES
from .helpers import parse

pytestmark = pytest.mark.django_db

PAGE_TYPES = [HomePage, TreatmentIndexPage, TreatmentPage, StandardPage]
RTL = {"ar", "fa"}


@pytest.mark.parametrize("language", SITE_LANGUAGES)
@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model.__name__)
def test_each_page_type_renders_in_each_language(client, model, language):
    page = model.objects.filter(locale__language_code=language).live().first()
    assert page is not None, f"no live {model.__name__} in {language}"
    english_page = model.objects.get(
        translation_key=page.translation_key, locale__language_code="en"
    )

    response = client.get(page.url)

    assert response.status_code == 200
    tree = parse(response)
    html = tree.getroot() if hasattr(tree, "getroot") else tree
    assert html.get("lang") == language
    assert html.get("dir") == ("rtl" if language in RTL else "ltr")
    body = response.content.decode()
    assert page.title in body
    assert main_text(page) in "".join(html.itertext())
    if language != "en":
        assert main_text(page) != main_text(english_page)
        # Interface strings come from locale/<lang>: the skip link is never left in English.
        assert "Skip to content" not in body


def main_text(page):
    """A sentence of the page's own content."""
    if isinstance(page, HomePage):
        return page.hero_heading
    if isinstance(page, TreatmentIndexPage):
        return page.intro
    if isinstance(page, TreatmentPage):
        return page.summary
    return page.body[0].value


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_treatment_page_shows_translated_facts_and_sections(client, language):
    page = TreatmentPage.objects.get(locale__language_code=language, translation_key=_botox_key())

    body = client.get(page.url).content.decode()

    first_step = page.aftercare_steps[0].value
    assert first_step in body
    assert page.faq[0].value["question"] in body
    if language != "en":
        assert "Session length" not in body
        assert "Stay upright for about four hours" not in body


def _botox_key():
    return TreatmentPage.objects.get(locale__language_code="en", slug="botox").translation_key


def test_treatment_index_groups_treatments_by_category(client):
    index = TreatmentIndexPage.objects.get(locale__language_code="en")

    body = client.get(index.url).content.decode()

    assert body.index("Aesthetic treatments") < body.index("Botox")
    assert body.index("Dental care") < body.index("Dental implants")
    assert "Hair restoration" in body


def test_unknown_page_is_a_translated_404(client):
    response = client.get("/de/gibt-es-nicht/")

    assert response.status_code == 404
    assert "Page not found" not in response.content.decode()
