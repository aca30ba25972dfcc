"""pages/navigation.py and the header: a main navigation in every language, breadcrumbs on
treatment pages, and the switcher and privacy link on pages that are not Wagtail pages."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from pages import navigation
from pages.models import ContactPage, StandardPage, TreatmentIndexPage
from tests.pages.helpers import committed, english, parse, translation_of

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def main_nav(tree):
    [nav] = [nav for nav in tree.iter("nav") if nav.get("class") == "main-nav"]
    return nav


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_links_to_treatments_about_and_contact_in_its_language(client, language):
    page = translation_of(english(), language)
    tree = parse(client.get(page.url))

    nav = main_nav(tree)
    hrefs = [a.get("href") for a in nav.iter("a")]
    index = translation_of(english(TreatmentIndexPage, "treatments"), language)
    about = translation_of(english(StandardPage, "about"), language)
    contact = ContactPage.objects.get(locale__language_code=language)
    assert hrefs[0] == index.url
    assert about.url in hrefs and contact.url in hrefs
    # The categories lead to their sections on the index page, which exist.
    anchors = [href.split("#")[1] for href in hrefs if "#" in href]
    index_tree = parse(client.get(index.url))
    assert anchors and set(anchors) <= {h.get("id") for h in index_tree.iter("h2")}
    # The page is inside "Treatments": marked as such.
    [treatments_link] = [a for a in nav.iter("a") if a.get("href") == index.url]
    assert treatments_link.get("aria-current") == "true"
    assert all(a.text.strip() for a in nav.iter("a"))


def test_the_treatment_page_has_breadcrumbs_home_treatments_page(client):
    page = translation_of(english(), "ar")
    tree = parse(client.get(page.url))

    [crumbs] = [nav for nav in tree.iter("nav") if nav.get("class") == "breadcrumbs"]
    links = [(a.get("href"), a.get("aria-current")) for a in crumbs.iter("a")]
    index = translation_of(english(TreatmentIndexPage, "treatments"), "ar")
    assert links == [("/ar/", None), (index.url, None), (page.url, "page")]


@pytest.mark.parametrize("language", ["de", "fa"])
def test_the_thank_you_and_404_pages_have_the_switcher_and_the_privacy_link(client, language):
    with translation.override(language):
        thanks = client.get(reverse("enquiries:thanks"))
    missing = client.get(f"/{language}/no-such-page/")

    for response in (thanks, missing):
        tree = parse(response)
        switcher = [nav for nav in tree.iter("nav") if nav.get("class") == "language-switcher"]
        assert switcher, response.status_code
        assert len(list(switcher[0].iter("a"))) == len(LANGUAGES) - 1
        footer_links = [a.get("href") for a in tree.find(".//footer").iter("a")]
        assert footer_links and footer_links[0].startswith(f"/{language}/")
    with translation.override("ar"):
        arabic_thanks = reverse("enquiries:thanks")
    assert arabic_thanks in thanks.content.decode()


def test_the_home_page_title_names_the_site_once(client):
    title = parse(client.get("/en/")).find(".//title").text
    assert title.count(settings.WAGTAIL_SITE_NAME) == 1


def test_a_published_change_shows_in_the_navigation(client):
    about = english(StandardPage, "about")
    navigation.for_language("en")  # cached
    about.title = "Who we are"
    with committed():
        about.save_revision().publish()

    assert "Who we are" in [item.title for item in navigation.for_language("en").items]
