"""sitemap.xml lists every published page in every language, with alternates; robots.txt
points to it."""

import xml.etree.ElementTree as ET

import pytest
from wagtail.models import Page

from .helpers import english, translation_of

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def read_sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.findtext("s:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", namespaces=NS)
        }
        for url in root.findall("s:url", namespaces=NS)
    }


def test_sitemap_lists_every_live_page_in_every_language(client):
    entries = read_sitemap(client)

    live = Page.objects.live().filter(depth__gte=2)
    assert set(entries) == {page.full_url for page in live}
    assert len(entries) == live.count() == 9 * 8  # 9 pages in 8 languages


def test_sitemap_entries_carry_their_alternates(client):
    entries = read_sitemap(client)

    botox = english()
    alternates = entries[translation_of(botox, "ar").full_url]
    assert alternates["de"] == translation_of(botox, "de").full_url
    assert alternates["x-default"] == botox.full_url
    assert len(alternates) == 9


def test_sitemap_leaves_out_unpublished_pages(client):
    german = translation_of(english(), "de")
    german.unpublish()

    entries = read_sitemap(client)

    assert german.full_url not in entries
    assert "de" not in entries[english().full_url]


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert "Sitemap: http://localhost/sitemap.xml" in response.content.decode()
