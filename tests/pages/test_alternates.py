"""hreflang alternates, canonical links and the language switcher."""

import pytest
from django.db import transaction

from pages.models import TreatmentPage

from ..conftest import SITE_LANGUAGES
from .helpers import english, links, parse, translation_of

pytestmark = pytest.mark.django_db


def switcher_links(tree):
    nav = next(n for n in tree.iter("nav") if n.get("class") == "language-switcher")
    return {a.get("hreflang"): a.get("href") for a in nav.iter("a")}


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_hreflang_links_point_at_each_translation(client, language):
    page = translation_of(english(), language)

    tree = parse(client.get(page.url))

    alternates = links(tree, "alternate")
    for code in SITE_LANGUAGES:
        assert alternates[code] == translation_of(page, code).full_url
    assert alternates["x-default"] == english().full_url
    canonical = next(link for link in tree.iter("link") if link.get("rel") == "canonical")
    assert canonical.get("href") == page.full_url


@pytest.mark.parametrize("language", ["en", "ar"])
def test_switcher_links_to_the_same_page_in_every_other_language(client, language):
    page = translation_of(english(), language)

    tree = parse(client.get(page.url))

    expected = {code: translation_of(page, code).url for code in SITE_LANGUAGES if code != language}
    assert switcher_links(tree) == expected


def test_unpublished_translation_is_not_linked(client):
    german = translation_of(english(), "de")
    with transaction.atomic():
        german.unpublish()

    tree = parse(client.get(english().url))

    assert "de" not in links(tree, "alternate")
    assert "de" not in switcher_links(tree)
    assert client.get(german.url).status_code == 404


def test_page_missing_in_a_language_is_not_linked(client):
    german = translation_of(english(), "de")
    german_url = german.url
    TreatmentPage.objects.filter(pk=german.pk).delete()

    tree = parse(client.get(english().url))

    assert "de" not in switcher_links(tree)
    assert german_url not in client.get(english().url).content.decode()
