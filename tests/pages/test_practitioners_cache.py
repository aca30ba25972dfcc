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


def test_a_preview_never_puts_its_practitioners_on_the_live_page(client):
    page = english()
    live = {p.pk for p in page.localized_practitioners()}
    with committed():  # the live page's cached list is gone, as after any change
        Practitioner.objects.get(pk=min(live)).save()
    draft = page.get_latest_revision_as_object()
    draft.practitioners = [
        link for link in draft.practitioners.all() if link.practitioner_id != min(live)
    ]

    draft.make_preview_request()

    assert {p.pk for p in english().localized_practitioners()} == live
    assert all(
        f">{p.name}<" in client.get(page.url).content.decode()
        for p in Practitioner.objects.filter(pk__in=live)
    )
