"""No English phrase is left on a translated page: body text, image captions, alt texts,
and what snippets bring in (clinic, practitioners, coordinators' contacts)."""

import re

import pytest
from wagtail.models import Page

from ..conftest import SITE_LANGUAGES
from .helpers import parse

pytestmark = pytest.mark.django_db

# Text a reader sees, and the attributes a screen reader or a share preview reads out.
READ_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
# A phrase is three or more lower-case words apart by spaces; names, numbers and email
# addresses stay as they are in every language.
PHRASE = re.compile(r"(?:\b[a-z][a-z']+[,;:]?\s+){2,}[a-z][a-z']+\b")


def visible_texts(response) -> set[str]:
    """The page's text nodes and read-out attributes, outside scripts and styles."""
    texts = set()

    def walk(element):
        if element.tag in ("script", "style", "template"):
            return
        for name in READ_ATTRIBUTES:
            if element.get(name):
                texts.add(element.get(name).strip())
        if element.tag == "meta" and element.get("name") == "description":
            texts.add(element.get("content", "").strip())
        if element.text and element.text.strip():
            texts.add(element.text.strip())
        for child in element:
            walk(child)
            if child.tail and child.tail.strip():
                texts.add(child.tail.strip())

    walk(parse(response))
    return texts


def english_phrases(texts: set[str]) -> set[str]:
    return {text for text in texts if PHRASE.search(text)}


def live_pages(language):
    return Page.objects.live().filter(depth__gte=2, locale__language_code=language).specific()


def test_the_check_sees_captions_alt_texts_and_snippets(client):
    """The English Botox page offers the phrases the check must find elsewhere."""
    botox = live_pages("en").get(slug="botox")

    phrases = english_phrases(visible_texts(client.get(botox.url)))

    assert "Forehead lines, two weeks after treatment" in phrases  # a gallery caption
    assert "Before treatment" not in phrases  # two words: too short to be a phrase
    assert any("Ask a coordinator" in phrase for phrase in phrases)  # the action's label
    assert len(phrases) > 40


@pytest.mark.parametrize("language", [code for code in SITE_LANGUAGES if code != "en"])
def test_translated_pages_show_no_english_phrase(client, language):
    english_pages = {page.translation_key: page for page in live_pages("en")}
    pages = list(live_pages(language))
    assert len(pages) == len(english_pages)

    left_in_english = {}
    for page in pages:
        english_texts = english_phrases(
            visible_texts(client.get(english_pages[page.translation_key].url))
        )
        shown = visible_texts(client.get(page.url))
        if leftovers := sorted(english_texts & shown):
            left_in_english[page.url] = leftovers

    assert left_in_english == {}
