"""Reading rendered pages in tests."""

import json
import threading

import html5lib
from django.db import connections
from django.test import TestCase
from wagtail.models import Locale

from pages.models import TreatmentPage


def parse(response):
    """The response as an element tree; html5lib raises on markup it would have to repair."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(response.content.decode())


def translation_of(page, language_code):
    return page.get_translation(Locale.objects.get(language_code=language_code)).specific


def english(model=TreatmentPage, slug="botox"):
    return model.objects.get(locale__language_code="en", slug=slug)


def links(tree, rel):
    return {
        link.get("hreflang"): link.get("href")
        for link in tree.iter("link")
        if link.get("rel") == rel
    }


def json_ld(tree):
    return [
        json.loads(script.text)
        for script in tree.iter("script")
        if script.get("type") == "application/ld+json"
    ]


def in_another_connection(function):
    """`function()` run in a thread of its own, so with its own database connection (as
    another visitor's request): it sees only what is committed."""
    results = []

    def run():
        try:
            results.append(function())
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return results[0]


def committed():
    """The change's transaction commits, as in the admin (a test's own never does): what
    runs on commit (cache purges) runs when this block ends."""
    return TestCase.captureOnCommitCallbacks(execute=True)
