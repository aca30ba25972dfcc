"""Every page links the privacy notice in its own language, in the footer and the form."""

import pytest

from pages.models import HomePage, StandardPage

from ..conftest import SITE_LANGUAGES
from .helpers import english, links, parse, translation_of

pytestmark = pytest.mark.django_db


def privacy_links(response):
    tree = parse(response)
    footer = next(tree.iter("footer"))
    form_note = [a for p in tree.iter("p") if p.get("class") == "note" for a in p.iter("a")]
    return [a.get("href") for a in footer.iter("a")], [a.get("href") for a in form_note]


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_pages_link_the_privacy_notice_in_their_language(client, language):
    notice = translation_of(english(StandardPage, "privacy"), language)
    treatment = translation_of(english(), language)

    footer, form = privacy_links(client.get(treatment.url))

    assert footer == [notice.url]
    assert form == [notice.url]


def test_privacy_notice_page_keeps_its_translations_and_links_itself(client):
    notice = translation_of(english(StandardPage, "privacy"), "ar")

    tree = parse(client.get(notice.url))

    footer = next(tree.iter("footer"))
    assert [a.get("href") for a in footer.iter("a")] == [notice.url]
    assert set(links(tree, "alternate")) == {*SITE_LANGUAGES, "x-default"}


def test_a_replaced_privacy_notice_is_linked(client):
    home = english(HomePage, "home")
    client.get(home.url)  # the notice's identity is now cached
    old = english(StandardPage, "privacy")
    for page in StandardPage.objects.filter(translation_key=old.translation_key):
        page.delete()
    new = home.add_child(instance=StandardPage(title="Privacy", slug="privacy", live=False))
    new.save_revision().publish()

    footer, _form = privacy_links(client.get(home.url))

    assert new.translation_key != old.translation_key
    assert footer == [new.url]
