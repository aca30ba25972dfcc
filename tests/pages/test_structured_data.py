"""schema.org JSON-LD and Open Graph tags on treatment pages."""

import pytest

from ..conftest import SITE_LANGUAGES
from .helpers import english, json_ld, parse, translation_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_json_ld_parses_and_names_the_procedure(client, language):
    page = translation_of(english(), language)

    documents = json_ld(parse(client.get(page.url)))

    web_page = next(d for d in documents if d["@type"] == "MedicalWebPage")
    assert web_page["about"]["@type"] == "MedicalProcedure"
    assert web_page["about"]["name"] == page.title
    assert web_page["inLanguage"] == language
    assert web_page["url"] == page.full_url
    assert web_page["lastReviewed"] == "2026-09-14"
    assert web_page["reviewedBy"]["name"] == page.reviewed_by.name
    faq = next(d for d in documents if d["@type"] == "FAQPage")
    assert [q["name"] for q in faq["mainEntity"]] == [b.value["question"] for b in page.faq]


def test_json_ld_cannot_be_broken_out_of_by_page_text(client):
    page = english()
    page.summary = "</script><script>alert(1)</script>"
    page.save_revision().publish()

    body = client.get(page.url).content.decode()

    assert "<script>alert(1)" not in body
    documents = json_ld(parse(client.get(page.url)))
    assert documents[0]["description"] == "</script><script>alert(1)</script>"


def test_open_graph_tags(client):
    page = translation_of(english(), "fr")

    tree = parse(client.get(page.url))

    og = {m.get("property"): m.get("content") for m in tree.iter("meta") if m.get("property")}
    assert og["og:title"] == page.title
    assert og["og:type"] == "article"
    assert og["og:url"] == page.full_url
    assert og["og:locale"] == "fr"
    assert og["og:image"].startswith("http")
