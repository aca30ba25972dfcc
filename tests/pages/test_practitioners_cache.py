"""The practitioners of a treatment page are cached, and never shown stale once a change is
committed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pages.models import Practitioner

from .helpers import committed, english, translation_of

pytestmark = pytest.mark.django_db


def test_a_second_view_reads_the_practitioners_from_the_cache(client):
    page = translation_of(english(), "ar")
    client.get(page.url)

    with CaptureQueriesContext(connection) as queries:
        client.get(page.url)

    assert not [q for q in queries if "pages_treatmentpractitioner" in q["sql"]]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_changed_practitioner_shows_at_once(client, language):
    page = translation_of(english(), language)
    client.get(page.url)
    practitioner = page.localized_practitioners()[0]

    practitioner = Practitioner.objects.get(pk=practitioner.pk)
    practitioner.name = "Dr Renamed Practitioner"
    with committed():
        practitioner.save()

    assert "Dr Renamed Practitioner" in client.get(page.url).content.decode()


def test_publishing_the_page_with_another_practitioner_shows_them(client):
    page = english()
    client.get(page.url)
    shown = {p.pk for p in page.localized_practitioners()}
    assert len(shown) == 2

    with committed():
        page.practitioners.first().delete()
        page.save_revision().publish()

    assert {p.pk for p in page.localized_practitioners()} != shown
