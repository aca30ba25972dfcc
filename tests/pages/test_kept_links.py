"""pages/models/base.py kept_links: a page's links (its translations, the related treatments,
the form's treatment list) are kept by each process between requests, and never shown stale
once a page is published, unpublished or deleted, nor taken from a preview."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pages.models import TreatmentPage

from .helpers import committed, english, translation_of

pytestmark = pytest.mark.django_db


def links_queries(queries):
    # The one query for a page's links selects translation keys; routing selects by url_path.
    return [q for q in queries if '"wagtailcore_page"."translation_key" IN' in q["sql"]]


def related_titles(body: str) -> str:
    return body.split('id="related-heading"', 1)[1].split("</section>", 1)[0]


def test_a_second_view_runs_no_links_query(client):
    page = translation_of(english(), "ar")
    with CaptureQueriesContext(connection) as first:
        client.get(page.url)

    with CaptureQueriesContext(connection) as second:
        assert client.get(page.url).status_code == 200

    assert len(links_queries(first)) == 1
    assert links_queries(second) == []


def test_an_unpublished_translation_leaves_the_switcher_at_once(client):
    page = english()
    german = translation_of(page, "de")
    assert 'hreflang="de"' in client.get(page.url).text

    with committed():
        german.unpublish()

    body = client.get(page.url).text
    assert 'hreflang="de"' not in body
    assert 'hreflang="ar"' in body


def test_a_related_treatment_renamed_and_published_shows_at_once(client):
    page = english()
    related = page.related_treatments.first().treatment
    assert related.title in related_titles(client.get(page.url).text)

    related.title = "Renamed Treatment"
    with committed():
        related.save_revision().publish()

    assert "Renamed Treatment" in related_titles(client.get(page.url).text)


def test_a_preview_of_other_related_treatments_never_shows_on_the_live_page(client, editor_client):
    page = english()
    live = related_titles(client.get(page.url).text)
    other = TreatmentPage.objects.live().filter(locale=page.locale).exclude(pk=page.pk)
    unrelated = other.exclude(
        pk__in=[link.treatment_id for link in page.related_treatments.all()]
    ).first()
    draft = page.get_latest_revision_as_object()
    draft.related_treatments = [draft.related_treatments.model(treatment=unrelated)]
    revision = draft.save_revision()
    with committed():  # as after any publication: the live page's links are read again
        translation_of(page, "de").save_revision().publish()

    preview = editor_client.get(
        reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk])
    )
    assert unrelated.title in related_titles(preview.text)

    assert related_titles(client.get(page.url).text) == live
